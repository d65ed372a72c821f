"""TrainingPanel: settings to TrainingConfig, button states, signals;
AugmentPreviewDialog: the grid it draws."""

from pathlib import Path

import numpy as np
import pytest
from _image_checks import save_screenshot
from PySide6.QtCore import Qt

from dlviz.app.dialogs.augment_preview_dialog import AugmentPreviewDialog, tile_grid
from dlviz.app.panels.training_panel import TrainingPanel
from dlviz.core.training.config import AugmentConfig, DataSpec, TrainingConfig

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def panel(qtbot):
    widget = TrainingPanel()
    qtbot.addWidget(widget)
    return widget


def test_defaults_match_the_config_defaults(panel):
    assert panel.config() == TrainingConfig()


@pytest.mark.parametrize("change, expected", [
    (lambda p: p.data_combo.setCurrentIndex(p.data_combo.findData("shapes")),
     {"data": DataSpec(kind="shapes")}),
    (lambda p: p.data_combo.setCurrentIndex(p.data_combo.findData("shapes_hard")),
     {"data": DataSpec(kind="shapes_hard")}),
    (lambda p: p.samples_spin.setValue(2000), {"data": DataSpec(samples=2000)}),
    (lambda p: p.set_folder("/tmp/cats"), {"data": DataSpec(kind="folder", path="/tmp/cats")}),
    (lambda p: p.data_combo.setCurrentIndex(p.data_combo.findData("cifar10")),
     {"data": DataSpec(kind="cifar10")}),
    (lambda p: p.optimizer_combo.setCurrentIndex(0), {"optimizer": "sgd"}),
    (lambda p: p.optimizer_combo.setCurrentIndex(2), {"optimizer": "rmsprop"}),
    (lambda p: p.lr_combo.setCurrentText("3e-4"), {"learning_rate": 3e-4}),
    (lambda p: p.lr_combo.setCurrentText("0.1"), {"learning_rate": 0.1}),
    (lambda p: p.momentum_spin.setValue(0.5), {"momentum": 0.5}),
    (lambda p: p.batch_spin.setValue(128), {"batch_size": 128}),
    (lambda p: p.epochs_spin.setValue(12), {"epochs": 12}),
    (lambda p: p.val_spin.setValue(0.2), {"validation_split": 0.2}),
    (lambda p: p.dropout_check.setChecked(True), {"dropout": 0.5}),
    (lambda p: (p.dropout_check.setChecked(True), p.dropout_spin.setValue(0.3)),
     {"dropout": 0.3}),
    (lambda p: p.augment.spins["rotation"].setValue(0.1),
     {"augment": AugmentConfig(rotation=0.1)}),
    (lambda p: p.augment.spins["noise"].setValue(0.05), {"augment": AugmentConfig(noise=0.05)}),
    (lambda p: p.freeze_spin.setValue(4), {"freeze_first": 4}),
    (lambda p: p.backbone_check.setChecked(True), {"freeze_backbone": True}),
    (lambda p: (p.set_device("GPU: NVIDIA H100"), p.mixed_check.setChecked(True)),
     {"mixed_precision": True}),
    (lambda p: p.distribute_check.setChecked(True), {"distribute": True}),
])
def test_each_control_reaches_the_config(panel, change, expected):
    change(panel)
    assert panel.config() == TrainingConfig(**expected)


def test_set_config_round_trip(panel):
    config = TrainingConfig(
        data=DataSpec(kind="folder", path="/data/flowers", samples=500), optimizer="sgd",
        learning_rate=0.01, momentum=0.8, batch_size=64, epochs=3, validation_split=0.25,
        dropout=0.4, augment=AugmentConfig(scale=0.1, rotation=0.05, translation=0.1,
                                           brightness=0.2, contrast=0.3, noise=0.02),
        freeze_first=7, freeze_backbone=True, distribute=True)
    panel.set_config(config)
    assert panel.config() == config
    assert TrainingConfig.from_dict(panel.config().to_dict()) == config


def test_mixed_precision_only_on_a_gpu(panel):
    assert not panel.mixed_check.isEnabled()
    panel.set_device("GPU: NVIDIA H100 80GB")
    assert panel.mixed_check.isEnabled()
    panel.mixed_check.setChecked(True)
    panel.set_device("CPU")
    assert not panel.mixed_check.isEnabled() and not panel.mixed_check.isChecked()
    assert not panel.config().mixed_precision
    assert panel.device_label.text() == "Device: CPU"


