"""The CTC alignment drawn in two plots that share their x axis, column for column.

x counts time steps (one unit per column of the CRNN's feature map, ``steps``
in all) in both plots. The top plot holds the picture across ``[0, steps]``,
its height set from the widget's width so the picture keeps its aspect; the
bottom one holds one row per class (the blank first) with each column's
probability (``ImageItem``, fixed range 0..1, brighter = likelier), then the
best path: the likeliest symbol of each column, "—" for the blank. Both left
axes have one width, so a time step sits under the image pixels it reads.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Signal
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from dlviz.app.views.canvas import BACKGROUND
from dlviz.app.views.colormaps import lut

#: Left axis width (class names), pixels; the path row's offset below the classes.
AXIS_WIDTH, PATH_ROW = 72, 0.8
PATH_INK, BLANK_INK, TEXT_INK = "#c92a2a", "#8a8a8a", "#1d1d1d"


def describe_column(result, step: int, row: int | None) -> str:
    """What hovering says: the column, the class under the pointer and its probability.

    Example:
        >>> describe_column(found, 12, 6)                       # doctest: +SKIP
        'column 13 of 32 (image x 48–51) · class “5”: 0.873 · best: “5” 0.873'
    """
    left = step * result.pixels_per_step
    where = QCoreApplication.translate("CtcPlot", "column {0} of {1} (image x {2}–{3})").format(
        step + 1, result.steps, int(left), int(math.ceil(left + result.pixels_per_step)) - 1)
    best = int(result.path[step])
    best_text = QCoreApplication.translate("CtcPlot", "best: “{0}” {1}").format(
        _name(result, best), f"{result.probabilities[step, best]:.3f}")
    if row is None:
        return f"{where} · {best_text}"
    return QCoreApplication.translate("CtcPlot", "{0} · class “{1}”: {2} · {3}").format(
        where, _name(result, row), f"{result.probabilities[step, row]:.3f}", best_text)


def _name(result, index: int) -> str:
    if index == result.blank_index:
        return QCoreApplication.translate("CtcPlot", "blank")
    return str(result.class_names[index])


def _plot(layout, row: int) -> pg.PlotItem:
    plot = layout.addPlot(row=row, col=0)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.invertY(True)
    plot.vb.setMouseEnabled(x=True, y=False)
    for name in ("left", "bottom"):
        plot.getAxis(name).setTextPen(TEXT_INK)
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    return plot


class CtcPlot(pg.GraphicsLayoutWidget):
    """Picture above, per-column probabilities and best path below; hover names a cell.

    Signals:
        hovered(str): what the pointer is over ("" off the columns).
    """

    hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.result = None
        self.top = _plot(self.ci, 0)
        self.top.hideAxis("bottom")
        self.bottom = _plot(self.ci, 1)
        self.bottom.setLabel("bottom", self.tr("time step (a column of the feature map) →"),
                             color="#505050")
        self.top.setXLink(self.bottom)
        self.image = pg.ImageItem()
        self.image.setLookupTable(lut("grey"))
        self.heat = pg.ImageItem()
        self.heat.setLookupTable(lut("viridis"))
        self.top.addItem(self.image)
        self.bottom.addItem(self.heat)
        self.mark = self._outline(self.bottom)
        self.column_mark = self._outline(self.top)
        self.texts: list[pg.TextItem] = []
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(
            lambda event: self.fit() if event.double() else None)

    @staticmethod
    def _outline(plot):
        mark = QGraphicsRectItem(QRectF(0, 0, 1, 1))
        pen = QPen(pg.mkColor("#ff3b30"))
        pen.setWidth(2)
        pen.setCosmetic(True)   # 2 screen pixels at any zoom
        mark.setPen(pen)
        mark.setZValue(10)
        mark.hide()
        plot.addItem(mark)
        return mark

    def image_height(self) -> float:
        """The picture's height in x units (steps): it keeps its aspect across ``steps``."""
        h, w = self.result.image.shape[:2]
        return self.result.steps * h / max(w, 1)

    def path_y(self) -> float:
        return len(self.result.class_names) + PATH_ROW

    def show_alignment(self, result) -> None:
        """Draw ``result`` (a ``CtcAlignment``); the zoom is kept when the shape is."""
        same_shape = (self.result is not None and self.result.probabilities.shape ==
                      result.probabilities.shape)
        self.result = result
        steps, classes = result.probabilities.shape
        self.image.setImage(np.ascontiguousarray(result.image, np.float32), levels=(0, 1),
                            autoLevels=False)
        self.image.setRect(QRectF(0, 0, steps, self.image_height()))
        self.heat.setImage(np.ascontiguousarray(result.probabilities.T, np.float32),
                           levels=(0, 1), autoLevels=False)
        self.heat.setRect(QRectF(0, 0, steps, classes))
        self._draw_path()
        self.top.getAxis("left").setTicks([[(self.image_height() / 2, "image")]])
        self.bottom.getAxis("left").setTicks(
            [[*((k + 0.5, _name(result, k)) for k in range(classes)),
              (self.path_y(), "best path")]])
        ticks = [(t + 0.5, str(t + 1)) for t in range(0, steps, max(1, steps // 16))]
        self.bottom.getAxis("bottom").setTicks([ticks])
        self.bottom.vb.setLimits(xMin=-1, xMax=steps + 1)
        for mark in (self.mark, self.column_mark):
            mark.hide()
        self._size_rows()
        if not same_shape:
            self.fit()

    def _draw_path(self) -> None:
        for item in self.texts:
            self.bottom.removeItem(item)
        self.texts = []
        font = QFont()
        font.setPointSizeF(12)
        font.setBold(True)
        for t, k in enumerate(self.result.path):
            blank = int(k) == self.result.blank_index
            text = pg.TextItem("—" if blank else self.result.symbol(int(k)), anchor=(0.5, 0.5),
                               color=BLANK_INK if blank else PATH_INK)
            text.setFont(font)
            text.setPos(t + 0.5, self.path_y())
            self.bottom.addItem(text)
            self.texts.append(text)

    def fit(self) -> None:
        """Show the whole alignment."""
        if self.result is None:
            return
        self.bottom.vb.setRange(xRange=(0, self.result.steps),
                                yRange=(0, self.path_y() + 0.8), padding=0)
        self.top.vb.setRange(yRange=(0, self.image_height()), padding=0)

    def _size_rows(self) -> None:
        """The picture's row as tall as its aspect needs at the current width."""
        if self.result is None:
            return
        width = max(50.0, self.width() - AXIS_WIDTH - 20)
        h, w = self.result.image.shape[:2]
        height = min(width * h / max(w, 1), self.height() * 0.4)
        self.ci.layout.setRowFixedHeight(0, height + 6)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if getattr(self, "result", None) is None:   # pyqtgraph resizes while it is built
            return
        self._size_rows()
        self.fit()

    # -- pointer --------------------------------------------------------------------
    def cell_at(self, scene_pos) -> tuple[int, int | None] | None:
        """(step, class row, or None over the picture or the path) under the pointer."""
        if self.result is None:
            return None
        for plot in (self.bottom, self.top):
            if plot.vb.sceneBoundingRect().contains(scene_pos):
                point = plot.vb.mapSceneToView(scene_pos)
                step = int(math.floor(point.x()))
                if not 0 <= step < self.result.steps:
                    return None
                row = int(math.floor(point.y())) if plot is self.bottom else -1
                return step, row if 0 <= row < len(self.result.class_names) else None
        return None

    def hover(self, cell) -> str:
        """Outline the hovered cell (and its column in the picture); say what it holds."""
        if cell is None:
            self.mark.hide()
            self.column_mark.hide()
            return ""
        step, row = cell
        self.column_mark.setRect(QRectF(step, 0, 1, self.image_height()))
        self.column_mark.show()
        self.mark.setVisible(row is not None)
        if row is not None:
            self.mark.setRect(QRectF(step, row, 1, 1))
        return describe_column(self.result, step, row)

    def _on_mouse_moved(self, pos) -> None:
        self.hovered.emit(self.hover(self.cell_at(pos)))
