"""The training views for a model without ReLUs or image activations (a sequence
model): they say so, instead of showing empty plots a student would puzzle over."""

import numpy as np

from dlviz.app.views.histogram_view import DeadReluView, HistogramView
from dlviz.core.probes.results import DeadUnits


def test_dead_relus_say_when_the_model_has_none(qtbot):
    view = DeadReluView()
    qtbot.addWidget(view)
    view.show_result(DeadUnits({}))
    view.redraw()
    assert "no ReLU layer" in view.hover_label.text()
    view.show_result(DeadUnits({"conv1": 0.25}))
    view.redraw()
    assert "no ReLU layer" not in view.hover_label.text()
    view.show_result(DeadUnits({}))
    view.redraw()
    view.reset()
    assert "no ReLU layer" not in view.hover_label.text()


def test_activation_histograms_hide_where_the_model_has_none(qtbot):
    view = HistogramView()
    qtbot.addWidget(view)
    view.show()
    view.show_activations(False)
    view.reset()                      # a new run keeps what the model offers
    assert view.activations_plot.isHidden() and not view.weights_plot.isHidden()
    view.set_histograms({"lstm_1": (np.array([1.0, 2.0]), np.array([0.0, 0.5, 1.0]))}, None)
    view.redraw()
    assert view.layer == "lstm_1"
    view.show_activations(True)
    assert not view.activations_plot.isHidden()


def test_the_sentiment_notes_say_what_a_token_is_in_each_language():
    from dlviz.core.data.sentiment import load_sentiment

    assert "tokens are words" in load_sentiment("en", n=30).notes[0]
    assert "syllables" in load_sentiment("vi", n=30).notes[0]


def test_a_log_axis_within_a_decade_labels_only_1_2_5(qtbot):
    from dlviz.app.views.training_plots import make_plot, set_log_y

    widget = make_plot("Gradient norm per layer", "gradient norm", "step")
    qtbot.addWidget(widget)
    set_log_y(widget)
    norms = [0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3]
    labels = widget.getPlotItem().getAxis("left").tickStrings(list(np.log10(norms)), 1.0, 0.1)
    shown = [n for n, text in zip(norms, labels) if text]
    assert shown == [0.02, 0.05, 0.1, 0.2]
