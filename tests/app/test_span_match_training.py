"""While a model trains, the engine runs the training job: a span or a comparison asked
for then would wait for the whole run, so each says so instead of sending a job."""

from test_text_controller import FakeBridge, FakeEngine, controller

from dlviz.app.compare_controller import CompareController
from dlviz.app.panels.text_panel import TextPanel
from dlviz.app.views.compare_view import CompareView
from dlviz.app.views.registry import ResultViews


def test_a_span_selected_while_training_says_so_and_sends_nothing(qtbot):
    text, engine = controller(qtbot)
    training = [True]
    text.spans.busy = lambda: training[0]
    assert text.spans.select("lstm_1", 0, 2) is None and engine.jobs == []
    assert "training" in text.gate_view.span_view.units.text()
    training[0] = False
    assert text.spans.select("lstm_1", 0, 2) == (1, 2)
    assert engine.jobs == [("span", "span"), ("span_match", "span_match")]


def test_a_comparison_asked_for_while_training_says_so_and_comes_after(qtbot):
    panel, gates_panel, view = TextPanel(), TextPanel(), CompareView()
    for widget in (panel, gates_panel, view):
        qtbot.addWidget(widget)
    engine = FakeEngine()
    compare = CompareController(engine, None, FakeBridge(), panel, gates_panel, view,
                                ResultViews())
    compare.busy = lambda: True
    panel.set_text("not bad", emit=True)
    assert engine.jobs == [] and "training" in view.hint.text()
    compare.busy = lambda: False
    view.show()                          # the tab shown again after training
    assert engine.jobs == [("compare", "compare")]
