"""The Builder tab's row of buttons: files, undo and redo, the model's name, Train this."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget


class BuilderToolbar(QWidget):
    """Buttons that say what they do; each emits a request the panel answers.

    Signals:
        new_requested(), from_model_requested(), open_requested(),
        save_requested(), export_requested(), undo_requested(),
        redo_requested(), train_requested(): one per button.
        name_edited(str): the model's new name (on Enter or leaving the box).
    """

    new_requested = Signal()
    from_model_requested = Signal()
    open_requested = Signal()
    save_requested = Signal()
    export_requested = Signal()
    undo_requested = Signal()
    redo_requested = Signal()
    train_requested = Signal()
    name_edited = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builder_toolbar")
        self.name_edit = QLineEdit()
        self.name_edit.setMaximumWidth(160)
        self.name_edit.setMinimumWidth(90)
        self.name_edit.setToolTip(self.tr("The model's name (its title, and the saved file's)"))
        self.name_edit.setPlaceholderText(self.tr("model name"))
        self.name_edit.editingFinished.connect(
            lambda: self.name_edited.emit(self.name_edit.text().strip()))
        # Arrows only, explained by their tooltips: the row must fit 1280 px with the
        # library docked, in Vietnamese too (longer words).
        self.undo_button = self._button("↶", self.undo_requested, self.tr("Undo (Ctrl+Z)"))
        self.redo_button = self._button("↷", self.redo_requested,
                                        self.tr("Redo (Ctrl+Shift+Z)"))
        for button in (self.undo_button, self.redo_button):
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            button.setFont(font)
            button.setMaximumWidth(44)
        self.train_button = self._button(
            self.tr("▶ Train this"), self.train_requested,
            self.tr("Build this network and make it the current model: the training panel,"
                    " feature maps and gates then work on it"), "builder_train")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (
                self._button(self.tr("New"), self.new_requested,
                             self.tr("Start again from an input layer")),
                self._button(self.tr("From current model"), self.from_model_requested,
                             self.tr("Copy the model now open (library or file) to change it")),
                self._button(self.tr("Open…"), self.open_requested,
                             self.tr("Open a Keras model config (.json, from model.to_json())")),
                self._button(self.tr("Save…"), self.save_requested,
                             self.tr("Save as Keras model config JSON (opens in Keras, Netron)")),
                self.undo_button, self.redo_button,
                self._button(self.tr("Export code…"), self.export_requested,
                             self.tr("Write a runnable Keras Python script of this network"))):
            bar.addWidget(widget)
        bar.addWidget(self.name_edit)
        bar.addStretch(1)
        bar.addWidget(self.train_button)

    @staticmethod
    def _button(text: str, signal, tip: str = "", name: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setObjectName(name)
        button.clicked.connect(lambda: signal.emit())
        return button

    def show_name(self, name: str) -> None:
        """Show the model's name (after Open, New, From current model, undo)."""
        if self.name_edit.text() != name:
            self.name_edit.setText(name)
