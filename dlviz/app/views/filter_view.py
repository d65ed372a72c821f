"""Filters: a layer's learned kernels, as colour patches or a signed grid."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlviz.app.views.canvas import DARK_BACKGROUND, fit, hint_label, image_canvas, title_label
from dlviz.app.views.colormaps import DIVERGING, lut
from dlviz.app.core_messages import core_message
from dlviz.app.views.export import ExportMixin
from dlviz.core.probes.results import FilterBank

# How to read each kind of drawing, in a student's words.
READING = {
    "rgb": QT_TRANSLATE_NOOP("FilterView", "Each patch is one filter's weights shown as colour: the colour and "
                             "edge pattern that makes the filter respond most."),
    "grid": QT_TRANSLATE_NOOP("FilterView", "Row = one filter (output channel), column = the input channel it "
                              "reads.  Red = positive weight, blue = negative, white = zero."),
    "depthwise": QT_TRANSLATE_NOOP("FilterView", "One patch per input channel: a depthwise layer filters every "
                                   "channel on its own.  Red = positive weight, blue = "
                                   "negative, white = zero."),
}
KIND_NAMES = {"rgb": QT_TRANSLATE_NOOP("FilterView", "colour patches"), "grid": QT_TRANSLATE_NOOP("FilterView", "output × input grid"),
              "depthwise": QT_TRANSLATE_NOOP("FilterView", "one kernel per channel")}


class FilterView(ExportMixin, QWidget):
    """One layer's kernels in one image, with a combo to pick the layer.

    Signals:
        filter_layer_requested(str): a person picked another layer in the
            combo; the window should compute its FilterBank and call
            ``show_filters``.
    """

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "filters"

    filter_layer_requested = Signal(str)
    export_name = "filters.png"
    unavailable_title = QT_TRANSLATE_NOOP("FilterView", "Filters unavailable")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current_bank: FilterBank | None = None
        self.title = title_label(self.tr("Filters"))
        self.hint = hint_label(self.tr("Choose a model to see the kernels its convolutions learned."))
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumContentsLength(18)
        self.layer_combo.currentTextChanged.connect(self._on_layer_changed)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.canvas, self.box = image_canvas(background=DARK_BACKGROUND)
        self.image_item = pg.ImageItem()
        self.box.addItem(self.image_item)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Layer")))
        controls.addWidget(self.layer_combo)
        controls.addStretch(1)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note_label)
        column.addWidget(self.canvas, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(controls)
        layout.addWidget(self.body, 1)

    def set_filter_layers(self, paths: list[str]) -> None:
        """Offer ``paths`` (layers with kernels) in the combo.

        Does not emit ``filter_layer_requested``: the caller knows which bank
        it is about to compute. The layer shown stays selected if offered.
        """
        keep = self.current_bank.path if self.current_bank is not None else None
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItems(paths)
        if keep in paths:
            self.layer_combo.setCurrentText(keep)
        self.layer_combo.blockSignals(False)

    def show_result(self, result: FilterBank, step: int | None = None) -> None:
        self.show_filters(result)

    def show_filters(self, bank: FilterBank) -> None:
        """Draw ``bank``: colour for first-layer kernels, a signed map otherwise."""
        self.current_bank = bank
        self._show_body()
        self._update_title(bank)
        self._update_image(bank)
        if self.layer_combo.findText(bank.path) >= 0:
            self.layer_combo.blockSignals(True)  # following the result, not a request
            self.layer_combo.setCurrentText(bank.path)
            self.layer_combo.blockSignals(False)

    def _on_layer_changed(self, path: str) -> None:
        if path:
            self.filter_layer_requested.emit(path)

    def _update_title(self, bank: FilterBank) -> None:
        kind = self.tr(KIND_NAMES.get(bank.kind, bank.kind))
        self.title.setText(self.tr("{0} · {1} · filters as {2}").format(bank.path, bank.type, kind))
        reading = READING.get(bank.kind, "")
        self.hint.setText(self.tr(reading) if reading else "")
        self.note_label.setText(core_message(bank.note))

    def _update_image(self, bank: FilterBank) -> None:
        # NaN gaps between patches are drawn transparent, i.e. as background.
        if bank.kind == "rgb":
            self.image_item.setLookupTable(None)
        else:
            self.image_item.setLookupTable(lut(DIVERGING))
        self.image_item.setImage(bank.image, levels=(0.0, 1.0), autoLevels=False)
        fit(self.box)
