"""Top-k class probabilities as horizontal bars, painted with QPainter.

Plain QPainter rather than a plot: class names sit beside their bars at
the widget's own font size (which View > Larger text scales), with no axes
or ticks to read from the back of a lecture hall.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from dlviz.app.numbers import decimal_text, percent_text
from dlviz.core.probes.results import ClassScore

TOP_COLOUR = QColor("#2563a8")
OTHER_COLOUR = QColor("#8fb0d6")
TRACK_COLOUR = QColor("#e7e9ee")
TEXT_COLOUR = QColor("#1d1d1d")


def percent(probability: float) -> str:
    """0.7234 -> '72.3 %'; tiny values are not shown as a misleading 0.0 %."""
    if 0 < probability < 0.001:
        return f"< {decimal_text(0.1)} %"
    return percent_text(probability)   # 72,3 % in Vietnamese


class ClassBarsView(QWidget):
    """One output head: a heading, then one bar per class, best first.

    Bars share one scale (0 to 100 %), so heads drawn side by side compare.
    """

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0):
        super().__init__(parent)
        self.heading = ""
        self.scores: tuple[ClassScore, ...] = ()
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_scores(self, heading: str, scores: Sequence[ClassScore]) -> None:
        rows = len(self.scores)
        self.heading = heading
        self.scores = tuple(sorted(scores, key=lambda s: s.probability, reverse=True))
        if len(self.scores) != rows:   # the size hint follows the rows: relayout
            self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, float]]:
        """(class name, probability) per bar, top to bottom."""
        return [(s.name, s.probability) for s in self.scores]

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.8

    def sizeHint(self) -> QSize:
        return QSize(420, int(self._row_height() * (len(self.scores) + 1.4)) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        row = self._row_height()
        width = self.width()
        bold = self.font()
        bold.setBold(True)
        # Measure with the bold font: the top class is drawn bold.
        metrics = QFontMetricsF(bold)
        painter.setFont(bold)
        painter.setPen(TEXT_COLOUR)
        painter.drawText(QRectF(0, 0, width, row), Qt.AlignmentFlag.AlignVCenter, self.heading)
        names_width = min(width * 0.42, max((metrics.horizontalAdvance(s.name) for s in
                                             self.scores), default=0) + 16)
        value_width = metrics.horizontalAdvance("100.0 %") + 14
        bar_left = names_width
        bar_span = max(width - bar_left - value_width, 20)
        for i, score in enumerate(self.scores):
            top = row * (i + 1.2)
            painter.setFont(bold if i == 0 else self.font())
            name = QFontMetricsF(painter.font()).elidedText(
                score.name, Qt.TextElideMode.ElideRight, names_width - 12)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(0, top, names_width - 12, row),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, name)
            bar = QRectF(bar_left, top + row * 0.18, bar_span, row * 0.64)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOUR)
            painter.drawRoundedRect(bar, 3, 3)
            painter.setBrush(TOP_COLOUR if i == 0 else OTHER_COLOUR)
            filled = max(bar_span * score.probability, 2)  # a 0 % class still shows a sliver
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), filled, bar.height()), 3, 3)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(bar.right() + 8, top, value_width, row),
                             Qt.AlignmentFlag.AlignVCenter, percent(score.probability))
        painter.end()
