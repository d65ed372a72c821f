"""One recurrent layer's gates drawn as heatmaps: tokens along x, units along y.

A grid of pyqtgraph plots: a row per gate or state (LSTM i, f, g, o, c, h;
GRU z, r, h̃, h; SimpleRNN h), a column per direction (a Bidirectional
layer's forward and backward side by side), a colour bar per row with its
fixed range (``gate_scales``), and below them a line plot of the selected
units over the same tokens. Clicking a heatmap row selects (or drops) that
unit; hovering names the token, the unit and the value. Dragging across
token columns (or a click, then a shift-click) selects a span of tokens
(``span_selected``); ``show_selection`` outlines the units found on across it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics

from dlviz.app.core_texts import core_text
from dlviz.app.views.canvas import BACKGROUND, cache_axes
from dlviz.app.views.colormaps import colormap
from dlviz.app.views.dots_item import DotsItem
from dlviz.app.views.gate_scales import gate_scale
from dlviz.app.views.lut_image import LutImageItem
from dlviz.app.views.span_marks import SpanMarks
from dlviz.core.probes.sequence_results import GATE_LABELS, GATE_NAMES

#: A trace's direction, named in hover text (``self.tr(trace.direction)``).
DIRECTIONS = (QT_TRANSLATE_NOOP("GateGrid", "forward"), QT_TRANSLATE_NOOP("GateGrid", "backward"))

#: At most this many token labels along x; between them every k-th is named.
MAX_LABELS = 40
#: Pixels kept free between two token labels.
LABEL_GAP = 8
#: The point size of the token labels under the heatmaps (a projector's back row).
TOKEN_POINTS = 10
#: Unit label steps a reader counts in (0, 16, 32 rather than 0, 11, 22).
NICE_STEPS = (1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 256, 512, 1024)
LINE_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def fitting_token_ticks(tokens, width: float, font: QFont | None = None,
                        most: int = MAX_LABELS) -> list[tuple[float, str]]:
    """(x, label) at the centre of token columns along an axis ``width`` pixels
    long: every token named when the widest label fits in a token's column,
    else every k-th, k the fewest columns that hold it.

    A fixed count of labels (48 pixels each) named every other token of
    "the film was not bad at all" under a 250-pixel heatmap, where all seven
    fit: the reader could not tell which column was "not".
    """
    tokens = tuple(str(t) for t in tokens)
    if not tokens:
        return []
    metrics = QFontMetrics(font or _token_font())
    widest = max(metrics.horizontalAdvance(t) for t in tokens) + LABEL_GAP
    column = max(float(width), 1.0) / len(tokens)
    step = max(1, int(np.ceil(widest / column)), -(-len(tokens) // most))
    return [(t + 0.5, tokens[t]) for t in range(0, len(tokens), step)]


def _token_font() -> QFont:
    font = QFont()
    font.setPointSizeF(TOKEN_POINTS)
    return font


def unit_ticks(units: int, most: int = 3) -> list[tuple[float, str]]:
    """(y, label) of a few units: a heatmap row is too low to name every one."""
    step = next(n for n in NICE_STEPS if n * most >= units) if units <= 1024 * most \
        else -(-units // most)
    return [(u + 0.5, str(u)) for u in range(0, units, step)]


def _name_label(text: str, note: str = "") -> pg.LabelItem:
    """A gate's name, left of its row, read horizontally."""
    html = f"<b>{text}</b>" + (f"<br><span style='color:#606060'>{note}</span>" if note else "")
    label = pg.LabelItem(html, color="#1d1d1d", size="9pt", justify="right")
    label.setFixedWidth(118)
    return label


