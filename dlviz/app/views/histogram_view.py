"""Weight and activation histograms of one layer, and dead ReLUs per layer.

Each draws the latest frame that carried its data; a frame without
histograms (not due this time) leaves the last ones on screen.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlviz.app.numbers import percent_text
from dlviz.app.views.canvas import hint_label
from dlviz.app.views.curves_view import nice_ceiling
from dlviz.core.probes.results import DeadUnits, Histograms
from dlviz.app.views.training_plots import (TRAIN_COLOUR, VAL_COLOUR, bar_at, make_plot,
                                            set_layer_ticks)


def _step_curve(widget: pg.PlotWidget, colour: str) -> pg.PlotDataItem:
    fill = pg.mkColor(colour)
    fill.setAlpha(110)
    return widget.plot(stepMode="center", fillLevel=0, brush=fill, pen=pg.mkPen(colour, width=1.5))


DEAD_HINT = QT_TRANSLATE_NOOP("DeadReluView", "Units that output 0 for every probe input have stopped learning.")
NO_RELU = QT_TRANSLATE_NOOP("DeadReluView", "This model has no ReLU layer, so no unit can die this way.")


def steady_range(low: float, high: float) -> tuple[float, float]:
    """``low``..``high`` widened to whole steps of a tenth-ish of their span (a
    power of ten, or half of one): a range that moves only when the values
    cross a step, so the axis is not laid out again on every live frame.

    Example:
        >>> steady_range(-0.31, 0.28)
        (-0.4, 0.3)
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
    step = 10.0 ** math.floor(math.log10(span))
    if span / step < 2.5:
        step /= 2
    bottom, top = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    if top <= bottom:
        top = bottom + step
    return round(bottom, 12), round(top, 12)


def _still_fits(shown: tuple[float, float], low: float, high: float) -> bool:
    """Whether ``low``..``high`` lies inside ``shown`` and fills at least 40 % of it."""
    span = shown[1] - shown[0]
    return shown[0] <= low and high <= shown[1] and (high - low) >= 0.4 * span


