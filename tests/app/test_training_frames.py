"""The Training tab draws a frame part by part, one part per turn of the event loop,
and what stays on screen is what the last events said."""

import numpy as np
import pytest
from test_training_views import LAYERS, batch, frame, started

from dlviz.app.views.curves_view import nice_ceiling, nice_range
from dlviz.app.views.registry import ResultViews
from dlviz.app.views.training_view import TrainingView


@pytest.fixture
def view(qtbot):
    widget = TrainingView()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.close()


def test_one_timer_turn_draws_one_part_and_the_frame_ends_with_every_part(qtbot, view):
    results = ResultViews(view.result_views())
    view.on_training_started(started(epochs=2, steps=50))
    rng = np.random.default_rng(0)
    for g in range(40):
        view.on_batch_ended(batch(g, steps=50, loss=2.0 - g / 40))
    results.show_frame(frame(39, rng))
    view._timer.stop()
    dirty = [part for part in view._parts() if part.dirty]
    assert len(dirty) == 5   # loss, accuracy, gradient flow, histograms, dead ReLUs
    view._redraw()           # the frame begins: its first part only
    assert [part.dirty for part in view._parts()].count(False) == 1
    qtbot.waitUntil(lambda: not any(part.dirty for part in view._parts()),
                    timeout=10_000)
    # Five parts, one frame; the gradient flow makes its first lines a few per
    # frame (CURVES_PER_FRAME), so its first frames are its own.
    from dlviz.app.views.gradient_flow_view import CURVES_PER_FRAME

    assert view.redraw_count == -(-len(view.gradient_flow.history) // CURVES_PER_FRAME)


def test_the_last_events_sent_are_what_the_plots_show(qtbot, view):
    results = ResultViews(view.result_views())
    view.on_training_started(started(epochs=3, steps=100))
    rng = np.random.default_rng(1)
    losses = 2 * np.exp(-np.arange(300) / 80) + 0.05
    last = None
    for g in range(300):
        view.on_batch_ended(batch(g, loss=float(losses[g]), acc=g / 300))
        if g % 7 == 0:
            last = frame(g, rng)
            results.show_frame(last)
        if g % 25 == 0:
            qtbot.wait(1)   # the event loop turns now and then, as between engine events
    qtbot.waitUntil(lambda: not view._timer.isActive() and
                    not any(part.dirty for part in view._parts()), timeout=10_000)
    x, y = view.curves.loss.raw_curve.getData()
    assert len(x) == 300 and y[-1] == pytest.approx(losses[-1])
    assert view.progress.value() == 300
    bars = view.gradient_flow.bars.opts
    expected = np.log10([last.results["gradient_norms"].norms[p] for p in LAYERS])
    assert np.allclose(np.asarray(bars["y0"]) + np.asarray(bars["height"]), expected)
    assert view.dead_relu.fractions == last.results["dead_units"].fractions
    # The loss axis spans the data with nice ends, chosen once, not every frame.
    low, high = view.curves.loss.widget.getPlotItem().vb.viewRange()[1]
    assert low <= 0.0 and high >= losses.max()


def test_nice_axis_ends():
    assert [nice_ceiling(v) for v in (0.37, 2.3, 10.0, 0.0009)] == [0.5, 2.5, 10.0, 0.001]
    assert nice_range(np.array([0.2, 2.31, np.nan])) == (0.0, 2.5)
    assert nice_range(np.array([-0.3, 0.7])) == (-0.5, 1.0)
    assert nice_range(np.array([np.inf, np.nan])) == (0.0, 1.0)
    # Points come, the range holds: the axis is laid out again only when it must.
    assert nice_range(np.array([2.2, 1.0, 0.4])) == nice_range(np.array([2.2, 1.9]))
