"""Live gradient through time: drawn on the view's own clock, newest frame last, one curve."""

from dataclasses import replace

import numpy as np
import pytest

from dlviz.app.views.gradient_time_view import GradientTimeView
from dlviz.core.probes.sequence_results import GradientThroughTime


def result(k: int) -> GradientThroughTime:
    norms = np.array([[0.001 * (k + 1), 0.01, 0.1 * k + 0.05, 1.0]], np.float32)
    return GradientThroughTime(model="m", norms=norms, mask=np.ones((1, 4), bool),
                               input_kind="embedding", loss=0.5 + k,
                               target="predicted class", tokens=("a", "b", "c", "d"))


def drawn(view) -> np.ndarray:
    return view.curve.yData   # as given (getData() is log10 on the log axis)


@pytest.fixture
def view(qtbot):
    widget = GradientTimeView()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    widget.show_result(result(0))
    yield widget
    qtbot.waitUntil(lambda: not widget.clock.timer.isActive(), timeout=10_000)


def test_a_burst_draws_the_first_frame_then_only_the_last(qtbot, view):
    frames = [result(k) for k in range(1, 6)]
    curve = view.curve
    for step, frame in enumerate(frames, start=1):
        view.show_result(frame, step=step)
    np.testing.assert_allclose(drawn(view), frames[0].relative()[0])
    qtbot.waitUntil(lambda: view.result is frames[-1], timeout=10_000)
    np.testing.assert_allclose(drawn(view), frames[-1].relative()[0])
    assert view.curve is curve and view.plot.listDataItems() == [curve]


def test_the_dots_sit_on_the_curve_and_move_with_live_frames(qtbot, view):
    dots = view.dots
    view.show_result(result(3), step=1)
    qtbot.waitUntil(lambda: view.result.loss == 3.5, timeout=10_000)
    ys = [y for _, y in dots.points()]
    # On the log axis: log10 of what the curve was given, one dot per token.
    np.testing.assert_allclose(ys, np.log10(result(3).relative()[0]), rtol=1e-6)
    np.testing.assert_allclose([x for x, _ in dots.points()], [0.5, 1.5, 2.5, 3.5])
    assert view.dots is dots and dots.scene() is view.plot.scene()
    assert view.curve.opts["symbol"] is None   # no scatter rebuilt per frame


def test_a_hidden_view_keeps_the_newest_frame_and_draws_it_when_shown(view):
    view.hide()
    frames = [result(k) for k in range(1, 4)]
    for step, frame in enumerate(frames, start=1):
        view.show_result(frame, step=step)
    np.testing.assert_allclose(drawn(view), result(0).relative()[0])
    view.show()
    np.testing.assert_allclose(drawn(view), frames[-1].relative()[0])
    assert "loss 3.5" in view.title.text()


def test_a_still_result_or_a_reason_is_not_overdrawn_by_a_waiting_frame(qtbot, view):
    view.show_result(result(1), step=1)          # drawn, the clock runs
    view.show_result(result(2), step=2)          # waits
    still = replace(result(4), loss=9.0)
    view.show_result(still)                      # typed: drawn now, the waiting one dropped
    view.show_unavailable("no gradient for this model")
    qtbot.wait(400)
    assert view.result is still and not view.body.isVisible()
    assert view.hint.text() == "no gradient for this model"


def sized(smallest: float, loss: float) -> GradientThroughTime:
    return replace(result(1), norms=np.array([[smallest, 0.01, 0.3, 1.0]], np.float32), loss=loss)


def test_live_frames_move_the_curve_not_the_axes(qtbot, view):
    # Frames of one sentence whose smallest size stays in the same half decade
    # keep the y range and ticks (new ones every frame cost more than the curve).
    view.show_result(sized(0.004, 7.0), step=1)
    qtbot.waitUntil(lambda: view.result.loss == 7.0, timeout=10_000)
    shown = view.plot.getViewBox().viewRange()[1]
    ticks = view.plot.getAxis("left")._tickLevels
    assert shown[0] <= np.log10(0.004) and shown[1] >= 0   # the whole curve is on screen
    qtbot.wait(250)
    view.show_result(sized(0.005, 8.0), step=2)   # log10 -2.4 -> -2.3: same half decade
    qtbot.waitUntil(lambda: view.result.loss == 8.0, timeout=10_000)
    np.testing.assert_allclose(drawn(view), [0.005, 0.01, 0.3, 1.0])
    assert view.plot.getViewBox().viewRange()[1] == shown
    assert view.plot.getAxis("left")._tickLevels is ticks
    assert "loss 8" in view.title.text()
    qtbot.wait(250)
    view.show_result(sized(1e-5, 9.0), step=3)    # five decades down: the axis follows
    qtbot.waitUntil(lambda: view.result.loss == 9.0, timeout=10_000)
    assert view.plot.getViewBox().viewRange()[1][0] <= -5
