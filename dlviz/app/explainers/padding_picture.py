"""The picture of stride and padding: the padded input, the window, the output grid.

Drawn with QPainter, cell by cell, so every zero of the padding and every
window position can be seen: image pixels in grey, padding cells pale with
a 0, the window at the chosen position in red, the top-left corner of every
window position as a dot, and the output grid with the pixel that window
makes filled in red.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PADDING_FILL = QColor(255, 243, 205)
WINDOW_RED = QColor(210, 30, 30)


class PaddingPicture(QWidget):
    """Input (with padding) on the left, output on the right, same cell size."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 300)
        self.image = np.zeros((5, 5))
        self.kernel = 3
        self.stride = 1
        self.pad_before = self.pad_after = 0
        self.out = 3
        self.position = 0
        self.labels = ("", "")

    def set_state(self, image, kernel, stride, pad_before, pad_after, out, position,
                  labels) -> None:
        """What to draw: the n x n image, k, s, padding, output size, window index."""
        self.image, self.kernel, self.stride = np.asarray(image, float), kernel, stride
        self.pad_before, self.pad_after, self.out = pad_before, pad_after, out
        self.position, self.labels = position, labels
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        n = self.image.shape[0]
        side = n + self.pad_before + self.pad_after
        out = max(self.out, 0)
        cell = min((self.width() - 60) / max(side + out, 1),
                   (self.height() - 50) / max(side, 1), 60.0)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(cell * 0.3, 12.0)))
        painter.setFont(font)
        x0, y0 = 10.0, 30.0
        self._draw_input(painter, x0, y0, cell, n, side)
        ox = x0 + side * cell + 40
        self._draw_output(painter, ox, y0, cell, out)
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(x0, 4, side * cell + 30, 24), self.labels[0])
        painter.drawText(QRectF(ox, 4, max(out * cell, 200), 24), self.labels[1])
        painter.end()

    def _draw_input(self, painter, x0, y0, cell, n, side) -> None:
        grid = QPen(QColor(150, 150, 150))
        pb = self.pad_before
        for r in range(side):
            for c in range(side):
                rect = QRectF(x0 + c * cell, y0 + r * cell, cell, cell)
                inside = pb <= r < pb + n and pb <= c < pb + n
                if inside:
                    v = int(round(255 * float(np.clip(self.image[r - pb, c - pb], 0, 1))))
                    painter.fillRect(rect, QColor(v, v, v))
                else:
                    painter.fillRect(rect, PADDING_FILL)
                    painter.setPen(QColor(140, 110, 40))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "0")
                painter.setPen(grid)
                painter.drawRect(rect)
        if self.out < 1:
            return
        # A dot at each window position's top-left corner: the stride's footprint.
        painter.setBrush(QColor(30, 90, 200))
        painter.setPen(Qt.PenStyle.NoPen)
        for i in range(self.out):
            for j in range(self.out):
                cx = x0 + (j * self.stride + 0.5) * cell
                cy = y0 + (i * self.stride + 0.5) * cell
                painter.drawEllipse(QRectF(cx - cell * 0.12, cy - cell * 0.12,
                                           cell * 0.24, cell * 0.24))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        row, col = divmod(self.position, self.out)
        pen = QPen(WINDOW_RED)
        pen.setWidthF(3)
        painter.setPen(pen)
        painter.drawRect(QRectF(x0 + col * self.stride * cell, y0 + row * self.stride * cell,
                                self.kernel * cell, self.kernel * cell))

    def _draw_output(self, painter, ox, y0, cell, out) -> None:
        if out < 1:
            return
        row, col = divmod(self.position, out)
        painter.setPen(QPen(QColor(90, 90, 90)))
        for r in range(out):
            for c in range(out):
                rect = QRectF(ox + c * cell, y0 + r * cell, cell, cell)
                painter.fillRect(rect, WINDOW_RED if (r, c) == (row, col) else QColor(225, 235, 250))
                painter.drawRect(rect)
