"""Colour maps as 256-entry lookup tables, without matplotlib.

``VIRIDIS`` is a sixth-degree polynomial fit of matplotlib's viridis
(perceptually uniform, readable in grey and by most colour-blind people),
within 4/255 of it in every channel; ``GREY`` is the plain ramp. Tables are
uint8 (256, 3), the form ``pyqtgraph.ImageItem.setLookupTable`` takes.
"""

from __future__ import annotations

import numpy as np

# Coefficients c0..c6 (rows) of r, g, b (columns) in t: sum_k c_k t^k.
_VIRIDIS_FIT = np.array([
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
])


def _polynomial_lut(coefficients: np.ndarray) -> np.ndarray:
    t = np.linspace(0.0, 1.0, 256)[:, np.newaxis]
    powers = t ** np.arange(len(coefficients))[np.newaxis, :]
    rgb = np.clip(powers @ coefficients, 0.0, 1.0)
    return np.round(rgb * 255.0).astype(np.uint8)


VIRIDIS = _polynomial_lut(_VIRIDIS_FIT)
GREY = np.repeat(np.arange(256, dtype=np.uint8)[:, np.newaxis], 3, axis=1)
#: name -> lookup table.
COLORMAPS = {"viridis": VIRIDIS, "grey": GREY}


def apply_colormap(image: np.ndarray, lut: np.ndarray | str = "viridis",
                   nan_colour=(255, 255, 255)) -> np.ndarray:
    """Colour a [0, 1] float image through a lookup table.

    Args:
        image: float (H, W); values are clipped to [0, 1]; NaN marks gaps.
        lut: a (256, 3) uint8 table or a name in ``COLORMAPS``.
        nan_colour: RGB drawn where ``image`` is NaN.

    Returns:
        uint8 (H, W, 3).

    Example:
        >>> apply_colormap(np.array([[0.0, 1.0, np.nan]]), "grey").tolist()
        [[[0, 0, 0], [255, 255, 255], [255, 255, 255]]]
    """
    table = COLORMAPS[lut] if isinstance(lut, str) else np.asarray(lut, np.uint8)
    values = np.asarray(image, dtype=np.float32)
    gaps = np.isnan(values)
    index = np.clip(np.nan_to_num(values, nan=0.0) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    rgb = table[index]
    rgb[gaps] = nan_colour
    return rgb
