"""The Builder tab on its own: edits change every row as ``infer`` says, a bad
setting is marked on its row, undo and redo, files in and out.

No engine here: everything the panel does itself is pure Python.
"""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from _image_checks import grab_pixels

from dlviz.app.builder.builder_panel import BuilderPanel
from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.inference import infer

COLUMNS = {"shape": 2, "trainable": 3, "non_trainable": 4, "macs": 5, "rf": 6, "problem": 7}


def cell(panel, name, column):
    return panel.table.item(panel.table.names.index(name), COLUMNS[column]).text()


def number(text):
    return int(text.replace(",", ""))


def shot(widget, name, tmp_path):
    """Save what ``widget`` shows (to $DLVIZ_SHOTS_DIR when set, to look at)."""
    folder = Path(os.environ.get("DLVIZ_SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()   # let the labels take their new heights
    widget.grab().save(str(folder / name))


@pytest.fixture
def panel(qtbot):
    widget = BuilderPanel()
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    return widget


def small_cnn(panel):
    for class_name in ("Conv2D", "MaxPooling2D", "Flatten", "Dense"):
        panel.add_layer(class_name)
    return panel


def assert_table_matches_infer(panel):
    rows = infer(panel.arch)
    assert panel.table.names == [r.name for r in rows]
    for row in rows:
        if row.error:
            assert cell(panel, row.name, "trainable") == cell(panel, row.name, "macs") == "—"
            assert cell(panel, row.name, "problem") == row.error
            continue
        assert number(cell(panel, row.name, "trainable")) == row.trainable
        assert number(cell(panel, row.name, "non_trainable")) == row.non_trainable
        assert number(cell(panel, row.name, "macs")) == row.macs
        assert cell(panel, row.name, "shape") == (
            "—" if row.output_shape is None else
            "(" + ", ".join("None" if d is None else str(d) for d in row.output_shape)
            + (",)" if len(row.output_shape) == 1 else ")"))
    total = sum(r.trainable + r.non_trainable for r in rows)
    assert f"{total:,} parameters" in panel.totals.text()
    assert f"{sum(r.macs for r in rows):,} multiply-accumulates" in panel.totals.text()


def test_palette_offers_every_builder_type(panel):
    from dlviz.core.builder.layer_types import LAYER_TYPES

    assert set(panel.palette.class_names()) == set(LAYER_TYPES)


def test_adding_layers_fills_rows_with_shapes_params_and_macs(panel):
    small_cnn(panel)
    assert panel.table.names == ["input", "conv2d", "max_pooling2d", "flatten", "dense"]
    # 28x28x1, 32 filters 3x3 'same': 32*(9+1) weights, 28*28*9*32 MACs.
    assert cell(panel, "conv2d", "shape") == "(None, 28, 28, 32)"
    assert number(cell(panel, "conv2d", "trainable")) == 320
    assert number(cell(panel, "conv2d", "macs")) == 28 * 28 * 9 * 32
    assert cell(panel, "conv2d", "rf") == "3×3"
    assert cell(panel, "flatten", "shape") == "(None, 6272)"
    assert number(cell(panel, "dense", "trainable")) == 6272 * 10 + 10
    assert_table_matches_infer(panel)


def test_a_layer_added_after_the_selected_row_is_spliced_into_the_chain(panel):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    panel.add_layer("BatchNormalization")
    assert panel.table.names[2] == "batch_normalization"
    assert panel.arch.layer("max_pooling2d").inputs == ("batch_normalization",)
    assert number(cell(panel, "batch_normalization", "non_trainable")) == 64   # mean, var
    assert number(cell(panel, "batch_normalization", "trainable")) == 64       # gamma, beta
    assert panel.table.selected_name() == "batch_normalization"
    assert_table_matches_infer(panel)


def test_editing_a_setting_in_the_form_updates_every_row(panel):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    panel.form.editors[("filters",)].setValue(8)
    assert number(cell(panel, "conv2d", "trainable")) == 8 * 9 + 8
    assert cell(panel, "flatten", "shape") == "(None, 1568)"   # 14*14*8 follows at once
    kernel = panel.form.editors[("kernel_size",)]
    kernel.setText("5")     # one number means 5, 5 as Keras reads it
    kernel.editingFinished.emit()
    assert panel.arch.layer("conv2d").config["kernel_size"] == [5, 5]
    assert kernel.text() == "5, 5"
    assert number(cell(panel, "conv2d", "trainable")) == 8 * 25 + 8
    assert cell(panel, "conv2d", "rf") == "5×5"
    assert_table_matches_infer(panel)


def test_a_typo_in_a_size_is_said_next_to_it_and_changes_nothing(panel):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    before = panel.arch
    kernel = panel.form.editors[("kernel_size",)]
    kernel.setText("3, a")
    kernel.editingFinished.emit()
    assert panel.arch == before
    assert "'a' is not a whole number" in panel.form.problem.text()
    assert "whole number" in kernel.toolTip()


def test_an_impossible_setting_is_marked_on_its_row_with_the_reason(panel, tmp_path):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    panel.form.editors[("padding",)].setCurrentText("valid")
    kernel = panel.form.editors[("kernel_size",)]
    kernel.setText("40, 40")              # bigger than the 28x28 picture
    kernel.editingFinished.emit()
    row = panel.table.names.index("conv2d")
    problem = cell(panel, "conv2d", "problem")
    assert problem and problem == infer(panel.arch)[row].error
    assert panel.table.item(row, 0).toolTip() == problem
    assert panel.table.item(row, 0).background().color().name() == "#fde2e1"
    assert "conv2d" in cell(panel, "max_pooling2d", "problem")   # later rows say why
    assert "max_pooling2d" in cell(panel, "flatten", "problem")
    assert "cannot work as set" in panel.problems.text() and panel.problems.isVisible()
    assert_table_matches_infer(panel)
    assert panel.form.problem.text() == problem
    assert not panel.train_button.isEnabled()
    panel.table.select_name("dense")
    pixels = grab_pixels(panel.table.viewport())
    reddish = (pixels[..., 0] > 240) & (pixels[..., 1] < 235) & (pixels[..., 2] < 235)
    assert reddish.sum() > 1000   # the broken rows really are painted
    panel.table.select_name("conv2d")
    shot(panel, "builder_invalid.png", tmp_path)


def test_removing_and_moving_rows_rewire_the_chain(panel):
    small_cnn(panel)
    panel.remove_layer("max_pooling2d")
    assert "max_pooling2d" not in panel.table.names
    assert panel.arch.layer("flatten").inputs == ("conv2d",)
    assert cell(panel, "flatten", "shape") == "(None, 25088)"
    panel.table.select_name("flatten")
    panel.palette.move_requested.emit(-1)          # "▲ Up": above conv2d
    assert panel.table.names == ["input", "flatten", "conv2d", "dense"]
    assert panel.table.selected_name() == "flatten"
    assert cell(panel, "conv2d", "problem")        # a Conv2D cannot read a flat vector
    panel.palette.move_requested.emit(1)
    assert panel.table.names == ["input", "conv2d", "flatten", "dense"]
    assert_table_matches_infer(panel)


def test_undo_and_redo_with_keys_and_buttons(panel, qtbot):
    small_cnn(panel)
    assert panel.table.names[-1] == "dense"
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.table.names == ["input", "conv2d", "max_pooling2d", "flatten"]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.table.names[-1] == "max_pooling2d"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.table.names[-1] == "flatten"
    panel.redo_button.click()
    assert panel.table.names[-1] == "dense"
    assert not panel.redo_button.isEnabled()
    panel.undo_button.click()
    assert panel.redo_button.isEnabled()
    assert_table_matches_infer(panel)


def test_a_merge_layer_picks_its_inputs_with_tick_boxes(panel):
    arch = Architecture((
        LayerSpec.new("InputLayer", "image", batch_shape=[None, 8, 8, 4]),
        LayerSpec.new("Conv2D", "a", ("image",), filters=4),
        LayerSpec.new("Conv2D", "b", ("a",), filters=4),
        LayerSpec.new("Add", "join", ("b",)),
    ), "residual")
    panel.set_architecture(arch)
    panel.table.select_name("join")
    boxes = panel.form.input_boxes
    assert set(boxes) == {"image", "a", "b"} and boxes["b"].isChecked()
    boxes["image"].setChecked(True)             # a skip connection: image + b
    assert panel.arch.layer("join").inputs == ("image", "b")
    assert cell(panel, "join", "shape") == "(None, 8, 8, 4)" and not cell(panel, "join", "problem")
    panel.table.select_name("b")
    panel.form.editors[("filters",)].setValue(6)   # 6 channels cannot add to 4
    assert cell(panel, "join", "problem") == infer(panel.arch)[3].error
    assert cell(panel, "join", "problem")
    panel.table.select_name("a")
    panel.form.input_choice.setCurrentText("image")
    assert panel.arch.layer("a").inputs == ("image",)


def test_moving_an_add_up_and_back_reconnects_it_and_undo_redo_walk_the_moves(panel):
    arch = Architecture((
        LayerSpec.new("InputLayer", "image", batch_shape=[None, 8, 8, 4]),
        LayerSpec.new("Conv2D", "a", ("image",), filters=4),
        LayerSpec.new("Conv2D", "b", ("a",), filters=4),
        LayerSpec.new("Add", "join", ("a", "b")),
        LayerSpec.new("Flatten", "flat", ("join",)),
    ), "residual")
    panel.set_architecture(arch)
    panel.table.select_name("join")
    panel.palette.move_requested.emit(-1)          # above b, one of its own inputs
    assert panel.table.names == ["image", "a", "join", "b", "flat"]
    assert "'b'" in cell(panel, "join", "problem")  # says which input is now below it
    assert panel.arch.layer("flat").inputs == ("join",)
    panel.palette.move_requested.emit(1)           # and back: every link as before
    assert panel.arch == arch and not cell(panel, "join", "problem")
    assert_table_matches_infer(panel)
    panel.undo()                                   # back to the moved-up state
    assert panel.table.names == ["image", "a", "join", "b", "flat"]
    assert panel.arch.layer("join").inputs == ("a", "b")
    panel.undo()
    assert panel.arch == arch
    panel.redo()
    panel.redo()
    assert panel.arch == arch and panel.arch.layer("flat").inputs == ("join",)
    assert_table_matches_infer(panel)


def test_save_and_open_round_trip_keras_config_json(panel, tmp_path):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    panel.form.editors[("filters",)].setValue(6)
    path = tmp_path / "mine.json"
    assert panel.save_file(str(path))
    config = json.loads(path.read_text())
    assert config["class_name"] in ("Functional", "Model")
    saved = panel.arch
    panel.new()
    assert panel.table.names == ["input"]
    assert panel.open_file(str(path))
    assert panel.arch.names() == saved.names()
    assert [r.params for r in infer(panel.arch)] == [r.params for r in infer(saved)]
    assert_table_matches_infer(panel)


@pytest.mark.parametrize("content, words", [
    (b"{ not json", "is not JSON"),
    (b'{"class_name": "Adam", "config": {}}', "is not a Keras model config"),
    (b"\xff\xfe\x00garbage", "could not be read"),
])
def test_a_bad_file_gives_a_clear_message_and_keeps_the_network(panel, tmp_path,
                                                                   content, words):
    small_cnn(panel)
    before = panel.arch
    path = tmp_path / "tệp hỏng.json"    # Vietnamese file names work too
    path.write_bytes(content)
    assert not panel.open_file(str(path))
    assert words in panel.banner.text() and "tệp hỏng.json" in panel.banner.text()
    assert panel.banner.isVisible()
    assert panel.arch == before
    assert not panel.open_file(str(tmp_path / "missing.json"))
    assert "missing.json" in panel.banner.text()


def test_renaming_a_layer_rewires_its_readers_and_a_taken_name_is_refused(panel):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    panel.form.name_edit.setText("nét_1")
    panel.form.name_edit.editingFinished.emit()
    assert panel.table.names[1] == "nét_1" and panel.table.selected_name() == "nét_1"
    assert panel.arch.layer("max_pooling2d").inputs == ("nét_1",)
    panel.form.name_edit.setText("dense")
    panel.form.name_edit.editingFinished.emit()
    assert "already exists" in panel.banner.text()
    assert panel.table.names[1] == "nét_1" and panel.form.name_edit.text() == "nét_1"


def test_a_saved_model_file_is_sent_to_file_open_model(panel, tmp_path):
    path = tmp_path / "lenet.keras"
    path.write_bytes(b"PK\x03\x04")
    assert not panel.open_file(str(path))
    assert "File > Open model" in panel.banner.text() and "lenet.keras" in panel.banner.text()


def test_the_model_name_is_edited_in_the_toolbar_and_undone(panel):
    panel.toolbar.name_edit.setText("mạng_của_tôi")
    panel.toolbar.name_edit.editingFinished.emit()
    assert panel.arch.name == "mạng_của_tôi"
    panel.undo()
    assert panel.arch.name == "my_model" and panel.toolbar.name_edit.text() == "my_model"


def test_double_clicking_a_type_in_the_palette_adds_it_after_the_selected_row(panel):
    small_cnn(panel)
    panel.table.select_name("conv2d")
    items = panel.palette.list.findItems(
        "Dropout", Qt.MatchFlag.MatchEndsWith | Qt.MatchFlag.MatchCaseSensitive)
    panel.palette.list.itemDoubleClicked.emit(items[0])
    assert panel.table.names[2] == "dropout" and panel.table.selected_name() == "dropout"
    header = panel.palette.list.findItems("Pooling", Qt.MatchFlag.MatchExactly)[0]
    panel.palette.list.itemDoubleClicked.emit(header)      # a group title adds nothing
    assert len(panel.table.names) == 6


def test_the_input_shape_is_typed_without_the_batch_axis(panel):
    panel.table.select_name("input")
    shape = panel.form.editors[("batch_shape",)]
    assert shape.text() == "28, 28, 1"
    shape.setText("32, 32, 3")
    shape.editingFinished.emit()
    assert panel.arch.layer("input").config["batch_shape"] == [None, 32, 32, 3]
    assert cell(panel, "input", "shape") == "(None, 32, 32, 3)"


def test_the_delete_key_removes_the_selected_row(panel, qtbot):
    small_cnn(panel)
    panel.table.select_name("flatten")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "flatten" not in panel.table.names
    assert panel.table.selected_name() == "dense"
    assert "Flatten" in cell(panel, "dense", "problem")   # it now reads a 14x14x32 map
