"""Compare cells: SimpleRNN, LSTM and GRU on the same sentence, one row each.

Each row: the model's hidden state h (units along y, tokens along x, on the
fixed [-1, 1] range of tanh) and beside it its gradient through time, the
size of the loss gradient at each token relative to its largest, on one
log scale shared by the three rows: a trained SimpleRNN's falls toward the
first words of a long sentence (it forgets them), a trained LSTM's or GRU's
stays up on the words that decide. A row titled "untrained" (no trained
model of that cell ships for the language) shows the cell before learning.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from dlviz.app.core_messages import core_message
from dlviz.app.views.canvas import BACKGROUND, hint_label, title_label
from dlviz.app.views.colormaps import DIVERGING, colormap
from dlviz.app.views.export import ExportMixin
from dlviz.app.views.gate_grid import _style_axes, fitting_token_ticks, unit_ticks
from dlviz.app.views.gradient_time_view import FLOOR, log_ticks
from dlviz.core.probes.compare import CellComparison

HOW = QT_TRANSLATE_NOOP(
    "CompareView",
       "Each row: a model's hidden state h at every token (units ↓, blue −1 … red +1), and "
       "beside it how much each token moves its answer (loss gradient, relative to the "
       "largest, log scale). Trained on long sentences, a SimpleRNN's gradient falls toward "
       "the first words: it forgets them; the gates of a trained LSTM or GRU keep the words "
       "that decide. An untrained row has random weights: the cell before any learning.")
COLOURS = {"simple_rnn": "#d62728", "lstm": "#1f77b4", "gru": "#2ca02c"}


class CompareView(ExportMixin, QWidget):
    """Hidden states and gradients through time of three cells, one row per model.

    Signals:
        shown(): the view came on screen (its tab was chosen).
    """

    shown = Signal()
    export_name = "compare_cells.png"
    unavailable_title = QT_TRANSLATE_NOOP("CompareView", "Nothing to compare")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: CellComparison | None = None
        self.title = title_label(self.tr("Compare cells: SimpleRNN, LSTM and GRU"))
        self.hint = hint_label(self.tr(HOW))
        self.summary = hint_label(self.tr("Type a sentence above: the three models read it."))
        self.summary.setObjectName("compare_summary")
        self.body = pg.GraphicsLayoutWidget()
        self.body.setBackground(BACKGROUND)
        self.row_titles: list[str] = []
        self.images: list[pg.ImageItem] = []
        self.curves: list[pg.PlotDataItem] = []
        self.heatmaps: list[pg.PlotItem] = []
        self.gradients: list[pg.PlotItem] = []
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.shown.emit()

    def show_result(self, result: CellComparison, step: int | None = None) -> None:
        self.result = result
        self._show_body()
        self.body.clear()
        self.row_titles, self.images, self.curves = [], [], []
        self.heatmaps, self.gradients = [], []
        values = np.maximum(result.gradient, FLOOR)
        low = float(np.log10(values.min())) if values.size else -1.0
        low = min(low, -1.0)
        # Two plots a row (the hidden state, the gradient), each with its left axis.
        ticks = fitting_token_ticks(result.tokens, self.width() / 2 - 80)
        for row, (name, kind) in enumerate(zip(result.models, result.kinds)):
            self.row_titles.append(name)
            label = self.body.addLabel(f"<b>{name}</b>", row * 2, 0, colspan=2,
                                       color="#1d1d1d", size="10pt", justify="left")
            label.setMaximumHeight(24)   # the rows of pictures take the height
            hidden = result.hidden(kind)
            self._add_heatmap(row * 2 + 1, hidden, ticks)
            self._add_gradient(row * 2 + 1, values[row], kind, low, ticks)
        bar = pg.ColorBarItem(values=(-1, 1), colorMap=colormap(DIVERGING), interactive=False,
                              width=12, colorMapMenu=False)
        bar.setImageItem(self.images)
        self.body.addItem(bar, 1, 2, rowspan=len(result.models) * 2)
        self.title.setText(self.tr("Compare cells · {0} tokens").format(len(result.tokens)))
        shares = ", ".join(f"{name.split(' ·')[0]} {share:.2g}"
                           for name, share in result.first_token_share.items())
        notes = " ".join(core_message(note) for note in result.notes[:1])
        self.summary.setText((self.tr("The first token's gradient, relative to each model's "
                                      "largest: {0}.").format(shares) + f" {notes}").strip())

    def _add_heatmap(self, row: int, hidden, ticks) -> None:
        plot = self.body.addPlot(row, 0)
        _fixed(plot)
        plot.invertY(True)
        item = pg.ImageItem()
        plot.addItem(item)
        units, time = hidden.shape
        item.setImage(np.ascontiguousarray(hidden, dtype=np.float32), levels=(-1, 1),
                      autoLevels=False)
        plot.getAxis("left").setTicks([unit_ticks(units)])
        plot.getAxis("bottom").setTicks([ticks])
        plot.setXRange(0, time, padding=0)
        plot.setYRange(0, units, padding=0)
        plot.setLabel("left", self.tr("h, units"))
        self.images.append(item)
        self.heatmaps.append(plot)

    def _add_gradient(self, row: int, values, kind: str, low: float, ticks) -> None:
        plot = self.body.addPlot(row, 1)
        _fixed(plot)
        plot.setLogMode(x=False, y=True)
        colour = COLOURS.get(kind, "#2563a8")
        curve = plot.plot(np.arange(len(values)) + 0.5, values, pen=pg.mkPen(colour, width=2),
                          symbol="o", symbolSize=5, symbolBrush=colour)
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("left").setTicks([log_ticks(low)])
        plot.setXRange(0, max(1, len(values)), padding=0)
        plot.setYRange(low, 0, padding=0.05)
        plot.setLabel("left", self.tr("gradient"))
        plot.getAxis("left").setWidth(52)   # "0.0001" fits
        self.curves.append(curve)
        self.gradients.append(plot)


def _fixed(plot) -> None:
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    _style_axes(plot)
