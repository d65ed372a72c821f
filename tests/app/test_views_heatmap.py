"""HeatmapView: the overlay, and the requests its controls send."""

import numpy as np
import pytest
from view_samples import heatmap, predictions

from dlviz.app.views.heatmap_view import HeatmapView

LAYERS = ["block1_conv1", "block2_conv1", "block3_conv1"]


@pytest.fixture
def view(qtbot):
    widget = HeatmapView()
    qtbot.addWidget(widget)
    widget.set_classes(predictions().heads["output"])
    widget.set_layers(LAYERS)
    return widget


def test_heatmap_is_drawn_over_the_image(view):
    h = heatmap()
    view.show_heatmap(h)
    assert view.image_item.image.shape == (96, 96, 3)
    np.testing.assert_array_equal(view.heat_item.image, h.heatmap)
    assert view.heat_item.opacity() == pytest.approx(0.6)
    assert view.title.text().startswith("Grad-CAM for “tabby cat” at block3_conv1")


def test_defaults_are_the_top_class_and_the_deepest_layer(view):
    assert view.request() == ("gradcam", 281, "block3_conv1")


def test_changing_a_control_requests_a_heatmap(qtbot, view):
    with qtbot.waitSignal(view.heatmap_requested) as blocker:
        view.class_combo.setCurrentIndex(1)
    assert blocker.args == ["gradcam", 282, "block3_conv1"]
    with qtbot.waitSignal(view.heatmap_requested) as blocker:
        view.layer_combo.setCurrentText("block2_conv1")
    assert blocker.args == ["gradcam", 282, "block2_conv1"]
    with qtbot.waitSignal(view.heatmap_requested) as blocker:
        view.kind_combo.setCurrentIndex(view.kind_combo.findData("saliency"))
    assert blocker.args == ["saliency", 282, ""]  # saliency has no layer
    assert not view.layer_combo.isEnabled()


def test_filling_controls_and_showing_results_do_not_request(qtbot, view):
    with qtbot.assertNotEmitted(view.heatmap_requested):
        view.set_classes(predictions().heads["output"])
        view.set_layers(LAYERS)
        view.show_heatmap(heatmap(kind="saliency", class_index=283))
    assert view.request() == ("saliency", 283, "")
    assert view.title.text().startswith("Saliency for “tabby cat” ·")


def test_opacity_slider_changes_only_the_overlay(qtbot, view):
    view.show_heatmap(heatmap())
    with qtbot.assertNotEmitted(view.heatmap_requested):
        view.opacity_slider.setValue(80)
    assert view.heat_item.opacity() == pytest.approx(0.8)
    assert view.image_item.opacity() == pytest.approx(1.0)


def test_unavailable_heatmap_keeps_the_controls(view):
    view.show()
    view.show_unavailable("block1_pool has no weights before it to explain; pick a conv layer.")
    assert view.title.text() == "Heatmap unavailable"
    assert not view.canvas.isVisible() and view.layer_combo.isVisible()
    view.show_heatmap(heatmap())
    assert view.canvas.isVisible()
