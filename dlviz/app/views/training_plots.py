"""Small helpers the live training plots share: one plot style, layer colours,
log-scale axes and per-layer bar ticks.

Log scales are drawn by storing log10 values and asking the axis to label
its ticks as powers of ten. pyqtgraph's own data log mode recomputes
``log10`` of every point on each redraw and warns on zeros, which the test
suite treats as errors.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QFontMetrics

import dlviz.app.views.canvas  # noqa: F401  (sets pyqtgraph's global options)
from dlviz.app.views.colormaps import colormap

PLOT_BACKGROUND = "#ffffff"
TEXT = "#1d1d1d"
TRAIN_COLOUR = "#2563a8"
VAL_COLOUR = "#d9480f"
# The smallest norm drawn: zero gradients sit on the floor, not at -infinity.
LOG_FLOOR = 1e-12


def make_plot(title: str, left: str, bottom: str) -> pg.PlotWidget:
    """A white plot with a bold title and labelled axes, readable on a projector.

    The texts are shown translated: mark them with QT_TRANSLATE_NOOP("TrainingPlots", ...).
    """
    title, left, bottom = (QCoreApplication.translate("TrainingPlots", text)
                           for text in (title, left, bottom))
    widget = pg.PlotWidget(background=PLOT_BACKGROUND)
    item = widget.getPlotItem()
    item.setTitle(title, color=TEXT, size="11pt", bold=True)
    font = QFont()
    font.setPointSizeF(9)
    for side, text in (("left", left), ("bottom", bottom)):
        axis = item.getAxis(side)
        axis.setLabel(text, color=TEXT)
        axis.setTextPen(TEXT)
        axis.setPen("#8a8a8a")
        axis.setTickFont(font)
        axis.enableAutoSIPrefix(False)  # "accuracy (x0.001)" confuses more than it helps
    # No grid: translucent grid lines cost more to paint than all the curves.
    item.setMenuEnabled(False)
    item.hideButtons()
    widget.setMinimumSize(220, 160)
    return widget


def set_run_length(widget: pg.PlotWidget, end: float) -> None:
    """Fix the x axis to [0, end] (the whole run), or follow the data when end <= 0.

    A fixed axis shows how far the run has got, and spares re-laying out the
    tick labels on every redraw, which costs more than drawing the curves.
    """
    item = widget.getPlotItem()
    if end > 0:
        item.enableAutoRange(x=False)
        item.setXRange(0, end, padding=0.02)
    else:
        item.enableAutoRange(x=True)


def set_log_y(widget: pg.PlotWidget) -> None:
    """Label the y axis as powers of ten (the data are already log10).

    Within less than a decade (an LSTM's gradient norms, say) pyqtgraph labels
    every minor tick, 0.04 to 0.09 on top of each other; only 1, 2 and 5 times
    a power of ten keep their label.
    """
    axis = widget.getPlotItem().getAxis("left")
    axis.setLogMode(False, True)
    own = axis.logTickStrings

    def strings(values, scale, spacing):
        texts = own(values, scale, spacing)
        return [text if _one_two_five(value) else "" for value, text in zip(values, texts)]

    axis.logTickStrings = strings


def _one_two_five(log_value: float) -> bool:
    mantissa = 10.0 ** (float(log_value) - np.floor(float(log_value) + 1e-9))
    return bool(np.isclose(mantissa, (1.0, 2.0, 5.0, 10.0), rtol=1e-6).any())


def log10(values) -> np.ndarray:
    """log10 of non-negative values, floored; NaN and Inf stay NaN (a gap)."""
    values = np.asarray(values, dtype=np.float64)
    out = np.full(values.shape, np.nan)
    finite = np.isfinite(values)
    out[finite] = np.log10(np.maximum(np.abs(values[finite]), LOG_FLOOR))
    return out


def layer_colours(count: int) -> list[QColor]:
    """One colour per layer, dark purple (shallow) to yellow (deep)."""
    cmap = colormap("viridis")
    if count <= 1:
        return [cmap.map(0.0, mode="qcolor")]
    # Stop short of viridis's pale yellow end: it vanishes on white.
    return [cmap.map(0.88 * i / (count - 1), mode="qcolor") for i in range(count)]


def short_name(path: str, limit: int = 14) -> str:
    """The last part of a layer path, elided to fit under a bar."""
    name = path.rsplit("/", 1)[-1]
    return name if len(name) <= limit else name[: limit - 1] + "…"


def set_layer_ticks(widget: pg.PlotWidget, paths: list[str]) -> None:
    """Name the bars under the x axis; where names would overlap, only every k-th."""
    font = widget.getPlotItem().getAxis("bottom").style.get("tickFont") or QFont()
    char = QFontMetrics(font).averageCharWidth()
    limit = 10
    # Not laid out yet (hidden): name every bar rather than guess a width.
    room = int(widget.width() * 0.85 / (char * (limit + 1))) if widget.width() > 100 else len(paths)
    room = max(room, 1)
    step = max(1, int(np.ceil(len(paths) / room)))
    ticks = [(i, short_name(p, limit)) for i, p in enumerate(paths) if i % step == 0]
    widget.getPlotItem().getAxis("bottom").setTicks([ticks, []])


def bar_at(x: float, count: int) -> int | None:
    """The index of the bar (centred on 0, 1, ...) under x, or None."""
    index = int(round(x))
    return index if 0 <= index < count and abs(x - index) <= 0.45 else None
