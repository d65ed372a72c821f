"""Each view at a realistic size, saved for a person to look at.

The PNGs land in screenshots/ (not committed); look at them whenever a view
changes: transposed pictures, unreadable labels and tiny mosaics only show
there.
"""

from pathlib import Path

import pytest
from _image_checks import assert_png_shows_something
from view_samples import (grid_filters, heatmap, inception_like, mosaics,  # noqa: F401
                          predictions, resnet_like, rgb_filters, vgg_like)

from dlviz.app.views.registry import view_for

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (1000, 700)


def save(view, name):
    """Export ``view`` as screenshots/view_<name>.png; it must be the view's size, not blank."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"view_{name}.png"
    assert view.export_png(path)
    assert_png_shows_something(path, SIZE)


def shoot(qtbot, result, name, prepare=None):
    view = view_for(result)()
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    if prepare:
        prepare(view)
    view.show_result(result)
    qtbot.wait(20)
    save(view, name)
    return view


def test_feature_maps(qtbot, mosaics):
    view = shoot(qtbot, vgg_like(mosaics), "feature_maps",
                 prepare=lambda v: setattr(v, "_layer", "block2_conv1"))
    view.select_channel(5)
    qtbot.wait(20)
    save(view, "feature_maps")


def test_feature_maps_inception_and_resnet(qtbot, mosaics):
    shoot(qtbot, inception_like(mosaics), "feature_maps_inception")
    view = shoot(qtbot, resnet_like(mosaics), "feature_maps_resnet")
    view.sort_check.setChecked(True)
    view.colormap_combo.setCurrentText("inferno")
    view.select_layer("resnet50/conv2_block1_out")
    qtbot.wait(20)  # the longer title re-wraps on the next layout pass
    save(view, "feature_maps_resnet")


@pytest.mark.parametrize("bank, name", [(rgb_filters, "filters_rgb"),
                                        (grid_filters, "filters_grid")])
def test_filters(qtbot, bank, name):
    shoot(qtbot, bank(), name, prepare=lambda v: v.set_filter_layers(
        ["block1_conv1", "block2_conv1", "block3_conv1"]))


def test_predictions(qtbot):
    shoot(qtbot, predictions(), "predictions")
    shoot(qtbot, predictions(heads=("main", "aux1", "aux2", "average"), primary="average"),
          "predictions_googlenet")


def test_heatmap(qtbot):
    def prepare(view):
        view.set_classes(predictions().heads["output"])
        view.set_layers(["block1_conv1", "block2_conv1", "block3_conv1"])

    shoot(qtbot, heatmap(), "heatmap", prepare=prepare)
