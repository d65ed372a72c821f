"""TrainingView and its parts, fed synthetic training events built with NumPy."""

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from _image_checks import assert_png_shows_something
from PySide6.QtCore import QTimer

from dlviz.app.views.registry import ResultViews
from dlviz.app.views.series_buffer import SeriesBuffer, SmoothedSeries
from dlviz.app.views.training_messages import stop_message
from dlviz.app.views.training_view import FRAME_MS, TrainingView, eta_text
from dlviz.core.probes.results import DeadUnits, GradientNorms, Histograms
from dlviz.core.training.events import (BatchEnded, EpochEnded, LiveFrame, TrainingStarted,
                                        TrainingStopped)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LAYERS = ("conv1", "conv2", "conv3", "conv4", "dense1", "predictions")


def started(epochs=3, steps=100, device="CPU"):
    return TrainingStarted(epochs=epochs, steps_per_epoch=steps, samples=steps * 32,
                           device=device, trainable_params=61_706)


def batch(g, steps=100, loss=1.0, acc=0.5, eta=72.0):
    return BatchEnded(epoch=g // steps, step=g % steps, global_step=g, loss=loss,
                      metrics={"accuracy": acc}, samples_per_s=1234.0, eta_s=eta)


def histograms(rng, spread=1.0):
    edges = np.linspace(-3, 3, 31, dtype=np.float32)
    out = {}
    for depth, layer in enumerate(LAYERS):
        samples = rng.normal(0, spread / (depth + 1), 2000)
        out[layer] = (np.histogram(samples, edges)[0].astype(np.float32), edges)
    return out


def relu_histograms(rng):
    edges = np.linspace(0, 4, 31, dtype=np.float32)
    return {layer: (np.histogram(rng.exponential(1.0 / (d + 1), 2000), edges)[0]
                    .astype(np.float32), edges) for d, layer in enumerate(LAYERS)}


def frame(g, rng, epoch=0, **extra):
    norms = {layer: 10.0 ** (-depth * 0.8) * np.exp(-g / 400) * (1 + 0.1 * rng.random())
             for depth, layer in enumerate(reversed(LAYERS))}
    norms = {layer: norms[layer] for layer in LAYERS}   # model order, shallow first
    results = {"gradient_norms": GradientNorms(norms),
               "weight_histograms": Histograms("weights", histograms(rng)),
               "activation_histograms": Histograms("activations", relu_histograms(rng)),
               "dead_units": DeadUnits({layer: min(0.9, 0.05 + 0.15 * d)
                                        for d, layer in enumerate(LAYERS)})}
    results.update(extra)
    return LiveFrame(global_step=g, epoch=epoch, results=results)


@pytest.fixture
def view(qtbot):
    widget = TrainingView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    assert not widget._timer.isActive(), "TrainingView left its redraw timer running"
    assert not [t for t in widget.findChildren(QTimer) if t.isActive()]


@pytest.fixture
def results(view):
    """The app's dispatcher over the view's parts, following live as the window does."""
    dispatcher = ResultViews(view.result_views())
    dispatcher.following = lambda: view.scrubber.live
    return dispatcher


def test_series_buffer_doubles_and_returns_views():
    series = SeriesBuffer(capacity=4)
    for i in range(9):
        series.append(i, i * i)
    assert series.capacity == 16 and len(series) == 9
    np.testing.assert_array_equal(series.y, np.arange(9) ** 2)
    assert series.x.base is not None   # a view, not a copy


def test_smoothed_series_is_an_ema_that_skips_nan():
    series = SmoothedSeries(smoothing=0.8)
    values = [1.0, 2.0, np.nan, 4.0]
    for i, v in enumerate(values):
        series.append(i, v)
    expected = [1.0, 0.8 * 1 + 0.2 * 2]
    expected += [expected[-1], 0.8 * expected[-1] + 0.2 * 4]
    np.testing.assert_allclose(series.smoothed.y, expected)


def test_curves_get_every_batch_and_the_smoothed_line(view):
    rng = np.random.default_rng(1)
    losses = 2 * np.exp(-np.arange(250) / 80) + 0.1 * rng.random(250)
    view.on_training_started(started())
    for g, loss in enumerate(losses):
        view.on_batch_ended(batch(g, loss=loss, acc=g / 250))
    view.flush()
    x, y = view.curves.loss.raw_curve.getOriginalDataset()
    assert len(x) == 250
    np.testing.assert_allclose(y, losses)
    np.testing.assert_allclose(x[[0, 99, 249]], [0.01, 1.0, 2.5])   # in epochs
    ema = losses[0]
    for loss in losses[1:]:
        ema = view.curves.loss.batches.smoothing * ema + (1 - view.curves.loss.batches.smoothing) * loss
    assert view.curves.loss.smooth_curve.getOriginalDataset()[1][-1] == pytest.approx(ema)
    assert len(view.curves.accuracy.raw_curve.getOriginalDataset()[0]) == 250


