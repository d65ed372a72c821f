"""The gate view draws a sentence's real gate values: heatmaps, hover, selected units.

The results are computed here by the probe (tests may call Keras); the view
only draws them. Screenshots land in screenshots/ for a person to look at.
"""

from pathlib import Path

import numpy as np
import pytest
from _image_checks import assert_png_shows_something

from dlviz.app.views.registry import view_for
from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.registry import PROBES
from dlviz.app.views.gate_scales import gate_scale
from dlviz.core.probes.sequence_results import GRU_CONVENTION

keras = import_keras()
layers = keras.layers
VOCAB = Vocabulary.build(["the film was not bad at all", "không tệ chút nào", "good"])
NAMES = ("negative", "neutral", "positive")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (1000, 700)


def model_of(cell, *, bidirectional=False, tagger=False, seed=3):
    """Embedding -> [Bidirectional] cell (sequences) -> cell -> softmax, lively weights."""
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((None,), dtype="int32", name="tokens")
    x = layers.Embedding(len(VOCAB), 8, mask_zero=True, name="embedding")(inputs)
    first = cell(6, return_sequences=True, name=f"{cell.__name__.lower()}_1")
    x = (layers.Bidirectional(first, name="bi_1") if bidirectional else first)(x)
    x = cell(5, return_sequences=tagger, name=f"{cell.__name__.lower()}_2")(x)
    dense = layers.Dense(3, activation="softmax", name="predictions")
    outputs = layers.TimeDistributed(dense)(x) if tagger else dense(x)
    model = keras.Model(inputs, outputs, name=f"sentiment_{cell.__name__.lower()}")
    rng = np.random.default_rng(seed)
    for weight in model.weights:   # far from init: the heatmaps show contrast
        weight.assign((rng.normal(size=weight.shape) * 0.8).astype("float32"))
    return model


def shown(qtbot, model, text):
    result = PROBES["gates"].compute(model, text, vocabulary=VOCAB, class_names=NAMES)
    view = view_for(result)()
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.show_result(result)
    qtbot.wait(30)
    return view, result


def test_each_heatmap_is_the_traces_values_units_by_tokens_on_fixed_ranges(qtbot):
    view, result = shown(qtbot, model_of(layers.LSTM), "Không tệ chút nào")
    assert view.layer_combo.currentText() == "lstm_1"
    trace = result.traces_of("lstm_1")[0]
    for name in ("i", "f", "g", "o", "c", "h"):
        item = view.grid.images[(0, name)]
        np.testing.assert_array_equal(item.image, trace.gates[name][0].T)   # (units, tokens)
    assert tuple(view.grid.images[(0, "f")].levels) == (0.0, 1.0)
    assert tuple(view.grid.images[(0, "h")].levels) == (-1.0, 1.0)
    ticks = view.grid.plots[(0, "h")].getAxis("bottom")._tickLevels[0]
    assert [label for _x, label in ticks] == ["không", "tệ", "chút", "nào"]
    assert "Prediction" in view.prediction_title.text()
    assert [name for name, _p in view.bars.rows()] == [s.name for s in result.scores()]


def test_the_h_row_equals_the_layers_own_output(qtbot):
    model = model_of(layers.LSTM)
    view, result = shown(qtbot, model, "the film was not bad")
    ids = VOCAB.encode("the film was not bad")[None]
    own = keras.Model(model.inputs[0], model.get_layer("lstm_1").output)(ids)[0]
    np.testing.assert_allclose(view.grid.images[(0, "h")].image, np.asarray(own).T, atol=1e-5)


def test_choosing_a_stacked_layer_and_both_directions_of_a_bidirectional_one(qtbot):
    view, result = shown(qtbot, model_of(layers.GRU, bidirectional=True), "not bad at all")
    assert [view.layer_combo.itemText(i) for i in range(view.layer_combo.count())] == \
        ["bi_1", "gru_2"]
    forward, backward = result.traces_of("bi_1")
    np.testing.assert_array_equal(view.grid.images[(1, "z")].image, backward.gates["z"][0].T)
    assert view.convention.text() == GRU_CONVENTION
    view.select_layer("gru_2")
    assert set(view.grid.images) == {(0, name) for name in ("z", "r", "h_tilde", "h")}
    np.testing.assert_array_equal(view.grid.images[(0, "h")].image,
                                  result.traces_of("gru_2")[0].gates["h"][0].T)


def test_hover_names_token_unit_and_value_and_a_click_follows_a_unit(qtbot):
    view, result = shown(qtbot, model_of(layers.LSTM), "the film was not bad")
    value = result.traces_of("lstm_1")[0].gates["f"][0, 3, 2]
    text = view.grid.describe(0, "f", 3, 2)
    assert "forget gate f" in text and "“not”" in text and "unit 2" in text
    assert f"{value:+.3f}" in text
    plot = view.grid.plots[(0, "f")]
    centre = plot.vb.mapViewToScene(plot.vb.mapToView(plot.vb.rect().center()))
    assert view.grid.cell_at(centre) is not None
    before = list(view.grid.selected)
    unit = 0 if 0 not in before else 1
    view.grid.toggle_unit(unit, "f")
    assert view.grid.selected == before + [unit] and view.grid.line_gate == "f"
    curves = view.grid.lines.listDataItems()
    assert len(curves) == len(before) + 1
    np.testing.assert_allclose(curves[-1].getData()[1],
                               result.traces_of("lstm_1")[0].gates["f"][0, :, unit])


