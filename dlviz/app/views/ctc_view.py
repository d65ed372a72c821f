"""What a CRNN reads in a picture: per-column probabilities, best path, the string.

The dropped (or drawn) picture on top; under each of its columns the
probability of the blank and of every symbol (brighter = likelier), the best
path's symbol, and the string CTC makes of it in large type. Hover names the
column, the class and its probability. The same view serves a still picture,
each live training frame (``step``) and a replayed snapshot.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlviz.app.core_messages import core_message
from dlviz.app.numbers import count_text
from dlviz.app.views.canvas import hint_label, title_label
from dlviz.app.views.ctc_plot import CtcPlot
from dlviz.app.views.export import ExportMixin

HINT = QT_TRANSLATE_NOOP("CtcView", "Each column is one time step; brighter = likelier; red = the "
                         "likeliest class of a column (— is the CTC blank). Merge repeats, then "
                         "drop blanks: that is the string. Point at a column to see its "
                         "probabilities.")


def collapse_steps(result) -> str:
    """The two CTC steps, one per line: the path, repeats merged, blanks dropped."""
    return QCoreApplication.translate(
        "CtcView", "best path        {0}\nmerge repeats →  {1}\ndrop blanks   →  {2}").format(
            result.path_text(), result.merged_text(), result.text)


def reading_text(result) -> str:
    """The collapsed string as the big label writes it."""
    return result.text if result.text else \
        QCoreApplication.translate("CtcView", "(nothing: every column is blank)")


class CtcView(ExportMixin, QWidget):
    """A ``CtcAlignment`` drawn: picture, probabilities, path and the string read."""

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "ctc"
    export_name = "ctc.png"
    unavailable_title = QT_TRANSLATE_NOOP("CtcView", "This model reads no strings")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = None
        self.title = title_label(self.tr("What the CRNN reads, column by column"))
        self.hint = hint_label(self.tr("Pick CRNN, trained on digit strings, then drop or draw "
                               "digits."))
        self.reading = QLabel("")
        self.reading.setObjectName("ctc_reading")
        font = self.reading.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.reading.setFont(font)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # "(nothing: every column is blank)" at this size, on one line, widened the
        # whole window past a 1280-pixel screen: it wraps instead.
        self.reading.setWordWrap(True)
        self.steps = QLabel("")
        self.steps.setObjectName("ctc_steps")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), self.font().pointSizeF()))
        self.steps.setFont(mono)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = CtcPlot()
        self.hover_label = hint_label(self.tr(HINT))
        self.hover_label.setObjectName("ctc_hover")
        self.plot.hovered.connect(self._on_hovered)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        reading = QHBoxLayout()
        reading.addWidget(self.reading, 1)
        reading.addSpacing(24)
        reading.addWidget(self.steps, 1)
        body.addLayout(reading)
        body.addWidget(self.plot, 1)
        body.addWidget(self.hover_label)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)

    def show_result(self, result, step: int | None = None) -> None:
        """Draw ``result``; ``step``: the training step of a live frame (None when still)."""
        self.result = result
        self._show_body()
        self.title.setText(self.tr("What the CRNN reads, column by column") +
                           (self.tr(" · live, step {0}").format(count_text(step))
                            if step is not None else ""))
        notes = "; ".join(core_message(note) for note in result.notes)
        self.hint.setText(self.tr("{0}: {1} columns").format(
                          result.source_name or self.tr("Picture"), result.steps)
                          + (f" · {notes}" if notes else ""))
        self.reading.setText(self.tr("Reads: {0}").format(reading_text(result)))
        self.steps.setText(collapse_steps(result))
        self.plot.show_alignment(result)
        self.hover_label.setText(self.tr(HINT))   # the outline is gone: so is what it said

    def _on_hovered(self, text: str) -> None:
        self.hover_label.setText(text or self.tr(HINT))
