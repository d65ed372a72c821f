"""FeatureMapView over synthetic FeatureMaps: tree, mosaic, controls, clicks."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from _image_checks import assert_png_shows_something, lut_index
from view_samples import inception_like, mosaics, resnet_like, vgg_like  # noqa: F401

from dlviz.app.views.colormaps import lut
from dlviz.app.views.feature_map_view import FeatureMapView, liveliest_channel
from dlviz.app.views.layer_tree import PATH_ROLE


@pytest.fixture
def view(qtbot):
    widget = FeatureMapView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


class Click:
    """The three things the handler reads from a pyqtgraph click event."""

    def __init__(self, scene_pos, double=False):
        self._pos, self._double = scene_pos, double

    def scenePos(self):
        return self._pos

    def double(self):
        return self._double

    def button(self):
        return Qt.MouseButton.LeftButton


def children(item):
    return [item.child(i) for i in range(item.childCount())]


def top_level(tree):
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def tile_centre(view, mosaic, channel):
    """The scene position of the middle of ``channel``'s tile."""
    row, col = divmod(mosaic.order.index(channel), mosaic.cols)
    (th, tw), gap = mosaic.tile, mosaic.gap
    return view.mosaic_item.mapToScene(QPointF(col * (tw + gap) + tw / 2,
                                               row * (th + gap) + th / 2))


def test_first_layer_is_drawn_with_its_title_and_stats(view, mosaics):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    assert view.selected_layer() == "block1_conv1"
    assert view.mosaic_item.image.shape == maps.mosaics["block1_conv1"].image.shape
    assert view.title.text().startswith("block1_conv1 · 48×48 × 16 channels · each tile")
    stats = view.stats_label.text()
    assert "zeros" in stats and "1 of 16 channels dead" in stats
    assert view.channel_view.input_item.image.shape == (96, 96, 3)
    # The liveliest channel is enlarged at once (test_polish_feature_maps.py).
    assert view.channel_view.channel == liveliest_channel(maps.layer("block1_conv1"))


def test_selecting_a_layer_draws_its_mosaic(qtbot, view, mosaics):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    leaf = view._leaves["block3_conv1"]
    with qtbot.waitSignal(view.layer_selected) as blocker:
        view.tree.setCurrentItem(leaf)
    assert blocker.args == ["block3_conv1"]
    assert view.mosaic_item.image.shape == maps.mosaics["block3_conv1"].image.shape
    assert "12×12 × 100 channels" in view.title.text()


def test_arrow_keys_step_through_layers(qtbot, view, mosaics):
    view.show_maps(vgg_like(mosaics))
    view.show()
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.selected_layer() == "block1_pool"
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    qtbot.keyClick(view.tree, Qt.Key.Key_Up)
    assert view.selected_layer() == "block1_pool"


def test_inception_block_groups_its_four_branches(view, mosaics):
    view.show_maps(inception_like(mosaics))
    first, block = top_level(view.tree)
    assert first.text(0) == "conv1"
    assert (block.text(0), block.text(1)) == ("inception_3a", "12×12×32")
    assert "Inception block with 4 parallel branches" in block.toolTip(0)
    assert [c.text(0) for c in children(block)] == [
        "1x1 branch", "3x3 branch", "5x5 branch", "pool branch", "inception_3a_concat"]
    three = children(block)[1]
    assert [c.text(0) for c in children(three)] == ["inception_3a_3x3_reduce", "inception_3a_3x3"]
    # A folder stands for its output: the block shows the concatenation.
    view.tree.setCurrentItem(block)
    assert view.selected_layer() == "inception_3a_concat"
    assert "inception_3a_concat (12×12×32)" in block.toolTip(0)


def test_nested_resnet_shows_shortcut_and_residual(view, mosaics):
    view.show_maps(resnet_like(mosaics))
    model, head = top_level(view.tree)
    assert model.text(0) == "resnet50" and "nested" in model.toolTip(0)
    assert head.text(0) == "head_conv"
    conv1, block1, block2 = children(model)
    assert conv1.data(0, PATH_ROLE) == "resnet50/conv1_conv"
    assert block1.text(0) == "conv2_block1" and "projection shortcut" in block1.toolTip(0)
    assert block2.text(0) == "conv2_block2" and "identity shortcut" in block2.toolTip(0)
    residual, shortcut, add, out = children(block1)
    assert (residual.text(0), residual.childCount()) == ("residual", 2)
    assert (shortcut.text(0), shortcut.childCount()) == ("shortcut", 1)
    assert (add.text(0), out.text(0)) == ("conv2_block1_add", "conv2_block1_out")
    view.tree.setCurrentItem(shortcut)
    assert view.selected_layer() == "resnet50/conv2_block1_0_conv"


def test_normalise_per_layer_redraws_the_mosaic(view, mosaics):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    before = view.mosaic_item.image.copy()
    view.normalise_combo.setCurrentIndex(view.normalise_combo.findData("layer"))
    after = view.mosaic_item.image
    expected = mosaics(maps.layer("block1_conv1").values, normalise="layer", gap=1,
                       cols=maps.mosaics["block1_conv1"].cols).image
    np.testing.assert_allclose(after, expected, equal_nan=True)
    assert not np.allclose(before, after, equal_nan=True)


def test_sort_by_mean_puts_the_strongest_channel_first(view, mosaics):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    before = view.mosaic_item.image.copy()
    view.sort_check.setChecked(True)
    means = maps.layer("block1_conv1").values.mean(axis=(0, 1))
    order = view.current_mosaic().order
    assert order[0] == int(np.argmax(means))
    assert list(means[list(order)]) == sorted(means, reverse=True)
    assert not np.allclose(before, view.mosaic_item.image, equal_nan=True)