def test_a_tagger_shows_a_tag_per_token(qtbot):
    view, result = shown(qtbot, model_of(layers.LSTM, tagger=True), "not bad")
    assert "Tag per token" in view.prediction_title.text()
    assert all(tag in view.tag_list.text() for tag in result.tags())


@pytest.mark.parametrize("cell, text, bidirectional", [
    (layers.LSTM, "Không tệ chút nào, the film was not bad at all!", False),
    (layers.GRU, "Không tệ chút nào, the film was not bad at all!", True),
])
def test_screenshots_of_the_gate_view(qtbot, cell, text, bidirectional):
    view, _ = shown(qtbot, model_of(cell, bidirectional=bidirectional), text)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"view_gates_{cell.__name__.lower()}.png"
    assert view.export_png(path)
    assert_png_shows_something(path, SIZE)


@pytest.mark.parametrize("width", [1000, 1300])
def test_the_heatmaps_fill_the_view_at_any_width(qtbot, width):
    """Found on a 1100-pixel view: the grid shrank to its preferred 243 pixels."""
    result = PROBES["gates"].compute(model_of(layers.LSTM), "không tệ", vocabulary=VOCAB)
    view = view_for(result)()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    view.show_result(result)
    qtbot.wait(50)
    assert view.grid.ci.geometry().width() == pytest.approx(view.grid.viewport().width())
    assert view.grid.plots[(0, "i")].width() > view.grid.width() * 0.5


def test_the_gradient_axis_names_decades_not_a_crowd_of_ticks():
    from dlviz.app.views.gradient_time_view import log_ticks

    assert [label for _v, label in log_ticks(-2.2)] == ["1", "0.1", "0.01", "0.001"]
    assert {label for _v, label in log_ticks(-0.4)} == {"1", "0.1", "0.5", "0.2"}


def test_a_new_sentence_redraws_the_same_plots_with_its_values(qtbot):
    model = model_of(layers.LSTM, bidirectional=True)
    view, first = shown(qtbot, model, "not bad")
    plots = dict(view.grid.plots)
    again = PROBES["gates"].compute(model, "the film was not bad at all", vocabulary=VOCAB)
    view.show_result(again)
    assert view.grid.plots == plots                      # built once for this layer
    backward = again.traces_of("bi_1")[1]
    for name in ("i", "c", "h"):
        np.testing.assert_array_equal(view.grid.images[(1, name)].image,
                                      backward.gates[name][0].T)
    low, high, _ = gate_scale(backward, "c")
    assert tuple(view.grid.images[(1, "c")].levels) == (low, high)
    labels = [label for _x, label in
              view.grid.plots[(0, "h")].getAxis("bottom")._tickLevels[0]]
    assert labels[0] == "the"                            # the first sentence began "not"
    view.select_layer("lstm_2")                          # another layer: other plots
    assert set(view.grid.plots) == {(0, n) for n in ("i", "f", "g", "o", "c", "h")}


def test_units_are_labelled_in_round_steps_a_few_per_heatmap():
    from dlviz.app.views.gate_grid import unit_ticks

    assert [label for _y, label in unit_ticks(32)] == ["0", "16"]
    assert [label for _y, label in unit_ticks(12)] == ["0", "4", "8"]
    assert [y for y, _label in unit_ticks(6)] == [0.5, 2.5, 4.5]   # centred on the rows


def test_the_probes_notes_read_as_sentences(qtbot):
    view, result = shown(qtbot, model_of(layers.GRU), "zzz " * 250)
    assert len(result.notes) == 2
    assert "The first 200 of 250 tokens are read; a longer text is cut, so split it. None " \
        in view.hint.text()


def test_a_live_frame_says_which_training_step_its_gates_come_from(qtbot):
    view, result = shown(qtbot, model_of(layers.GRU), "not bad at all")
    assert "training step" not in view.title.text()
    view.show_result(result, step=1234)
    assert view.title.text().endswith("4 tokens")   # the title does not move with the step
    assert view.step_label.text() == "training step 1,234"
    view.show_result(result)        # a typed sentence again: no step
    assert "training step" not in view.title.text() and not view.step_label.text()


def test_no_gates_offers_no_layer_of_the_last_model(qtbot):
    view, result = shown(qtbot, model_of(layers.LSTM), "the film was not bad")
    assert view.layer_combo.count() == 2 and view.layer_combo.isEnabled()
    view.show_unavailable("'lenet5' has no recurrent layer")
    assert view.layer_combo.count() == 0 and not view.layer_combo.isEnabled()
    assert not view.body.isVisible() and view.result is None
    view.show_result(result)   # a sequence model again
    assert view.layer_combo.count() == 2 and view.layer_combo.isEnabled()
    assert view.layer_combo.currentText() == result.layers[0]
