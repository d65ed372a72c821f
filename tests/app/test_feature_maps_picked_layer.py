"""After a drop (which makes only the shown layer's statistics and mosaic), every
layer a person picks shows what the full pass shows: the statistics line, the
mosaic under each normalisation and the enlarged channel."""

import numpy as np
import pytest

from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.core.data import sample_images
from dlviz.core.workspace import Workspace


@pytest.fixture(scope="module")
def drop_and_full():
    ws = Workspace()
    ws.build_zoo_model("lenet5-digits")
    digit = str(next(p for p in sample_images() if p.name == "10_digit_7.png"))
    drop = ws.analyze_image(digit, on_screen="")
    full = ws.analyze_image(digit)   # every layer's statistics and mosaic from the pass
    return drop.maps, full.maps


def view(qtbot, maps):
    widget = FeatureMapView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show_maps(maps)
    return widget


def test_every_picked_layer_shows_the_numbers_and_pictures_of_the_full_pass(qtbot,
                                                                            drop_and_full):
    drop, full = drop_and_full
    paths = [layer.path for layer in drop.layers]
    assert list(drop.mosaics) == [paths[0]] and len(paths) >= 3
    mine, theirs = view(qtbot, drop), view(qtbot, full)
    for path in paths[1:] + paths[:1]:
        mine.select_layer(path)
        theirs.select_layer(path)
        assert mine.stats_label.text() == theirs.stats_label.text()
        assert "min" in mine.stats_label.text() and "channels" in mine.title.text()
        np.testing.assert_allclose(mine.mosaic_item.image, theirs.mosaic_item.image,
                                   atol=1e-5, equal_nan=True)
        assert mine.channel_view.channel == theirs.channel_view.channel
    for widget in (mine, theirs):   # one range for the whole layer: the same picture too
        widget.normalise_combo.setCurrentIndex(widget.normalise_combo.findData("layer"))
    np.testing.assert_allclose(mine.mosaic_item.image, theirs.mosaic_item.image, atol=1e-5,
                               equal_nan=True)
