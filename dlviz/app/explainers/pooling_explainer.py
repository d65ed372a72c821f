"""Max vs average pooling, flatten, a Dense layer and softmax, every number shown.

A 4x4 feature map (example numbers, or your image averaged to 4x4 and
scaled to 0..9) is pooled 2x2 to 2x2, flattened to 4 numbers, multiplied by
the 3x4 weights of a Dense(3) plus its biases, and softmax turns the three
results into probabilities. Each 2x2 block and the number it pools to share
a tint, so the eye can follow them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QRadioButton,
                               QVBoxLayout, QWidget)

from dlviz.app.explainers.number_grid import NumberGrid
from dlviz.app.explainers.pictures import intro_label, number
from dlviz.app.numbers import decimal_text
from dlviz.core.explain.kernels import small_grey
from dlviz.core.explain.pooling import EXAMPLE_MAP, head_pass

#: Which 2x2 block each cell of the 4x4 map belongs to (0..3, reading order).
BLOCKS = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [2, 2, 3, 3], [2, 2, 3, 3]])


def _arrow() -> QLabel:
    label = QLabel("→")
    label.setStyleSheet("font-size:26pt; color:#606060;")
    return label


def _signed(value: float, first: bool) -> str:
    """'+ 0.5' or '− 0.2' between terms; the first term keeps only its own sign."""
    if first:
        return number(value)
    return f"− {number(-value)}" if value < 0 else f"+ {number(value)}"


class PoolingExplainer(QWidget):
    """The end of a small CNN, from a feature map to class probabilities."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.feature_map = EXAMPLE_MAP
        self.result = None
        self.max_button = QRadioButton(self.tr("Max pooling"))
        self.max_button.setObjectName("max_pooling")
        self.average_button = QRadioButton(self.tr("Average pooling"))
        self.average_button.setObjectName("average_pooling")
        self.example_button = QRadioButton(self.tr("Example numbers"))
        self.image_button = QRadioButton(self.tr("From your image (4×4, 0..9)"))
        self.max_button.setChecked(True)
        self.example_button.setChecked(True)
        self._image_map = None
        for pair in ((self.max_button, self.average_button),
                     (self.example_button, self.image_button)):
            group = QButtonGroup(self)
            for button in pair:
                group.addButton(button)
                button.toggled.connect(lambda on: on and self._update())
        self.map_grid = NumberGrid(self.tr("Feature map 4×4"))
        self.pooled_grid = NumberGrid(self.tr("Pooled 2×2"))
        self.flat_grid = NumberGrid(self.tr("Flatten: 4"))
        self.weight_grid = NumberGrid(self.tr("Dense weights W (3×4)"))
        self.bias_grid = NumberGrid(self.tr("bias b"))
        self.dense_text = QLabel()
        self.dense_text.setObjectName("dense_text")
        self.dense_text.setTextFormat(Qt.TextFormat.RichText)
        self.softmax_text = QLabel()
        self.softmax_text.setObjectName("softmax_text")
        self.softmax_text.setTextFormat(Qt.TextFormat.RichText)
        self._build()
        self._update()

    def _build(self) -> None:
        choices = QHBoxLayout()
        for button in (self.max_button, self.average_button, self.example_button,
                       self.image_button):
            choices.addWidget(button)
        choices.addStretch(1)
        top = QHBoxLayout()
        for widget in (self.map_grid, _arrow(), self.pooled_grid, _arrow(), self.flat_grid,
                       _arrow(), self.weight_grid, self.bias_grid):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.dense_text, 1)
        bottom.addWidget(_arrow())
        bottom.addWidget(self.softmax_text, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label(self.tr(
            "Pooling shrinks a feature map: each 2×2 block becomes one number, its largest "
            "(max pooling) or its mean (average pooling). Flatten reads the pooled map row "
            "by row into a vector; a fully connected (Dense) layer multiplies it by its "
            "weights and adds a bias for each class; softmax turns those scores into "
            "probabilities that sum to 1.")))
        layout.addLayout(choices)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addStretch(1)

    def set_image(self, pixels: np.ndarray) -> None:
        """Offer ``pixels`` as a 4x4 map: block means scaled to whole numbers 0..9."""
        self._image_map = np.round(small_grey(pixels, 4) * 9)
        if self._image_map.shape != (4, 4):
            self._image_map = None   # a picture smaller than 4x4 pixels
        self.image_button.setEnabled(self._image_map is not None)
        if self._image_map is None:
            self.example_button.setChecked(True)
        self._update()

    def set_mode(self, mode: str) -> None:
        """"max" or "average"."""
        (self.max_button if mode == "max" else self.average_button).setChecked(True)

    def _update(self) -> None:
        use_image = self.image_button.isChecked() and self._image_map is not None
        self.feature_map = self._image_map if use_image else EXAMPLE_MAP
        mode = "max" if self.max_button.isChecked() else "average"
        self.result = r = head_pass(self.feature_map, mode)
        maxima = np.zeros((4, 4), bool)
        if mode == "max":
            for block in range(4):   # bold the one number each block keeps
                cells = np.argwhere(BLOCKS == block)
                best = max(cells, key=lambda rc: self.feature_map[rc[0], rc[1]])
                maxima[best[0], best[1]] = True
        self.map_grid.set_values(self.feature_map, BLOCKS, maxima)
        self.pooled_grid.set_values(r.pooled, np.arange(4).reshape(2, 2))
        self.flat_grid.set_values(r.flat[:, None], np.arange(4)[:, None])
        self.weight_grid.set_values(r.weights)
        self.bias_grid.set_values(r.bias[:, None])
        self.dense_text.setText(self._dense_html())
        self.softmax_text.setText(self._softmax_html())

    def _dense_html(self) -> str:
        r = self.result
        lines = []
        for i, (row, b) in enumerate(zip(r.weights, r.bias)):
            terms = "".join(f" {_signed(w, j == 0)}·{number(x)}"
                            for j, (w, x) in enumerate(zip(row, r.flat)))
            lines.append(f"z<sub>{i + 1}</sub> ={terms} {_signed(b, False)} = "
                         f"<b>{number(r.logits[i])}</b>")
        return f"<div style='font-size:15pt'>{'<br>'.join(lines)}</div>"

    def _softmax_html(self) -> str:
        r = self.result
        total = float(np.exp(r.logits).sum())
        lines = [self.tr("softmax: p<sub>i</sub> = e<sup>z<sub>i</sub></sup> / Σ e<sup>z</sup>"
                         " (Σ = {0})").format(number(total))]
        for i, p in enumerate(r.probabilities):
            bar = "█" * int(round(p * 20))
            lines.append(f"p<sub>{i + 1}</sub> = {number(np.exp(r.logits[i]))} / "
                         f"{number(total)} = <b>{decimal_text(p, 3)}</b> "
                         f"<span style='color:#2060c0'>{bar}</span>")
        lines.append(self.tr("sum = {0}").format(decimal_text(r.probabilities.sum(), 3)))
        return f"<div style='font-size:15pt'>{'<br>'.join(lines)}</div>"