def test_epoch_points_for_train_and_validation(view):
    view.on_training_started(started())
    for epoch, (loss, val) in enumerate([(1.0, 1.1), (0.6, 0.8)]):
        view.on_epoch_ended(EpochEnded(epoch, {"loss": loss, "val_loss": val, "accuracy": 0.7,
                                               "val_accuracy": 0.6}, 3.0))
    view.on_epoch_ended(EpochEnded(2, {"loss": 0.4, "accuracy": 0.9}, 3.0))  # no validation
    view.flush()
    x, y = view.curves.loss.epoch_curve.getOriginalDataset()
    np.testing.assert_allclose(x, [1, 2, 3])
    np.testing.assert_allclose(y, [1.0, 0.6, 0.4])
    np.testing.assert_allclose(view.curves.loss.val_curve.getOriginalDataset()[1], [1.1, 0.8])
    np.testing.assert_allclose(view.curves.accuracy.val_curve.getOriginalDataset()[1], [0.6, 0.6])
    np.testing.assert_allclose(view.curves.accuracy.epoch_curve.getOriginalDataset()[1],
                               [0.7, 0.7, 0.9])


@pytest.mark.parametrize("seconds, text", [(72, "ETA 1 min 12 s"), (45.2, "ETA 45 s"),
                                           (3725, "ETA 1 h 2 min"), (float("nan"), ""),
                                           (-1, "")])
def test_eta_text(seconds, text):
    assert eta_text(seconds) == text


def test_header_shows_epoch_speed_progress_and_eta(view):
    view.on_training_started(started(device="GPU: NVIDIA H100"))
    view.on_batch_ended(batch(149, eta=72.4))
    view.flush()
    assert "epoch 2/3" in view.title.text() and view.rate_label.text() == "1,234 samples/s"
    assert view.progress.value() == 150 and view.progress.maximum() == 300
    assert view.progress.text() == "50 %  ·  ETA 1 min 12 s"
    assert view.device_label.text() == "GPU: NVIDIA H100"


def test_gradient_flow_has_one_line_per_layer_on_a_log_scale(view, results):
    rng = np.random.default_rng(2)
    view.on_training_started(started())
    for g in range(0, 200, 10):
        results.show_frame(frame(g, rng))
    view.flush()
    flow = view.gradient_flow
    assert list(flow.curves) == list(LAYERS)
    x, y = flow.curves["conv1"].getOriginalDataset()
    assert len(x) == 20 and x[-1] == 190
    assert y[-1] == pytest.approx(np.log10(flow.latest["conv1"]))   # stored as log10
    colours = [flow.curves[layer].opts["pen"].color().name() for layer in LAYERS]
    assert len(set(colours)) == len(LAYERS)    # shallow -> deep colours differ
    bars = flow.bars.opts
    assert len(bars["x"]) == len(LAYERS)
    # Bars are drawn from a common base: deeper (bigger-norm) layers are taller.
    assert np.all(np.diff(bars["height"]) > 0)
    assert "vanishing" in flow.hint.text()


def test_histograms_follow_the_chosen_layer(view, results):
    rng = np.random.default_rng(3)
    view.on_training_started(started())
    live = frame(10, rng)
    results.show_frame(live)
    view.flush()
    hist = view.histograms
    assert [hist.layer_combo.itemText(i) for i in range(hist.layer_combo.count())] == list(LAYERS)
    np.testing.assert_array_equal(hist.weight_curve.getOriginalDataset()[1],
                                  live.results["weight_histograms"].layers["conv1"][0])
    hist.layer_combo.setCurrentText("dense1")
    np.testing.assert_array_equal(hist.weight_curve.getOriginalDataset()[1],
                                  live.results["weight_histograms"].layers["dense1"][0])
    np.testing.assert_array_equal(hist.activation_curve.getOriginalDataset()[1],
                                  live.results["activation_histograms"].layers["dense1"][0])
    # A frame without histograms (not due) keeps the last ones and the chosen layer.
    results.show_frame(LiveFrame(global_step=20, epoch=0,
                                  results={"gradient_norms": GradientNorms({"conv1": 1.0})}))
    view.flush()
    assert hist.layer == "dense1"
    np.testing.assert_array_equal(hist.weight_curve.getOriginalDataset()[1],
                                  live.results["weight_histograms"].layers["dense1"][0])


