"""The Explain window: the four explainers as tabs, on the person's current image.

It opens from the Explain menu beside the main window (a projector can show
it alone) and takes the image that is current in the main window when it
opens, or when "Use the current image" is pressed; with no image open it
explains on a drawn example and says how to use your own.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from dlviz.app.explainers.activation_explainer import ActivationExplainer
from dlviz.app.explainers.convolution_explainer import ConvolutionExplainer
from dlviz.app.explainers.pooling_explainer import PoolingExplainer
from dlviz.app.explainers.stride_padding_explainer import StridePaddingExplainer
from dlviz.core.explain.kernels import sample_picture

#: The pages, in the menu's and the tabs' order.
PAGES = ("convolution", "stride_padding", "pooling", "activations")


class ExplainerWindow(QWidget):
    """Tabs: convolution, stride and padding, pooling to softmax, activations.

    Args:
        current_image: called with no arguments, returns ``(pixels, name)``
            of the main window's current image, None when there is none, or
            a message (str) saying why it could not be read.
    """

    def __init__(self, current_image=None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("dlviz — explain the operations"))
        self.resize(1280, 800)
        self._current_image = current_image or (lambda: None)
        self.convolution = ConvolutionExplainer()
        self.stride_padding = StridePaddingExplainer()
        self.pooling = PoolingExplainer()
        self.activations = ActivationExplainer()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("explainer_tabs")
        for page, title in ((self.convolution, self.tr("Convolution vs cross-correlation")),
                            (self.stride_padding, self.tr("Stride and padding")),
                            (self.pooling, self.tr("Pooling, flatten, dense, softmax")),
                            (self.activations, self.tr("Activation functions"))):
            self.tabs.addTab(page, title)
        self.image_note = QLabel()
        self.image_note.setObjectName("image_note")
        self.image_note.setWordWrap(True)
        refresh = QPushButton(self.tr("Use the current image"))
        refresh.setToolTip(self.tr("Take the image open in the main window (drop, open or "
                                   "paste one there first)"))
        refresh.clicked.connect(self.take_current_image)
        top = QHBoxLayout()
        top.addWidget(self.image_note, 1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.take_current_image()

    def show_page(self, page: str) -> None:
        """Bring tab ``page`` (one of :data:`PAGES`) to the front."""
        self.tabs.setCurrentIndex(PAGES.index(page))

    def set_image(self, pixels: np.ndarray, name: str) -> None:
        """Explain on ``pixels`` ((H, W[, C]) in [0, 1]), called ``name``."""
        for page in (self.convolution, self.stride_padding, self.pooling):
            page.set_image(pixels)
        height, width = np.shape(pixels)[:2]
        self.image_note.setText(self.tr("Explaining on {0} ({1}×{2} pixels), made grey and "
                                        "small enough to see every pixel.").format(
            name, width, height))

    def take_current_image(self) -> None:
        """Use the main window's current image, or the drawn example when there is none."""
        current = self._current_image()
        if isinstance(current, tuple):
            self.set_image(*current)
            return
        problem = current or ""
        for page in (self.convolution, self.stride_padding, self.pooling):
            page.set_image(sample_picture(64))
        hint = self.tr("No image is open: explaining on a drawn example. Drop, open or paste "
                       "an image in the main window, then press 'Use the current image'.")
        self.image_note.setText(f"{problem} {hint}".strip())
