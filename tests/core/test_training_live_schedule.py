"""Staggered live probes: watched views every frame, glanced-at ones once in a while."""

import numpy as np
import pytest

from _training_models import bright_dark, tiny_cnn
from dlviz.core.probes.histograms import histogram
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.live_callback import LiveCallback
from dlviz.core.training import live_probes
from dlviz.core.training.live_probes import GROUP_SECONDS, HIDDEN_SECONDS, KIND_SECONDS, LiveProbes


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_kind_with_an_interval_runs_at_most_once_per_interval():
    clock = FakeClock()
    budget = ProbeBudget(0.5, max_fps=1e6, clock=clock, intervals={"weights": 2.0})
    budget.record("maps", 0.001)
    budget.record("weights", 0.001)
    clock.now = 1.0
    assert budget.plan(["weights", "maps"]) == ("maps",)   # weights ran 1 s ago
    clock.now = 2.5
    assert budget.plan(["weights", "maps"]) == ("weights", "maps")
    assert budget.due("never_ran")
    budget.record("weights", 0.001)
    clock.now = 3.0     # a person waits for the weights' view (picked a layer)
    assert budget.plan(["weights", "maps"], urgent=True, waited_for=["weights"]) == \
        ("weights", "maps")
    assert budget.plan(["weights", "maps"]) == ("maps",)
    assert budget.plan(["weights", "maps"], waited_for=["weights"]) == ("maps",)  # not urgent


def test_the_callback_takes_the_probes_intervals_unless_the_budget_has_its_own():
    data = bright_dark(n=32)
    probes = LiveProbes(tiny_cnn(), data.x_train[:8], data.y_train[:8], image=data.x_train[0])
    assert probes.intervals == {g: s for g, s in GROUP_SECONDS.items() if g in probes.kinds}
    assert "maps" not in probes.intervals and probes.intervals   # the watched view: every frame
    assert LiveCallback(lambda e: None, probes=probes).budget.intervals == probes.intervals
    own = ProbeBudget(intervals={})
    assert LiveCallback(lambda e: None, probes=probes, budget=own).budget.intervals == {}


def test_a_staggered_kind_is_computed_on_the_pass_of_the_frame_it_joins():
    clock = FakeClock()
    data = bright_dark(n=32)
    model = tiny_cnn()
    probes = LiveProbes(model, data.x_train[:8], data.y_train[:8], image=data.x_train[0],
                        clock=clock)
    first = probes.compute("maps")
    assert set(first) == {"feature_maps", "activation_histograms"}
    # The weights change (as a training step would change them) ...
    model.get_layer("conv").set_weights([w * 1.5 for w in model.get_layer("conv").get_weights()])
    clock.now = KIND_SECONDS["activation_histograms"] / 2
    assert set(probes.compute("maps")) == {"feature_maps"}          # not due yet
    clock.now = KIND_SECONDS["activation_histograms"] + 0.01
    joined = probes.compute("maps")
    assert set(joined) == {"feature_maps", "activation_histograms"}
    # ... and the histograms that join describe this frame's maps, on the new weights.
    for layer in joined["feature_maps"].maps.layers:
        counts, edges = joined["activation_histograms"].layers[layer.path]
        expected_counts, expected_edges = histogram(layer.values)
        np.testing.assert_array_equal(counts, expected_counts)
        np.testing.assert_allclose(edges, expected_edges)
    old_edges = first["activation_histograms"].layers["conv"][1]   # 1.5 x the weights:
    np.testing.assert_allclose(joined["activation_histograms"].layers["conv"][1],
                               1.5 * old_edges, rtol=1e-5, atol=1e-6)   # 1.5 x the range


def test_a_new_probe_input_shows_in_full_at_once():
    clock = FakeClock()
    data = bright_dark(n=32)
    probes = LiveProbes(tiny_cnn(), data.x_train[:8], data.y_train[:8], image=data.x_train[0],
                        clock=clock)
    probes.compute("maps")
    probes.set_image(data.x_train[1], "another")
    shown = probes.compute("maps")
    assert set(shown) == {"feature_maps", "activation_histograms"}
    assert shown["feature_maps"].source_name == "another"


def test_views_off_screen_refresh_rarely_and_a_view_coming_on_screen_at_once():
    data = bright_dark(n=32)
    probes = LiveProbes(tiny_cnn(), data.x_train[:8], data.y_train[:8], image=data.x_train[0])
    maps_only = probes.intervals_for({"feature_maps"})
    assert "maps" not in maps_only                       # on screen: every frame it can
    assert maps_only["weights"] == maps_only["grads"] == HIDDEN_SECONDS
    filters = probes.intervals_for({"filters", "activation_histograms"})
    assert filters["weights"] == GROUP_SECONDS["weights"] and "maps" not in filters
    assert probes.intervals_for(None) == probes.intervals


