"""Predictions: the top classes of every output head, the answer first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from dlviz.app.views.canvas import hint_label, title_label
from dlviz.app.views.class_bars_view import ClassBarsView, percent
from dlviz.app.views.export import ExportMixin
from dlviz.core.probes.results import Predictions

HEAD_NAMES = {
    "average": QT_TRANSLATE_NOOP("PredictionView", "Average of the outputs"),
    "main": QT_TRANSLATE_NOOP("PredictionView", "Main output"),
    "aux1": QT_TRANSLATE_NOOP("PredictionView", "Auxiliary output 1"),
    "aux2": QT_TRANSLATE_NOOP("PredictionView", "Auxiliary output 2"),
    "output": QT_TRANSLATE_NOOP("PredictionView", "Output"),
}
SOURCES = {
    "ImageNet": QT_TRANSLATE_NOOP("PredictionView", "ImageNet classes"),
    "dataset": QT_TRANSLATE_NOOP("PredictionView", "class names from the training data"),
    "index only": QT_TRANSLATE_NOOP("PredictionView", "class index only — no names known"),
}


class PredictionView(ExportMixin, QWidget):
    """The primary head large on top; other heads (GoogLeNet's main, aux1,
    aux2) as small multiples below it, on the same 0–100 % scale."""

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "predictions"

    export_name = "predictions.png"
    unavailable_title = QT_TRANSLATE_NOOP("PredictionView", "Predictions unavailable")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.predictions: Predictions | None = None
        self.bars: dict[str, ClassBarsView] = {}
        self.title = title_label(self.tr("Predictions"))
        self.hint = hint_label(self.tr("Drop an image on the window to see what the model thinks it is."))
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 8, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(18)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def show_result(self, result: Predictions, step: int | None = None) -> None:
        self.show_predictions(result)

    def show_predictions(self, pred: Predictions) -> None:
        """Draw every head of ``pred``, the primary one first and largest."""
        self.predictions = pred
        self._show_body()
        heads = [pred.primary] + [h for h in pred.heads if h != pred.primary]
        best = max(pred.heads[pred.primary], key=lambda s: s.probability)
        self.title.setText(self.tr("Prediction: {0} · {1}").format(best.name, percent(best.probability)))
        k = len(pred.heads[pred.primary])
        source = self.tr(SOURCES.get(pred.names_source, pred.names_source))
        primary = self.tr(HEAD_NAMES.get(pred.primary, pred.primary)).lower()
        extra = self.tr("  ·  {0} outputs; the model's answer is the {1}").format(
            len(heads), primary) if len(heads) > 1 else ""
        self.hint.setText(self.tr("Top {0} classes  ·  {1}").format(k, source) + extra)
        self._update_bars(pred, heads)

    def _update_bars(self, pred: Predictions, heads: list[str]) -> None:
        headings = {head: self._heading(head, i, len(heads)) for i, head in enumerate(heads)}
        if list(self.bars) == heads:
            # Live frames: the same heads with new scores. Setting them on the
            # bars there are, not building new ones, spares every frame a
            # relayout of the window (widgets made, polished, deleted later).
            for head, view in self.bars.items():
                view.set_scores(headings[head], pred.heads[head])
            return
        for view in self.bars.values():
            self.grid.removeWidget(view)
            view.deleteLater()
        self.bars = {}
        others = max(len(heads) - 1, 1)
        for i, head in enumerate(heads):
            view = ClassBarsView(scale=1.3 if i == 0 else 1.0)
            view.set_scores(headings[head], pred.heads[head])
            if i == 0:
                self.grid.addWidget(view, 0, 0, 1, others)
            else:
                self.grid.addWidget(view, 1, i - 1)
            self.bars[head] = view

    def _heading(self, head: str, index: int, heads: int) -> str:
        label = self.tr(HEAD_NAMES.get(head, head))
        return self.tr("{0} (the answer)").format(label) if index == 0 and heads > 1 else label
