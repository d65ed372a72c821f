"""The small widgets of the caption view: a word of the caption, and a word's picture.

Both report the pointer (``hovered(index)``, ``left()``) and a click
(``clicked(index)``), so pointing at a word, or at its picture, shows where
that word looked.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolButton, QVBoxLayout
from dlviz.app.numbers import percent_text


def pixmap(rgb: np.ndarray, side: int) -> QPixmap:
    """A uint8 (h, w, 3) picture as a square pixmap of ``side`` pixels, pixels kept sharp."""
    rgb = np.ascontiguousarray(rgb, np.uint8)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(image).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.FastTransformation)


class WordButton(QToolButton):
    """One word of the caption in large type; checked while its attention is pinned."""

    hovered = Signal(int)
    left = Signal()

    def __init__(self, index: int, word: str, point_size: float, parent=None):
        super().__init__(parent)
        self.index = index
        self.setText(word)
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setObjectName(f"caption_word_{index}")
        font = self.font()
        font.setPointSizeF(point_size)
        font.setBold(True)
        self.setFont(font)
        self.setToolTip(self.tr("Word {0}: click to keep its attention on the picture").format(
            index + 1))

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.hovered.emit(self.index)
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.left.emit()
        super().leaveEvent(event)


class WordTile(QFrame):
    """A word's own picture (the scene with its attention over it) and the word."""

    hovered = Signal(int)
    left = Signal()
    clicked = Signal(int)

    def __init__(self, index: int, word: str, rgb: np.ndarray, side: int,
                 sureness: float, parent=None):
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"caption_tile_{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.picture = QLabel()
        self.picture.setPixmap(pixmap(rgb, side))
        self.word = QLabel(f"{index + 1}. {word}")
        self.word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.word.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.word.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("'{0}': the model was {1} sure of this word; bright = where it "
                                "looked").format(word, percent_text(sureness, 0)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(2)
        layout.addWidget(self.picture)
        layout.addWidget(self.word)

    def set_selected(self, selected: bool) -> None:
        self.setStyleSheet("#%s { border: 2px solid #d08a00; }" % self.objectName()
                           if selected else "")

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.hovered.emit(self.index)
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.left.emit()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.clicked.emit(self.index)
        super().mousePressEvent(event)
