"""Which view draws which probe result: ``VIEWS`` and ``view_for``.

The window looks a result's view up here instead of chaining isinstance
checks, so a new result type needs one line here and nothing elsewhere.
"""

from __future__ import annotations

from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.app.views.filter_view import FilterView
from dlviz.app.views.heatmap_view import HeatmapView
from dlviz.app.views.prediction_view import PredictionView
from dlviz.core.probes.results import FeatureMaps, FilterBank, Heatmap, Predictions

VIEWS: dict[type, type] = {
    FeatureMaps: FeatureMapView,
    FilterBank: FilterView,
    Predictions: PredictionView,
    Heatmap: HeatmapView,
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
