"""Loss and accuracy while training: per batch (raw and smoothed) and per epoch.

Appends go into growing buffers; nothing is drawn until ``redraw`` is called
by the owner's display timer, so a burst of batches costs one redraw.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlviz.app.views.series_buffer import SeriesBuffer, SmoothedSeries
from dlviz.app.views.training_plots import TRAIN_COLOUR, VAL_COLOUR, make_plot, set_run_length

SMOOTHING = 0.9
#: Points of the smoothed line drawn per pixel of the plot's width.
SMOOTH_POINTS_PER_PIXEL = 1.0


def accuracy_of(metrics: dict) -> float | None:
    """The accuracy in a metrics dict ("accuracy", "acc", "sparse_categorical_accuracy")."""
    for key, value in metrics.items():
        if "acc" in key and not key.startswith("val_"):
            return float(value)
    return None


def _pale(colour: str, share: float = 0.27) -> QColor:
    """``colour`` mixed with white: how it looks at ``share`` opacity on the white
    plot, but opaque, so drawing it blends nothing (a translucent line with a
    thousand points cost a third of the plot's paint)."""
    solid = QColor(colour)
    return QColor(*(round(255 + (c - 255) * share) for c in solid.getRgb()[:3]))


#: Axis ends a person reads at a glance: 1, 2, 2.5, 5 times a power of ten.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The least of 1, 2, 2.5, 5 x 10^k at or above ``value`` > 0 (0.37 -> 0.5, 3.1 -> 5).

    Example:
        >>> nice_ceiling(0.37), nice_ceiling(2.3), nice_ceiling(10.0)
        (0.5, 2.5, 10.0)
    """
    if not value > 0 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in NICE_STEPS if step * power >= value * (1 - 1e-9))


def nice_range(values: np.ndarray) -> tuple[float, float]:
    """A y range from 0 (or a nice value below the least negative one) to a nice
    value above the largest: it changes seldom as points come, so the axis is
    not laid out again on every frame as an automatic range would."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    bottom = 0.0 if low >= 0 else -nice_ceiling(-low)
    top = nice_ceiling(high) if high > 0 else 0.0
    return (bottom, top) if top > bottom else (bottom, bottom + 1.0)


class _MetricPlot:
    """One metric: raw and smoothed batch lines, train and validation epoch lines."""

    def __init__(self, title: str, label: str, smoothing: float,
                 y_range: tuple[float, float] | None = None):
        self.widget = make_plot(title, label, QT_TRANSLATE_NOOP("TrainingPlots", "epoch"))
        item = self.widget.getPlotItem()
        # No legend on the plot: the key is one line under both (``CurvesView``).
        # A fixed range (accuracy, a share), else nice_range of the data.
        self.fixed_range = y_range
        self.y_range = y_range or (0.0, 1.0)
        item.enableAutoRange(y=False)
        item.setYRange(*self.y_range, padding=0.02)
        self.batches = SmoothedSeries(smoothing)
        self.epochs = SeriesBuffer(64)
        self.val_epochs = SeriesBuffer(64)
        self.raw_curve = item.plot(pen=pg.mkPen(_pale(TRAIN_COLOUR), width=1), connect="finite")
        # The smoothed line changes little from one batch to the next: one point a
        # pixel draws it the same. Qt strokes a 3-pixel pen point by point, and
        # pyqtgraph's five a pixel made it two thirds of the plot's paint (1.9 of
        # 2.9 ms with 30 epochs drawn, on two cores).
        self.smooth_curve = item.plot(pen=pg.mkPen(TRAIN_COLOUR, width=3), connect="finite",
                                      autoDownsampleFactor=SMOOTH_POINTS_PER_PIXEL)
        for curve, method in ((self.raw_curve, "peak"), (self.smooth_curve, "mean")):
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method=method)
        self.epoch_curve = item.plot(
            pen=pg.mkPen("#0b2e59", width=2), symbol="o", symbolSize=9,
            symbolBrush="#0b2e59", symbolPen="w")
        self.val_curve = item.plot(
            pen=pg.mkPen(VAL_COLOUR, width=2), symbol="s", symbolSize=9,
            symbolBrush=VAL_COLOUR, symbolPen="w")
        self.dirty = False
        self._epochs_drawn = (-1, -1)   # epoch points drawn: set again only when they change

    def clear(self) -> None:
        for series in (self.batches, self.epochs, self.val_epochs):
            series.clear()
        self._epochs_drawn = (-1, -1)
        self.dirty = True

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        raw, smooth = self.batches.raw, self.batches.smoothed
        self._update_y_range()
        self.raw_curve.setData(raw.x, raw.y)
        self.smooth_curve.setData(smooth.x, smooth.y)
        if self._epochs_drawn != (len(self.epochs), len(self.val_epochs)):
            self._epochs_drawn = (len(self.epochs), len(self.val_epochs))
            self.epoch_curve.setData(self.epochs.x, self.epochs.y)
            self.val_curve.setData(self.val_epochs.x, self.val_epochs.y)

    def _update_y_range(self) -> None:
        if self.fixed_range is not None:
            return
        wanted = nice_range(np.concatenate([self.batches.raw.y, self.epochs.y,
                                            self.val_epochs.y]))
        if wanted != self.y_range:
            self.y_range = wanted
            self.widget.getPlotItem().setYRange(*wanted, padding=0.02)


