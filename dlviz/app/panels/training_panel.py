"""The training dock: data, optimiser, regularisation, transfer learning, device,
and Start / Pause / Stop. It only collects settings into a frozen
``TrainingConfig`` and says what was asked; the window does the rest.

The window tells it what the current model reads (``set_model``): a sequence
model is offered text sets, with the epochs and learning rate that make a
fresh one learn them, and no image augmentation or backbone freezing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from dlviz.app.numbers import count_text
from dlviz.app.panels.augment_group import AugmentGroup
from dlviz.app.panels.training_data_group import TrainingDataGroup
from dlviz.app.views.canvas import hint_label
from dlviz.core.training.config import AugmentConfig, TrainingConfig, suggested_settings

TEXT_NOTE = QT_TRANSLATE_NOOP(
    "TrainingPanel", "A sequence model learns its sentences as they are: data augmentation and "
    "freezing a nested backbone are for image models.")
#: Shown translated (``self.tr``); the names are the same in every language.
OPTIMIZER_CHOICES = ((QT_TRANSLATE_NOOP("TrainingPanel", "SGD with momentum"), "sgd"),
                     ("Adam", "adam"), ("RMSprop", "rmsprop"))
LEARNING_RATES = ("0.0001", "0.0003", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1")
LR_RANGE = (1e-4, 1.0)
STATES = ("idle", "running", "paused", "stopping")


def _spin(low: int, high: int, value: int, *, special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    if special:
        spin.setSpecialValueText(special)
    return spin


def _float_spin(low: float, high: float, value: float, step: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(2)
    spin.setSingleStep(step)
    spin.setValue(value)
    return spin


class TrainingPanel(QWidget):
    """Training settings and run controls.

    Signals:
        start_requested(TrainingConfig), pause_requested(), resume_requested(),
        stop_requested(), augment_preview_requested(AugmentConfig),
        trainable_changed(int freeze_first, bool freeze_backbone).
    The window answers by calling ``set_state``, ``set_device`` and
    ``set_trainable_counts``.
    """

    start_requested = Signal(object)
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    augment_preview_requested = Signal(object)
    trainable_changed = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = "idle"
        self.settings = QWidget()
        column = QVBoxLayout(self.settings)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._data_group())
        column.addWidget(self._optimizer_group())
        self.text_note = hint_label(self.tr(TEXT_NOTE))
        self.text_note.setVisible(False)
        column.addWidget(self.text_note)
        self.augment = AugmentGroup()
        self.augment.preview_requested.connect(self.augment_preview_requested)
        column.addWidget(self.augment)
        column.addWidget(self._transfer_group())
        column.addWidget(self._device_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # A narrow dock scrolls down, never sideways: rows wrap to the dock's width.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.settings)
        scroll.setMinimumWidth(self.settings.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width())

        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button.clicked.connect(self._on_start_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.status_hint = hint_label("")
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_hint)
        layout.addLayout(buttons)
        self.set_state("idle")
        self._on_data_changed()

    # -- building --------------------------------------------------------------

    def _data_group(self) -> QGroupBox:
        self.data = TrainingDataGroup()
        # The widgets tests and the window reach by name.
        self.data_combo, self.samples_spin = self.data.combo, self.data.samples_spin
        self.folder_edit, self.folder_row = self.data.path_edit, self.data.path_row
        self.data.kind_changed.connect(self._on_data_changed)
        self.data.path_changed.connect(self._update_buttons)
        return self.data

    def _optimizer_group(self) -> QGroupBox:
        self.optimizer_combo = QComboBox()
        for text, name in OPTIMIZER_CHOICES:
            self.optimizer_combo.addItem(self.tr(text), name)
        self.optimizer_combo.setCurrentIndex(1)  # Adam: the forgiving default
        self.momentum_spin = _float_spin(0.0, 0.99, 0.9, 0.05)
        self.lr_combo = QComboBox()
        self.lr_combo.setEditable(True)
        self.lr_combo.addItems(LEARNING_RATES)
        self.lr_combo.setCurrentText("0.001")
        validator = QDoubleValidator(*LR_RANGE, 6, self.lr_combo)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lr_combo.setValidator(validator)
        self.lr_combo.setToolTip(self.tr("Pick or type a value from 0.0001 to 1 (e.g. 3e-4)"))
        self.lr_combo.currentTextChanged.connect(self._update_buttons)
        self.batch_spin = _spin(1, 4096, 32)
        self.epochs_spin = _spin(1, 1000, 5)
        self.val_spin = _float_spin(0.0, 0.5, 0.1, 0.05)
        self.dropout_check = QCheckBox(self.tr("Dropout"))
        self.dropout_check.setToolTip(self.tr("Set the rate of every Dropout layer in the model"))
        self.dropout_spin = _float_spin(0.0, 0.9, 0.5, 0.05)
        self.dropout_check.toggled.connect(self.dropout_spin.setEnabled)
        self.dropout_spin.setEnabled(False)
        self.optimizer_combo.currentIndexChanged.connect(
            lambda: self.momentum_spin.setEnabled(self.optimizer_combo.currentData() == "sgd"))
        self.momentum_spin.setEnabled(False)
        group = QGroupBox(self.tr("Optimiser"))
        form = QFormLayout(group)
        form.addRow(self.tr("Optimizer"), self.optimizer_combo)
        form.addRow(self.tr("Momentum"), self.momentum_spin)
        form.addRow(self.tr("Learning rate"), self.lr_combo)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Validation split"), self.val_spin)
        form.addRow(self.dropout_check, self.dropout_spin)
        return group

    def _transfer_group(self) -> QGroupBox:
        self.freeze_spin = _spin(0, 10_000, 0, special=self.tr("none"))
        self.backbone_check = QCheckBox(self.tr("Freeze nested backbone\n(feature extraction)"))
        self.trainable_label = QLabel(self.tr("trainable: –"))
        self.freeze_spin.valueChanged.connect(self._on_freezing_changed)
        self.backbone_check.toggled.connect(self._on_freezing_changed)
        group = QGroupBox(self.tr("Transfer learning"))
        form = QFormLayout(group)
        form.addRow(self.tr("Freeze first layers"), self.freeze_spin)
        form.addRow(self.backbone_check)
        form.addRow(self.trainable_label)
        return group

    def _device_group(self) -> QGroupBox:
        self.device_label = QLabel(self.tr("Device: not known yet"))
        self.device_label.setWordWrap(True)
        self.mixed_check = QCheckBox(self.tr("Mixed precision (GPU only)"))
        self.mixed_check.setEnabled(False)
        self.distribute_check = QCheckBox(self.tr("Use all devices (MirroredStrategy)"))
        group = QGroupBox(self.tr("Device"))
        column = QVBoxLayout(group)
        for widget in (self.device_label, self.mixed_check, self.distribute_check):
            column.addWidget(widget)
        return group

    # -- settings in and out ---------------------------------------------------

    def config(self) -> TrainingConfig:
        """The frozen settings the widgets show now."""
        text = self.data.is_text  # no image augmentation, no backbone to freeze
        return TrainingConfig(
            data=self.data.spec(),
            optimizer=self.optimizer_combo.currentData(),
            learning_rate=self.learning_rate() or TrainingConfig.learning_rate,
            momentum=self.momentum_spin.value(),
            batch_size=self.batch_spin.value(),
            epochs=self.epochs_spin.value(),
            validation_split=self.val_spin.value(),
            dropout=self.dropout_spin.value() if self.dropout_check.isChecked() else None,
            augment=AugmentConfig() if text else self.augment.augment_config(),
            freeze_first=self.freeze_spin.value(),
            freeze_backbone=self.backbone_check.isChecked() and not text,
            mixed_precision=self.mixed_check.isEnabled() and self.mixed_check.isChecked(),
            distribute=self.distribute_check.isChecked(),
        )

    def set_config(self, config: TrainingConfig) -> None:
        """Show ``config`` (e.g. the settings of a run being resumed)."""
        self.data.set_spec(config.data)
        self._update_image_options()  # then this config's own epochs and learning rate
        self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData(config.optimizer))
        self.lr_combo.setCurrentText(f"{config.learning_rate:g}")
        self.momentum_spin.setValue(config.momentum)
        self.batch_spin.setValue(config.batch_size)
        self.epochs_spin.setValue(config.epochs)
        self.val_spin.setValue(config.validation_split)
        self.dropout_check.setChecked(config.dropout is not None)
        if config.dropout is not None:
            self.dropout_spin.setValue(config.dropout)
        self.augment.set_augment_config(config.augment)
        self.freeze_spin.setValue(config.freeze_first)
        self.backbone_check.setChecked(config.freeze_backbone)
        self.mixed_check.setChecked(config.mixed_precision)
        self.distribute_check.setChecked(config.distribute)

    def learning_rate(self) -> float | None:
        """The typed learning rate, or None when it is not a number in range."""
        try:
            value = float(self.lr_combo.currentText())
        except ValueError:
            return None
        return value if LR_RANGE[0] <= value <= LR_RANGE[1] else None

    def problem(self) -> str:
        """Why Start is disabled now, or '' when the settings can run."""
        if self.data.problem():
            return self.data.problem()
        if self.learning_rate() is None:
            return self.tr("Learning rate must be a number from 0.0001 to 1.")
        return ""

    # -- answers from the window -----------------------------------------------

    def set_state(self, state: str) -> None:
        """Enable the buttons for "idle", "running", "paused" or "stopping"."""
        if state not in STATES:
            raise ValueError(f"unknown training state {state!r}; expected one of {STATES}")
        self.state = state
        self.settings.setEnabled(state == "idle")
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.stop_button.setEnabled(state in ("running", "paused"))
        self._update_buttons()

    def set_device(self, text: str) -> None:
        """Name the training device; mixed precision is offered only on a GPU."""
        self.device_label.setText(self.tr("Device: {0}").format(text))
        gpu = "gpu" in text.lower()
        self.mixed_check.setEnabled(gpu)
        if not gpu:
            self.mixed_check.setChecked(False)

    def set_trainable_counts(self, trainable: int, total: int) -> None:
        self.trainable_label.setText(self.tr("trainable: {0} of {1} parameters").format(
            count_text(trainable), count_text(total)))

    def set_folder(self, path: str) -> None:
        """Train on the image folder ``path`` (when the model reads images)."""
        self.data.set_folder(path)

    def set_model(self, reads: str, task: str = "classify", data: str | None = None) -> None:
        """The current model reads "images" or "text" (a sequence model), for
        ``task`` "classify", "tag" or "translate": offer the data it can learn,
        ``data`` first when given (the set a shipped trained model learnt)."""
        if self.data.set_model(reads, task):
            self._update_image_options()
        if data is not None and self.data.combo.findData(data) >= 0:
            self.data.combo.setCurrentIndex(self.data.combo.findData(data))

    # -- handlers --------------------------------------------------------------

    def _update_buttons(self) -> None:
        problem = self.problem()
        self.start_button.setEnabled(self.state == "idle" and not problem)
        if self.state == "stopping":
            self.status_hint.setText(self.tr("Stopping after the current batch…"))
        elif self.state == "paused":
            self.status_hint.setText(self.tr("Paused. Resume to go on, or Stop."))
        else:
            self.status_hint.setText(problem if self.state == "idle" else "")

    def _on_data_changed(self, kind: str = "") -> None:
        # A text set comes with the epochs and learning rate that learn it; image
        # sets keep what the person chose (they share one set of defaults).
        if self.data.is_text and kind:
            self._apply_suggestions(kind)
        self._update_buttons()

    def _apply_suggestions(self, kind: str) -> None:
        settings = suggested_settings(kind)
        self.epochs_spin.setValue(settings["epochs"])
        self.lr_combo.setCurrentText(f"{settings['learning_rate']:g}")

    def _update_image_options(self) -> None:
        text = self.data.is_text
        if not text:  # back from text: the image defaults again
            self._apply_suggestions(self.data.kind())
        self.augment.setVisible(not text)
        self.backbone_check.setVisible(not text)
        self.text_note.setVisible(text)

    def _on_start_clicked(self) -> None:
        if not self.problem():
            self.start_requested.emit(self.config())

    def _on_pause_clicked(self) -> None:
        if self.state == "running":
            self.pause_requested.emit()
        elif self.state == "paused":
            self.resume_requested.emit()

    def _on_freezing_changed(self) -> None:
        self.trainable_changed.emit(self.freeze_spin.value(), self.backbone_check.isChecked())
