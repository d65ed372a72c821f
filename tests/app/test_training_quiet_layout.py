"""A training run's frames repaint the Training tab without laying the window out again.

A widget whose size hint may change (a label given new text) asks every
layout up to the window to be redone; in the main window that costs a few
milliseconds of the GUI thread and animates the docks. The header's numbers
that change on every frame (samples a second) sit in a label of fixed size,
so a frame lays nothing out; the title changes once an epoch.
"""

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dlviz.app.views.training_view import TrainingView
from dlviz.core.training.events import BatchEnded, TrainingStarted


class LayoutCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot):
    outer = QWidget()
    layout = QVBoxLayout(outer)
    outer.view = TrainingView()
    layout.addWidget(outer.view)
    qtbot.addWidget(outer)
    outer.resize(1200, 800)
    outer.show()
    qtbot.waitExposed(outer)
    yield outer
    outer.close()


def batch(g, rate, steps=100):
    return BatchEnded(epoch=g // steps, step=g % steps, global_step=g, loss=1.0,
                      metrics={"accuracy": 0.5}, samples_per_s=rate, eta_s=60.0)


def test_frames_within_an_epoch_lay_nothing_out(window, qtbot):
    view = window.view
    view.on_training_started(TrainingStarted(epochs=3, steps_per_epoch=100, samples=3200,
                                             device="CPU", trainable_params=1000))
    view.on_batch_ended(batch(0, 9.0))
    view.flush()
    qtbot.wait(20)   # the first frame's layout (title, hint) is done
    counter = LayoutCounter()
    window.installEventFilter(counter)
    view.installEventFilter(counter)
    for g, rate in zip(range(1, 40), range(10, 10**6, 25_000)):
        view.on_batch_ended(batch(g, float(rate)))
        view.flush()
        qtbot.wait(1)
    assert view.rate_label.text() == f"{rate:,} samples/s"
    assert counter.count == 0
    # The label keeps its size whatever the number: nothing beside it moves.
    assert view.rate_label.minimumSize() == view.rate_label.maximumSize()
    assert view.rate_label.width() >= view.rate_label.fontMetrics().horizontalAdvance(
        view.rate_label.text())
    # A new epoch changes the title: that one lays the header out once.
    view.on_batch_ended(batch(100, 5.0))
    view.flush()
    qtbot.wait(20)
    assert "epoch 2/3" in view.title.text()
    assert counter.count >= 1


def test_a_new_run_clears_the_rate(window):
    view = window.view
    view.on_batch_ended(batch(3, 1234.0))
    view.flush()
    assert view.rate_label.text() == "1,234 samples/s"
    view.reset()
    assert view.rate_label.text() == ""


def test_dead_unit_bars_name_their_layers_again_only_when_the_layers_change(window, monkeypatch):
    from dlviz.core.probes.results import DeadUnits

    dead = window.view.dead_relu
    axis = dead.plot.getPlotItem().getAxis("bottom")
    calls = []
    original = axis.setTicks
    monkeypatch.setattr(axis, "setTicks", lambda ticks: calls.append(ticks) or original(ticks))
    for share in (0.1, 0.2, 0.7):
        dead.show_result(DeadUnits({"conv1": share, "conv2": 0.0}))
        dead.redraw()
    assert len(calls) == 1 and [name for _i, name in calls[0][0]] == ["conv1", "conv2"]
    assert list(dead.bars.opts["height"]) == [0.7, 0.0]
    dead.show_result(DeadUnits({"conv1": 0.1, "conv2": 0.0, "dense": 0.3}))
    dead.redraw()
    assert len(calls) == 2 and calls[1][0][-1] == (2, "dense")   # (every k-th when narrow)
    dead.reset()
    assert calls[-1] == [[], []]


def test_layer_lines_made_ahead_serve_the_first_frame_at_once(window, qtbot):
    from dlviz.app.views.gradient_flow_view import CURVES_PER_FRAME

    flow = window.view.gradient_flow
    flow.prepare(12)
    # A few lines per turn of the event loop, not all at once.
    assert not flow._spare
    qtbot.waitUntil(lambda: len(flow._spare) == 12)
    assert not flow._prepare_timer.isActive()
    spares = list(flow._spare)
    names = [f"conv{i}" for i in range(1, 15)]
    flow.add_norms(0, {name: 0.1 * (i + 1) for i, name in enumerate(names)})
    flow.redraw()
    # Twelve lines were ready; of the two left, both fit in this frame's new ones.
    assert CURVES_PER_FRAME >= 2 and list(flow.curves) == names and not flow.dirty
    assert [flow.curves[n] for n in names[:12]] == spares
    assert len(flow.curves["conv3"].getOriginalDataset()[0]) == 1
    # A new run keeps the lines for its layers, emptied.
    flow.reset()
    assert len(flow._spare) == 14 and not flow.curves
    assert all(len(c.getOriginalDataset()[0] if c.getOriginalDataset()[0] is not None else ())
               == 0 for c in flow._spare)
    flow.prepare(12)
    assert not flow._prepare_timer.isActive()   # enough lines already

