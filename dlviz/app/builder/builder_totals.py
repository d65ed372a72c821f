"""The line over the builder's table: the whole network's size and cost, and what is broken."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dlviz.app.builder.builder_messages import row_error
from dlviz.app.builder.builder_table import format_shape
from dlviz.app.numbers import count_text


class BuilderTotals(QWidget):
    """Parameters (trainable and not), multiply-accumulates, depth and output shape
    in a large font, and in red the first broken layer with its reason."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.totals = QLabel()
        self.totals.setObjectName("builder_totals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        font = self.totals.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)   # read from the back of a room
        self.totals.setFont(font)
        # Room for two lines from the start: a wrapped label does not always get its
        # second line at once (the output shape was cut off in a narrow window).
        self.totals.setMinimumHeight(2 * self.totals.fontMetrics().lineSpacing() + 4)
        self.problems = QLabel()
        self.problems.setObjectName("builder_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #9b1c17; font-weight: bold;")
        self.problems.setFont(font)
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.totals)
        layout.addWidget(self.problems)

    def show_rows(self, rows, outputs) -> bool:
        """Sum ``infer``'s rows; ``outputs`` names the model's outputs.

        Returns:
            True when every row can be built.
        """
        trainable = sum(r.trainable or 0 for r in rows)
        frozen = sum(r.non_trainable or 0 for r in rows)
        macs = sum(r.macs or 0 for r in rows)
        broken = [r for r in rows if r.error]
        shapes = ", ".join(format_shape(r.output_shape) for r in rows if r.name in outputs)
        self.totals.setText(self.tr(
            "<b>{0} parameters</b> ({1} trainable, {2} non-trainable) &nbsp;·&nbsp; "
            "<b>{3} multiply-accumulates</b> per sample &nbsp;·&nbsp; {4} layers"
            " &nbsp;·&nbsp; output {5}").format(
            count_text(trainable + frozen), count_text(trainable), count_text(frozen),
            count_text(macs), count_text(len(rows)), shapes or "—"))
        self.problems.setVisible(bool(broken))
        if broken:
            self.problems.setText(self.tr(
                "⚠ {0} layer(s) cannot work as set, starting at {1}: {2}").format(
                len(broken), broken[0].name, row_error(broken[0])))
        self._fit_heights()
        return not broken

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_heights()

    def _fit_heights(self) -> None:
        """Give each wrapped line the height its words need at its width.

        A label in a box layout is given one guessed height, so the reason of a
        broken layer (a long sentence, longer still in Vietnamese) was cut after
        its first line.
        """
        for label in (self.totals, self.problems):
            width = label.width() if label.width() > 0 else self.width()
            need = label.heightForWidth(width) if width > 0 else -1
            floor = 2 * label.fontMetrics().lineSpacing() + 4 if label is self.totals else 0
            label.setMinimumHeight(max(need, floor))
