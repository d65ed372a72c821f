"""Which view draws which probe result (``VIEWS``), and the app's one dispatcher.

Every result reaches the screen through ``ResultViews.show``: a still image's
answers, each live training frame and each replayed snapshot alike. A new
result type needs one line in ``VIEWS`` and nothing in the controllers.
A result made of parts (``ImageAnalysis``: feature maps and predictions)
is shown part by part.

Views take ``show_result(result, step=None)``: ``step`` is the global
training step of a live frame (a view that keeps a history, like gradient
flow, appends at it), None for a still or replayed result.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.app.views.attention_view import AttentionView
from dlviz.app.views.caption_view import CaptionView
from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.app.views.filter_view import FilterView
from dlviz.app.views.gate_view import GateView
from dlviz.app.views.gradient_flow_view import GradientFlowView
from dlviz.app.views.gradient_time_view import GradientTimeView
from dlviz.app.views.heatmap_view import HeatmapView
from dlviz.app.views.histogram_view import DeadReluView, HistogramView
from dlviz.app.views.prediction_view import PredictionView
from dlviz.app.views.compare_view import CompareView
from dlviz.app.views.ctc_view import CtcView
from dlviz.app.views.span_match_view import SpanMatchView
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.compare import CellComparison
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.results import (
    DeadUnits,
    FeatureMaps,
    FilterBank,
    GradientNorms,
    Heatmap,
    Histograms,
    Predictions,
)
from dlviz.core.probes.sequence_results import GradientThroughTime
from dlviz.core.probes.text_results import SequenceGates
from dlviz.core.probes.unit_match import UnitSelection
from dlviz.core.span_jobs import SpanMatches

VIEWS: dict[type, type] = {
    FeatureMaps: FeatureMapView,
    FilterBank: FilterView,
    Predictions: PredictionView,
    Heatmap: HeatmapView,
    GradientNorms: GradientFlowView,
    Histograms: HistogramView,
    DeadUnits: DeadReluView,
    SequenceGates: GateView,
    GradientThroughTime: GradientTimeView,
    UnitSelection: SpanMatchView,
    SpanMatches: SpanMatchView,
    CellComparison: CompareView,
    CtcAlignment: CtcView,
    AttentionMap: AttentionView,
    Caption: CaptionView,
}


def view_for(result) -> type:
    """The view class that draws ``result`` (its ``show_result`` takes it).

    Example:
        view = view_for(maps)()
        view.show_result(maps)

    Raises:
        TypeError: no view draws this type of result.
    """
    for kind in type(result).__mro__:
        if kind in VIEWS:
            return VIEWS[kind]
    raise TypeError(f"no view draws {type(result).__name__}")


class ResultViews(QObject):
    """The window's views by the result types they draw; shows any result.

    While a replayed snapshot is on screen (``following()`` False), live
    frames do not replace it; only views that keep a history over the run
    (``keeps_history``) still receive them.

    Signals:
        result_shown(object): a result (whole, before its parts) was drawn.
    """

    result_shown = Signal(object)

    def __init__(self, views=(), parent: QObject | None = None):
        super().__init__(parent)
        self._views: dict[type, object] = {}
        self.following = lambda: True   # False while a replay is on screen
        self.add(*views)

    def add(self, *views) -> None:
        """Let these view instances draw the results of their registry types."""
        for view in views:
            self._views[type(view)] = view

    def view_of(self, result):
        """The view instance that draws ``result`` here, or None when there is none."""
        return self._views.get(view_for(result))

    def show(self, result, step: int | None = None) -> int:
        """Draw ``result`` (part by part when it has parts); how many views drew."""
        drawn = self._draw(result, step)
        self.result_shown.emit(result)
        return drawn

    def _draw(self, result, step: int | None) -> int:
        parts = getattr(result, "parts", None)
        if callable(parts):
            return sum(self._draw(part, step) for part in parts())
        view = self.view_of(result)
        if view is None:
            return 0
        view.show_result(result, step=step)
        return 1

    def show_frame(self, frame, *, live: bool = True) -> int:
        """Draw every result of a ``LiveFrame``; live=False for a replayed snapshot."""
        drawn = 0
        for result in frame.results.values():
            if live and not self.following() and not self._keeps_history(result):
                continue
            drawn += self.show(result, step=frame.global_step if live else None)
        return drawn

    def _keeps_history(self, result) -> bool:
        try:
            return bool(getattr(self.view_of(result), "keeps_history", False))
        except TypeError:
            return False