@pytest.mark.parametrize("state, start, pause, pause_text, stop, settings", [
    ("idle", True, False, "Pause", False, True),
    ("running", False, True, "Pause", True, False),
    ("paused", False, True, "Resume", True, False),
    ("stopping", False, False, "Pause", False, False),
])
def test_button_states(panel, state, start, pause, pause_text, stop, settings):
    panel.set_state(state)
    assert panel.start_button.isEnabled() is start
    assert panel.pause_button.isEnabled() is pause
    assert panel.pause_button.text() == pause_text
    assert panel.stop_button.isEnabled() is stop
    assert panel.settings.isEnabled() is settings


def test_unknown_state_is_refused(panel):
    with pytest.raises(ValueError, match="unknown training state"):
        panel.set_state("exploded")


def test_folder_without_a_path_disables_start_with_a_hint(panel):
    panel.data_combo.setCurrentIndex(panel.data_combo.findData("folder"))
    assert not panel.start_button.isEnabled()
    assert "Choose an image folder" in panel.status_hint.text()
    panel.folder_edit.setText("/tmp/pets")
    assert panel.start_button.isEnabled()
    assert panel.status_hint.text() == ""


def test_learning_rate_out_of_range_disables_start(panel):
    panel.lr_combo.setCurrentText("5")
    assert panel.learning_rate() is None
    assert not panel.start_button.isEnabled()
    assert "Learning rate" in panel.status_hint.text()
    panel.lr_combo.setCurrentText("1e-3")
    assert panel.start_button.isEnabled()


def test_start_emits_the_config(qtbot, panel):
    panel.epochs_spin.setValue(2)
    with qtbot.waitSignal(panel.start_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [TrainingConfig(epochs=2)]


def test_pause_resume_stop_signals(qtbot, panel):
    panel.set_state("running")
    with qtbot.waitSignal(panel.pause_requested, timeout=1000):
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    panel.set_state("paused")
    with qtbot.assertNotEmitted(panel.pause_requested):
        with qtbot.waitSignal(panel.resume_requested, timeout=1000):
            qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.stop_requested, timeout=1000):
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)


