"""One dispatcher from result to view: still results, live frames and replay alike."""

import sys
from pathlib import Path

import numpy as np
import pytest
from view_samples import grid_filters, heatmap, mosaics, predictions, vgg_like  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from _rundir_events import frame  # noqa: E402

from dlviz.app.views.feature_map_view import FeatureMapView  # noqa: E402
from dlviz.app.views.filter_view import FilterView  # noqa: E402
from dlviz.app.views.heatmap_view import HeatmapView  # noqa: E402
from dlviz.app.views.prediction_view import PredictionView  # noqa: E402
from dlviz.app.views.registry import VIEWS, ResultViews  # noqa: E402
from dlviz.app.views.training_view import TrainingView  # noqa: E402
from dlviz.core.probes.registry import PROBES  # noqa: E402
from dlviz.core.probes.results import ImageAnalysis  # noqa: E402


@pytest.fixture
def window_views(qtbot):
    views = [FeatureMapView(), FilterView(), PredictionView(), HeatmapView()]
    training = TrainingView()
    for widget in (*views, training):
        qtbot.addWidget(widget)
    results = ResultViews([*views, *training.result_views()])
    results.following = lambda: training.scrubber.live
    yield results, views, training
    training.close()


def test_every_probe_kind_has_a_view_for_its_result():
    for kind in PROBES.values():
        if kind.result is ImageAnalysis:   # drawn part by part
            continue
        assert kind.result in VIEWS, kind.name


def test_still_results_reach_their_views(window_views, mosaics):
    results, (maps_view, filter_view, prediction_view, heatmap_view), _ = window_views
    maps, ranked = vgg_like(mosaics), predictions()
    shown = []
    results.result_shown.connect(shown.append)
    whole = ImageAnalysis("house.png", (), maps, ranked)
    assert results.show(whole) == 2   # an analysis is drawn part by part
    assert maps_view.maps is maps and prediction_view.predictions is ranked
    assert shown == [whole]
    assert results.show(grid_filters()) == 1 and filter_view.current_bank is not None
    assert results.show(heatmap()) == 1 and heatmap_view.heatmap is not None


def test_live_frames_and_replayed_snapshots_take_the_same_road(qtbot, window_views):
    results, (maps_view, filter_view, _, _), training = window_views
    live = frame(7, 1)
    assert results.show_frame(live) == 7   # maps, predictions, filters, four training parts
    assert maps_view.maps is live.results["feature_maps"].maps
    assert filter_view.current_bank is live.results["filters"]
    flow = training.gradient_flow
    assert flow.latest == live.results["gradient_norms"].norms
    assert len(flow.history["c1_conv"]) == 1   # a live frame extends the lines
    assert training.dead_relu.fractions == live.results["dead_units"].fractions
    # A replayed snapshot: drawn, but the lines over the run do not grow.
    replayed = frame(3, 0)
    results.show_frame(replayed, live=False)
    assert maps_view.maps is replayed.results["feature_maps"].maps
    assert flow.latest == replayed.results["gradient_norms"].norms
    assert len(flow.history["c1_conv"]) == 1


def test_while_a_replay_is_shown_live_frames_only_extend_histories(qtbot, window_views):
    results, (maps_view, _, _, _), training = window_views
    training.set_snapshots([0, 10, 20])
    training.scrubber.slider.setValue(0)   # someone scrubs back
    assert not training.scrubber.live
    replayed = frame(0, 0)
    results.show_frame(replayed, live=False)
    newer = frame(30, 1)
    assert results.show_frame(newer) == 1   # gradient flow only: it keeps the run's lines
    assert maps_view.maps is replayed.results["feature_maps"].maps
    assert training.dead_relu.fractions == replayed.results["dead_units"].fractions
    assert len(training.gradient_flow.history["c1_conv"]) == 1
    training.scrubber.live_button.setChecked(True)
    assert results.show_frame(frame(31, 1)) == 7


def test_a_result_without_a_view_here_is_skipped_and_an_unknown_one_refused(qtbot):
    view = PredictionView()
    qtbot.addWidget(view)
    results = ResultViews([view])
    assert results.show(heatmap()) == 0
    with pytest.raises(TypeError, match="no view draws ndarray"):
        results.show(np.zeros(3))


def test_the_controllers_hand_results_to_views_only_through_the_one_dispatcher():
    # A controller that called a view's show_result (or the drawing method
    # behind it: show_maps, show_predictions, ...) itself would be a second
    # road from result to view (live frames, replays and still results must
    # take the same one): only ResultViews calls them, and the window has one.
    # A reason instead of a result (show_unavailable, show_problem) and a
    # setting (show_activations: whether the plot is there) may come directly.
    import ast
    import inspect

    not_results = {"show_unavailable", "show_problem", "show_activations"}
    drawing = {name for view in set(VIEWS.values())
               for name, _ in inspect.getmembers(view, inspect.isfunction)
               if name.startswith("show_") and name not in not_results}
    assert {"show_result", "show_maps", "show_predictions"} <= drawing
    app = Path(__file__).resolve().parents[2] / "dlviz" / "app"
    by_hand, dispatchers = [], []
    for path in sorted(app.rglob("*.py")):
        if "views" in path.relative_to(app).parts:
            continue   # a view may draw its own parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in drawing:
                by_hand.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ResultViews":
                dispatchers.append(path.name)
    assert by_hand == []
    assert dispatchers == ["image_controller.py"]
