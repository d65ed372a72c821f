"""LutImageItem colours a one-channel picture as pyqtgraph's ImageItem does, only faster."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6.QtGui import QImage

import dlviz.app.views.canvas  # noqa: F401  (row-major pictures, as in the app)
from dlviz.app.views.colormaps import lut
from dlviz.app.views.lut_image import LutImageItem, coloured


def _pixels(item: pg.ImageItem) -> np.ndarray:
    """(h, w, 4) BGRA bytes of what the item paints (rendered now)."""
    item.render()
    image = item.qimage.convertToFormat(QImage.Format.Format_ARGB32)
    return fn.ndarray_from_qimage(image).copy()


def _both(values: np.ndarray, levels, table) -> tuple[np.ndarray, np.ndarray, LutImageItem]:
    mine, theirs = LutImageItem(), pg.ImageItem()
    for item in (mine, theirs):
        item.setImage(values, levels=levels, autoLevels=False)
        item.setLookupTable(table)
    return _pixels(mine), _pixels(theirs), mine


def test_the_colours_are_imageitems_and_nan_stays_transparent(qapp):
    rng = np.random.default_rng(1)
    values = rng.normal(0.5, 0.4, (37, 53)).astype(np.float32)   # some below, some above the levels
    values[::9, :] = np.nan                                      # a mosaic's gaps
    mine, theirs, item = _both(values, (0.2, 0.8), lut("viridis"))
    assert item.qimage.format() == QImage.Format.Format_ARGB32_Premultiplied   # the fast path ran
    nan = np.isnan(values)
    assert (mine[nan][:, 3] == 0).all() and (theirs[nan][:, 3] == 0).all()
    assert (mine[~nan][:, 3] == 255).all()
    np.testing.assert_array_equal(mine[~nan], theirs[~nan])


def test_a_flat_picture_and_another_table(qapp):
    values = np.full((8, 8), 3.0, dtype=np.float32)   # a dead channel: levels lo == hi
    mine, theirs, _ = _both(values, (3.0, 3.0), lut("inferno"))
    np.testing.assert_array_equal(mine, theirs)
    ramp = np.linspace(-1.0, 2.0, 600, dtype=np.float32).reshape(20, 30)
    mine, theirs, _ = _both(ramp, (0.0, 1.0), lut("grey"))
    np.testing.assert_array_equal(mine, theirs)


def test_other_pictures_are_left_to_imageitem(qapp):
    item = LutImageItem()
    item.setImage(np.zeros((6, 7, 3), dtype=np.uint8))   # a colour picture: no table
    item.render()
    assert item.qimage is not None
    assert item.qimage.format() != QImage.Format.Format_ARGB32_Premultiplied


def test_coloured_scales_the_levels_to_the_table():
    table = np.stack([np.arange(256)] * 3, axis=1).astype(np.uint8)
    words = coloured(np.array([[0.0, 0.5, 1.0, np.nan]]), (0.0, 1.0), table)
    assert [hex(int(w)) for w in words[0]] == ["0xff000000", "0xff808080", "0xffffffff", "0x0"]
