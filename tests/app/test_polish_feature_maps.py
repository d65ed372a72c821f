"""The first channel enlarged is the liveliest one, not channel 0 (which may be
all but empty, as conv1's is for the first screen's star)."""

from dataclasses import replace

import numpy as np
import pytest
from view_samples import mosaics, vgg_like  # noqa: F401

from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.core.probes.results import FeatureMaps


@pytest.fixture
def view(qtbot):
    widget = FeatureMapView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def with_quiet_first_channel(maps: FeatureMaps, lively: int) -> FeatureMaps:
    """``maps`` with every layer's channel 0 near zero and ``lively`` the strongest."""
    layers = []
    for layer in maps.layers:
        values = np.array(layer.values, dtype=np.float32)
        values[:, :, 0] = 0.001
        values[:, :, lively] = values.max() + 1.0
        layers.append(replace(layer, values=values))
    return replace(maps, layers=tuple(layers), mosaics={})


def test_a_layer_shown_first_enlarges_its_most_active_channel(view, mosaics):
    view.show_maps(with_quiet_first_channel(vgg_like(mosaics), lively=5))
    assert view.channel_view.channel == 5
    assert view.channel_view.channel_label.text().startswith("Channel 5 of 16")
    assert view.highlight.isVisible()
    view.select_layer("block2_conv1")  # another layer: its own liveliest
    assert view.channel_view.channel == 5


def test_a_new_image_enlarges_its_liveliest_channel_unless_one_was_picked(view, mosaics):
    view.show_maps(with_quiet_first_channel(vgg_like(mosaics), lively=5))
    view.show_maps(with_quiet_first_channel(vgg_like(mosaics), lively=9))
    assert view.channel_view.channel == 9       # nobody chose 5: follow the image
    view.select_channel(3)                        # a person compares channel 3
    view.show_maps(with_quiet_first_channel(vgg_like(mosaics), lively=7))
    assert view.channel_view.channel == 3