def test_dead_relu_bars(view, results):
    results.show_frame(LiveFrame(global_step=0, epoch=0, results={
        "dead_units": DeadUnits({"conv1": 0.1, "conv2": 0.7, "dense1": 0.0})}))
    view.flush()
    opts = view.dead_relu.bars.opts
    np.testing.assert_allclose(opts["height"], [0.1, 0.7, 0.0])
    assert opts["brushes"][1] != opts["brushes"][0]   # more than half dead: warning colour


def test_scrubber_requests_snapshots_and_returns_to_live(qtbot, view, results):
    view.set_snapshots([100, 0, 200, 300])
    scrubber = view.scrubber
    assert scrubber.live and scrubber.slider.value() == 3
    with qtbot.waitSignal(view.snapshot_requested, timeout=1000) as blocker:
        scrubber.slider.setValue(1)
    assert blocker.args == [100] and not scrubber.live
    # While replaying, live frames do not replace the replayed histograms.
    rng = np.random.default_rng(4)
    snapshot = frame(100, rng)
    results.show_frame(snapshot, live=False)
    results.show_frame(frame(400, rng, dead_units=DeadUnits({"conv1": 0.99})))
    view.flush()
    assert view.dead_relu.fractions == snapshot.results["dead_units"].fractions
    view.set_snapshots([0, 100, 200, 300, 400])   # more snapshots: the replayed one stays
    assert scrubber.current_step() == 100
    with qtbot.waitSignal(view.live_requested, timeout=1000):
        scrubber.live_button.setChecked(True)
    assert scrubber.current_step() == 400
    with qtbot.assertNotEmitted(view.snapshot_requested):
        view.set_snapshots([0, 100, 200, 300, 400, 500])
    assert scrubber.current_step() == 500


@pytest.mark.parametrize("event, level, words", [
    (TrainingStopped("finished", "", 3, final_logs={"loss": 0.1, "val_accuracy": 0.97}),
     "info", ["finished after 3 epochs", "validation accuracy 0.97"]),
    (TrainingStopped("stopped", "", 1), "info", ["Stopped after 1 epoch."]),
    (TrainingStopped("nan", "", 1, restored_weights=True), "warning",
     ["Loss became NaN at step 123; the last good weights were restored. "
      "Try a lower learning rate."]),
    (TrainingStopped("oom", "OOM when allocating tensor", 0), "error",
     ["Out of memory", "smaller batch size", "OOM when allocating tensor"]),
    (TrainingStopped("error", "labels out of range", 0), "error",
     ["Training failed: labels out of range."]),
])
def test_stop_messages_by_reason(view, event, level, words):
    view.on_training_started(started())
    view.on_batch_ended(batch(123))
    view.on_training_stopped(event)
    assert view.banner.isVisible() and view.banner.level == level
    for word in words:
        assert word in view.banner.text()
    assert stop_message(event, 123) == (view.banner.text(), level)


def test_redraws_are_bounded_by_the_timer_not_the_events(qtbot, view, results):
    """20,000 batches: the GUI redraws at most once per frame interval."""
    view.on_training_started(started(epochs=20, steps=1000))
    rng = np.random.default_rng(5)
    losses = 2 * np.exp(-np.arange(20_000) / 5000) + 0.1 * rng.random(20_000)
    template = frame(0, rng)
    start = time.perf_counter()
    handler_s, redraw_s, turn_s, paint_s = [], [], [], []
    for g in range(20_000):
        t = time.perf_counter()
        view.on_batch_ended(batch(g, steps=1000, loss=losses[g]))
        if g % 50 == 0:
            results.show_frame(replace(template, global_step=g))
        handler_s.append(time.perf_counter() - t)
        if g % 200 == 0:   # let the event loop run, as it would between engine events
            before = view.redraw_count
            t = time.perf_counter()
            qtbot.wait(1)   # timers fire and the view paints here
            turn_s.append(time.perf_counter() - t)
            if view.redraw_count > before:
                redraw_s.append(view.last_redraw_s)
                paint_s.append(turn_s[-1])
    elapsed = time.perf_counter() - start
    qtbot.wait(3 * FRAME_MS)
    redraws = view.redraw_count
    # Coalescing: 20,000 batch events and 400 frames, but the view can only
    # redraw when the event loop turns (100 turns here, plus the final wait),
    # so redraws are bounded by the turns, not by the events.
    turns = len(turn_s) + 1
    assert 1 <= redraws <= turns
    assert len(view.curves.loss.raw_curve.getOriginalDataset()[0]) == 20_000
    print(f"{redraws} redraws in {elapsed:.2f} s; handler p99 "
          f"{np.percentile(handler_s, 99) * 1e3:.3f} ms; redraw median "
          f"{np.median(redraw_s) * 1e3:.1f} ms, max {max(redraw_s) * 1e3:.1f} ms; event-loop "
          f"turn with a redraw (incl. painting) median {np.median(paint_s) * 1e3:.1f} ms, "
          f"max {max(paint_s) * 1e3:.1f} ms")


