"""A small grid of numbers, one tinted cell per value, big enough to read aloud."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dlviz.app.explainers.pictures import number

#: Tints for the four 2x2 pooling blocks (and the pooled cell each makes).
BLOCK_TINTS = (QColor(255, 214, 214), QColor(214, 232, 255),
               QColor(214, 245, 214), QColor(255, 238, 200))
CELL = 58
FONT_POINTS = 15.0


class NumberGrid(QWidget):
    """``values`` (rows, cols) drawn as cells with their numbers and a title.

    ``tints`` (rows, cols) of indexes into :data:`BLOCK_TINTS` (-1: white);
    ``bold`` marks the cells to write in bold (the maxima of max pooling).
    """

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = title
        self.values = np.zeros((1, 1))
        self.tints = None
        self.bold = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_values(self, values, tints=None, bold=None) -> None:
        self.values = np.atleast_2d(np.asarray(values, float))
        self.tints, self.bold = tints, bold
        self.updateGeometry()
        self.setFixedSize(self.sizeHint())
        self.update()

    def _cell_width(self) -> int:
        """Wide enough for the longest number (−0.20 needs more than 5)."""
        font = QFont(self.font())
        font.setPointSizeF(FONT_POINTS)
        font.setBold(True)
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(number(v)) for v in self.values.reshape(-1))
        return max(CELL, widest + 14)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        rows, cols = self.values.shape
        title = QFontMetrics(self.font()).horizontalAdvance(self.title) + 8
        return QSize(max(cols * self._cell_width() + 4, title), rows * CELL + 30)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        font = QFont(self.font())
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(0, 0, self.width(), 24), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setPointSizeF(FONT_POINTS)
        rows, cols = self.values.shape
        width = self._cell_width()
        for r in range(rows):
            for c in range(cols):
                rect = QRectF(2 + c * width, 26 + r * CELL, width, CELL)
                tint = -1 if self.tints is None else int(self.tints[r, c])
                painter.fillRect(rect, BLOCK_TINTS[tint] if tint >= 0 else QColor("white"))
                painter.setPen(QPen(QColor(120, 120, 120)))
                painter.drawRect(rect)
                font.setBold(bool(self.bold is not None and self.bold[r, c]))
                painter.setFont(font)
                painter.setPen(QColor(20, 20, 20))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, number(self.values[r, c]))
        painter.end()
