"""Convolution vs cross-correlation, one window position at a time, on your image.

The picture (grey, 32x32) with the window outlined; the nine products and
their sum at that position; the output growing as the window moves; and the
difference between flipping the kernel (convolution) and not (what Conv2D
computes), which is zero for kernels that look the same rotated 180°.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPen, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

from dlviz.app.explainers.kernel_editor import KernelEditor
from dlviz.app.explainers.pictures import grey_rgb, intro_label, number, picture_panel
from dlviz.app.numbers import decimal_text
from dlviz.core.explain.convolution import convolve, cross_correlate, window_step
from dlviz.core.explain.kernels import is_symmetric_under_flip, sample_picture, small_grey

PLAY_INTERVAL_MS = 40
#: Picture sides offered: small enough to see every pixel, big enough to see the picture.
SIZES = (12, 16, 24, 32, 48)


class ConvolutionExplainer(QWidget):
    """Step a 3x3 kernel across the picture and watch the output being made."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pixels = sample_picture(64)
        self.image = small_grey(self.pixels, 32)
        self.step = None
        self.output = np.zeros((0, 0))
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.next_position)
        self.kernels = KernelEditor()
        self.size_choice = QComboBox()
        self.size_choice.setObjectName("picture_size")
        for side in SIZES:
            self.size_choice.addItem(self.tr("{0}×{0} pixels").format(side), side)
        self.size_choice.setCurrentIndex(SIZES.index(32))
        self.size_choice.currentIndexChanged.connect(lambda _i: self._resample())
        self.flip = QCheckBox(self.tr("Flip the kernel (true convolution)"))
        self.flip.setObjectName("flip_kernel")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("position_slider")
        self.play_button = QPushButton(self.tr("Play"))
        self.position = QLabel()
        self.arithmetic = QLabel()
        self.arithmetic.setObjectName("arithmetic")
        self.arithmetic.setTextFormat(Qt.TextFormat.RichText)
        self.difference_note = QLabel()
        self.difference_note.setWordWrap(True)
        self._build()
        self.kernels.kernel_changed.connect(lambda _k: self._recompute())
        self.flip.toggled.connect(lambda _on: self._recompute())
        self.slider.valueChanged.connect(self._update_step)
        self._recompute()

    def _build(self) -> None:
        self.input_panel, self.input_box, self.input_item = picture_panel(self.tr("Input (grey)"))
        self.output_panel, output_box, self.output_item = picture_panel(self.tr("Output so far"))
        self.diff_panel, diff_box, self.diff_item = picture_panel(
            self.tr("|convolution − cross-correlation|"))
        # Each output pixel sits under the centre of the window that makes it,
        # one pixel in from the input's edge, and the three views pan and zoom
        # together: 'valid' visibly loses a one-pixel border.
        for item in (self.output_item, self.diff_item):
            item.setPos(1, 1)
        for box in (output_box, diff_box):
            box.setXLink(self.input_box)
            box.setYLink(self.input_box)
        self.window_rect = QGraphicsRectItem(0, 0, 3, 3)
        pen = QPen(Qt.GlobalColor.red)
        pen.setCosmetic(True)   # the same 3 screen pixels at any zoom
        pen.setWidthF(3)
        self.window_rect.setPen(pen)
        self.window_rect.setZValue(10)
        self.input_box.addItem(self.window_rect)
        self.pixel_rect = QGraphicsRectItem(0, 0, 1, 1)   # the output pixel being made
        self.pixel_rect.setPen(pen)
        self.pixel_rect.setZValue(10)
        output_box.addItem(self.pixel_rect)
        back, forward = QPushButton(self.tr("◀ Back")), QPushButton(self.tr("Next ▶"))
        back.clicked.connect(self.previous_position)
        forward.clicked.connect(self.next_position)
        self.play_button.clicked.connect(self.toggle_play)
        # A lecturer steps with the arrow keys and plays with the space bar.
        for key, slot in ((Qt.Key.Key_Right, self.next_position),
                          (Qt.Key.Key_Left, self.previous_position),
                          (Qt.Key.Key_Space, self.toggle_play)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        back.setToolTip(self.tr("Left arrow key"))
        forward.setToolTip(self.tr("Right arrow key"))
        self.play_button.setToolTip(self.tr("Space bar"))
        finish = QPushButton(self.tr("Fill all"))
        finish.clicked.connect(lambda: self.slider.setValue(self.slider.maximum()))
        controls = QHBoxLayout()
        controls.addWidget(self.kernels)
        column = QVBoxLayout()
        options = QHBoxLayout()
        options.addWidget(self.size_choice)
        options.addWidget(self.flip, 1)
        column.addLayout(options)
        steps = QHBoxLayout()
        for widget in (back, forward, self.play_button, finish):
            steps.addWidget(widget)
        column.addLayout(steps)
        column.addWidget(self.slider)
        column.addWidget(self.position)
        controls.addLayout(column, 1)
        controls.addWidget(self.arithmetic, 1)
        pictures = QHBoxLayout()
        for panel in (self.input_panel, self.output_panel, self.diff_panel):
            pictures.addWidget(panel, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label(self.tr(
            "A convolutional layer slides a small kernel over the image; at each position "
            "it multiplies the pixels under the window by the kernel's numbers and adds "
            "the products. Keras's Conv2D does exactly this, which is cross-correlation. "
            "True convolution first flips the kernel left-right and upside down; for a "
            "symmetric kernel nothing changes, for a Sobel kernel the sign of the edges does.")))
        layout.addLayout(controls)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.difference_note)

    # -- inputs ------------------------------------------------------------------
    def set_image(self, pixels: np.ndarray, size: int | None = None) -> None:
        """Explain on ``pixels`` ((H, W[, C]) in [0, 1]), made grey and ``size``
        wide (default: the size chosen on the page)."""
        self.pixels = np.asarray(pixels, float)
        if size is not None:
            self.size_choice.blockSignals(True)
            index = self.size_choice.findData(size)
            if index < 0:
                self.size_choice.addItem(self.tr("{0}×{0} pixels").format(size), size)
                index = self.size_choice.count() - 1
            self.size_choice.setCurrentIndex(index)
            self.size_choice.blockSignals(False)
        self._resample()

    def _resample(self) -> None:
        image = small_grey(self.pixels, self.size_choice.currentData())
        if min(image.shape) < 3:
            image = np.pad(image, ((0, max(3 - image.shape[0], 0)),
                                   (0, max(3 - image.shape[1], 0))))   # a 3x3 must fit
        self.image = image
        self._recompute()

    def show_position(self, index: int) -> None:
        """Put the window on output pixel ``index`` (reading order)."""
        self.slider.setValue(index)

    def next_position(self) -> None:
        """One step on; Play stops at the last position."""
        if self.slider.value() >= self.slider.maximum():
            self.stop()
        else:
            self.slider.setValue(self.slider.value() + 1)

    def previous_position(self) -> None:
        self.slider.setValue(self.slider.value() - 1)

    def toggle_play(self) -> None:
        if self.timer.isActive():
            self.stop()
        else:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self.timer.start()
            self.play_button.setText(self.tr("Pause"))

    def stop(self) -> None:
        self.timer.stop()
        self.play_button.setText(self.tr("Play"))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.stop()   # no timer runs for a page nobody sees
        super().hideEvent(event)

    # -- drawing -----------------------------------------------------------------
    def _recompute(self) -> None:
        kernel = self.kernels.kernel()
        correlation = cross_correlate(self.image, kernel)
        convolution = convolve(self.image, kernel)
        self.output = convolution if self.flip.isChecked() else correlation
        self.input_item.setImage(grey_rgb(self.image, 0, 1), levels=(0, 255))
        gap = np.abs(convolution - correlation)
        self.diff_item.setImage(grey_rgb(gap, 0, max(gap.max(), 1e-9)), levels=(0, 255))
        if is_symmetric_under_flip(kernel):
            note = self.tr("This kernel looks the same rotated 180°, so convolution and "
                           "cross-correlation give the same output (the difference is all black).")
        else:
            note = self.tr("This kernel is not symmetric: flipping it changes the output "
                           "(largest difference {0}).").format(number(gap.max()))
        self.difference_note.setText(note)
        self.slider.blockSignals(True)
        self.slider.setMaximum(self.output.size - 1)
        self.slider.blockSignals(False)
        self._update_step(self.slider.value())
        self.input_box.autoRange(padding=0.02)

    def _update_step(self, index: int) -> None:
        self.step = window_step(self.image, self.kernels.kernel(), index,
                                flip=self.flip.isChecked())
        rows, cols = self.output.shape
        shown = np.full(self.output.shape, np.nan)
        shown.reshape(-1)[:index + 1] = self.output.reshape(-1)[:index + 1]
        self.shown_output = shown
        lo, hi = float(self.output.min()), float(self.output.max())
        self.output_item.setImage(grey_rgb(shown, lo, hi), levels=(0, 255))
        self.window_rect.setRect(self.step.left, self.step.top, 3, 3)
        self.pixel_rect.setRect(self.step.col + 1, self.step.row + 1, 1, 1)
        self.position.setText(self.tr("Position {0} of {1}: output row {2}, column {3}").format(
            index + 1, rows * cols, self.step.row + 1, self.step.col + 1))
        self.arithmetic.setText(self._arithmetic_html())

    def _arithmetic_html(self) -> str:
        """The nine products as 'pixel × weight' cells, then their sum."""
        step = self.step
        cells = []
        for r in range(3):
            row = "".join(
                f"<td style='padding:2px 6px'>{number(step.patch[r, c])} × "
                f"<b>{number(step.kernel[r, c])}</b></td>" for c in range(3))
            cells.append(f"<tr>{row}</tr>")
        title = self.tr("Kernel applied as flipped") if self.flip.isChecked() \
            else self.tr("Kernel applied as written")
        total = self.tr("Sum = {0} = output pixel (row {1}, column {2})").format(
            decimal_text(step.total, 3).replace("-", "−"), step.row + 1, step.col + 1)
        return (f"<div style='font-size:13pt'>{title}:<table>{''.join(cells)}</table>"
                f"<b>{total}</b></div>")
