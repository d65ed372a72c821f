"""Grad-CAM and saliency: where the model looked, drawn over the image."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QSlider, QVBoxLayout,
                               QWidget)

from dlviz.app.views.canvas import fit, hint_label, image_canvas, show_picture, title_label
from dlviz.app.views.class_bars_view import percent
from dlviz.app.views.colormaps import HEAT, gradient_pixmap, lut
from dlviz.app.views.export import ExportMixin
from dlviz.core.probes.results import ClassScore, Heatmap

KINDS = (("Grad-CAM", "gradcam"), (QT_TRANSLATE_NOOP("HeatmapView", "Saliency"), "saliency"))
#: Heat (0 to 1, 1 = the peak) below this is drawn not at all: the image shows as it is.
CLEAR_BELOW = 0.2
READING = {
    "gradcam": QT_TRANSLATE_NOOP("HeatmapView", "Red = regions whose features raised this class's score most at "
                                 "that layer; no colour = little evidence (under a fifth of the "
                                 "peak).  Deeper layers are coarser but more about the class."),
    "saliency": QT_TRANSLATE_NOOP("HeatmapView", "Red = pixels where a small change would move this class's score "
                                  "most (the gradient of the score with respect to the input); "
                                  "no colour = little effect (under a fifth of the peak)."),
}


def overlay_lut(name: str = HEAT, clear_below: float = CLEAR_BELOW) -> np.ndarray:
    """A (256, 4) RGBA table whose alpha ramps with the heat: 0 up to
    ``clear_below``, then rising linearly to opaque at the peak.

    Opaque low colours would tint the whole picture (the colour map's dark
    blue end over every pixel), hiding the object the heat is about; this way
    the image shows through wherever there is little evidence, and the
    opacity slider scales the rest.
    """
    heat = np.linspace(0.0, 1.0, 256)
    alpha = np.clip((heat - clear_below) / (1.0 - clear_below), 0.0, 1.0)
    return np.column_stack([lut(name), np.round(alpha * 255).astype(np.uint8)])


class HeatmapView(ExportMixin, QWidget):
    """The input with a half-transparent heatmap on top, and its controls.

    Signals:
        heatmap_requested(str, int, str): kind ("gradcam" or "saliency"),
            class index, layer path ("" for saliency, which has no layer).
            Emitted when a person changes kind, class or layer.
    """

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "grad_cam"

    heatmap_requested = Signal(str, int, str)
    export_name = "heatmap.png"
    unavailable_title = QT_TRANSLATE_NOOP("HeatmapView", "Heatmap unavailable")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heatmap: Heatmap | None = None
        self.title = title_label(self.tr("Where the model looked"))
        self.hint = hint_label(self.tr("Drop an image on the window, then pick a class to explain."))
        self.kind_combo = QComboBox()
        for text, kind in KINDS:
            self.kind_combo.addItem(self.tr(text), kind)
        self.class_combo = QComboBox()
        self.class_combo.setMinimumContentsLength(16)
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumContentsLength(14)
        for combo in (self.kind_combo, self.class_combo, self.layer_combo):
            combo.currentIndexChanged.connect(self._on_control_changed)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(60)
        self.opacity_slider.setToolTip(self.tr("0 = only the image, 100 = only the heatmap"))
        self.opacity_slider.valueChanged.connect(self._on_opacity_changed)

        self.canvas, self.box = image_canvas()
        self.image_item = pg.ImageItem()
        self.heat_item = pg.ImageItem()
        self.heat_item.setLookupTable(overlay_lut())
        self.heat_item.setOpacity(0.6)
        self.box.addItem(self.image_item)
        self.box.addItem(self.heat_item)
        self.legend = QLabel()
        self.legend.setPixmap(gradient_pixmap(HEAT, 180, 14))
        panel = QWidget()
        form = QFormLayout(panel)
        form.setContentsMargins(8, 0, 0, 0)
        form.addRow(self.tr("Method"), self.kind_combo)
        form.addRow(self.tr("Class"), self.class_combo)
        form.addRow(self.tr("Layer"), self.layer_combo)
        form.addRow(self.tr("Opacity"), self.opacity_slider)
        form.addRow(self.tr("Colours"), self.legend)
        form.addRow("", QLabel(self.tr("low → high")))
        panel.setMaximumWidth(360)
        # Only the picture hides when a heatmap cannot be made: the controls
        # stay, so a person can pick another layer or method.
        self.body = self.canvas
        row = QHBoxLayout()
        row.addWidget(self.canvas, 1)
        row.addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(row, 1)

    # Filling the controls never emits: only a person's change is a request.

    def set_classes(self, scores: Sequence[ClassScore]) -> None:
        """Offer ``scores`` (e.g. the top-k); the most probable is selected."""
        ranked = sorted(scores, key=lambda s: s.probability, reverse=True)
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for score in ranked:
            self.class_combo.addItem(f"{score.name} ({percent(score.probability)})", score.index)
        self.class_combo.blockSignals(False)

    def set_layers(self, paths: Sequence[str], default: str | None = None) -> None:
        """Offer ``paths`` for Grad-CAM; ``default`` (else the deepest) is selected."""
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItems(list(paths))
        index = list(paths).index(default) if default in paths else len(paths) - 1
        self.layer_combo.setCurrentIndex(index)
        self.layer_combo.blockSignals(False)

    def request(self) -> tuple[str, int, str]:
        """What the controls ask for now: (kind, class index, layer)."""
        kind = self.kind_combo.currentData()
        index = self.class_combo.currentData()
        layer = self.layer_combo.currentText() if kind == "gradcam" else ""
        return kind, -1 if index is None else int(index), layer

    def show_result(self, result: Heatmap, step: int | None = None) -> None:
        self.show_heatmap(result)

    def show_heatmap(self, h: Heatmap) -> None:
        """Draw ``h`` over its image and set the controls to match it."""
        self.heatmap = h
        self._show_body()
        self._update_controls(h)
        self._update_title(h)
        show_picture(self.image_item, h.image)
        self.heat_item.setImage(np.ascontiguousarray(h.heatmap, dtype=np.float32),
                                levels=(0.0, 1.0), autoLevels=False)
        # The heatmap may be coarser than the image: stretch it over the image.
        height, width = h.image.shape[:2]
        self.heat_item.setRect(QRectF(0, 0, width, height))
        fit(self.box)

    def _on_control_changed(self, _index: int) -> None:
        self.layer_combo.setEnabled(self.kind_combo.currentData() == "gradcam")
        kind, index, layer = self.request()
        if index >= 0:
            self.heatmap_requested.emit(kind, index, layer)

    def _on_opacity_changed(self, value: int) -> None:
        self.heat_item.setOpacity(value / 100)

    def _update_controls(self, h: Heatmap) -> None:
        # Follow the result (it may come from elsewhere, e.g. the CLI's
        # defaults); a class or layer not offered leaves its combo as it is.
        for combo, row in ((self.kind_combo, self.kind_combo.findData(h.kind)),
                           (self.class_combo, self.class_combo.findData(h.class_index)),
                           (self.layer_combo, self.layer_combo.findText(h.layer or ""))):
            if row >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(row)
                combo.blockSignals(False)
        self.layer_combo.setEnabled(h.kind == "gradcam")

    def _update_title(self, h: Heatmap) -> None:
        method = self.tr(dict((kind, text) for text, kind in KINDS).get(h.kind, h.kind))
        where = self.tr(" at {0}").format(h.layer) if h.layer else ""
        self.title.setText(self.tr("{0} for “{1}”{2} · where the evidence for this class "
                                   "is").format(method, h.class_name, where))
        reading = READING.get(h.kind, "")
        self.hint.setText(self.tr(reading) if reading else "")
