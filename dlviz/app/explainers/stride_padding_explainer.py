"""Stride and padding: the output-size formula with its numbers, and the picture.

Sliders set the input size n, kernel size k, stride s and padding p (or
Keras's 'valid' / 'same'); the formula floor((n + 2p − k)/s) + 1 is written
out with those numbers and the picture redraws: the padded input, where the
window can stand, and the output grid.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QSlider,
                               QVBoxLayout, QWidget)

from dlviz.app.explainers.padding_picture import PaddingPicture
from dlviz.app.explainers.pictures import intro_label
from dlviz.core.explain.kernels import sample_picture, small_grey
from dlviz.core.explain.output_size import keras_padding, output_size


def _slider(lo: int, hi: int, value: int, name: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setObjectName(name)
    slider.setRange(lo, hi)
    slider.setValue(value)
    slider.setMinimumWidth(160)
    return slider


def _grid(pixels: np.ndarray, n: int) -> np.ndarray:
    """``pixels`` as n x n grey cells; a picture smaller than n repeats its pixels."""
    grey = small_grey(pixels, n)
    rows = np.arange(n) * grey.shape[0] // n
    cols = np.arange(n) * grey.shape[1] // n
    return grey[np.ix_(rows, cols)]


class StridePaddingExplainer(QWidget):
    """Change n, k, s, p and see the output size computed and drawn."""

    MODES = ("custom", "valid", "same")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pixels = sample_picture(64)
        self.n = _slider(3, 12, 7, "input_size")
        self.k = _slider(1, 7, 3, "kernel_size")
        self.s = _slider(1, 4, 2, "stride")
        self.p = _slider(0, 4, 1, "padding")
        self.mode = QComboBox()
        self.mode.setObjectName("padding_mode")
        self.mode.addItem(self.tr("p as set"), "custom")
        self.mode.addItem(self.tr("'valid' (Keras: no padding)"), "valid")
        self.mode.addItem(self.tr("'same' (Keras: output = ceil(n / s))"), "same")
        self.position = _slider(0, 0, 0, "window_position")
        self.formula = QLabel()
        self.formula.setObjectName("formula")
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setWordWrap(True)
        self.picture = PaddingPicture()
        self.value_labels = {}
        form = QFormLayout()
        for slider, text in ((self.n, self.tr("Input size n")), (self.k, self.tr("Kernel size k")),
                             (self.s, self.tr("Stride s")), (self.p, self.tr("Padding p")),
                             (self.position, self.tr("Window position"))):
            row = QHBoxLayout()
            row.addWidget(slider)
            value = QLabel()
            value.setMinimumWidth(28)
            self.value_labels[slider] = value
            row.addWidget(value)
            form.addRow(text, row)
            slider.valueChanged.connect(self._update)
        form.addRow(self.tr("Padding mode"), self.mode)
        self.mode.currentIndexChanged.connect(self._update)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.formula, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label(self.tr(
            "The stride s is how far the window moves each step; padding p adds a border "
            "of zeros so the window can also stand on the edge pixels. On each axis the "
            "output has floor((n + 2p − k) / s) + 1 pixels. Keras's 'valid' adds no zeros; "
            "'same' adds just enough that the output has ceil(n / s) pixels, the odd zero "
            "going to the bottom and right.")))
        layout.addLayout(top)
        layout.addWidget(self.picture, 1)
        self._update()

    def set_image(self, pixels: np.ndarray) -> None:
        """Draw the input cells from ``pixels`` ((H, W[, C]) in [0, 1])."""
        self.pixels = np.asarray(pixels, float)
        self._update()

    def settings(self) -> tuple[int, int, int, int, int, int]:
        """(n, k, s, pad before, pad after, output size) as the page computes them."""
        n, k, s, mode = self.n.value(), self.k.value(), self.s.value(), self.mode.currentData()
        if mode == "custom":
            before = after = self.p.value()
            out = output_size(n, k, s, before)
        else:
            padding = keras_padding(n, k, s, mode)
            before, after, out = padding.before, padding.after, padding.output
        return n, k, s, before, after, out

    def _update(self, *_args) -> None:
        n, k, s, before, after, out = self.settings()
        self.p.setEnabled(self.mode.currentData() == "custom")
        self.position.blockSignals(True)
        self.position.setMaximum(max(out * out - 1, 0))
        self.position.blockSignals(False)
        for slider, label in self.value_labels.items():
            label.setText(str(slider.value() + (1 if slider is self.position else 0)))
        # 'valid'/'same' choose p themselves: show theirs, not the idle slider's.
        self.value_labels[self.p].setText(str(before) if before == after
                                          else f"{before} / {after}")
        self.formula.setText(self._formula_html(n, k, s, before, after, out))
        self.picture.set_state(_grid(self.pixels, n), k, s, before, after, out,
                               self.position.value(),
                               (self.tr("Input {0}×{0}, padded to {1}×{1}").format(
                                   n, n + before + after),
                                self.tr("Output {0}×{0}").format(out) if out > 0 else ""))

    def _formula_html(self, n, k, s, before, after, out) -> str:
        if before == after:
            written = f"⌊({n} + 2·{before} − {k}) / {s}⌋ + 1"
        else:   # 'same' with an odd total: one more zero after than before
            written = f"⌊({n} + {before} + {after} − {k}) / {s}⌋ + 1"
        general = "⌊(n + 2p − k) / s⌋ + 1"
        if out < 1:
            verdict = self.tr("The window does not fit: add padding or use a smaller kernel.")
            return (f"<div style='font-size:15pt'>{general}<br>= {written} = {out}"
                    f"<br><span style='color:#b00000'>{verdict}</span></div>")
        lost = (n + before + after - k) % s
        note = self.tr("{0} pixel(s) at the bottom/right are never under a window.").format(lost) \
            if lost else ""
        legend = self.tr("Blue dots: where the window's top-left corner stands at each "
                         "step. Red: the window at the chosen position and the output pixel "
                         "it makes. Pale cells: the padding's zeros.")
        # tr() outside the f-string: lupdate does not look inside one.
        output_size = self.tr("Output size")
        return (f"<div style='font-size:15pt'>{output_size} = {general}<br>"
                f"= {written} = <b>{out}</b></div><div>{note}</div><div>{legend}</div>")
