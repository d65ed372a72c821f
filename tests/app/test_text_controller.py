"""The text controller: one engine job per pause in typing, or pinned to a training run."""

from PySide6.QtCore import QObject, Signal

from dlviz.app.panels.text_panel import TextPanel
from dlviz.app.text_controller import TextController
from dlviz.app.views.gate_view import GateView
from dlviz.app.views.registry import ResultViews
from dlviz.core.workspace import ModelOpened


class FakeBridge(QObject):
    job_finished = Signal(object)
    job_failed = Signal(object)


class FakeEngine:
    def __init__(self):
        self.jobs = []

    def submit(self, kind, fn, *, slot=None, label=""):
        self.jobs.append((kind, slot))
        return len(self.jobs)


def controller(qtbot, pin=lambda text: False):
    panel, view = TextPanel(), GateView()
    for widget in (panel, view):
        qtbot.addWidget(widget)
    engine = FakeEngine()
    text = TextController(engine, None, FakeBridge(), panel, view, ResultViews(), pin_text=pin)
    return text, engine


def opened(gates_reason=None):
    return ModelOpened("m", "m.keras", None, offered={"gates": gates_reason,
                                                      "gradient_through_time": "no"})


def test_a_sentence_goes_to_the_text_slot_or_to_the_training_run(qtbot):
    pinned, training = [], [False]

    def pin(sentence):   # TrainingController.pin_text: True when a run took it
        if training[0]:
            pinned.append(sentence)
        return training[0]

    text, engine = controller(qtbot, pin)
    text.model_opened(opened())
    assert engine.jobs == [("text", "text")]           # the sample, at once
    text.request("không tệ")
    assert engine.jobs[-1] == ("text", "text") and len(engine.jobs) == 2
    training[0] = True                                 # a model trains: the run takes it
    assert text.request("not bad") is None
    assert len(engine.jobs) == 2 and pinned == ["not bad"]
    training[0] = False                                # trained: new weights, read again
    text.redo()
    assert len(engine.jobs) == 3


def test_a_model_without_gates_sends_nothing_and_says_why(qtbot):
    text, engine = controller(qtbot)
    text.model_opened(opened("'bag' has no recurrent layer (SimpleRNN, LSTM or GRU)"))
    assert text.request("not bad") is None and engine.jobs == []
    assert "no recurrent layer" in text.gate_view.hint.text()
    text.redo()
    assert engine.jobs == []


def test_a_model_with_gates_but_no_gradient_through_time_says_why_beside_them(qtbot):
    text, engine = controller(qtbot)
    text.model_opened(opened())   # offers gates, not gradient through time ("no")
    view = text.gate_view.gradient_view
    assert view.title.text() == view.unavailable_title and view.hint.text() == "no"
