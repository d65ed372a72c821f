"""Gradient through time: how much each token of the sentence moves the loss.

One point per token, the L2 norm of the loss gradient at that token's input,
relative to the largest, on a log scale: a SimpleRNN's fall by orders of
magnitude toward the first words (they barely move the answer), an LSTM's or
GRU's stay up. Small enough to sit beside the gates.

While a model trains, live frames are drawn on the view's own clock
(``live_clock.py``: at most five a second, only on screen, the newest wins),
reusing one curve rather than clearing the plot each time.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QVBoxLayout, QWidget

from dlviz.app.numbers import general_text
from dlviz.app.core_messages import core_message
from dlviz.app.views.canvas import BACKGROUND, cache_axes, hint_label, title_font
from dlviz.app.views.dots_item import DotsItem
from dlviz.app.views.export import ExportMixin
from dlviz.app.views.gate_grid import fitting_token_ticks
from dlviz.app.views.live_clock import LiveClock
from dlviz.app.views.live_label import LiveLabel
from dlviz.core.probes.sequence_results import GradientThroughTime

#: Relative norms below this are drawn at it (log scale floor).
FLOOR = 1e-6
#: The plot's least height: two decades and the token labels stay readable.
PLOT_MIN_HEIGHT = 110


def shown_floor(smallest: float) -> float:
    """The bottom of the y axis (log10) for a smallest relative size: the half
    decade at or below it, at most -0.5, so that a live frame's new numbers
    move the curve, not the axis."""
    low = np.log10(max(FLOOR, smallest))
    return float(min(np.floor(2 * low) / 2, -0.5))


def log_ticks(low: float) -> list[tuple[float, str]]:
    """(log10 value, label) of 1, 0.1, 0.01, ... down to ``low``; 0.5 and 0.2 too
    within less than a decade (the default ticks crowd at the bottom of a decade)."""
    decades = [(-k, f"{10.0 ** -k:g}") for k in range(0, int(np.ceil(-low)) + 1)]
    if low > -1:
        decades += [(float(np.log10(v)), f"{v:g}") for v in (0.5, 0.2)]
    return decades


HINT = QT_TRANSLATE_NOOP("GradientTimeView",
                         "Size of the loss gradient at each token, relative to the largest (log "
                         "scale). A line that falls toward the first words means the model "
                         "forgets them, as a SimpleRNN does on long sentences.")


class GradientTimeView(ExportMixin, QWidget):
    """The relative gradient norm at each token of one sentence (log scale)."""

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "gradient_through_time"

    export_name = "gradient_through_time.png"
    unavailable_title = QT_TRANSLATE_NOOP("GradientTimeView", "No gradient through time")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: GradientThroughTime | None = None
        self._axes = None   # (tokens, length, y floor) the axes are set for
        # Its loss changes with every live frame: a LiveLabel repaints it
        # without laying the window out again (live_label.py).
        self.title = LiveLabel(self.tr("Which tokens move the answer"))
        title_font(self.title)
        self.hint = hint_label(self.tr(HINT))
        self.body = pg.PlotWidget(background=BACKGROUND)
        self.plot = self.body.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLogMode(x=False, y=True)
        self.plot.setLabel("left", self.tr("relative size"))
        for side in ("bottom", "left"):
            self.plot.getAxis(side).setTextPen("#202020")
        cache_axes(self.plot)   # live frames move the curve, not the axes
        self.plot.vb.sigResized.connect(lambda _box: self._label_tokens())
        self.body.setMinimumHeight(PLOT_MIN_HEIGHT)
        # Where the hint has no room (``_fit_hint``), it is still a hover away.
        self.body.setToolTip(self.tr(HINT))
        self.title.setToolTip(self.tr(HINT))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)
        self.body.hide()   # until a sentence is read
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#2563a8", width=2))
        # A dot on each token: moved, not rebuilt, by a live frame (dots_item.py;
        # the curve's own symbols were a ScatterPlotItem rebuilt every frame).
        # Not a data item, so not in log mode: it is given log10 of the values.
        self.dots = DotsItem("#2563a8", size=6)
        self.plot.addItem(self.dots, ignoreBounds=True)
        self.clock = LiveClock(self, draw=self._draw, keep=self._keep_live, interval_ms=200)

    def show_result(self, result: GradientThroughTime, step: int | None = None) -> None:
        """Draw a still result now; a live frame (``step`` given) on the view's own clock."""
        if step is None:
            self.clock.cancel()
            self._draw(result, None)
        else:
            self.clock.offer(result, step)

    def show_unavailable(self, reason: str) -> None:
        self.clock.cancel()   # a live frame waiting must not draw over the reason
        super().show_unavailable(reason)
        self._fit_hint()

    def _keep_live(self, result: GradientThroughTime, step: int) -> None:
        """Off screen: the newest result is current, drawn when shown."""
        self.result = result

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.clock.shown() and self.result is not None:
            self._draw(self.result, None)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.clock.hidden()
        super().hideEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_hint()

    def _label_tokens(self) -> None:
        """Name every token that fits under the curve (every k-th when they crowd);
        again whenever the plot is resized."""
        if self.result is None:
            return
        axis = self.plot.getAxis("bottom")
        width = self.plot.vb.width()
        if width <= 1:   # not laid out yet: the view less its left axis and margins
            width = self.body.width() - 70
        axis.setTicks([fitting_token_ticks(self.result.tokens or (), width,
                                           axis.style.get("tickFont") or self.body.font())])

    def _fit_hint(self) -> None:
        """Show the hint only where the plot keeps ``PLOT_MIN_HEIGHT`` below it.

        Beside the gates, in a short window (1024x768 on a projector), the
        four-line hint took the plot's height and the curve was cut off; then
        the hint is the title's and the plot's tooltip instead. The view's
        height comes from the column around it, not from the hint, so hiding
        the hint does not resize the view (no back and forth).
        """
        if self.body.isHidden():   # nothing drawn: the hint is what the view says
            self.hint.setVisible(True)
            return
        width = max(1, self.width())
        spacing = max(0, self.layout().spacing())
        margins = self.layout().contentsMargins()
        needed = (self.title.heightForWidth(width) + self.hint.heightForWidth(width)
                  + PLOT_MIN_HEIGHT + 2 * spacing + margins.top() + margins.bottom())
        self.hint.setVisible(self.height() >= needed)

    def _draw(self, result: GradientThroughTime, _step: int | None) -> None:
        self.result = result
        self._show_body()
        self.hint.setText(self.tr(HINT))   # not the last model's reason for showing nothing
        values = self.values()
        x = np.arange(len(values)) + 0.5
        self.curve.setData(x, values)
        self.dots.setData(x, np.log10(values))
        low = shown_floor(float(values.min()))
        axes = (tuple(result.tokens or ()), len(values), low)
        if axes != self._axes:
            # Live frames of one sentence keep the axes: new ranges and ticks
            # every frame cost more than the curve, and made the axis jitter.
            self._axes = axes
            self._label_tokens()
            self.plot.setXRange(0, max(1, len(values)), padding=0)
            self.plot.setYRange(low, 0, padding=0.05)
            self.plot.getAxis("left").setTicks([log_ticks(low)])
        self.title.setText(self.tr("Which tokens move the answer ({0}, loss {1})").format(
            core_message(result.target), general_text(result.loss)))
        self._fit_hint()

    def values(self) -> np.ndarray:
        """What is drawn: the first sentence's relative norms, floored for the log scale."""
        relative = self.result.relative()[0]
        return np.maximum(relative, FLOOR).astype(np.float32)
