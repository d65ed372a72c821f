"""Attention weights drawn as heatmaps: source tokens along x, output tokens down y.

One plot per head shown (one for a single head or a chosen head; a grid of
small multiples for "all heads"), each holding one ``ImageItem`` of the
(outputs, sources) weights, row-major, drawn on the fixed range 0..1 so that
a pale cell means the same weight in every head and every frame. A colour bar
beside them is the key. The plots are built once per number of panels; a new
sentence, a live frame or a replayed snapshot only replaces their images.

Scroll on a plot to zoom along the source tokens (the output tokens too when
there are many), drag to pan, double-click to see the whole again; tick
labels name as many tokens as fit (``TokenAxis``). Hovering names the cell.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsRectItem

from dlviz.app.views.canvas import BACKGROUND, cache_axes
from dlviz.app.views.colormaps import colormap
from dlviz.app.views.lut_image import LutImageItem
from dlviz.app.views.token_axis import TokenAxis

#: The colour map of the weights (perceptually uniform: brighter = more weight).
CMAP = "viridis"
#: Output tokens beyond this many can be zoomed along y too.
MANY_ROWS = 60


def describe_cell(result, head: int, row: int, col: int) -> str:
    """What hovering over one cell says: "output token ← source token: weight".

    Example:
        >>> describe_cell(result, 0, 2, 5)                      # doctest: +SKIP
        '“8” (output 3) ← “1987” (source 6): 0.912'
    """
    weight = float(result.weights[head, row, col])
    which = f" · {result.head_names[head]}" if result.heads > 1 else ""
    return (f"“{result.output_tokens[row]}” (output {row + 1}) ← "
            f"“{result.source_tokens[col]}” (source {col + 1}): {weight:.3f}{which}")


class AttentionGrid(pg.GraphicsLayoutWidget):
    """The heatmaps of the heads shown, their shared colour bar, and hover.

    Signals:
        hovered(str): what the pointer is over ("" when over no cell).
    """

    hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.result = None
        self.heads: tuple[int, ...] = ()
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        self.marks: list[QGraphicsRectItem] = []   # the hovered cell, outlined
        self.bar: pg.ColorBarItem | None = None
        self._extent: tuple[int, int] | None = None   # (outputs, sources) drawn
        self._dress = None   # what the axes, titles and colour bar are set for
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def show_heads(self, result, heads, top: float = 1.0, labels=("", "")) -> None:
        """Draw ``result``'s heads ``heads`` (indices), rebuilding only when their number changes.

        Args:
            result: an ``AttentionMap``.
            heads: indices of the heads to draw, one plot each.
            top: the weight drawn brightest (1.0; less to stretch thin weights).
            labels: the (x, y) axis titles of a single plot.
        """
        self.result, self.heads = result, tuple(heads)
        if len(self.heads) != len(self.plots):
            self._build(len(self.heads))
        outputs, sources = result.weights.shape[1:]
        extent = (outputs, sources)
        for item, head in zip(self.images, self.heads):
            item.setImage(np.ascontiguousarray(result.weights[head], dtype=np.float32),
                          levels=(0.0, top), autoLevels=False)
        # Live frames of one text change the weights only: labelling the axes
        # again made pyqtgraph draw them anew, most of a frame's 10 ms.
        dress = (tuple(labels), tuple(result.source_tokens), tuple(result.output_tokens),
                 tuple(result.head_names[h] for h in self.heads), top, extent)
        if dress == self._dress:
            return
        self._dress = dress
        if len(self.plots) == 1:
            self.plots[0].setLabel("bottom", labels[0], color="#505050")
            self.plots[0].setLabel("left", labels[1], color="#505050")
        for plot, head in zip(self.plots, self.heads):
            plot.getAxis("bottom").set_tokens(result.source_tokens)
            plot.getAxis("left").set_tokens(result.output_tokens)
            plot.setTitle(result.head_names[head] if len(self.heads) > 1 else None,
                          color="#303030", size="10pt")
            plot.vb.setMouseEnabled(x=True, y=outputs > MANY_ROWS)
            plot.vb.setLimits(xMin=0, xMax=max(1, sources), yMin=0, yMax=max(1, outputs))
        self.bar.setLevels(values=(0.0, top))
        self._fit_axes()
        if extent != self._extent:   # new lengths: show all; else keep the zoom
            self._extent = extent
            self.fit()

    def fit(self) -> None:
        """Show every token again (after a zoom)."""
        if not self._extent:
            return
        outputs, sources = self._extent
        for plot in self.plots:
            plot.vb.setRange(xRange=(0, max(1, sources)), yRange=(0, max(1, outputs)),
                             padding=0)

    def _build(self, panels: int) -> None:
        self.clear()
        self._dress = None
        self.plots, self.images, self.marks = [], [], []
        columns = math.ceil(math.sqrt(panels))
        point = 11.0 if panels == 1 else 9.0
        for index in range(panels):
            axes = {"bottom": TokenAxis("bottom", point), "left": TokenAxis("left", point)}
            plot = self.addPlot(index // columns, index % columns, axisItems=axes)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            cache_axes(plot)     # live frames change the weights, rarely the tokens
            plot.invertY(True)   # the first output token on top, read downwards
            item = LutImageItem()
            plot.addItem(item)
            mark = QGraphicsRectItem(QRectF(0, 0, 1, 1))
            pen = QPen(pg.mkColor("#ff3b30"))
            pen.setWidth(2)
            pen.setCosmetic(True)   # 2 screen pixels at any zoom
            mark.setPen(pen)
            mark.setZValue(10)
            mark.hide()
            plot.addItem(mark)
            if index:   # zoom and pan all heads together
                plot.setXLink(self.plots[0])
                plot.setYLink(self.plots[0])
            self.plots.append(plot)
            self.images.append(item)
            self.marks.append(mark)
        self.bar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=colormap(CMAP),
                                   interactive=False, width=14, colorMapMenu=False,
                                   label="weight α (each row sums to 1)")
        self.bar.setImageItem(self.images)
        self.bar.axis.setTextPen("#1d1d1d")   # the numbers, dark like the token labels
        self.bar.getAxis("left").setLabel(self.tr("weight α (each row sums to 1)"),
                                          color="#303030")
        rows = math.ceil(panels / columns)
        self.addItem(self.bar, 0, columns, rowspan=rows)
        # A layout with no parent layout shrinks to its preferred size when its
        # items change: the grid fills the widget again.
        self.ci.setGeometry(self.range)

    def _fit_axes(self) -> None:
        """Every plot's left axis as wide as its widest output label (up to a limit)."""
        titled = len(self.plots) == 1   # the axis's title needs a column of its own
        for plot in self.plots:
            left = plot.getAxis("left")
            left.setWidth(min(160, left.widest() + 16) + (24 if titled else 0))

    # -- pointer --------------------------------------------------------------------
    def cell_at(self, scene_pos) -> tuple[int, int, int] | None:
        """(head, output row, source column) under a scene position, or None."""
        if self.result is None:
            return None
        outputs, sources = self.result.weights.shape[1:]
        for plot, head in zip(self.plots, self.heads):
            if not plot.vb.sceneBoundingRect().contains(scene_pos):
                continue
            point = plot.vb.mapSceneToView(scene_pos)
            col, row = int(math.floor(point.x())), int(math.floor(point.y()))
            if 0 <= row < outputs and 0 <= col < sources:
                return head, row, col
        return None

    def hover(self, cell) -> str:
        """Outline ``cell`` (head, row, col) in its plot and say what it holds."""
        for mark, head in zip(self.marks, self.heads):
            mark.setVisible(cell is not None and cell[0] == head)
            if cell is not None and cell[0] == head:
                mark.setRect(QRectF(cell[2], cell[1], 1, 1))
        return describe_cell(self.result, *cell) if cell else ""

    def _on_mouse_moved(self, pos) -> None:
        self.hovered.emit(self.hover(self.cell_at(pos)))

    def _on_mouse_clicked(self, event) -> None:
        if event.double():
            self.fit()
