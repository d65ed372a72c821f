"""A non-blocking message strip above the central view.

Errors a person should read (a refused file, a failed build) go here instead
of a modal box, so the window stays usable and the last good state stays on
screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from dlviz.app.core_messages import core_message

_STYLES = {
    "error": "background:#fde2e1; color:#7a1b17; border:1px solid #f5b5b1;",
    "warning": "background:#fff4d6; color:#6b4e00; border:1px solid #f0d48a;",
    "info": "background:#e3f0ff; color:#123f73; border:1px solid #a9cdf5;",
}


class MessageBanner(QWidget):
    """One message at a time; the close button hides it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("message_banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons: list[QPushButton] = []
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.level = "info"
        self.hide()

    def show_message(self, text: str, level: str = "error", actions=()) -> None:
        """Show ``text``; ``actions`` are (label, callable) buttons offering a way on."""
        self.level = level
        self.setStyleSheet(f"#message_banner {{{_STYLES[level]} border-radius:4px;}}")
        self.label.setText(core_message(text))   # the core's refusals come in English
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for position, (label, callback) in enumerate(actions, start=1):
            button = QPushButton(label)
            button.clicked.connect(self.hide)
            button.clicked.connect(callback)
            self._layout.insertWidget(position, button, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(button)
        self.show()

    def text(self) -> str:
        return self.label.text()
