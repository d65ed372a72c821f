"""Feature maps: every channel of the chosen layer as one mosaic image.

While a model trains, live frames bring new maps of the same layers a few
times a second. They are drawn at most every ``LIVE_FRAME_MS`` and only while
the view is on screen (a hidden view keeps the latest and draws it when
shown); a frame of the same layers only replaces the pictures: the layer
list, the person's zoom and the enlarged channel stay.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel,
                               QSplitter, QTreeWidget, QVBoxLayout, QWidget)

from dlviz.app.numbers import general_text, percent_text
from dlviz.app.views.canvas import fit, hint_label, image_canvas, title_label
from dlviz.app.views.channel_view import ChannelView
from dlviz.app.views.colormaps import ACTIVATION_MAPS, lut
from dlviz.app.views.export import ExportMixin
from dlviz.app.views.layer_tree import PATH_ROLE, fill_layer_tree
from dlviz.app.views.live_clock import LiveClock
from dlviz.app.views.live_label import LiveLabel
from dlviz.app.views.lut_image import LutImageItem
from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import FeatureMaps, LayerMaps, Mosaic

HINT = QT_TRANSLATE_NOOP("FeatureMapView", "Click a tile to enlarge that channel beside the input  ·  "
                         "↑/↓ in the list steps through the layers  ·  scroll to zoom, "
                         "double-click to fit")


#: Live frames are drawn at most this often (the newest wins meanwhile).
LIVE_FRAME_MS = 100


def same_layers(old: FeatureMaps | None, new: FeatureMaps) -> bool:
    """True when ``new`` has the layers of ``old`` with the same shapes (a live frame
    of the model on screen): the layer list need not be built again."""
    return old is not None and [(l.path, l.values.shape) for l in old.layers] == \
        [(l.path, l.values.shape) for l in new.layers]


def liveliest_channel(layer: LayerMaps) -> int:
    """The channel with the highest mean activation (ties: the first); the one a
    layer shows enlarged first, rather than channel 0, which may be all but empty."""
    return int(np.argmax(layer.values.mean(axis=(0, 1))))


class FeatureMapView(ExportMixin, QWidget):
    """Layer list on the left, the layer's mosaic in the centre, one channel
    enlarged beside the input on the right.

    Signals:
        layer_selected(str): the path of the layer now drawn.
        channel_selected(int): the channel now enlarged.
    """

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "feature_maps"

    layer_selected = Signal(str)
    channel_selected = Signal(int)
    export_name = "feature_maps.png"
    unavailable_title = QT_TRANSLATE_NOOP("FeatureMapView", "Feature maps unavailable")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.maps: FeatureMaps | None = None
        self._layer: str | None = None
        self._picked = False  # a person chose the enlarged channel: keep it for new images
        self._mosaics: dict[tuple, Mosaic] = {}
        # Live frames of the same layers are drawn on this clock (live_clock.py).
        self.clock = LiveClock(self, draw=lambda maps, _step: self.show_maps(maps, live=True),
                               keep=self._keep_live, interval_ms=LIVE_FRAME_MS)
        self.title = title_label(self.tr("Feature maps"))
        self.hint = hint_label(self.tr("Drop an image on the window to see what each layer makes of it."))
        self.tree = QTreeWidget()
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        self.channel_view = ChannelView()
        # New numbers with every live frame: repainted, not laid out (live_label.py).
        self.stats_label = LiveLabel()
        self._build_canvas()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.channel_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 470, 240])
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._build_controls())
        column.addWidget(self.stats_label)
        column.addWidget(splitter, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)

    def _build_controls(self) -> QHBoxLayout:
        self.colormap_combo = QComboBox()
        self.colormap_combo.addItems(ACTIVATION_MAPS)
        self.colormap_combo.currentTextChanged.connect(self._on_colormap_changed)
        self.normalise_combo = QComboBox()
        self.normalise_combo.addItem(self.tr("per channel"), "channel")
        self.normalise_combo.addItem(self.tr("per layer"), "layer")
        self.normalise_combo.setToolTip(self.tr("Per channel: each tile uses its own range, so weak "
                                                "channels stay visible.\nPer layer: one range for "
                                                "all tiles, so you can compare channels."))
        self.normalise_combo.currentIndexChanged.connect(self._on_normalise_changed)
        self.sort_check = QCheckBox(self.tr("Sort by mean activation"))
        self.sort_check.setToolTip(self.tr("Strongest channels first"))
        self.sort_check.toggled.connect(self._on_sort_toggled)
        controls = QHBoxLayout()
        for label, widget in ((self.tr("Colours"), self.colormap_combo),
                              (self.tr("Normalise"), self.normalise_combo)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
            controls.addSpacing(12)
        controls.addWidget(self.sort_check)
        controls.addStretch(1)
        return controls

    def _build_canvas(self) -> None:
        self.canvas, self.box = image_canvas()
        self.mosaic_item = LutImageItem()
        self.box.addItem(self.mosaic_item)
        self.highlight = QGraphicsRectItem()
        pen = QPen(QColor("#e6007e"), 3)
        pen.setCosmetic(True)  # same thickness at any zoom
        self.highlight.setPen(pen)
        self.highlight.hide()
        self.box.addItem(self.highlight)
        self.canvas.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    # Public API -----------------------------------------------------------

    def show_result(self, result: FeatureMaps, step: int | None = None) -> None:
        """Draw a still result now; a live frame (``step`` given) on the view's own clock."""
        if step is None or not same_layers(self.maps, result):
            self.clock.cancel()
            self.show_maps(result)
        else:
            self.clock.offer(result, step)

    def _keep_live(self, maps: FeatureMaps, _step: int) -> None:
        """Off screen: the newest maps are current (clicks read them), drawn when shown."""
        self.maps = maps
        self._mosaics.clear()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.clock.hidden()
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.clock.shown() and self.maps is not None:
            self.show_maps(self.maps, live=True)

    def show_maps(self, maps: FeatureMaps, *, live: bool = False) -> None:
        """Draw ``maps``; keeps the selected layer when the new maps have it.

        ``live``: a training frame of the same input, which also keeps the
        enlarged channel (a still result enlarges its liveliest one unless a
        person picked one).
        """
        if not maps.layers:
            self.show_unavailable(self.tr("No layer of this model has a spatial (height × width × "
                                          "channels) output, so there are no feature maps to draw."))
            return
        drawn = getattr(self, "_drawn", None)   # the maps the widgets show now
        same = same_layers(drawn, maps)
        self.maps, self._drawn = maps, maps
        self._mosaics.clear()
        self._show_body()
        self.hint.setText(self.tr(HINT))
        # Live frames of a pinned image share its fitted input: no pixel compare.
        same_input = same and (drawn.input is maps.input or
                               np.array_equal(drawn.input.shown, maps.input.shown))
        if not same_input:
            self.channel_view.show_input(maps.input.shown, maps.input.note)
        if not same:
            self.tree.blockSignals(True)  # filling the tree is not a selection
            self._leaves = fill_layer_tree(self.tree, maps.layers)
            self.tree.blockSignals(False)
        self._refit = not same
        paths = [layer.path for layer in maps.layers]
        if self._layer in paths and (self._picked or (live and same_input)):
            # A new image on the same layer: keep the channel being compared;
            # a live frame of the same image: keep the channel shown.
            picked = self._picked
            self.select_layer(self._layer, channel=self.channel_view.channel)
            self._picked = picked
        else:
            # Else the liveliest channel of the (new) layer, not a perhaps empty first one.
            self._picked = False
            self.select_layer(self._layer if self._layer in paths else paths[0])

    def select_layer(self, path: str, channel: int | None = None) -> None:
        """Draw the layer at ``path``, select it in the list, enlarge ``channel``
        (default: the most active one, see :func:`liveliest_channel`)."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(self._leaves[path])
        self.tree.blockSignals(False)
        self._show_layer(path, channel)

    def selected_layer(self) -> str | None:
        return self._layer

    def select_channel(self, channel: int) -> None:
        """Enlarge ``channel`` of the selected layer beside the input; it stays
        enlarged when another image comes."""
        self._picked = True
        self._enlarge(channel)

    def _enlarge(self, channel: int) -> None:
        self.channel_view.show_channel(self._current(), channel)
        self._update_highlight()
        self.channel_selected.emit(channel)

    def channel_at_scene(self, scene_pos: QPointF) -> int | None:
        """The channel whose tile is under ``scene_pos``, or None."""
        if self._layer is None:
            return None
        pos = self.mosaic_item.mapFromScene(scene_pos)
        return self.current_mosaic().channel_at(pos.y(), pos.x())

    def current_mosaic(self) -> Mosaic:
        """The selected layer's mosaic under the current normalise/sort choice."""
        normalise = self.normalise_combo.currentData()
        order = "mean" if self.sort_check.isChecked() else "index"
        key = (self._layer, normalise, order)
        if key not in self._mosaics:
            self._mosaics[key] = self._make_mosaic(self._current(), normalise, order)
        return self._mosaics[key]

    # Handlers and redraws -------------------------------------------------

    def _on_current_item_changed(self, current, _previous) -> None:
        path = current.data(0, PATH_ROLE) if current is not None else None
        # From a folder to its own last layer is the same picture: keep it.
        if path and self.maps is not None and path != self._layer:
            self._show_layer(path)

    def _on_mouse_clicked(self, event) -> None:
        if event.double() or event.button() != Qt.MouseButton.LeftButton:
            return
        channel = self.channel_at_scene(event.scenePos())
        if channel is not None:
            self.select_channel(channel)

    def _on_colormap_changed(self, name: str) -> None:
        self.mosaic_item.setLookupTable(lut(name))
        self.channel_view.set_colormap(name)

    def _on_normalise_changed(self, _index: int) -> None:
        self._update_mosaic()

    def _on_sort_toggled(self, _checked: bool) -> None:
        self._update_mosaic()

    def _show_layer(self, path: str, channel: int | None = None) -> None:
        refit = path != self._layer or getattr(self, "_refit", True)
        self._refit = True   # only show_maps of the same layers keeps the zoom
        self._layer = path
        layer = self._current()
        self._update_title(layer)
        self._update_mosaic()
        if refit:   # a new layer or model; a live frame keeps the person's zoom
            fit(self.box)
        if channel is None or not 0 <= channel < layer.values.shape[2]:
            self._picked = False
            self._enlarge(liveliest_channel(layer))
        else:
            self.select_channel(channel)
        self.layer_selected.emit(path)

    def _update_title(self, layer: LayerMaps) -> None:
        h, w, c = layer.values.shape
        channels = self.tr("{0} channels").format(c) if c != 1 else self.tr("1 channel")
        self.title.setText(self.tr("{0} · {1}×{2} × {3} · each tile is one channel; "
                                   "bright = strong activation").format(layer.path, h, w, channels))
        s = layer.stats
        dead = self.tr("{0} of {1} channels dead (all zero)").format(s.dead_channels, c) \
            if s.dead_channels else self.tr("no dead channels")
        self.stats_label.setText(f"<b>{layer.type}</b>  ·  " + self.tr(
            "min {0}  ·  max {1}  ·  mean {2}  ·  {3} zeros (switched-off ReLUs)  ·  {4}").format(
                general_text(s.min), general_text(s.max), general_text(s.mean),
                percent_text(s.zero_fraction, 0), dead))

    def _update_mosaic(self) -> None:
        if self._layer is None:
            return
        mosaic = self.current_mosaic()
        self.mosaic_item.setImage(mosaic.image, levels=(0.0, 1.0), autoLevels=False)
        self.mosaic_item.setLookupTable(lut(self.colormap_combo.currentText()))
        self._update_highlight()

    def _update_highlight(self) -> None:
        mosaic, channel = self.current_mosaic(), self.channel_view.channel
        if channel is None or channel not in mosaic.order:
            self.highlight.hide()
            return
        row, col = divmod(mosaic.order.index(channel), mosaic.cols)
        (th, tw), gap = mosaic.tile, mosaic.gap
        self.highlight.setRect(QRectF(col * (tw + gap), row * (th + gap), tw, th))
        self.highlight.show()

    def _current(self) -> LayerMaps:
        return self.maps.layer(self._layer)

    def _make_mosaic(self, layer: LayerMaps, normalise: str, order: str) -> Mosaic:
        base = self.maps.mosaics.get(layer.path)
        if base is not None and base.normalise == normalise and order == "index":
            return base
        options = {"gap": base.gap, "cols": base.cols} if base is not None else {}
        # The ranges its statistics line read too (``LayerMaps.stats``): one pass, not two.
        lo, hi = layer.channel_range()
        return make_mosaic(layer.values, normalise=normalise, order=order, channel_min=lo,
                           channel_max=hi, **options)
