"""The text box: a sentence for the current sequence model, read as it is typed.

Typing restarts a short timer; when it runs out (250 ms after the last key)
the panel says ``text_typed``. A fast typist therefore sends one request per
pause, not one per key, and the engine's "text" slot drops any that a newer
one overtakes (latest wins).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dlviz.app.views.canvas import hint_label

#: Milliseconds after the last key before the sentence is read.
DEBOUNCE_MS = 250


class TextPanel(QWidget):
    """A line to type a sentence into, and a line saying how it is read.

    Signals:
        text_typed(str): the sentence, once typing paused (or set by code with emit).
    """

    text_typed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("sentence_edit")
        self.edit.setPlaceholderText(self.tr("Type a sentence, e.g. the film was not bad at all "
                                             "· không tệ chút nào"))
        self.edit.setClearButtonEnabled(True)
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.edit.setFont(font)
        self.reading = hint_label(self.tr("Tokens are words and punctuation; Vietnamese is split into "
                                          "syllables (“học sinh” is two tokens)."))
        self._timer = QTimer(self)
        self._timer.setObjectName("text_debounce")
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_pause)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self._on_pause)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sentence")))
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reading)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, *, emit: bool = False) -> None:
        """Show ``text`` in the box (a sample, a replayed sentence); read it when ``emit``."""
        self._timer.stop()
        self.edit.setText(text)
        if emit:
            self.text_typed.emit(text)

    def _on_pause(self) -> None:
        self._timer.stop()
        self.text_typed.emit(self.edit.text())
