"""Outlines over a ``GateGrid``: the selected span of tokens and the units on across it.

The span is a dashed frame over its token columns in every heatmap of the
trace it was selected in (and a band in the unit lines below); each unit
found on across it gets a solid frame over its row, across the span.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsRectItem

SPAN_PEN = "#ffffff"
SPAN_EDGE = "#202020"
UNIT_PEN = "#00e5ff"


class SpanMarks:
    """What is outlined on one grid; cleared when its sentence changes."""

    def __init__(self, grid):
        self.grid = grid
        self.span: tuple[int, int, int] | None = None   # (trace index, start, end)
        self.units: tuple[int, ...] = ()
        self._items: list = []
        self._band = None

    def clear(self) -> None:
        self.span, self.units = None, ()
        self._remove()

    def show_span(self, col: int, start: int, end: int) -> None:
        """Frame tokens ``[start, end)`` of trace ``col`` (the units are dropped)."""
        self.span, self.units = (col, start, end), ()
        self._draw()

    def show_units(self, col: int, selection) -> None:
        """Frame ``selection``'s span and each of its units' rows across it."""
        self.span = (col, selection.start, selection.end)
        self.units = tuple(int(u) for u in selection.units)
        self._draw()

    def _draw(self) -> None:
        self._remove()
        col, start, end = self.span
        for (c, _name), plot in self.grid.plots.items():
            if c != col:
                continue
            height = self.grid.traces[col].units
            # Dark under light: the frame reads on every colour map.
            for colour, width in ((SPAN_EDGE, 4), (SPAN_PEN, 2)):
                self._add(plot, start, 0, end - start, height,
                          pg.mkPen(colour, width=width, style=Qt.PenStyle.DashLine))
            for unit in self.units:
                self._add(plot, start, unit, end - start, 1, pg.mkPen(UNIT_PEN, width=2))
        self.redraw_band()

    def redraw_band(self) -> None:
        """The span as a band in the unit lines (they are redrawn on every change)."""
        lines = self.grid.lines
        if self._band is not None:
            _discard(*self._band)
            self._band = None
        if self.span is None or lines is None:
            return
        _col, start, end = self.span
        band = pg.LinearRegionItem((start, end), movable=False,
                                   brush=pg.mkBrush(0, 150, 200, 40),
                                   pen=pg.mkPen(UNIT_PEN, width=1))
        lines.addItem(band, ignoreBounds=True)
        self._band = (lines, band)

    def _add(self, plot, x, y, width, height, pen) -> None:
        item = QGraphicsRectItem(x, y, width, height)
        item.setPen(pen)
        item.setZValue(10)
        plot.addItem(item, ignoreBounds=True)
        self._items.append((plot, item))

    def _remove(self) -> None:
        for plot, item in self._items:
            _discard(plot, item)
        self._items.clear()
        if self._band is not None:
            _discard(*self._band)
            self._band = None


def _discard(plot, item) -> None:
    """Take ``item`` off ``plot`` (which may have been rebuilt, or cleared, already)."""
    try:
        plot.removeItem(item)
    except (RuntimeError, ValueError):   # its C++ side is gone with its old plot
        pass
