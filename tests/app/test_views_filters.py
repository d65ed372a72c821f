"""FilterView: colour patches, signed grids, and the layer combo."""

import numpy as np
import pytest
from view_samples import grid_filters, rgb_filters

from dlviz.app.views.colormaps import DIVERGING, lut
from dlviz.app.views.filter_view import FilterView


@pytest.fixture
def view(qtbot):
    widget = FilterView()
    qtbot.addWidget(widget)
    return widget


def test_first_layer_kernels_are_drawn_in_colour(view):
    bank = rgb_filters()
    view.show_filters(bank)
    assert view.image_item.image.shape == (63, 63, 3)
    assert view.image_item.lut is None
    assert view.note_label.text() == bank.note
    assert view.title.text().startswith("block1_conv1 · Conv2D · filters as colour patches")


@pytest.mark.parametrize("kind", ["grid", "depthwise"])
def test_deeper_kernels_use_the_diverging_map(view, kind):
    bank = grid_filters()
    if kind == "depthwise":
        bank = type(bank)(**{**bank.__dict__, "kind": "depthwise"})
    view.show_filters(bank)
    np.testing.assert_array_equal(view.image_item.lut, lut(DIVERGING))
    assert view.image_item.image.shape == bank.image.shape
    assert "Red = positive" in view.hint.text()


def test_picking_a_layer_requests_its_filters(qtbot, view):
    with qtbot.assertNotEmitted(view.filter_layer_requested):
        view.set_filter_layers(["block1_conv1", "block2_conv1", "block3_conv1"])
        view.show_filters(grid_filters())  # follows the result without asking again
    assert view.layer_combo.currentText() == "block2_conv1"
    with qtbot.waitSignal(view.filter_layer_requested) as blocker:
        view.layer_combo.setCurrentText("block3_conv1")
    assert blocker.args == ["block3_conv1"]


def test_new_layer_list_keeps_the_shown_layer(view):
    view.set_filter_layers(["block1_conv1", "block2_conv1"])
    view.show_filters(grid_filters())
    view.set_filter_layers(["block0", "block1_conv1", "block2_conv1"])
    assert view.layer_combo.currentText() == "block2_conv1"
