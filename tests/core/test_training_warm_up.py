"""Live probes compile before training starts, not in the first live frames.

The first runs of a probe trace and compile it, holding the GIL on the engine
thread; done in the first frames, that froze the window as the Training tab
began drawing (benchmarks/gui_stall.py). ``LiveProbes.warm_up`` runs them
before ``fit``; these tests check that the frames afterwards trace nothing.
"""

from _training_models import Recorder, bright_dark, tiny_cnn
from dlviz.core.probes import histograms
from dlviz.core.training import live_callback
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.live_probes import LiveProbes, probe_batch
from dlviz.core.training.session import TrainingSession


def probes_of(model):
    data = bright_dark()
    x, y = probe_batch(data.x_train, data.y_train, 8)
    return LiveProbes(model, x, y, image=data.x_train[0], image_name="first",
                      class_names=data.class_names)


def traces(probes) -> dict:
    """How often each of the probes' compiled functions was traced so far."""
    counter = histograms._COUNTERS[probes.model][histograms.BINS]
    return {"maps": probes._extractor._forward.experimental_get_tracing_count(),
            "grads": probes._gradient_probe()._step.experimental_get_tracing_count(),
            "weights": counter._step.experimental_get_tracing_count()}


def test_after_warm_up_every_group_runs_compiled_without_tracing_again():
    probes = probes_of(tiny_cnn())
    seconds = probes.warm_up()
    assert seconds > 0
    # The extractor's one eager call is spent; each pass is traced once.
    assert probes._extractor._eager_calls == 0
    assert traces(probes) == {"maps": 1, "grads": 1, "weights": 1}
    results = {group: probes.compute(group) for group in ("maps", "grads", "weights")}
    assert traces(probes) == {"maps": 1, "grads": 1, "weights": 1}
    # Warming up is forgotten: the run's first frames show every kind, the
    # secondary ones (activation histograms) too.
    assert set(results["maps"]) == {"feature_maps", "activation_histograms"}
    assert set(results["grads"]) == {"gradient_norms", "dead_units"}
    assert set(results["weights"]) == {"filters", "weight_histograms"}


def test_a_group_is_run_no_more_than_asked():
    probes = probes_of(tiny_cnn())
    runs = []
    original = probes.compute
    probes.compute = lambda group: runs.append(group) or original(group)
    probes.warm_up(runs=1)
    assert sorted(runs) == ["grads", "maps", "weights"]


def test_a_session_warms_its_probes_before_it_says_training_started(monkeypatch):
    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 1e9)
    record, seen = Recorder(), {}
    original = LiveProbes.warm_up

    def warm_up(self, *args, **kwargs):
        seen["events before"] = [type(e).__name__ for e in record.events]
        seen["probes"] = self
        return original(self, *args, **kwargs)

    monkeypatch.setattr(LiveProbes, "warm_up", warm_up)
    config = TrainingConfig(epochs=1, batch_size=16, validation_split=0.0, learning_rate=0.01)
    TrainingSession(tiny_cnn(), bright_dark(64), config, emit=record,
                    budget=ProbeBudget(0.9, max_fps=1e6)).run()
    assert seen["events before"] == []
    frames = record.of("LiveFrame")
    assert frames and any("feature_maps" in f.results for f in frames)
    # The frames during fit reused the pass compiled before it.
    extractor = seen["probes"]._extractor
    assert extractor._forward.experimental_get_tracing_count() == 1


def test_a_session_without_live_views_compiles_no_probe(monkeypatch):
    called = []
    monkeypatch.setattr(LiveProbes, "warm_up", lambda self, *a, **k: called.append(1) or 0.0)
    config = TrainingConfig(epochs=1, batch_size=16, validation_split=0.0, learning_rate=0.01)
    record = Recorder()
    TrainingSession(tiny_cnn(), bright_dark(32), config, emit=record,
                    budget=ProbeBudget(0.0)).run()
    assert called == []
    assert record.of("TrainingStopped")[0].reason == "finished"


def test_a_probe_failing_while_warming_up_ends_the_run_with_its_message(monkeypatch):
    def fail(self, group):
        raise RuntimeError("the probe broke")

    monkeypatch.setattr(LiveProbes, "compute", fail)
    config = TrainingConfig(epochs=1, batch_size=16, validation_split=0.0, learning_rate=0.01)
    record = Recorder()
    result = TrainingSession(tiny_cnn(), bright_dark(32), config, emit=record,
                             budget=ProbeBudget(0.5)).run()
    assert result.reason == "error" and "the probe broke" in result.message
    assert record.of("TrainingStopped") == [result]


def test_the_first_validation_reuses_the_step_traced_before_fit(monkeypatch):
    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 1e9)
    model = tiny_cnn()
    traced = []
    own_step = model.test_step

    def test_step(data):   # runs in Python only while TensorFlow traces the step
        traced.append(1)
        return own_step(data)

    model.test_step = test_step
    seen = {}

    def record(event):
        name = type(event).__name__
        if name in ("BatchEnded", "EpochEnded"):
            seen.setdefault(name, len(traced))

    config = TrainingConfig(epochs=1, batch_size=16, validation_split=0.25, learning_rate=0.01)
    result = TrainingSession(model, bright_dark(64), config, emit=record,
                             budget=ProbeBudget(0.5)).run()
    assert result.reason == "finished"
    # Traced before the first batch; the epoch's validation traced nothing more.
    assert seen["BatchEnded"] >= 1
    assert seen["EpochEnded"] == seen["BatchEnded"]


def test_gradients_read_from_the_training_step_build_no_probe_pass(monkeypatch):
    from dlviz.core.probes import gradients

    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 1e9)
    built = []
    original = gradients.GradientProbe.__init__

    def init(self, *args, **kwargs):   # a second model and its graph: 0.1-0.3 s of the GIL
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(gradients.GradientProbe, "__init__", init)
    record = Recorder()
    config = TrainingConfig(epochs=2, batch_size=16, validation_split=0.0, learning_rate=0.01)
    session = TrainingSession(tiny_cnn(), bright_dark(64), config, emit=record,
                              budget=ProbeBudget(0.9, max_fps=1e6))
    session.run()
    frames = [f for f in record.of("LiveFrame") if "gradient_norms" in f.results]
    assert frames and set(frames[0].results["gradient_norms"].norms) == {
        "conv", "hidden", "predictions"}
    assert built == []


def test_a_stop_asked_while_warming_up_skips_the_rest():
    from dlviz.core.training.control import TrainingControl

    data = bright_dark()
    control = TrainingControl()
    probes = LiveProbes(tiny_cnn(), *probe_batch(data.x_train, data.y_train, 8),
                        image=data.x_train[0], control=control)
    runs = []
    original = probes.compute

    def compute(group):
        runs.append(group)
        control.stop()   # the person pressed Stop during the first group's compiling
        return original(group)

    probes.compute = compute
    probes.warm_up()
    assert runs == ["maps"]
