"""The pyqtgraph set-up every view shares, and its small building blocks.

Importing this module sets pyqtgraph's global options once. Probe arrays are
(height, width[, channels]); pyqtgraph's default column-major order would
draw every picture transposed.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QLabel, QWidget

pg.setConfigOptions(imageAxisOrder="row-major")

# A light neutral canvas: NaN gaps between tiles are transparent, so they show
# as this colour and separate dark tiles clearly, on a screen and a projector.
BACKGROUND = "#f2f2f2"
# Weights drawn blue-white-red: white (zero) patches need a dark surround.
DARK_BACKGROUND = "#3a3a3a"
HINT_STYLE = "color:#505050;"


def image_canvas(parent: QWidget | None = None, *, background: str = BACKGROUND
                 ) -> tuple[pg.GraphicsLayoutWidget, pg.ViewBox]:
    """A drawing area with one ViewBox that keeps pixels square.

    Scroll to zoom, drag to pan, double-click to fit the picture again.
    """
    widget = pg.GraphicsLayoutWidget(parent)
    widget.setBackground(background)
    widget.ci.layout.setContentsMargins(2, 2, 2, 2)
    box = widget.addViewBox()
    box.setAspectLocked(True)   # a channel must not look stretched
    box.invertY(True)           # row 0 at the top, as in the image
    # pyqtgraph's own menu (axis options, its exporter) is clutter for a
    # student; each view has its own Export PNG button instead.
    box.setMenuEnabled(False)
    widget.scene().sigMouseClicked.connect(
        lambda event: box.autoRange(padding=0.02) if event.double() else None)
    return widget, box


def cache_axes(plot: pg.PlotItem) -> None:
    """Keep the plot's bottom and left axes as pixmaps until they change.

    The axes of a live view's plots stay put while its pictures and lines
    change, but each repaint of a picture repainted the axes beside it too
    (their bounds reach into the plot), replaying their drawing: 0.5-0.7 ms
    of the GUI thread a gates frame (``benchmarks/draw_cost.py``). A cached
    axis is drawn again only when its ticks, range or size change.
    """
    for side in ("bottom", "left"):
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def fit(box: pg.ViewBox) -> None:
    """Show the whole picture with a thin margin."""
    box.autoRange(padding=0.02)


def show_picture(item: pg.ImageItem, picture: np.ndarray) -> None:
    """Draw an input image: (h, w, 3) colour or (h, w[, 1]) grey, in [0, 1]."""
    picture = np.asarray(picture, dtype=np.float32)
    if picture.ndim == 3 and picture.shape[2] == 1:
        picture = picture[:, :, 0]
    if picture.ndim == 2:
        from dlviz.app.views.colormaps import lut

        item.setLookupTable(lut("grey"))
    else:
        item.setLookupTable(None)
    item.setImage(np.ascontiguousarray(picture), levels=(0.0, 1.0), autoLevels=False)


def title_font(widget: QWidget) -> None:
    """Give ``widget`` the headings' font: bold, 1.3 times its own size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    widget.setFont(font)


def title_label(text: str = "") -> QLabel:
    """A bold heading, large enough to read from the back of a lecture hall."""
    label = QLabel(text)
    title_font(label)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def hint_label(text: str = "") -> QLabel:
    """One quieter line that says how to read or use the view."""
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label