def test_a_run_watching_the_feature_maps_spends_its_frames_on_them(monkeypatch):
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.control import TrainingControl
    from dlviz.core.training.session import TrainingSession

    monkeypatch.setattr(live_probes, "HIDDEN_SECONDS", 1e6)   # never again within this run
    control = TrainingControl()
    control.show_views(["feature_maps"])
    frames = []
    TrainingSession(tiny_cnn(), bright_dark(n=160),
                    TrainingConfig(epochs=2, batch_size=8, validation_split=0.0),
                    emit=lambda e: frames.append(e) if type(e).__name__ == "LiveFrame" else None,
                    control=control, budget=ProbeBudget(0.9, max_fps=1e6)).run()
    maps = [f for f in frames if "feature_maps" in f.results]
    weights = [f for f in frames if "weight_histograms" in f.results]
    assert len(weights) == 1 and len(maps) >= 10    # weights once (the first picture)


def test_within_a_group_a_kind_off_screen_joins_rarely():
    from dlviz.core.training.control import TrainingControl

    clock, control = FakeClock(), TrainingControl()
    data = bright_dark(n=32)
    probes = LiveProbes(tiny_cnn(), data.x_train[:8], data.y_train[:8], image=data.x_train[0],
                        control=control, clock=clock)
    control.show_views(["feature_maps"])
    probes.compute("maps")                                   # both, the first time
    clock.now = KIND_SECONDS["activation_histograms"] + 0.01
    assert set(probes.compute("maps")) == {"feature_maps"}   # histograms off screen
    control.show_views(["activation_histograms"])   # on screen: at once; the maps wait now
    assert set(probes.compute("maps")) == {"activation_histograms"}


