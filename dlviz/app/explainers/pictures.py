"""Small drawing helpers the explainers share: grey pictures with gaps, intro texts."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from dlviz.app.numbers import decimal_text
from dlviz.app.views.canvas import image_canvas

#: Pixels not computed yet: a pale blue, so the growing output is plain to see.
PENDING = (190, 210, 235)


def grey_rgb(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """(h, w) values as (h, w, 3) uint8 grey from ``lo`` (black) to ``hi``
    (white); NaN (not computed yet) shows as :data:`PENDING`."""
    values = np.asarray(values, float)
    span = hi - lo if hi > lo else 1.0
    scaled = np.clip((np.nan_to_num(values, nan=lo) - lo) / span, 0, 1)
    rgb = np.repeat((scaled * 255).round().astype(np.uint8)[..., None], 3, axis=2)
    rgb[np.isnan(values)] = PENDING
    return np.ascontiguousarray(rgb)


def picture_panel(title: str):
    """A titled, square-pixel canvas and its image item: (widget, box, item)."""
    widget, box = image_canvas()
    widget.setMinimumSize(220, 220)
    item = pg.ImageItem()
    box.addItem(item)
    widget.ci.layout.setSpacing(0)
    widget.ci.addLabel(title, row=1, col=0, size="12pt", color="#202020")
    return widget, box, item


def intro_label(text: str) -> QLabel:
    """The 2-4 sentences at the top of a page, large enough for a projector."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setStyleSheet("color:#202020; padding:4px;")
    return label


def number(value: float) -> str:
    """A number short enough for a grid cell: -0.25, 3, 0.333 -> 0.33 (0,33 in Vietnamese)."""
    value = float(value)
    text = str(int(value)) if value == int(value) and abs(value) < 1e6 else decimal_text(value, 2)
    return text.replace("-", "\u2212")   # a real minus sign, as wide as a plus
