"""An ImageItem that colours a one-channel picture straight into the screen's format.

Live frames redraw the feature-map mosaic and the enlarged channel several
times a second. pyqtgraph's ``ImageItem`` turns a float picture with a
lookup table into an 8-bit indexed ``QImage`` (building its 256-colour table
anew each time) or, with NaN gaps, into RGBA; Qt then converts either to
premultiplied ARGB on every paint, the whole picture, before scaling it.
``LutImageItem`` looks the colours up itself, once per new picture, into a
premultiplied ARGB buffer that Qt draws as it is: half the drawing time of
the mosaic measured on two cores (0.13 ms against 0.28 ms a paint at
262x262, ``draw_cost.py`` for the whole frame). NaN (the gaps between
tiles) stays transparent, as in ``ImageItem``.

Anything but that common case (a colour picture, no table, downsampling)
is left to ``ImageItem`` unchanged. ``image``, ``lut`` and ``levels`` keep
their meaning, so what the item shows can still be read off it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage

#: Tables made so far, by the bytes of their (256, 3) lookup table: a few colour maps.
_ARGB_TABLES: dict[bytes, np.ndarray] = {}


def argb_table(lut: np.ndarray) -> np.ndarray:
    """257 opaque premultiplied ARGB32 colours for a (256, 3) uint8 table; the
    last, transparent, is for NaN."""
    key = lut.tobytes()
    table = _ARGB_TABLES.get(key)
    if table is None:
        rgb = lut.astype(np.uint32)
        table = np.zeros(257, dtype=np.uint32)
        table[:256] = 0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
        table.flags.writeable = False
        _ARGB_TABLES[key] = table
    return table


def coloured(values: np.ndarray, levels: tuple[float, float], lut: np.ndarray) -> np.ndarray:
    """``values`` (2-D) scaled from ``levels`` to the table's 256 colours, as
    ARGB32 words (h, w); NaN transparent. The steps match ImageItem's: the
    range split into 256 equal parts, the top one included in the last."""
    low, high = float(levels[0]), float(levels[1])
    span = high - low if high != low else 1.0
    scaled = np.subtract(values, low, dtype=np.float32)
    scaled *= np.float32(256.0 / span)
    np.clip(scaled, 0.0, 255.0, out=scaled)
    np.nan_to_num(scaled, copy=False, nan=256.0)
    return argb_table(lut)[scaled.astype(np.uint16)]


class LutImageItem(pg.ImageItem):
    """``pg.ImageItem`` with a faster path for a 2-D picture, levels and a 256-colour table."""

    def render(self) -> None:  # noqa: D102 (ImageItem's)
        image, lut, levels = self.image, self.lut, self.levels
        if (image is None or image.ndim != 2 or image.size == 0 or self.autoDownsample
                or self.axisOrder != "row-major" or not isinstance(lut, np.ndarray)
                or lut.shape != (256, 3) or lut.dtype != np.uint8
                or levels is None or np.ndim(levels) != 1 or image.dtype.kind not in "fiu"):
            super().render()
            return
        words = np.ascontiguousarray(coloured(image, levels, lut))
        height, width = words.shape
        # The QImage reads the buffer in place: keep it as long as the image.
        self._argb = words
        self.qimage = QImage(words.data, width, height, words.strides[0],
                             QImage.Format.Format_ARGB32_Premultiplied)
        self._renderRequired = False
        self._unrenderable = False