def test_slow_batch_bookkeeping_does_not_starve_the_live_views():
    """Sending each batch's event is paid whether or not a view is watched; charged in
    full to the share it alone outran it on a fast model, and the views stopped: the
    budget charges it only down to the probes' floor."""
    import time

    data = bright_dark(n=96)
    model = tiny_cnn()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    frames = []

    def emit(event):          # a slow listener: 2 ms per event, far over 5 % of a batch
        if type(event).__name__ == "LiveFrame":
            frames.append(event)
        time.sleep(0.002)

    probes = LiveProbes(model, data.x_train[:8], data.y_train[:8], image=data.x_train[0])
    callback = LiveCallback(emit, probes=probes, budget=ProbeBudget(0.05, max_fps=1e6),
                            batch_size=8, samples=len(data.y_train))
    epochs, steps = 25, len(data.y_train) // 8
    model.fit(data.x_train, data.y_train, batch_size=8, epochs=epochs, verbose=0,
              callbacks=[callback])
    assert callback.spent["events"] > 0.1          # still counted, for the benchmarks
    budget = callback.budget                       # and charged beside the probes
    assert 0.1 < budget.bookkeeping_seconds <= callback.spent["events"]   # (not epoch ends)
    assert sum(callback.group_seconds.values()) == pytest.approx(callback.spent["probes"])
    late = [f for f in frames if f.global_step >= epochs * steps // 2]
    assert len(frames) >= 3 and late, [f.global_step for f in frames]


def test_a_group_with_nothing_new_on_its_second_run_is_priced_by_its_first():
    """The gradients the training step records come once per step: run again at once,
    the "grads" group returns nothing, and that empty run must not price it."""
    import time

    class StepRecorded:
        kinds = ("grads",)
        seconds = [0.03, 0.0]

        def urgent_groups(self, control):
            return ()

        def compute(self, group):
            time.sleep(self.seconds.pop(0))
            return {} if not self.seconds else {"gradient_norms": group}

    frames = []
    callback = LiveCallback(frames.append, probes=StepRecorded(),
                            budget=ProbeBudget(0.9, max_fps=1e6))
    callback._epoch = 0
    callback._live_frame(0)
    assert callback.budget.expected("grads") >= 0.03 and len(frames) == 1


class _PinnedText:
    """A text group whose run on a newly pinned sentence compiles (slow) once."""

    kinds = ("text",)

    def __init__(self, seconds):
        self.seconds = list(seconds)
        self.pending = False

    def urgent_groups(self, control):
        return ("text",) if self.pending else ()

    def take_requests(self, control, groups):
        self.pending = False

    def compute(self, group):
        import time

        time.sleep(self.seconds.pop(0))
        return {"gates": group}


@pytest.mark.parametrize(("new_input", "charged"), [(0.12, False), (0.03, True)],
                         ids=["compiles", "merely-longer"])
def test_a_new_input_that_compiles_again_is_setup_not_a_frame_to_pay(new_input, charged):
    """Pinning a longer sentence while a model trains can compile the probe for a new
    padded length (1.5-4 s with XLA); charged as a frame it would stop the views
    for minutes. Ten times the usual cost on a new input is setup; less is paid."""
    probes = _PinnedText([0.002, 0.002, new_input])
    callback = LiveCallback(lambda e: None, probes=probes,
                            budget=ProbeBudget(0.9, max_fps=1e6))
    callback._epoch = 0
    callback._live_frame(0)                    # first run (setup) and a warm run
    usual = callback.budget.expected("text")
    paid_before = callback.budget.probe_seconds
    probes.pending = True                       # a person pins a new sentence
    callback._live_frame(1, kinds=["text"])
    assert probes.pending is False and not probes.seconds
    paid = callback.budget.probe_seconds - paid_before
    if charged:
        assert paid >= 0.03 and callback.budget.expected("text") > usual
    else:
        assert paid == 0 and callback.budget.expected("text") == usual
        assert callback.spent["probe_setup"] >= 0.12


def test_a_layer_picked_while_it_trains_shows_at_the_next_frame(monkeypatch):
    from dlviz.core.probes.filters import filter_layers
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.control import TrainingControl
    from dlviz.core.training.session import TrainingSession

    # The filters view is off screen, so its group would wait for ever ...
    monkeypatch.setattr(live_probes, "HIDDEN_SECONDS", 1e6)
    model = two_convolutions()
    first, other = filter_layers(model)[:2]
    control = TrainingControl()
    control.show_views(["feature_maps"])
    control.watch_layer(first)
    events = []

    def emit(event):
        events.append(event)
        batches = sum(type(e).__name__ == "BatchEnded" for e in events)
        if type(event).__name__ == "BatchEnded" and batches == 4 and "picked" not in events:
            control.watch_layer(other)   # ... but a person picked a layer there
            events.append("picked")

    TrainingSession(model, bright_dark(n=160),
                    TrainingConfig(epochs=2, batch_size=8, validation_split=0.0),
                    emit=emit, control=control, budget=ProbeBudget(0.9, max_fps=1e6)).run()
    picked = events.index("picked")
    filters = [(i, e.results["filters"].path) for i, e in enumerate(events)
               if type(e).__name__ == "LiveFrame" and "filters" in e.results]
    assert [path for i, path in filters if i < picked] == [first]   # the first picture
    after = [(i, path) for i, path in filters if i > picked]
    assert after and after[0][1] == other
    batches_between = [e for e in events[picked:after[0][0]] if type(e).__name__ == "BatchEnded"]
    assert len(batches_between) <= 1     # shown after the very next batch
    assert not control.layer_pending


def two_convolutions():
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = keras.Input((8, 8, 1))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv1")(inputs)
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv2")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))


def test_the_layer_watched_before_a_run_does_not_put_the_filters_first():
    # The window's control names the Filters view's layer before training
    # starts: the run's starting state, not a person's request. Taken for a
    # request, the first frame was the filters', and a run of a second
    # (two LeNet epochs on 256 digits) ended before the maps had a turn.
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.control import TrainingControl
    from dlviz.core.training.session import TrainingSession

    control = TrainingControl()
    control.watch_layer("conv")
    control.show_views(["feature_maps"])
    frames = []
    TrainingSession(tiny_cnn(), bright_dark(n=64),
                    TrainingConfig(epochs=1, batch_size=16, validation_split=0.0),
                    emit=lambda e: frames.append(e) if type(e).__name__ == "LiveFrame" else None,
                    control=control).run()
    assert frames and "feature_maps" in frames[0].results, [sorted(f.results) for f in frames]


def test_the_callback_times_batches_and_events_by_its_budgets_clock(monkeypatch):
    """One clock for the run: a benchmark that trains two runs in turns stops it
    while the other trains; batch events (at most MAX_BATCH_EVENTS a second)
    then come per second of the run's own time, not of the wall's."""
    from dlviz.core.training import live_callback

    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 8.0)
    clock = FakeClock()
    data = bright_dark(n=64)
    model = tiny_cnn()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    events = []
    callback = LiveCallback(events.append, budget=ProbeBudget(0.0, clock=clock),
                            batch_size=4, samples=len(data.y_train))

    class Tick(live_callback.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            clock.now += 1 / 32         # four batches an eighth of a second, by this clock

    model.fit(data.x_train, data.y_train, batch_size=4, epochs=1, verbose=0,
              callbacks=[Tick(), callback])
    steps = [e.step for e in events if type(e).__name__ == "BatchEnded"]
    assert steps == [0, 4, 8, 12, 15]   # every fourth batch, and the epoch's last
    assert callback._step_time == pytest.approx(1 / 32)
