"""Round dots of a fixed size in pixels at data points: the time steps on a gate's line.

``PlotDataItem``'s symbols are a ``ScatterPlotItem``, which builds its spots
anew (records, symbol pixmaps, bounds) whenever the data change: with three
lines a live gates frame spent about 2 ms of the GUI thread on it, a fifth
of the frame (``benchmarks/draw_cost.py --tab gates``). These dots are
points drawn with a round, cosmetic pen: new values only replace the points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen, QPolygonF


class DotsItem(pg.GraphicsObject):
    """Dots ``size`` pixels across, in ``colour``, at the finite points of ``setData``."""

    def __init__(self, colour, size: float = 5.0):
        super().__init__()
        self._pen = QPen(QColor(colour), size)
        self._pen.setCosmetic(True)            # the same size at any zoom
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)   # a round cap makes a point a dot
        self._size = float(size)
        self._points = QPolygonF()
        self._bounds = QRectF()
        self._padded: QRectF | None = None   # the bounds with the dots' margin, at this zoom

    def setData(self, x, y) -> None:  # noqa: N802 (as PlotDataItem's)
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        finite = np.isfinite(x) & np.isfinite(y)
        x, y = x[finite], y[finite]
        self.prepareGeometryChange()
        self._points = QPolygonF([QPointF(a, b) for a, b in zip(x.tolist(), y.tolist())])
        self._bounds = QRectF(float(x.min()), float(y.min()), float(np.ptp(x)), float(np.ptp(y))) \
            if x.size else QRectF()
        self._padded = None
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """The dots' positions, in data coordinates."""
        return [(p.x(), p.y()) for p in self._points]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        if self._bounds.isNull() and not self._points.size():
            return QRectF()
        if self._padded is None:   # Qt asks often; the pixel size costs a transform each time
            # A dot across beyond the outermost points (its half, and a margin), in data units.
            pad_x = self._size * (self.pixelWidth() or 0.0)
            pad_y = self._size * (self.pixelHeight() or 0.0)
            padded = self._bounds.adjusted(-pad_x, -pad_y, pad_x, pad_y)
            if not (pad_x and pad_y):
                return padded   # not in a view yet: no pixel size to keep
            self._padded = padded
        return QRectF(self._padded)

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph API)
        self.prepareGeometryChange()   # the padding in data units changed with the zoom
        self._padded = None

    def paint(self, painter, *_args) -> None:
        painter.setPen(self._pen)
        painter.drawPoints(self._points)
