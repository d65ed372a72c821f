"""Gradient flow: each layer's gradient norm over time, and the latest as bars.

Vanishing gradients show as deep-purple lines (early layers) far below the
yellow ones (late layers) and as short bars on the left; exploding ones as
lines climbing off the top. Both plots use a log scale: norms span many
orders of magnitude.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlviz.app.numbers import count_text, general_text
from dlviz.app.views.canvas import hint_label
from dlviz.core.probes.results import GradientNorms
from dlviz.app.views.series_buffer import SeriesBuffer
from dlviz.app.views.training_plots import (bar_at, layer_colours, log10, make_plot,
                                            set_layer_ticks, set_log_y, set_run_length)

HINT = QT_TRANSLATE_NOOP("GradientFlowView", "Purple = first layers, yellow = last.  Bars near 0 at the left = vanishing "
        "gradients; lines climbing steeply = exploding gradients.  Hover to name a layer.")
#: The key under the lines names this many layers at most: the first and last
#: few (purple and yellow), "+N more" between; hovering names any line.
LEGEND_LIMIT = 8


def key_text(paths: list[str], colours: list) -> str:
    """Rich text naming each line in its colour; past ``LEGEND_LIMIT`` layers
    the first and last few, with how many are left out between them."""
    entries = [f'<span style="color:{c.name()}">■</span>&nbsp;{html.escape(p)}'
               for p, c in zip(paths, colours)]
    if len(entries) > LEGEND_LIMIT:
        head = LEGEND_LIMIT // 2
        tail = LEGEND_LIMIT - head
        left_out = len(entries) - LEGEND_LIMIT
        entries = [*entries[:head], f"… +{left_out} more …", *entries[-tail:]]
    return "&nbsp;&nbsp; ".join(entries)


#: New layer lines made per frame (see ``GradientFlowView._make_curves``).
CURVES_PER_FRAME = 4
#: Lines made ahead when a run is about to start (``prepare``), while the
#: engine compiles and the window has nothing to draw: VGG-16's layer count.
PREPARED_CURVES = 16


class GradientFlowView(QWidget):
    """Per-layer gradient L2 norms (``GradientNorms``) over the run, and the latest."""

    changed = Signal()      # new data waits to be drawn (``redraw``)
    keeps_history = True    # live frames extend the lines even while a replay is shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history: dict[str, SeriesBuffer] = {}   # path -> (global step, log10 norm)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._spare: list[pg.PlotDataItem] = []   # lines made ahead, empty, not yet a layer's
        self._preparing = 0                     # lines still to make ahead
        self._prepare_timer = QTimer(self)      # one turn of the event loop per few lines
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(0)
        self._prepare_timer.timeout.connect(self._prepare_some)
        self.latest: dict[str, float] = {}
        self.dirty = False
        self._ranges: dict = {}     # plot -> the decades it shows, set again only when they change
        self._tick_paths: list = []  # the layer names under the bars now
        self.lines = make_plot(QT_TRANSLATE_NOOP("TrainingPlots", "Gradient norms"), QT_TRANSLATE_NOOP("TrainingPlots", "gradient norm"),
                               QT_TRANSLATE_NOOP("TrainingPlots", "step"))
        set_log_y(self.lines)
        # The key sits under the plot, not on it, where a legend covered the lines.
        self.key = QLabel("")
        self.key.setWordWrap(True)
        self.bars_plot = make_plot(QT_TRANSLATE_NOOP("TrainingPlots", "Latest norms"), QT_TRANSLATE_NOOP("TrainingPlots", "gradient norm"),
                                   QT_TRANSLATE_NOOP("TrainingPlots", "layer (input → output)"))
        set_log_y(self.bars_plot)
        # Whole decades set by ``_set_decades``, never an automatic range; switched
        # off here, not at the first frame, where it recomputed every line's bounds
        # and clipping (part of the worst Training-tab stall, 57 ms).
        for plot in (self.lines, self.bars_plot):
            plot.getPlotItem().enableAutoRange(y=False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.bars_plot.addItem(self.bars)
        self.hover_label = QLabel(" ")
        self.hint = hint_label(self.tr(HINT))
        self.lines.scene().sigMouseMoved.connect(self._on_lines_hovered)
        self.bars_plot.scene().sigMouseMoved.connect(self._on_bars_hovered)

        plots = QHBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.lines, 3)
        plots.addWidget(self.bars_plot, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        names = QHBoxLayout()  # one row: the key, and the layer under the pointer
        names.addWidget(self.key, 1)
        names.addWidget(self.hover_label)
        layout.addLayout(plots, 1)
        layout.addLayout(names)
        layout.addWidget(self.hint)

    def reset(self) -> None:
        for curve in self.curves.values():   # kept for the next run's layers
            curve.setData([], [])
            self._spare.append(curve)
        self.key.setText("")
        self.history.clear()
        self.curves.clear()
        self.latest.clear()
        self.bars.setOpts(x=[], height=[], y0=0)
        self.hover_label.setText(" ")
        self._ranges.clear()
        self._tick_paths = []
        self.dirty = False

    def prepare(self, count: int = PREPARED_CURVES) -> None:
        """Make lines for ``count`` layers ahead, ``CURVES_PER_FRAME`` per turn of the
        event loop: before a run starts (the engine compiles for seconds and
        nothing is drawn), not in its first frames, where making them froze
        the window for 0.1 s at a time on a busy machine."""
        self._preparing = max(count - len(self.curves) - len(self._spare), 0)
        if self._preparing:
            self._prepare_timer.start()

    def _prepare_some(self) -> None:
        for _ in range(min(CURVES_PER_FRAME, self._preparing)):
            self._spare.append(self._new_curve())
            self._preparing -= 1
        if self._preparing > 0:
            self._prepare_timer.start()

    def _new_curve(self) -> pg.PlotDataItem:
        curve = self.lines.plot(connect="finite")
        curve.setClipToView(True)
        curve.setDownsampling(auto=True, method="peak")
        return curve

    def set_run_length(self, steps: int) -> None:
        """The run's total number of batches: the lines' x axis spans them all."""
        set_run_length(self.lines, steps)

    def show_result(self, result: GradientNorms, step: int | None = None) -> None:
        """A live frame's norms at ``step`` extend the lines; without a step
        (a replayed snapshot) only the bars show them."""
        if step is None:
            self.show_norms(result.norms)
        else:
            self.add_norms(step, result.norms)
        self.changed.emit()

    def add_norms(self, global_step: int, norms: dict) -> None:
        """Append one frame's norms (layer path -> float); layers keep first-seen order."""
        for path, norm in norms.items():
            series = self.history.get(path)
            if series is None:
                series = self.history[path] = SeriesBuffer(256)
            series.append(global_step, float(log10(float(norm))))
            self.latest[path] = float(norm)
        self.dirty = True

    def show_norms(self, norms: dict) -> None:
        """Bars for one frame only (a replayed snapshot); the lines stay."""
        self.latest = {path: float(norm) for path, norm in norms.items()}
        self.dirty = True

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        if len(self.curves) != len(self.history) and not self._make_curves():
            self.dirty = True   # more curves to make: the next frame goes on
        low, high = np.inf, -np.inf
        for path, curve in self.curves.items():
            series = self.history[path]
            curve.setData(series.x, series.y)
            finite = series.y[np.isfinite(series.y)]
            if finite.size:
                low, high = min(low, finite.min()), max(high, finite.max())
        self._set_decades(self.lines, low, high)
        self._update_bars()

    def _set_decades(self, plot: pg.PlotWidget, low: float, high: float) -> None:
        """Show whole decades from ``low`` to ``high`` (log10 values); the range, and
        with it the axis, changes only when a norm crosses into another decade
        (an automatic range laid the axis out again on every frame)."""
        if not (np.isfinite(low) and np.isfinite(high)):
            return
        decades = (float(np.floor(low)), float(max(np.ceil(high), np.floor(low) + 1)))
        if self._ranges.get(plot) != decades:
            self._ranges[plot] = decades
            plot.setYRange(*decades, padding=0.02)

    def _make_curves(self) -> bool:
        """Give each layer its line: one made ahead (``prepare``), else a new one,
        ``CURVES_PER_FRAME`` new ones at most per frame: making one costs ~10 ms
        of the GUI thread on a busy machine, and VGG-16's sixteen at once froze
        the window for 0.2-0.5 s. True when every layer has its line."""
        colours = layer_colours(len(self.history))
        made = 0
        for colour, path in zip(colours, self.history):
            curve = self.curves.get(path)
            if curve is None:
                if self._spare:
                    curve = self.curves[path] = self._spare.pop(0)
                else:
                    if made == CURVES_PER_FRAME:
                        return False
                    made += 1
                    curve = self.curves[path] = self._new_curve()
            curve.setPen(pg.mkPen(colour, width=2))
        self.key.setText(key_text(list(self.history), colours))
        return True

    def _update_bars(self) -> None:
        paths = list(self.latest)
        heights = log10(np.array([self.latest[p] for p in paths], dtype=np.float64))
        finite = heights[np.isfinite(heights)]
        # Bars grow up from one decade below the smallest norm, so every bar shows.
        base = float(np.floor(finite.min()) - 1) if finite.size else 0.0
        colours = layer_colours(len(paths))
        self.bars.setOpts(x=np.arange(len(paths)), y0=base,
                          height=np.nan_to_num(heights - base, nan=0.0),
                          brushes=colours, pens=[pg.mkPen(c) for c in colours])
        if finite.size:
            self._set_decades(self.bars_plot, base, float(finite.max()))
        if paths != self._tick_paths:
            self._tick_paths = paths
            set_layer_ticks(self.bars_plot, paths)

    def _on_lines_hovered(self, position) -> None:
        if not self.history:
            return
        point = self.lines.getPlotItem().vb.mapSceneToView(position)
        best, best_distance = None, np.inf
        for path, series in self.history.items():
            if not len(series):
                continue
            i = min(int(np.searchsorted(series.x, point.x())), len(series) - 1)
            distance = abs(series.y[i] - point.y())
            if distance < best_distance:
                best, best_distance = (path, series.x[i], series.y[i]), distance
        if best is not None:
            path, step, value = best
            self.hover_label.setText(self.tr("{0}: gradient norm {1} at step {2}").format(
                path, general_text(10 ** value), count_text(int(step))))

    def _on_bars_hovered(self, position) -> None:
        point = self.bars_plot.getPlotItem().vb.mapSceneToView(position)
        paths = list(self.latest)
        index = bar_at(point.x(), len(paths))
        if index is not None:
            self.hover_label.setText(self.tr("layer {0}: {1}: gradient norm {2}").format(
                index + 1, paths[index], general_text(self.latest[paths[index]])))