class GateGrid(pg.GraphicsLayoutWidget):
    """The heatmaps of one layer's traces, and the selected units as lines.

    Signals:
        hovered(str): what the pointer is over ("" when over nothing).
        span_selected(str, int, int): a trace's layer path and tokens [start, end) selected.
    """

    hovered = Signal(str)
    span_selected = Signal(str, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.traces: tuple = ()
        self.images: dict[tuple[int, str], pg.ImageItem] = {}   # (trace index, gate) -> item
        self.plots: dict[tuple[int, str], pg.PlotItem] = {}
        self.selected: list[int] = []
        self.line_gate = "h"
        self.lines: pg.PlotItem | None = None
        self.bars: dict[str, pg.ColorBarItem] = {}
        self._shape = None   # (layer paths, kind, units) the plots are built for
        self._tokens = None  # (tokens, time) the axes are labelled for
        self._lines_key = None   # what the line plot's curves are built for
        self._line_items: list = []
        self.marks = SpanMarks(self)   # the selected span and its units, outlined
        self._anchor = None  # (trace index, token) of the last click or drag start
        self._drag = None    # (trace index, token) where a drag began
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def show_traces(self, traces) -> None:
        """Draw these traces (one per direction of one layer), keeping the selection.

        The plots are built once per layer; a new sentence for the same layer
        only replaces their pictures (a rebuild of 13 plots took ~280 ms).
        """
        self.traces = tuple(traces)
        if not self.traces:
            self.clear()
            self._shape = None
            return
        first = self.traces[0]
        shape = (tuple(t.layer for t in self.traces), first.kind, first.units)
        if shape != self._shape:
            self._build(first.kind)
            self._shape = shape
            self._tokens = self._lines_key = None
        self.selected = [u for u in self.selected if u < first.units] or _liveliest(first)
        # A span belongs to the sentence it was selected in (a live frame of
        # the same sentence keeps it).
        tokens = (tuple(first.tokens or ()), first.time)
        same_sentence = tokens == self._tokens
        if not same_sentence:
            self.marks.clear()
        for (col, name), item in self.images.items():
            trace = self.traces[col]
            low, high, _cmap = gate_scale(first, name)
            item.setImage(np.ascontiguousarray(trace.gates[name][0].T, dtype=np.float32),
                          levels=(low, high), autoLevels=False)   # (units, time)
            if tuple(self.bars[name].levels()) != (low, high):
                self.bars[name].setLevels(values=(low, high))
            if not same_sentence:   # labelling the axes again costs more than the pictures
                plot = self.plots[(col, name)]
                self._label_tokens(plot, col)
                plot.setXRange(0, trace.time, padding=0)
        self._tokens = tokens
        self._update_lines()

    def _build(self, kind: str) -> None:
        """The grid's plots for a layer of this kind and these traces, empty."""
        self.clear()
        self.images.clear()
        self.plots.clear()
        self.bars.clear()
        names = GATE_NAMES[kind]
        if self.line_gate not in names:
            self.line_gate = "h"
        # Both directions: their names in a row of their own, not as the first
        # heatmaps' titles, which took those plots' height (in a short window
        # the input gate's heatmaps were two pixels high).
        first = 1 if len(self.traces) > 1 else 0
        for col, trace in enumerate(self.traces if first else ()):
            header = pg.LabelItem(_direction_title(trace, len(self.traces)), color="#303030",
                                  size="9pt")
            header.setMaximumHeight(20)
            self.addItem(header, 0, col + 1)
        for row, name in enumerate(names, start=first):
            self.addItem(_name_label(core_text(GATE_LABELS.get(name, name)),
                                            self.tr("units ↓")), row, 0)
            for col, trace in enumerate(self.traces):
                self._add_heatmap(row, col + 1, trace, name)
            items = [self.images[(col, name)] for col in range(len(self.traces))]
            low, high, cmap = gate_scale(self.traces[0], name)
            bar = pg.ColorBarItem(values=(low, high), colorMap=colormap(cmap),
                                  interactive=False, width=12, colorMapMenu=False)
            bar.setImageItem(items)
            self.bars[name] = bar
            self.addItem(bar, row, len(self.traces) + 1)
        self.line_label = _name_label("")
        self.addItem(self.line_label, first + len(names), 0)
        self.lines = self.addPlot(first + len(names), 1, 1, len(self.traces))
        self.lines.setMenuEnabled(False)
        self.lines.vb.sigResized.connect(lambda _box: self._label_tokens(self.lines, None))
        _style_axes(self.lines)
        self.lines.hideButtons()
        # A layout with no parent layout shrinks to its preferred size when its
        # items change: the grid fills the view again.
        self.ci.setGeometry(self.range)

    def _add_heatmap(self, row, col, trace, name) -> None:
        plot = self.addPlot(row, col)
        col -= 1   # column 0 holds the names
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.invertY(True)
        item = LutImageItem()
        plot.addItem(item)
        _style_axes(plot)
        plot.getAxis("left").setTicks([unit_ticks(trace.units)])
        plot.setMouseEnabled(x=False, y=False)
        plot.setYRange(0, trace.units, padding=0)
        plot.vb.sigResized.connect(lambda _box: self._label_tokens(plot, col))
        self.images[(col, name)] = item
        self.plots[(col, name)] = plot

    def _label_tokens(self, plot, col: int | None) -> None:
        """Name the tokens that fit under ``plot``: heatmap column ``col``, or the
        lines (None), which span every column. Called again whenever the plot
        is resized, with its own width on screen."""
        if not self.traces or (col or 0) >= len(self.traces):
            return
        trace = self.traces[col or 0]
        width = plot.vb.width()
        if width <= 1:   # not laid out yet: the view's width less the names, axes and bars
            width = (self.width() - 240) / (1 if col is None else len(self.traces))
        plot.getAxis("bottom").setTicks([fitting_token_ticks(trace.tokens or (), width)])

    # -- selected units as lines ------------------------------------------------
    def toggle_unit(self, unit: int, gate: str | None = None) -> None:
        """Add ``unit`` to the line plot (or take it away); ``gate`` is what the lines show."""
        if gate is not None:
            self.line_gate = gate
        if unit in self.selected:
            self.selected.remove(unit)
        else:
            self.selected.append(unit)
        self._update_lines()

    def _update_lines(self) -> None:
        if self.lines is None or not self.traces:
            return
        trace = self.traces[0]
        x = np.arange(trace.time) + 0.5
        key = (tuple(self.selected), self.line_gate, len(self.traces), self._tokens)
        if key == self._lines_key:
            # A live frame of the same sentence and units: new values, same curves
            # (clearing and adding them again cost most of a frame).
            items = iter(self._line_items)
            for unit in self.selected:
                for one in self.traces:
                    values = one.gates[self.line_gate][0, :, unit]
                    curve, dots = next(items)
                    curve.setData(x, values)
                    if dots is not None:
                        dots.setData(x, values)
            return
        self._lines_key = key
        self.lines.clear()
        self._line_items = []
        for k, unit in enumerate(self.selected):
            for col, one in enumerate(self.traces):
                style = pg.QtCore.Qt.PenStyle.SolidLine if col == 0 else \
                    pg.QtCore.Qt.PenStyle.DashLine
                colour = LINE_COLOURS[k % len(LINE_COLOURS)]
                values = one.gates[self.line_gate][0, :, unit]
                curve = self.lines.plot(x, values, pen=pg.mkPen(colour, width=2, style=style))
                dots = None
                if trace.time <= 40:   # a dot on each time step, while they are far apart
                    dots = DotsItem(colour, size=5)
                    dots.setData(x, values)
                    self.lines.addItem(dots, ignoreBounds=True)
                self._line_items.append((curve, dots))
        self._label_tokens(self.lines, None)
        self.lines.setXRange(0, trace.time, padding=0)
        low, high, _ = gate_scale(trace, self.line_gate)
        self.lines.setYRange(low, high, padding=0.05)
        label = core_text(GATE_LABELS.get(self.line_gate, self.line_gate))
        # The key to the lines, in their colours (a legend would cover them).
        units = ", ".join(f"<span style='color:{LINE_COLOURS[k % len(LINE_COLOURS)]}'>"
                          f"<b>{u}</b></span>" for k, u in enumerate(self.selected)) or self.tr("none")
        sides = self.tr("<br>solid →, dashed ←") if len(self.traces) > 1 else ""
        # Units on a line of their own: four of them beside the label overflow its column;
        # the arrows are the column titles' (a 708-pixel window shows four lines here).
        of_units = self.tr("of units")
        self.line_label.setText(f"<b>{label}</b><br><span style='color:#606060'>{of_units}"
                                f"<br>{units}{sides}</span>", color="#1d1d1d", size="9pt")
        self.marks.redraw_band()   # the lines were cleared: the selected span again

    # -- pointer ------------------------------------------------------------------
    def cell_at(self, scene_pos) -> tuple[int, str, int, int] | None:
        """(trace index, gate, token, unit) under a scene position, or None."""
        for (col, name), plot in self.plots.items():
            if not plot.vb.sceneBoundingRect().contains(scene_pos):
                continue
            point = plot.vb.mapSceneToView(scene_pos)
            t, u = int(np.floor(point.x())), int(np.floor(point.y()))
            trace = self.traces[col]
            if 0 <= t < trace.time and 0 <= u < trace.units:
                return col, name, t, u
        return None

    def describe(self, col: int, name: str, t: int, u: int) -> str:
        """What hovering over one cell says: the token, the unit and the value."""
        trace = self.traces[col]
        token = (trace.tokens or ())[t] if trace.tokens else str(t)
        side = f" ({self.tr(trace.direction)})" if len(self.traces) > 1 else ""
        value = float(trace.gates[name][0, t, u])
        return self.tr("{0}{1} · token {2} “{3}” · unit {4} · value {5}").format(
            core_text(GATE_LABELS.get(name, name)), side, t + 1, token, u, f"{value:+.3f}")

    def _on_mouse_moved(self, pos) -> None:
        cell = self.cell_at(pos)
        self.hovered.emit(self.describe(*cell) if cell else "")

    def _on_mouse_clicked(self, event) -> None:
        cell = self.cell_at(event.scenePos())
        if cell is None or event.double():
            return
        col, name, t, unit = cell
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if shift and self._anchor is not None and self._anchor[0] == col:
            self.select_span(col, self._anchor[1], t)
            return
        self._anchor = (col, t)
        self.toggle_unit(unit, name)

    # -- spans ------------------------------------------------------------------
    def select_span(self, col: int, first: int, last: int) -> None:
        """Select tokens ``first``..``last`` (either order, both kept) of trace ``col``."""
        start, end = min(first, last), max(first, last) + 1
        self.marks.show_span(col, start, end)
        self.span_selected.emit(self.traces[col].layer, start, end)

    def show_selection(self, selection) -> None:
        """Outline ``selection``'s units across its span; follow them in the lines."""
        col = next((c for c, t in enumerate(self.traces) if t.layer == selection.layer), None)
        if col is None:
            return
        self.marks.show_units(col, selection)
        if selection.units.size:
            self.line_gate = selection.state
            self.selected = [int(u) for u in selection.units[:len(LINE_COLOURS)]]
            self._update_lines()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().mousePressEvent(event)
        cell = self.cell_at(self.mapToScene(event.position().toPoint()))
        plain = event.button() == Qt.MouseButton.LeftButton and \
            not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        self._drag = (cell[0], cell[2]) if cell is not None and plain else None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        cell = self._drag_cell(event)
        if cell is not None:
            self.marks.show_span(cell[0], min(self._drag[1], cell[2]),
                                 max(self._drag[1], cell[2]) + 1)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        cell, drag = self._drag_cell(event), self._drag
        self._drag = None
        if cell is not None and cell[2] != drag[1]:
            self._anchor = (drag[0], drag[1])
            self.select_span(drag[0], drag[1], cell[2])

    def _drag_cell(self, event):
        """The cell under a drag, in the column it started in; None when not dragging."""
        if self._drag is None:
            return None
        cell = self.cell_at(self.mapToScene(event.position().toPoint()))
        return cell if cell is not None and cell[0] == self._drag[0] else None


def _style_axes(plot) -> None:
    """Dark tick labels, tokens large enough to read from the back of a room."""
    font = _token_font()
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setTextPen("#202020")
        axis.setPen("#808080")
        axis.setStyle(tickFont=font if side == "bottom" else None,
                      hideOverlappingLabels=False)   # the first token's label stays
    plot.getAxis("left").setWidth(38)   # the same for every plot: token columns line up
    cache_axes(plot)   # live frames change the pictures, not the axes


def _direction_title(trace, columns: int) -> str:
    """Short: a title wider than its column would push the grid off the screen."""
    if columns == 1:
        return ""
    if trace.direction == "backward":
        return QCoreApplication.translate("GateGrid", "← backward")
    return QCoreApplication.translate("GateGrid", "forward →")


def _liveliest(trace, count: int = 2) -> list[int]:
    """The units whose h changes most along the sentence: worth following first."""
    h = trace.gates["h"][0]
    spread = h.max(axis=0) - h.min(axis=0) if len(h) else np.zeros(trace.units)
    return [int(u) for u in np.argsort(-spread, kind="stable")[:count]]
