"""An axis that names tokens, as many as fit: every token when zoomed in, every k-th out.

pyqtgraph's default ticks are numbers at "nice" spacings; a heatmap over
tokens wants each column's token at its centre. ``TokenAxis`` asks, at every
repaint, which tokens are in view and how many pixels the axis has, and
names every k-th so that labels never overlap (512 source tokens show a few
dozen labels; a mouse-wheel zoom on x brings every token back).

Example:
    axis = TokenAxis("bottom")
    plot = pg.PlotItem(axisItems={"bottom": axis})
    axis.set_tokens(("ngày", "10", "tháng", "3"))
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

#: Longest label drawn, in characters (a longer token is cut, with "…").
LONGEST = 14
#: Pixels kept free between two labels.
GAP = 10
#: Up to this many tokens in view, each label's own width decides whether all fit.
EXACT_UP_TO = 120
#: Label steps a reader counts in (every 5th, 10th, 50th token rather than every 7th).
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)


def short(token: str, longest: int = LONGEST) -> str:
    """``token`` as a tick label: whole when short, else cut with an ellipsis."""
    return token if len(token) <= longest else token[:longest - 1] + "…"


class TokenAxis(pg.AxisItem):
    """Tick labels at the centres of token cells (cell ``t`` spans ``[t, t + 1)``)."""

    def __init__(self, orientation: str, point_size: float = 11.0, **kwargs):
        super().__init__(orientation, **kwargs)
        self.tokens: tuple[str, ...] = ()
        self._labels: tuple[str, ...] = ()
        self._widths: dict[float, list[int]] = {}
        self.tick_font = QFont()
        self.tick_font.setPointSizeF(point_size)
        # Two points smaller: tried before leaving tokens out (a projector still reads it).
        self.compact_font = QFont()
        self.compact_font.setPointSizeF(point_size - 2)
        self.metrics = QFontMetrics(self.tick_font)
        # Our own spacing already keeps labels apart; pyqtgraph's check would
        # also hide the first and last token when they touch the plot's edge.
        self.setStyle(tickFont=self.tick_font, hideOverlappingLabels=False, tickLength=-4)
        self.setTextPen("#1d1d1d")
        self.setPen("#808080")

    def set_tokens(self, tokens) -> None:
        """Name these tokens (their order is the axis's order)."""
        tokens = tuple(str(t) for t in tokens)
        if tokens == self.tokens:
            return
        self.tokens = tokens
        self._labels = tuple(short(t) for t in tokens)
        self._widths = {}   # font size -> each label's width in pixels
        self.picture = None   # pyqtgraph's cached drawing of the ticks
        self.update()

    def widths(self, font: QFont | None = None) -> list[int]:
        """Each label's width in pixels in ``font`` (the one drawn now), measured once."""
        font = font or self.style["tickFont"]
        key = font.pointSizeF()
        if key not in self._widths:
            metrics = QFontMetrics(font)
            self._widths[key] = [metrics.horizontalAdvance(t) for t in self._labels]
        return self._widths[key]

    def widest(self) -> int:
        """Pixels the widest label needs."""
        return max(self.widths(), default=0)

    def label_pixels(self) -> int:
        """Pixels one label needs along the axis, gap included."""
        if self.orientation in ("left", "right"):
            return self.metrics.height() + 2
        return self.widest() + GAP

    def step_for(self, first: int, last: int, size: float) -> int:
        """Name every ``step``-th token of ``first..last`` so labels fit in ``size`` px.

        Along x, every token is named when each label clears its neighbours
        (in the smaller font if need be); otherwise every 2nd, 5th, 10th, ...
        """
        shown = max(1, last - first + 1)
        if self.orientation in ("top", "bottom") and shown <= EXACT_UP_TO:
            for font in (self.tick_font, self.compact_font):
                if self._neighbours_fit(self.widths(font)[first:last + 1], size / shown):
                    self._use_font(font)
                    return 1
        self._use_font(self.tick_font)
        fit = max(1, int(size // max(1, self.label_pixels())))
        need = max(1, math.ceil(shown / fit))
        return next((step for step in NICE_STEPS if step >= need), need)

    @staticmethod
    def _neighbours_fit(widths, column: float) -> bool:
        """Each label, centred on its column, clears the next one by ``GAP / 2`` pixels."""
        return all((a + b) / 2 + GAP / 2 <= column for a, b in zip(widths, widths[1:]))

    def _use_font(self, font: QFont) -> None:
        if self.style["tickFont"] is font:
            return
        # Chosen while painting (``setStyle`` would resize the axis mid-paint):
        # the next paint measures and draws in it.
        self.style["tickFont"] = font
        self.metrics = QFontMetrics(font)
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph API)
        count = len(self.tokens)
        minVal, maxVal = sorted((minVal, maxVal))   # an inverted axis gives them reversed
        if not count or size <= 0:
            return []
        first = max(0, int(math.floor(minVal)))
        last = min(count - 1, int(math.ceil(maxVal)) - 1)
        if last < first:
            return []
        step = self.step_for(first, last, size)
        start = first - first % step   # the same tokens stay named while panning
        return [(float(step), [t + 0.5 for t in range(start, last + 1, step) if t >= first])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [self._labels[int(v)] if 0 <= int(v) < len(self._labels) else ""
                for v in values]