#: (curve's colour, glyph drawn in it, its name in the key), as the plots draw them.
KEY = ((_pale(TRAIN_COLOUR).name(), "━━", QT_TRANSLATE_NOOP("CurvesView", "per batch")),
       (TRAIN_COLOUR, "━━", QT_TRANSLATE_NOOP("CurvesView", "smoothed")),
       ("#0b2e59", "—●—", QT_TRANSLATE_NOOP("CurvesView", "train (epoch)")),
       (VAL_COLOUR, "—■—", QT_TRANSLATE_NOOP("CurvesView", "validation (epoch)")))


def key_html() -> str:
    """The key to both plots' lines, in their colours, on one line of rich text."""
    return "&nbsp;&nbsp;&nbsp;".join(
        f"<span style='color:{colour}'><b>{glyph}</b></span>&nbsp;"
        f"{QCoreApplication.translate('CurvesView', name)}" for colour, glyph, name in KEY)


class CurvesView(QWidget):
    """Two plots side by side: loss (left) and accuracy (right); x in epochs.

    Their key is a line under both: a legend on a plot covered the curves
    (accuracy's the rising ones, in Vietnamese most of the plot).
    """

    def __init__(self, parent: QWidget | None = None, *, smoothing: float = SMOOTHING):
        super().__init__(parent)
        self.loss = _MetricPlot(QT_TRANSLATE_NOOP("TrainingPlots", "Loss"), QT_TRANSLATE_NOOP("TrainingPlots", "loss"), smoothing)
        # Accuracy is a share: a fixed 0..1 axis keeps a flat start from looking dramatic.
        self.accuracy = _MetricPlot(QT_TRANSLATE_NOOP("TrainingPlots", "Accuracy"), QT_TRANSLATE_NOOP("TrainingPlots", "accuracy"), smoothing,
                                     y_range=(0.0, 1.0))
        self.steps_per_epoch = 0
        self.key = QLabel(key_html())
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        plots = QHBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.loss.widget)
        plots.addWidget(self.accuracy.widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(plots, 1)
        layout.addWidget(self.key)

    def reset(self, steps_per_epoch: int = 0, epochs: int = 0) -> None:
        """Forget the curves; with a known run length the x axis spans the whole run."""
        self.steps_per_epoch = int(steps_per_epoch)
        self.loss.clear()
        self.accuracy.clear()
        for plot in (self.loss, self.accuracy):
            set_run_length(plot.widget, epochs if self.steps_per_epoch > 0 else 0)

    def _x(self, global_step: int) -> float:
        # Batch k of the run ends at epoch (k + 1) / steps; without a step
        # count the x axis is simply the batch number.
        if self.steps_per_epoch > 0:
            return (global_step + 1) / self.steps_per_epoch
        return float(global_step + 1)

    def add_batch(self, global_step: int, loss: float, accuracy: float | None) -> None:
        x = self._x(global_step)
        self.loss.batches.append(x, loss)
        self.loss.dirty = True
        if accuracy is not None:
            self.accuracy.batches.append(x, accuracy)
            self.accuracy.dirty = True

    def add_epoch(self, epoch: int, logs: dict) -> None:
        x = float(epoch + 1)
        last = self.loss.batches.raw.last()
        if self.steps_per_epoch <= 0 and last is not None:
            x = last[0]  # x counts batches: put the epoch at its last batch
        for plot, key in ((self.loss, "loss"), (self.accuracy, None)):
            train = logs.get("loss") if key else accuracy_of(logs)
            val = logs.get("val_loss") if key else accuracy_of(
                {k[4:]: v for k, v in logs.items() if k.startswith("val_")})
            if train is not None and math.isfinite(train):
                plot.epochs.append(x, float(train))
            if val is not None and math.isfinite(val):
                plot.val_epochs.append(x, float(val))
            plot.dirty = True

    @property
    def dirty(self) -> bool:
        return self.loss.dirty or self.accuracy.dirty

    def redraw(self) -> None:
        self.loss.redraw()
        self.accuracy.redraw()