class HistogramView(QWidget):
    """A layer combo over a weight histogram and an activation histogram."""

    changed = Signal()   # new data waits to be drawn (``redraw``)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weight_hists: dict = {}
        self.activation_hists: dict = {}
        self.dirty = False
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumContentsLength(14)
        self.layer_combo.currentTextChanged.connect(self._on_layer_changed)
        self.weights_plot = make_plot(QT_TRANSLATE_NOOP("TrainingPlots", "Weights"), QT_TRANSLATE_NOOP("TrainingPlots", "count"),
                                      QT_TRANSLATE_NOOP("TrainingPlots", "weight value"))
        self.activations_plot = make_plot(QT_TRANSLATE_NOOP("TrainingPlots", "Activations"), QT_TRANSLATE_NOOP("TrainingPlots", "count"),
                                          QT_TRANSLATE_NOOP("TrainingPlots", "activation value"))
        self.weight_curve = _step_curve(self.weights_plot, TRAIN_COLOUR)
        self.activation_curve = _step_curve(self.activations_plot, VAL_COLOUR)
        self._ranges: dict = {}   # plot -> (x range, y range) it shows
        for plot in (self.weights_plot, self.activations_plot):
            plot.getPlotItem().enableAutoRange(x=False, y=False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Histograms of layer")))
        top.addWidget(self.layer_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.weights_plot, 1)
        layout.addWidget(self.activations_plot, 1)

    @property
    def layer(self) -> str:
        return self.layer_combo.currentText()

    def show_activations(self, offered: bool) -> None:
        """Show the activation histogram only for models that have one (they are
        read on the probe image: a sequence model has none); kept across runs."""
        self.activations_plot.setVisible(offered)

    def reset(self) -> None:
        self.weight_hists, self.activation_hists = {}, {}
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.blockSignals(False)
        self.weight_curve.setData([], [])
        self.activation_curve.setData([], [])
        self.dirty = False

    def show_result(self, result: Histograms, step: int | None = None) -> None:
        """Weights or activations, as ``result.of`` says; the other kind stays."""
        if result.of == "weights":
            self.set_histograms(result.layers, None)
        else:
            self.set_histograms(None, result.layers)
        self.changed.emit()

    def set_histograms(self, weights: dict | None, activations: dict | None) -> None:
        """Keep the latest (counts, edges) per layer path; None keeps the old ones."""
        if weights is not None:
            self.weight_hists = weights
        if activations is not None:
            self.activation_hists = activations
        self.dirty = True

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        paths = list(dict.fromkeys([*self.weight_hists, *self.activation_hists]))
        if paths != [self.layer_combo.itemText(i) for i in range(self.layer_combo.count())]:
            keep = self.layer
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            self.layer_combo.addItems(paths)
            if keep in paths:
                self.layer_combo.setCurrentText(keep)
            self.layer_combo.blockSignals(False)
        self._update_histograms()

    def _on_layer_changed(self, _path: str) -> None:
        self._update_histograms()

    def _update_histograms(self) -> None:
        for hists, curve, plot in ((self.weight_hists, self.weight_curve, self.weights_plot),
                                   (self.activation_hists, self.activation_curve,
                                    self.activations_plot)):
            counts, edges = hists.get(self.layer, (np.zeros(0), np.zeros(1)))
            edges = np.asarray(edges, dtype=np.float64)
            counts = np.asarray(counts, dtype=np.float64)
            curve.setData(edges, counts)
            self._fit(plot, edges, counts)

    def _fit(self, plot: pg.PlotWidget, edges: np.ndarray, counts: np.ndarray) -> None:
        """Show the histogram in steady ranges: set again only when it outgrows them.

        An automatic range laid both axes out again at every live frame (their
        tick layout was most of the worst Training-tab stalls' GUI samples).
        """
        finite = edges[np.isfinite(edges)]
        if not finite.size or not counts.size:
            return
        low, high, most = float(finite.min()), float(finite.max()), float(np.nanmax(counts))
        shown = self._ranges.get(plot)
        if shown is not None and _still_fits(shown[0], low, high) and \
                _still_fits(shown[1], 0.0, most):
            return   # the values moved within the axes: keep them (no new layout)
        wanted = (steady_range(low, high), (0.0, nice_ceiling(most) if most > 0 else 1.0))
        if shown != wanted:
            self._ranges[plot] = wanted
            plot.getPlotItem().setRange(xRange=wanted[0], yRange=wanted[1], padding=0.02)


class DeadReluView(QWidget):
    """Bars: the fraction of each ReLU layer's units that never fired."""

    changed = Signal()   # new data waits to be drawn (``redraw``)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fractions: dict = {}
        self.dirty = False
        self._tick_paths: list = []   # the layer names under the bars now
        self.plot = make_plot(QT_TRANSLATE_NOOP("TrainingPlots", "Dead ReLUs"), QT_TRANSLATE_NOOP("TrainingPlots", "fraction never active"),
                              QT_TRANSLATE_NOOP("TrainingPlots", "layer (input → output)"))
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.getPlotItem().setMouseEnabled(x=True, y=False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush="#8a5cc2")
        self.plot.addItem(self.bars)
        self.hover_label = hint_label(self.tr(DEAD_HINT))
        self.plot.scene().sigMouseMoved.connect(self._on_hovered)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover_label)

    def reset(self) -> None:
        self.fractions = {}
        self._tick_paths = []
        set_layer_ticks(self.plot, [])
        self.bars.setOpts(x=[], height=[])
        self.hover_label.setText(self.tr(DEAD_HINT))
        self.dirty = False

    def show_result(self, result: DeadUnits, step: int | None = None) -> None:
        self.set_fractions(result.fractions)
        self.changed.emit()

    def set_fractions(self, fractions: dict) -> None:
        self.fractions = dict(fractions)
        self.dirty = True

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        paths = list(self.fractions)
        heights = np.array([float(self.fractions[p]) for p in paths], dtype=np.float64)
        # Red where more than half the layer is dead: a warning, not just a number.
        brushes = ["#c92a2a" if h > 0.5 else "#8a5cc2" for h in heights]
        self.bars.setOpts(x=np.arange(len(paths)), height=heights, brushes=brushes)
        if paths != self._tick_paths:   # new ticks lay the axis out again: only when they change
            self._tick_paths = paths
            set_layer_ticks(self.plot, paths)
        self.hover_label.setText(self.tr(DEAD_HINT) if paths else self.tr(NO_RELU))

    def _on_hovered(self, position) -> None:
        point = self.plot.getPlotItem().vb.mapSceneToView(position)
        paths = list(self.fractions)
        index = bar_at(point.x(), len(paths))
        if index is not None:
            fraction = float(self.fractions[paths[index]])
            self.hover_label.setText(self.tr("{0}: {1} of units dead").format(
                paths[index], percent_text(fraction, 0)))
