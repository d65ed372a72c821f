"""The registry, show_result, PNG export, and no Keras in the views."""

import subprocess
import sys

import pytest
from _image_checks import assert_png_shows_something, changed_fraction, read_png
from view_samples import grid_filters, heatmap, mosaics, predictions, vgg_like  # noqa: F401

from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.app.views.filter_view import FilterView
from dlviz.app.views.heatmap_view import HeatmapView
from dlviz.app.views.prediction_view import PredictionView
from dlviz.app.views.registry import VIEWS, view_for
from dlviz.core.probes.results import FeatureMaps, FilterBank, Heatmap, Predictions


def samples(make_mosaic):
    return [vgg_like(make_mosaic), grid_filters(), predictions(), heatmap()]


def test_registry_maps_each_result_to_its_view(mosaics):
    expected = {FeatureMaps: FeatureMapView, FilterBank: FilterView,
                Predictions: PredictionView, Heatmap: HeatmapView}
    for result in samples(mosaics):
        assert view_for(result) is expected[type(result)]
    assert set(expected) <= set(VIEWS)


def test_view_for_refuses_unknown_results():
    with pytest.raises(TypeError, match="no view draws str"):
        view_for("not a result")


@pytest.mark.parametrize("index", range(4))
def test_each_view_shows_its_result_and_exports_png(qtbot, tmp_path, mosaics, index):
    result = samples(mosaics)[index]
    view = view_for(result)()
    qtbot.addWidget(view)
    view.resize(800, 600)
    assert view.export_png(tmp_path / "empty.png")
    view.show_result(result)
    path = tmp_path / "view.png"
    assert view.export_png(path)
    pixels = assert_png_shows_something(path, (800, 600))
    # The result is drawn: a good part of the picture differs from the empty view
    # (the prediction bars are the smallest drawing, about 4 % of the view).
    assert changed_fraction(read_png(tmp_path / "empty.png"), pixels) > 0.02


def test_export_to_an_unwritable_place_says_false(qtbot, tmp_path):
    view = PredictionView()
    qtbot.addWidget(view)
    assert not view.export_png(tmp_path / "no such folder" / "view.png")


def test_views_do_not_import_keras():
    """The GUI thread must stay free of Keras: views only receive dataclasses."""
    script = (
        "import sys, dlviz.app.views.registry\n"
        "heavy = [m for m in ('tensorflow', 'keras') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
