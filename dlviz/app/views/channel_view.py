"""One channel of a layer, enlarged beside the input image it came from."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dlviz.app.numbers import general_text
from dlviz.app.views.canvas import fit, image_canvas, show_picture
from dlviz.app.views.colormaps import ACTIVATION_MAPS, lut
from dlviz.app.views.live_label import LiveLabel
from dlviz.app.views.lut_image import LutImageItem
from dlviz.core.probes.results import LayerMaps


class ChannelView(QWidget):
    """The input on top, the chosen channel below, each scaled to fit.

    The channel has its own levels (its min to its max), so a weak channel
    is still readable; the label gives the real numbers.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.input_label = QLabel(self.tr("Input (what the model sees)"))
        self.input_canvas, self.input_box = image_canvas()
        self.input_item = pg.ImageItem()
        self.input_box.addItem(self.input_item)
        # Its range changes with every live frame: repainted, not laid out (live_label.py).
        self.channel_label = LiveLabel(self.tr("Click a tile to enlarge its channel"))
        font = self.channel_label.font()
        font.setBold(True)
        self.channel_label.setFont(font)
        self.channel_canvas, self.channel_box = image_canvas()
        self.channel_item = LutImageItem()
        self.channel_box.addItem(self.channel_item)
        self.channel: int | None = None
        self.colormap = ACTIVATION_MAPS[0]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input_label)
        layout.addWidget(self.input_canvas, 1)
        layout.addWidget(self.channel_label)
        layout.addWidget(self.channel_canvas, 1)

    def show_input(self, picture: np.ndarray, note: str = "") -> None:
        """Draw the image as the model sees it (after resizing or cropping)."""
        show_picture(self.input_item, picture)
        self.input_label.setText(self.tr("Input (what the model sees)"))
        self.input_label.setToolTip(note)
        fit(self.input_box)

    def show_channel(self, layer: LayerMaps, channel: int) -> None:
        """Enlarge ``layer``'s channel number ``channel``."""
        values = np.ascontiguousarray(layer.values[:, :, channel], dtype=np.float32)
        lo, hi = float(values.min()), float(values.max())
        # A flat (e.g. dead) channel has no range to stretch; draw it flat.
        levels = (lo, hi) if hi > lo else (lo, lo + 1.0)
        self.channel = channel
        shape = None if self.channel_item.image is None else self.channel_item.image.shape
        self.channel_item.setImage(values, levels=levels, autoLevels=False)
        self.channel_item.setLookupTable(lut(self.colormap))
        count = layer.values.shape[2]
        if hi == lo == 0.0:
            detail = self.tr("all zero: a dead channel for this input")
        else:
            detail = self.tr("from {0} to {1}").format(general_text(lo), general_text(hi))
        self.channel_label.setText(
            self.tr("Channel {0} of {1} · {2}").format(channel, count, detail))
        if values.shape != shape:
            # A picture of another size: show it whole. The same size (a live
            # frame, another channel of the layer) keeps the person's zoom,
            # and spares a live frame a new view range.
            fit(self.channel_box)

    def set_colormap(self, name: str) -> None:
        self.colormap = name
        self.channel_item.setLookupTable(lut(name))

    def clear_channel(self) -> None:
        self.channel = None
        self.channel_item.clear()
        self.channel_label.setText(self.tr("Click a tile to enlarge its channel"))
