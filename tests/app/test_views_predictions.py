"""PredictionView: bars with names and percentages, one chart per head."""

import pytest
from view_samples import predictions

from dlviz.app.views.class_bars_view import percent
from dlviz.app.views.prediction_view import PredictionView
from dlviz.core.probes.results import ClassScore, Predictions


@pytest.fixture
def view(qtbot):
    widget = PredictionView()
    qtbot.addWidget(widget)
    return widget


def test_bars_show_names_and_sorted_probabilities(view):
    view.show_predictions(predictions())
    (bars,) = view.bars.values()
    rows = bars.rows()
    assert [name for name, _ in rows] == ["tabby cat", "tiger cat", "Egyptian cat", "lynx",
                                          "remote control"]
    probabilities = [p for _, p in rows]
    assert probabilities == sorted(probabilities, reverse=True)
    assert view.title.text() == "Prediction: tabby cat · 62.0 %"
    assert "Top 5 classes" in view.hint.text() and "ImageNet classes" in view.hint.text()


def test_unsorted_scores_are_drawn_best_first(view):
    scores = (ClassScore(1, "b", 0.2), ClassScore(0, "a", 0.7), ClassScore(2, "c", 0.1))
    view.show_predictions(Predictions({"output": scores}, "output", "dataset"))
    assert view.bars["output"].rows() == [("a", 0.7), ("b", 0.2), ("c", 0.1)]
    assert view.title.text() == "Prediction: a · 70.0 %"
    assert "class names from the training data" in view.hint.text()


def test_googlenet_heads_show_the_primary_first(view):
    view.show_predictions(predictions(heads=("main", "aux1", "aux2", "average"),
                                      primary="average", source="index only"))
    assert list(view.bars) == ["average", "main", "aux1", "aux2"]
    assert view.bars["average"].heading == "Average of the outputs (the answer)"
    assert view.bars["aux1"].heading == "Auxiliary output 1"
    assert "class index only — no names known" in view.hint.text()
    assert "4 outputs" in view.hint.text()


def test_new_predictions_replace_the_old_charts(view):
    view.show_predictions(predictions(heads=("main", "aux1", "average"), primary="average"))
    view.show_predictions(predictions())
    assert list(view.bars) == ["output"]
    assert view.bars["output"].heading == "Output"


def test_predictions_of_the_same_heads_reuse_the_bars_with_the_new_scores(view):
    # Live frames bring the same heads a few times a second: new scores on the
    # bars there are, no widgets built and deleted every frame.
    first = (ClassScore(0, "a", 0.7), ClassScore(1, "b", 0.2), ClassScore(2, "c", 0.1))
    view.show_predictions(Predictions({"output": first}, "output", "dataset"))
    bars = view.bars["output"]
    later = (ClassScore(0, "a", 0.1), ClassScore(1, "b", 0.3), ClassScore(2, "c", 0.6))
    view.show_predictions(Predictions({"output": later}, "output", "dataset"))
    assert view.bars["output"] is bars
    assert bars.rows() == [("c", 0.6), ("b", 0.3), ("a", 0.1)]
    assert view.title.text() == "Prediction: c · 60.0 %"
    tall = bars.sizeHint().height()
    view.show_predictions(Predictions({"output": later[:2]}, "output", "dataset"))
    assert bars.rows() == [("b", 0.3), ("a", 0.1)]
    assert bars.sizeHint().height() < tall   # fewer rows: a smaller chart


@pytest.mark.parametrize("p, text", [(0.7234, "72.3 %"), (1.0, "100.0 %"), (0.00004, "< 0.1 %"),
                                     (0.0, "0.0 %")])
def test_percent(p, text):
    assert percent(p) == text
