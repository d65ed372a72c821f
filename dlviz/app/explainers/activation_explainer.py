"""Activation functions and their derivatives, with where gradients vanish.

One large plot: f(x) in blue, f'(x) in orange dashed, the x ranges where
|f'(x)| < 0.05 shaded red. Below it, why that matters: the best a gradient
can keep through N layers of this activation is max|f'| to the power N
(0.25^10 ≈ 10⁻⁶ for sigmoid).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QSlider,
                               QVBoxLayout, QWidget)

from dlviz.app.explainers.pictures import intro_label
from dlviz.app.numbers import decimal_text, general_text
from dlviz.app.views.canvas import BACKGROUND
from dlviz.core.explain.activations import VANISHING, activations, vanishing_regions

X_RANGE = (-6.0, 6.0)


def _slider(lo: int, hi: int, value: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(lo, hi)
    slider.setValue(value)
    return slider


class ActivationExplainer(QWidget):
    """Pick an activation; see f, f' and the shaded vanishing regions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names = list(activations())
        self.choice = QListWidget()
        self.choice.setObjectName("activation_choice")
        self.choice.addItems(self.names)
        self.choice.setMaximumWidth(160)
        font = self.choice.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.choice.setFont(font)
        self.alpha = _slider(1, 50, 10)          # Leaky ReLU's slope, in hundredths
        self.prelu_alpha = _slider(1, 100, 25)   # PReLU's slope, in hundredths
        self.layers = _slider(1, 50, 10)
        self.plot = pg.PlotWidget(background=BACKGROUND)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.addLegend(offset=(10, 10), labelTextSize="14pt", labelTextColor="#202020")
        self.plot.setLabel("bottom", "x")
        tick_font = self.font()
        tick_font.setPointSizeF(12)
        for axis in ("bottom", "left"):
            self.plot.getAxis(axis).setTickFont(tick_font)
            self.plot.getAxis(axis).setTextPen("#303030")
        self.why = QLabel()
        self.why.setObjectName("why")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.regions: list[tuple[float, float]] = []
        self.best_gain = 0.0
        self._build()
        self.choice.currentRowChanged.connect(lambda _row: self._update())
        for slider in (self.alpha, self.prelu_alpha, self.layers):
            slider.valueChanged.connect(lambda _v: self._update())
        self.choice.setCurrentRow(self.names.index("sigmoid"))

    def _build(self) -> None:
        form = QFormLayout()
        self.slider_labels = [QLabel(), QLabel(), QLabel()]
        for label, slider in zip(self.slider_labels, (self.alpha, self.prelu_alpha, self.layers)):
            form.addRow(label, slider)
        side = QVBoxLayout()
        side.addWidget(self.choice, 1)
        side.addLayout(form)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.plot, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label(self.tr(
            "An activation function makes a layer non-linear. In backpropagation the "
            "gradient is multiplied by the activation's derivative at every layer it "
            "passes, so where the derivative is near zero (shaded) the gradient vanishes. "
            "Sigmoid's derivative is at most 0.25: through many layers the gradient "
            "shrinks like 0.25 to the power of the depth, and the first layers stop learning.")))
        layout.addLayout(body, 1)
        layout.addWidget(self.why)

    def choose(self, name: str) -> None:
        """Show the activation called ``name`` (e.g. "tanh")."""
        self.choice.setCurrentRow(self.names.index(name))

    def current(self) -> str:
        return self.names[max(self.choice.currentRow(), 0)]

    def _update(self) -> None:
        name = self.current()
        act = activations(alpha=self.alpha.value() / 100,
                          prelu_alpha=self.prelu_alpha.value() / 100)[name]
        x = np.linspace(*X_RANGE, 601)
        self.plot.clear()
        self.regions = vanishing_regions(act.df, *X_RANGE)
        for lo, hi in self.regions:
            region = pg.LinearRegionItem((lo, hi), movable=False,
                                         brush=pg.mkBrush(230, 60, 60, 45),
                                         pen=pg.mkPen(None))
            self.plot.addItem(region)
        self.plot.plot(x, act.f(x), pen=pg.mkPen("#1f5fbf", width=4), name=f"{name}(x)")
        self.plot.plot(x, act.df(x), pen=pg.mkPen("#e07000", width=4,
                                                  style=Qt.PenStyle.DashLine),
                       name=self.tr("derivative"))
        self.plot.setYRange(-1.5, 2.5 if name not in ("ReLU", "Leaky ReLU", "PReLU", "ELU",
                                                       "GELU") else 6.0)
        self.plot.setXRange(*X_RANGE, padding=0)
        self.best_gain = float(np.abs(act.df(x)).max())
        layers = self.layers.value()
        for label, text in zip(self.slider_labels, (
                self.tr("Leaky ReLU α = {0}").format(decimal_text(self.alpha.value() / 100, 2)),
                self.tr("PReLU α = {0}").format(decimal_text(self.prelu_alpha.value() / 100, 2)),
                self.tr("Layers = {0}").format(layers))):
            label.setText(text)
        through = self.tr("Best case through {0} layers: max|f′| = {1}, and {1}"
                          "<sup>{0}</sup> = <b>{2}</b>.").format(
            layers, general_text(self.best_gain), general_text(self.best_gain ** layers))
        shaded = self.tr("Shaded: |f′(x)| < {0}.").format(general_text(VANISHING))
        self.why.setText(f"<div style='font-size:14pt'>{html.escape(self._sentence(name))} "
                         f"{html.escape(shaded)}<br>{through}</div>")

    def _sentence(self, name: str) -> str:
        return {
            "ReLU": self.tr("ReLU's derivative is 1 for x > 0, so active units pass the "
                            "gradient unchanged; for x < 0 it is 0: a unit that is always "
                            "negative stops learning ('dying ReLU')."),
            "Leaky ReLU": self.tr("Leaky ReLU keeps a small slope α for x < 0, so the "
                                  "gradient is never exactly zero."),
            "PReLU": self.tr("PReLU is Leaky ReLU whose slope α is learnt in training; "
                             "here α is set by the slider."),
            "ELU": self.tr("ELU bends smoothly towards −1 for negative x; its derivative "
                           "eˣ fades there, but it is 1 for all x > 0."),
            "GELU": self.tr("GELU weighs x by the chance that a standard normal value is "
                            "below x: smooth, slightly negative near −1, and its derivative "
                            "fades for very negative x."),
            "tanh": self.tr("tanh squashes into (−1, 1); its derivative 1 − tanh² is at "
                            "most 1 and fades once |x| > 2: saturated units pass almost "
                            "no gradient."),
            "sigmoid": self.tr("sigmoid squashes into (0, 1); its derivative σ(1 − σ) is "
                               "at most 0.25, so each sigmoid layer divides the gradient "
                               "by at least 4 and it vanishes through many layers."),
            "softmax": self.tr("softmax turns scores into probabilities; shown: the first "
                               "of three outputs with the other two scores at 0. Its "
                               "derivative s(1 − s) is at most 0.25 and fades when one "
                               "score dominates."),
        }[name]