def test_preview_emits_the_augmentation(qtbot, panel):
    panel.augment.spins["scale"].setValue(0.2)
    panel.augment.spins["brightness"].setValue(0.1)
    with qtbot.waitSignal(panel.augment_preview_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.augment.preview_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [AugmentConfig(scale=0.2, brightness=0.1)]


def test_freezing_controls_emit_trainable_changed(qtbot, panel):
    with qtbot.waitSignal(panel.trainable_changed, timeout=1000) as blocker:
        panel.freeze_spin.setValue(3)
    assert blocker.args == [3, False]
    with qtbot.waitSignal(panel.trainable_changed, timeout=1000) as blocker:
        panel.backbone_check.setChecked(True)
    assert blocker.args == [3, True]
    panel.set_trainable_counts(1234, 56789)
    assert panel.trainable_label.text() == "trainable: 1,234 of 56,789 parameters"


def test_tile_grid_puts_the_original_first():
    tiles = np.stack([np.full((4, 5), i / 10, dtype=np.float32) for i in range(5)])
    grid = tile_grid(tiles)
    assert grid.shape == (4 * 2 + 2, 5 * 3 + 4)
    assert grid[0, 0] == 0.0 and grid[0, 7] == pytest.approx(0.1)
    assert grid[6, 0] == pytest.approx(0.3)
    assert grid[4, 0] == 1.0   # the white gap between rows


def test_augment_preview_dialog_draws_the_grid(qtbot):
    dialog = AugmentPreviewDialog()
    qtbot.addWidget(dialog)
    rng = np.random.default_rng(0)
    tiles = rng.random((9, 32, 32, 3), dtype=np.float32)
    dialog.show_preview(tiles, AugmentConfig(rotation=0.1, noise=0.05))
    assert not dialog.isModal() and dialog.isVisible()
    image = dialog.image_item.image
    assert image.shape == (3 * 32 + 4, 3 * 32 + 4, 3)
    np.testing.assert_array_equal(image[:32, :32], tiles[0])
    assert dialog.image_item.levels is not None
    np.testing.assert_array_equal(dialog.image_item.levels, [0.0, 1.0])
    assert "rotation 0.1 · noise 0.05" in dialog.title.text()
    dialog.show_preview(tile_grid(tiles[:4, :, :, 0]), AugmentConfig())
    assert dialog.image_item.image.ndim == 2
    assert "no augmentation" in dialog.title.text()


def test_screenshot(qtbot, panel):
    panel.resize(380, 1000)
    panel.set_device("GPU: NVIDIA H100 80GB HBM3")
    panel.freeze_spin.setValue(2)
    panel.set_trainable_counts(12_810, 61_706)
    panel.augment.spins["rotation"].setValue(0.05)
    panel.augment.spins["translation"].setValue(0.1)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(20)
    save_screenshot(panel, SCREENSHOTS / "training_panel.png")


# -- what the current model reads --------------------------------------------------------

def kinds_of(panel):
    return [panel.data_combo.itemData(i) for i in range(panel.data_combo.count())]


def test_a_sequence_classifier_is_offered_text_sets_that_learn(panel):
    panel.augment.spins["rotation"].setValue(0.1)
    panel.backbone_check.setChecked(True)
    panel.set_model("text", "classify")
    assert kinds_of(panel) == ["sentiment-en", "sentiment-vi", "long", "text_file"]
    assert panel.augment.isHidden() and panel.backbone_check.isHidden()
    assert not panel.text_note.isHidden() and "image models" in panel.text_note.text()
    # Image-only settings chosen before do not travel with a text run.
    assert panel.config() == TrainingConfig(data=DataSpec("sentiment-en"), epochs=10,
                                            learning_rate=0.01)
    panel.data_combo.setCurrentIndex(panel.data_combo.findData("long"))
    assert (panel.epochs_spin.value(), panel.learning_rate()) == (8, 0.01)
    assert "sentences" in panel.samples_spin.toolTip()


def test_a_tagger_is_offered_the_tagging_set(panel):
    panel.set_model("text", "tag")
    assert kinds_of(panel) == ["tagging"]
    assert panel.config().data == DataSpec("tagging") and panel.config().epochs == 5


def test_an_image_model_gets_the_image_sets_and_defaults_back(panel):
    image_kinds = kinds_of(panel)
    panel.set_model("text", "classify")
    panel.set_model("images")
    assert kinds_of(panel) == image_kinds and "cifar10" in image_kinds
    assert not panel.augment.isHidden() and panel.text_note.isHidden()
    assert panel.config() == TrainingConfig()


def test_the_same_kind_of_model_keeps_the_choices_made(panel):
    panel.set_model("text", "classify")
    panel.data_combo.setCurrentIndex(panel.data_combo.findData("sentiment-vi"))
    panel.epochs_spin.setValue(3)
    panel.set_model("text", "classify")     # another sequence classifier opened
    assert panel.config().data.kind == "sentiment-vi" and panel.config().epochs == 3


def test_a_text_file_needs_a_file(panel):
    panel.set_model("text", "classify")
    panel.data_combo.setCurrentIndex(panel.data_combo.findData("text_file"))
    assert not panel.start_button.isEnabled()
    assert ".csv or .tsv" in panel.status_hint.text()
    assert panel.data.form.labelForField(panel.folder_row).text() == "File"
    assert not panel.folder_row.isHidden()
    panel.folder_edit.setText("/tmp/reviews.csv")
    assert panel.start_button.isEnabled()
    assert panel.config().data == DataSpec("text_file", path="/tmp/reviews.csv")
    panel.set_folder("/tmp/cats")           # an image folder is not for this model
    assert panel.config().data.kind == "text_file"


def test_a_text_run_config_shows_as_text(panel):
    config = TrainingConfig(data=DataSpec("tagging", samples=400), epochs=3,
                            learning_rate=0.003, batch_size=16)
    panel.set_config(config)
    assert kinds_of(panel) == ["tagging"] and panel.augment.isHidden()
    assert panel.config() == config
    other = TrainingConfig(data=DataSpec("text_file", path="/data/r.tsv"), epochs=2)
    panel.set_config(other)
    assert "text_file" in kinds_of(panel) and panel.config() == other


def test_screenshot_for_a_sequence_model(qtbot, panel):
    panel.resize(380, 760)
    panel.set_device("CPU")
    panel.set_model("text", "classify")
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(20)
    save_screenshot(panel, SCREENSHOTS / "training_panel_text.png")


@pytest.mark.parametrize("kind, task", [("digit-strings", "read"), ("dates", "translate"),
                                        ("scenes-en", "caption"), ("tagging", "tag")])
def test_a_runs_settings_offer_that_runs_data_again(panel, kind, task):
    # A run's stored settings (opening a CTC, pairs or captions run) bring back
    # the choices of its kind of model, not the image sets.
    panel.set_config(TrainingConfig(data=DataSpec(kind=kind)))
    assert panel.data.kind() == kind
    assert panel.data.task == task


def test_a_shipped_models_own_data_is_offered_first(panel):
    # lstm-sentiment-vi learnt Vietnamese sentences: Start goes on with them.
    panel.set_model("text", "classify", "sentiment-vi")
    assert panel.data.kind() == "sentiment-vi"
    panel.set_model("text", "classify", "sentiment-en")   # same kind of model, its own set
    assert panel.data.kind() == "sentiment-en"
    panel.set_model("text", "classify", "not-a-set")       # unknown: the choice stays
    assert panel.data.kind() == "sentiment-en"