def test_hidden_view_keeps_no_timer_and_draws_when_shown(qtbot, view):
    view.hide()
    view.on_batch_ended(batch(5))
    assert not view._timer.isActive()
    view.show()
    qtbot.waitUntil(lambda: len(view.curves.loss.raw_curve.getOriginalDataset()[0] or []) == 1,
                    timeout=1000)


def test_reset_clears_everything(view, results):
    rng = np.random.default_rng(6)
    view.on_training_started(started())
    view.on_batch_ended(batch(1))
    results.show_frame(frame(1, rng))
    view.on_training_stopped(TrainingStopped("stopped", "", 0))
    view.reset()
    view.flush()
    assert view.curves.loss.raw_curve.getOriginalDataset()[0] is None or \
        len(view.curves.loss.raw_curve.getOriginalDataset()[0]) == 0
    assert not view.gradient_flow.curves and not view.banner.isVisible()
    assert view.histograms.layer_combo.count() == 0


def test_screenshot(qtbot, view, results):
    """Three epochs of realistic data: noisy falling loss, norms shrinking with depth."""
    rng = np.random.default_rng(7)
    steps, epochs = 120, 3
    view.on_training_started(started(epochs=epochs, steps=steps, device="GPU: NVIDIA H100"))
    total = steps * epochs
    for g in range(total):
        loss = 2.3 * np.exp(-g / 90) + 0.08 + 0.12 * rng.standard_normal() * np.exp(-g / 200)
        acc = float(np.clip(1 - 0.9 * np.exp(-g / 70) + 0.04 * rng.standard_normal(), 0, 1))
        view.on_batch_ended(batch(g, steps=steps, loss=abs(loss), acc=acc,
                                  eta=(total - g) * 0.21))
        if g % 12 == 0:
            results.show_frame(frame(g, rng, epoch=g // steps))
        if g % steps == steps - 1:
            e = g // steps
            view.on_epoch_ended(EpochEnded(e, {"loss": 2.3 * np.exp(-g / 90) + 0.1,
                                               "val_loss": 2.3 * np.exp(-g / 100) + 0.16,
                                               "accuracy": 1 - 0.9 * np.exp(-g / 70),
                                               "val_accuracy": 0.97 - 0.9 * np.exp(-g / 60)},
                                           25.0))
    view.set_snapshots(list(range(0, total, 60)))
    view.histograms.layer_combo.setCurrentText("conv2")
    view.flush()
    qtbot.wait(20)
    SCREENSHOTS.mkdir(exist_ok=True)
    assert view.export_png(SCREENSHOTS / "training_view.png")
    assert_png_shows_something(SCREENSHOTS / "training_view.png", (view.width(), view.height()))



def test_many_layers_get_their_lines_a_few_per_frame(view):
    """Sixteen new lines at once froze the window: each frame makes a few, the next goes on."""
    from dlviz.app.views.gradient_flow_view import CURVES_PER_FRAME

    flow = view.gradient_flow
    view.on_training_started(started())
    names = [f"conv{i}" for i in range(1, 11)]
    flow.add_norms(0, {name: 0.1 * (i + 1) for i, name in enumerate(names)})
    flow.redraw()
    assert len(flow.curves) == CURVES_PER_FRAME and flow.dirty
    while flow.dirty:
        flow.redraw()
    assert list(flow.curves) == names
    assert all(len(flow.curves[n].getOriginalDataset()[0]) == 1 for n in names)
    flow.add_norms(1, {name: 0.2 for name in names})
    view.flush()                     # the end of a run draws everything at once
    assert not flow.dirty and all(len(flow.curves[n].getOriginalDataset()[0]) == 2 for n in names)


@pytest.mark.parametrize("reason, shown", [("stopped", "%p %"), ("finished", "done")])
def test_the_end_of_a_run_leaves_no_time_left_on_the_bar(view, reason, shown):
    # A batch still waiting to be drawn put "ETA 51 s" back after Stop.
    view.on_training_started(started())
    view.on_batch_ended(replace(batch(7), eta_s=51.0))
    view.on_training_stopped(TrainingStopped(reason, "", 0))
    assert view.progress.format() == shown
    assert "ETA" not in view.progress.text()


def test_the_runs_notes_read_as_a_sentence_after_the_counts(view):
    view.on_training_started(replace(started(), notes=("every layer is trainable",)))
    assert view.hint.text() == ("3,200 training samples · 61,706 trainable parameters.  "
                                "Every layer is trainable")