def test_colour_map_changes_the_lookup_table(view, mosaics):
    view.show_maps(vgg_like(mosaics))
    np.testing.assert_array_equal(view.mosaic_item.lut, lut("viridis"))
    view.colormap_combo.setCurrentText("grey")
    np.testing.assert_array_equal(view.mosaic_item.lut, lut("grey"))
    np.testing.assert_array_equal(view.channel_view.channel_item.lut, lut("grey"))


@pytest.mark.parametrize("sort", [False, True])
def test_clicking_a_tile_enlarges_that_channel(qtbot, view, mosaics, sort):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    view.sort_check.setChecked(sort)
    mosaic = view.current_mosaic()
    with qtbot.waitSignal(view.channel_selected) as blocker:
        view._on_mouse_clicked(Click(tile_centre(view, mosaic, 11)))
    assert blocker.args == [11]
    assert view.channel_view.channel == 11
    np.testing.assert_array_equal(view.channel_view.channel_item.image,
                                  maps.layer("block1_conv1").values[:, :, 11])
    assert view.channel_view.channel_label.text().startswith("Channel 11 of 16")
    assert view.highlight.isVisible()


def test_clicking_a_gap_changes_nothing(view, mosaics):
    view.show_maps(vgg_like(mosaics))
    shown = view.channel_view.channel
    mosaic = view.current_mosaic()
    gap = view.mosaic_item.mapToScene(QPointF(mosaic.tile[1] + 0.5, 3.5))
    assert view.channel_at_scene(gap) is None
    view._on_mouse_clicked(Click(gap))
    assert view.channel_view.channel == shown


def test_new_maps_keep_the_selected_layer_and_channel(view, mosaics):
    view.show_maps(vgg_like(mosaics))
    view.select_layer("block2_conv1")
    view.select_channel(40)
    view.show_maps(vgg_like(mosaics))
    assert view.selected_layer() == "block2_conv1"
    assert view.tree.currentItem().data(0, PATH_ROLE) == "block2_conv1"
    assert view.channel_view.channel == 40


def test_another_layer_starts_at_its_liveliest_tile(view, mosaics):
    maps = vgg_like(mosaics)
    view.show_maps(maps)
    view.select_channel(9)
    view.tree.setCurrentItem(view._leaves["block2_conv1"])
    assert view.channel_view.channel == liveliest_channel(maps.layer("block2_conv1"))


def test_unprobeable_model_says_why(view, mosaics):
    view.show()
    view.show_unavailable("This is a subclassed model with no graph of layers to probe.")
    assert view.title.text() == "Feature maps unavailable"
    assert "subclassed" in view.hint.text()
    assert not view.body.isVisible()
    view.show_maps(vgg_like(mosaics))
    assert view.body.isVisible() and "block1_conv1" in view.title.text()


def _screen_pixels_of_tile(view, mosaic, channel):
    """(rows, cols) integer view coordinates of the centre of each pixel of ``channel``'s tile."""
    row, col = divmod(mosaic.order.index(channel), mosaic.cols)
    (th, tw), gap = mosaic.tile, mosaic.gap
    to_view = view.mosaic_item.sceneTransform() * view.canvas.viewportTransform()
    origin = view.canvas.viewport().mapTo(view, QPoint(0, 0))
    ys, xs = np.empty((th, tw), int), np.empty((th, tw), int)
    for i in range(th):
        for j in range(tw):
            point = to_view.map(QPointF(col * (tw + gap) + j + 0.5, row * (th + gap) + i + 0.5))
            ys[i, j] = int(point.y()) + origin.y()
            xs[i, j] = int(point.x()) + origin.x()
    return ys, xs


def test_exported_mosaic_shows_each_channel_where_the_mosaic_says(qtbot, view, mosaics,
                                                                 tmp_path):
    maps = vgg_like(mosaics)
    view.show()
    qtbot.waitExposed(view)
    view.show_maps(maps)
    view.sort_check.setChecked(True)  # tile positions no longer follow channel numbers
    view.colormap_combo.setCurrentText("inferno")
    view.select_channel(0)  # its highlight frame off the tiles checked below
    qtbot.wait(20)
    path = tmp_path / "maps.png"
    assert view.export_png(path)
    pixels = assert_png_shows_something(path, (view.width(), view.height()))
    mosaic, values = view.current_mosaic(), maps.layer("block1_conv1").values
    assert mosaic.order[:3] != (0, 1, 2)
    table = lut("inferno")

    def expected_index(channel):
        plane = values[:, :, channel]
        scaled = (plane - plane.min()) / (plane.max() - plane.min())
        return np.clip(np.floor(scaled * 256), 0, 255)

    live = [c for c in mosaic.order if np.ptp(values[:, :, c]) > 0]
    for channel in (live[0], live[len(live) // 2], live[-1]):
        ys, xs = _screen_pixels_of_tile(view, mosaic, channel)
        shown = lut_index(pixels[ys, xs], table)
        close = np.abs(shown - expected_index(channel)) <= 2
        assert close.mean() > 0.97, f"channel {channel}: {close.mean():.0%} of its pixels match"
        # Where another channel differs, the pixels follow this one: the check can fail.
        other = expected_index(live[(live.index(channel) + 1) % len(live)])
        differ = np.abs(other - expected_index(channel)) > 8
        assert differ.mean() > 0.1 and (np.abs(shown - other) > 2)[differ].mean() > 0.97
