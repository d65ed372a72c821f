"""Live gates while training: at most one redraw per frame interval, the newest frame
drawn in the end, nothing drawn off screen, the same plots and curves reused."""

from dataclasses import replace

import numpy as np
import pytest
from test_text_gate_view import NAMES, VOCAB, layers, model_of

from dlviz.app.views.dots_item import DotsItem
from dlviz.app.views.gate_view import LIVE_FRAME_MS, GateView
from dlviz.core.probes.registry import PROBES

TEXT = "the film was not bad at all"


@pytest.fixture(scope="module")
def first():
    return PROBES["gates"].compute(model_of(layers.LSTM), TEXT, vocabulary=VOCAB,
                                   class_names=NAMES)


def later(result, k: int):
    """``result`` as a later training step would give it: every gate value moved."""
    traces = tuple(replace(t, gates={n: np.clip(v * (1 - 0.05 * k) + 0.01 * k, -1, 1)
                                     .astype(np.float32) for n, v in t.gates.items()})
                   for t in result.traces)
    return replace(result, traces=traces)


def drawn_equals(view, result) -> bool:
    trace = result.traces_of(view.layer_combo.currentText())[0]
    return np.array_equal(view.grid.images[(0, "f")].image, trace.gates["f"][0].T)


@pytest.fixture
def view(qtbot, first):
    widget = GateView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.show_result(first)
    yield widget
    qtbot.waitUntil(lambda: not widget.clock.timer.isActive(), timeout=10_000)


def test_a_burst_of_live_frames_draws_the_first_then_only_the_last(qtbot, view, first):
    frames = [later(first, k) for k in range(1, 6)]
    view.show_result(frames[0], step=10)
    assert drawn_equals(view, frames[0]) and view.step_label.text() == "training step 10"
    for k, result in enumerate(frames[1:], start=2):
        view.show_result(result, step=10 * k)
    assert drawn_equals(view, frames[0])
    qtbot.waitUntil(lambda: view.result is frames[-1], timeout=10_000)
    assert drawn_equals(view, frames[-1]) and view.step_label.text() == "training step 50"


def test_a_hidden_view_draws_the_newest_frame_when_shown(qtbot, view, first):
    view.hide()
    frames = [later(first, k) for k in range(1, 4)]
    for k, result in enumerate(frames, start=1):
        view.show_result(result, step=k)
    assert drawn_equals(view, first)
    view.show()
    assert drawn_equals(view, frames[-1])


def test_frames_of_the_same_sentence_reuse_the_plots_and_the_unit_curves(qtbot, view, first):
    plots, curves = dict(view.grid.plots), list(view.grid.lines.listDataItems())
    dots = [item for item in view.grid.lines.items if isinstance(item, DotsItem)]
    assert len(dots) == len(curves) >= 1   # a dot on each time step of each line
    unit = view.grid.selected[0]
    result = later(first, 3)
    view.show_result(result, step=30)
    assert view.grid.plots == plots
    assert view.grid.lines.listDataItems() == curves   # new values, same curves
    values = result.traces_of("lstm_1")[0].gates["h"][0, :, unit]
    np.testing.assert_allclose(curves[0].getData()[1], values)
    # ... and the same dots, moved to the new values
    assert [item for item in view.grid.lines.items if isinstance(item, DotsItem)] == dots
    np.testing.assert_allclose([y for _x, y in dots[0].points()], values, rtol=1e-6)
    np.testing.assert_allclose([x for x, _y in dots[0].points()], np.arange(len(values)) + 0.5)
    # A still result of another sentence draws at once and relabels the tokens.
    other = PROBES["gates"].compute(model_of(layers.LSTM), "not bad", vocabulary=VOCAB)
    view.show_result(other)
    assert view.result is other and view.grid.traces[0].time == 2
    labels = [label for _x, label in view.grid.plots[(0, "h")].getAxis("bottom")._tickLevels[0]]
    assert labels == ["not", "bad"]
