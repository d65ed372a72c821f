"""Live frames while training: contents, probe requests, budget; LeNet-5 learns."""

import threading

import numpy as np
import pytest

from _training_models import Recorder, bright_dark, tiny_cnn
from dlviz.core.probes.registry import live_kinds
from dlviz.core.training import live_callback
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.live_probes import probe_batch
from dlviz.core.training.session import TrainingSession


@pytest.fixture(autouse=True)
def every_batch_event(monkeypatch):
    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 1e9)


def config(**changes):
    return TrainingConfig(**{**dict(epochs=3, batch_size=16, validation_split=0.25,
                                    learning_rate=0.01), **changes})


def generous():
    # Tiny models train in microseconds per batch: let probes run freely.
    return ProbeBudget(0.9, max_fps=1e6)


def test_live_frames_carry_every_view():
    record, model = Recorder(), tiny_cnn()
    control = TrainingControl()
    TrainingSession(model, bright_dark(), config(), emit=record, control=control,
                    budget=generous()).run()
    frames = record.of("LiveFrame")
    assert len(frames) >= 3
    grads = next(f.results for f in frames if "gradient_norms" in f.results)
    norms = grads["gradient_norms"].norms
    assert set(norms) == {"conv", "hidden", "predictions"}
    assert all(np.isfinite(v) and v >= 0 for v in norms.values())
    dead = grads["dead_units"].fractions
    assert set(dead) == {"conv", "hidden"}
    assert all(0.0 <= v <= 1.0 for v in dead.values())
    maps = next(f.results for f in frames if "feature_maps" in f.results)
    analysis = maps["feature_maps"]
    assert [m.path for m in analysis.maps.layers] == ["conv", "pool"]
    assert analysis.predictions is not None
    assert analysis.source_name.startswith("training image 0")
    activations = maps["activation_histograms"]
    assert activations.of == "activations" and set(activations.layers) == {"conv", "pool"}
    weights = next(f.results for f in frames if "weight_histograms" in f.results)
    assert weights["filters"].path == "conv" and weights["filters"].kind == "grid"
    assert weights["weight_histograms"].of == "weights"
    assert set(weights["weight_histograms"].layers) == {"conv", "hidden", "predictions"}
    for counts, edges in [*weights["weight_histograms"].layers.values(),
                          *activations.layers.values()]:
        assert counts.shape == (32,) and edges.shape == (33,)
        assert counts.dtype == np.float32 and edges.dtype == np.float32
    assert all(f.probe_seconds > 0 and 0 < f.probe_share for f in frames)
    assert all(set(f.results) <= {k.name for k in live_kinds()} for f in frames)
    steps = [f.global_step for f in frames]
    assert steps == sorted(steps)


def test_a_probe_request_is_answered_within_the_next_batches():
    control, record = TrainingControl(), Recorder()
    image = np.linspace(0, 1, 64, dtype=np.float32).reshape(8, 8, 1)
    record.actions[12] = lambda: threading.Thread(
        target=control.request_probe, args=(image, "dropped.png")).start() or \
        _wait_pending(control)
    TrainingSession(tiny_cnn(), bright_dark(), config(), emit=record, control=control,
                    budget=generous()).run()
    answered = [f for f in record.of("LiveFrame") if "feature_maps" in f.results
                and f.results["feature_maps"].source_name == "dropped.png"]
    assert answered and answered[0].global_step <= 14
    np.testing.assert_allclose(answered[0].results["feature_maps"].maps.input.shown, image)
    assert not control.probe_pending


def _wait_pending(control):
    for _ in range(500):
        if control.probe_pending:
            return
        threading.Event().wait(0.01)


def test_a_probe_request_while_paused_is_answered_during_the_pause():
    control, record = TrainingControl(), Recorder()
    image = np.full((8, 8, 1), 0.5, np.float32)

    def pause_and_drop():
        control.pause()
        control.request_probe(image, "while paused")
        threading.Timer(0.5, control.resume).start()

    record.actions[4] = pause_and_drop
    result = TrainingSession(tiny_cnn(), bright_dark(), config(), emit=record,
                             control=control, budget=ProbeBudget(0.0)).run()
    assert result.reason == "finished"
    frames = record.of("LiveFrame")
    assert [f.results["feature_maps"].source_name for f in frames] == ["while paused"]
    assert frames[0].global_step == 4


def test_default_budget_keeps_probe_share_near_five_percent():
    record = Recorder()
    session = TrainingSession(tiny_cnn(), bright_dark(n=480), config(epochs=6),
                              emit=record)
    session.run()
    budget = session.callback.budget
    biggest = max((f.probe_seconds for f in record.of("LiveFrame")), default=0.0)
    assert budget.probe_seconds <= 0.05 * budget.training_seconds + biggest + 0.05


def test_probe_batch_is_fixed_and_covers_the_classes():
    x = np.arange(100, dtype=np.float32).reshape(100, 1, 1, 1)
    y = np.arange(100) % 5
    a, b = probe_batch(x, y, 16, seed=3), probe_batch(x, y, 16, seed=3)
    assert np.array_equal(a[0], b[0]) and len(a[0]) == 16
    assert set(a[1].tolist()) == set(range(5))
    small = probe_batch(x[:4], y[:4], 16)
    assert len(small[0]) == 4


@pytest.mark.slow
def test_lenet5_learns_the_digits_through_a_training_session():
    from dlviz.core.data import load_digits_split
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.zoo import create

    import_keras().utils.set_random_seed(0)
    data = load_digits_split()
    model = create("lenet5-modern").build()
    record = Recorder()
    result = TrainingSession(model, data, TrainingConfig(
        epochs=25, batch_size=32, optimizer="adam", learning_rate=2e-3,
        validation_split=0.1), emit=record).run()
    assert result.reason == "finished", result.message
    predicted = model.predict(data.x_test, verbose=0).argmax(axis=1)
    accuracy = float((predicted == data.y_test).mean())
    assert accuracy >= 0.95, accuracy
    assert record.of("LiveFrame")
