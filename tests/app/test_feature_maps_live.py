"""Live feature maps while training: at most one redraw per frame interval, the
newest frame always drawn in the end, nothing drawn off screen, and the layer
list, the zoom and the enlarged channel kept from frame to frame."""

from dataclasses import replace

import numpy as np
import pytest
from view_samples import mosaics, vgg_like  # noqa: F401

from dlviz.app.views.feature_map_view import LIVE_FRAME_MS, FeatureMapView
from dlviz.core.probes.mosaic import make_mosaic


def frame_maps(maps, k: int):
    """``maps`` as a later training step would give them: every layer's values moved."""
    layers = tuple(replace(layer, values=np.roll(layer.values, k, axis=1) * (1 + 0.1 * k))
                   for layer in maps.layers)
    return replace(maps, layers=layers, mosaics={})


def drawn_equals(view, maps) -> bool:
    expected = make_mosaic(maps.layer(view.selected_layer()).values).image
    return np.array_equal(view.mosaic_item.image, expected, equal_nan=True)


@pytest.fixture
def view(qtbot, mosaics):
    widget = FeatureMapView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.show_maps(vgg_like(mosaics))
    return widget


def test_a_burst_of_live_frames_draws_the_first_then_only_the_last(qtbot, view, mosaics):
    frames = [frame_maps(vgg_like(mosaics), k) for k in range(1, 6)]
    view.show_result(frames[0], step=1)
    assert drawn_equals(view, frames[0])          # the first of a burst at once
    for step, maps in enumerate(frames[1:], start=2):
        view.show_result(maps, step=step)
    assert drawn_equals(view, frames[0])          # the rest wait for the timer
    qtbot.waitUntil(lambda: view.maps is frames[-1], timeout=10_000)
    assert drawn_equals(view, frames[-1])         # the last one sent is what stays
    qtbot.waitUntil(lambda: not view.clock.timer.isActive(), timeout=10_000)


def test_a_hidden_view_draws_nothing_until_shown_then_the_newest(qtbot, view, mosaics):
    first = view.mosaic_item.image.copy()
    view.hide()
    frames = [frame_maps(vgg_like(mosaics), k) for k in range(1, 4)]
    for step, maps in enumerate(frames, start=1):
        view.show_result(maps, step=step)
    assert np.array_equal(view.mosaic_item.image, first, equal_nan=True)
    assert view.maps is frames[-1]   # the data are current; only drawing waits
    view.show()
    assert drawn_equals(view, frames[-1])


def test_live_frames_keep_the_layer_list_the_zoom_and_the_enlarged_channel(qtbot, view,
                                                                             mosaics):
    view.select_layer("block2_conv1")
    leaf = view._leaves["block2_conv1"]
    view.channel_view.show_channel(view._current(), 7)   # as the view enlarged it
    view.box.setRange(xRange=(10, 40), yRange=(10, 40), padding=0)
    zoom = view.box.viewRange()
    view.show_result(frame_maps(vgg_like(mosaics), 3), step=30)
    assert view._leaves["block2_conv1"] is leaf   # the list was not built again
    assert view.selected_layer() == "block2_conv1"
    assert view.channel_view.channel == 7
    assert np.allclose(view.box.viewRange(), zoom)
    view.select_layer("block1_conv1")   # another layer is fitted whole
    assert not np.allclose(view.box.viewRange(), zoom)


def test_a_still_result_is_drawn_at_once_even_during_live_frames(qtbot, view, mosaics):
    view.show_result(frame_maps(vgg_like(mosaics), 1), step=1)
    still = frame_maps(vgg_like(mosaics), 9)
    view.show_result(still)   # a dropped image's maps, say
    assert view.maps is still and drawn_equals(view, still)
    qtbot.wait(2 * LIVE_FRAME_MS)
    assert drawn_equals(view, still)   # no older live frame drawn over it
