"""Colour maps for the views: 256-entry lookup tables, no matplotlib.

pyqtgraph ships viridis, inferno and turbo, and Peter Kovesi's perceptually
uniform CET maps, as small CSV files; reading those keeps matplotlib out of
the app. Each map is read once and cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPixmap

# Offered for activations, in this order; the first is the default.
# Perceptually uniform maps first: equal steps in value look like equal steps
# in brightness, so a student reads "brighter = stronger" without a legend.
ACTIVATION_MAPS = ("viridis", "inferno", "grey", "turbo")

# Weights are signed: a diverging map puts zero at white, positive at red and
# negative at blue (FilterBank images are scaled so that 0.5 is a zero weight).
DIVERGING = "blue–white–red"

# Heatmaps over a photo need a map that stays vivid when half transparent.
HEAT = "turbo"

_SOURCES = {
    "viridis": "viridis",
    "inferno": "inferno",
    "grey": "CET-L1",
    "turbo": "turbo",
    DIVERGING: "CET-D1",
}


def names() -> tuple[str, ...]:
    """Every colour map this module knows, by the name shown to people."""
    return tuple(_SOURCES)


@cache
def colormap(name: str) -> pg.ColorMap:
    """The pyqtgraph ColorMap called ``name`` (one of :func:`names`)."""
    return pg.colormap.get(_SOURCES[name])


@cache
def lut(name: str) -> np.ndarray:
    """A (256, 3) uint8 lookup table for ``ImageItem.setLookupTable``.

    Example:
        item.setLookupTable(lut("viridis"))
    """
    table = np.ascontiguousarray(colormap(name).getLookupTable(nPts=256, alpha=False),
                                 dtype=np.uint8)
    table.flags.writeable = False  # shared between views through the cache
    return table


@cache
def heat_lut(name: str = HEAT, ramp: float = 0.4) -> np.ndarray:
    """A (256, 4) RGBA table that fades to transparent towards zero.

    Laid over a photo, an opaque low end would tint the whole picture; fading
    it leaves the picture clear wherever there is little heat.
    """
    alpha = np.clip(np.linspace(0.0, 1.0, 256) / ramp, 0.0, 1.0) * 255
    table = np.column_stack([lut(name), alpha.astype(np.uint8)])
    table.flags.writeable = False
    return table


def gradient_pixmap(name: str, width: int, height: int) -> QPixmap:
    """A horizontal strip of the map, low on the left: a legend without numbers."""
    row = np.ascontiguousarray(np.repeat(lut(name)[None, :, :], 2, axis=0))
    image = QImage(row.data, 256, 2, 256 * 3, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.scaled(width, height))  # scaled() copies the NumPy data
