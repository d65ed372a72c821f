"""Grad-CAM over a photo: where the heat is low the image shows as it is (the
caption's "no colour = little evidence"), and more heat tints more.

Read from the drawn canvas (grab), at the default opacity (60)."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from dlviz.app.views.heatmap_view import CLEAR_BELOW, HeatmapView
from dlviz.core.probes.results import Heatmap

#: Heat along the columns: four bands of eight columns each.
BANDS = (0.0, CLEAR_BELOW * 0.75, 0.5, 1.0)


@pytest.fixture
def drawn(qtbot):
    view = HeatmapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    image = np.zeros((32, 32, 3), np.float32)
    image[:16] = (0.9, 0.8, 0.2)   # a light top half
    image[16:] = (0.1, 0.3, 0.6)   # a darker bottom half
    heat = np.repeat(np.repeat(np.array(BANDS, np.float32)[None, :], 32, 0), 8, 1)
    view.show_heatmap(Heatmap("gradcam", 1, "star", "conv5", heat, image))
    qtbot.wait(20)
    return view, view.canvas.grab().toImage()


def shown(view, picture, row, col):
    """The drawn colour (0-255 RGB) at the centre of image pixel (row, col)."""
    point = view.canvas.mapFromScene(view.box.mapViewToScene(QPointF(col + 0.5, row + 0.5)))
    colour = picture.pixelColor(point.x(), point.y())
    return np.array([colour.red(), colour.green(), colour.blue()])


def band_column(index):
    return 8 * index + 4


@pytest.mark.parametrize("band", [0, 1])
def test_low_heat_leaves_the_image_as_it_is(drawn, band):
    view, picture = drawn
    assert view.opacity_slider.value() == 60  # the default
    for row, rgb in ((8, (0.9, 0.8, 0.2)), (24, (0.1, 0.3, 0.6))):
        expected = np.round(np.array(rgb) * 255)
        np.testing.assert_allclose(shown(view, picture, row, band_column(band)), expected,
                                   atol=2)


def test_more_heat_tints_more(drawn):
    view, picture = drawn
    image = np.round(np.array((0.1, 0.3, 0.6)) * 255)
    tint = [np.abs(shown(view, picture, 24, band_column(b)) - image).sum() for b in (2, 3)]
    assert 10 < tint[0] < tint[1]  # half the peak shows, fainter than the peak


def test_the_alpha_ramps_with_the_heat(drawn):
    view, _ = drawn
    alpha = view.heat_item.lut[:, 3].astype(int)
    assert alpha.shape == (256,) and alpha[-1] == 255
    assert (alpha[: int(CLEAR_BELOW * 255)] == 0).all()
    assert (np.diff(alpha) >= 0).all() and alpha[128] < 200
