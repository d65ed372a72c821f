"""A 3x3 grid of number boxes for a kernel, with the named kernels to start from."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QGridLayout, QVBoxLayout, QWidget

from dlviz.core.explain.kernels import KERNELS


class KernelEditor(QWidget):
    """Pick a named kernel or type your own nine numbers.

    Editing any number turns the choice into "Your own"; ``kernel_changed``
    carries the (3, 3) array after every change.
    """

    kernel_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setObjectName("kernel_choice")
        titles = self._titles()
        for name in KERNELS:
            self.choice.addItem(titles.get(name, name), name)
        self.choice.addItem(self.tr("Your own"), "")
        grid = QGridLayout()
        grid.setSpacing(2)
        self.boxes: list[QDoubleSpinBox] = []
        for i in range(9):
            box = QDoubleSpinBox()
            box.setRange(-99, 99)
            box.setDecimals(2)
            box.setSingleStep(0.5)
            box.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
            box.setFixedWidth(58)
            box.valueChanged.connect(self._on_number_edited)
            grid.addWidget(box, *divmod(i, 3))
            self.boxes.append(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addLayout(grid)
        self._filling = False
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self.set_kernel(KERNELS[self.choice.currentData()])

    def _titles(self) -> dict[str, str]:
        # Written out so the translation tools find each name.
        return {"Edge (Laplacian)": self.tr("Edge (Laplacian)"),
                "Blur (box)": self.tr("Blur (box)"),
                "Sharpen": self.tr("Sharpen"),
                "Vertical edge (Sobel x)": self.tr("Vertical edge (Sobel x)"),
                "Horizontal edge (Sobel y)": self.tr("Horizontal edge (Sobel y)"),
                "Emboss": self.tr("Emboss")}

    def kernel(self) -> np.ndarray:
        """The nine numbers as a (3, 3) array.

        A named kernel is used exactly (the blur's 1/9, not the 0.11 its
        boxes show); your own is what the boxes hold.
        """
        name = self.choice.currentData()
        if name:
            return KERNELS[name].copy()
        return np.array([b.value() for b in self.boxes]).reshape(3, 3)

    def choose(self, name: str) -> None:
        """Select a named kernel (a key of ``KERNELS``)."""
        self.choice.setCurrentIndex(self.choice.findData(name))

    def set_kernel(self, kernel) -> None:
        """Show ``kernel``'s numbers (e.g. your own), then say it changed."""
        self._filling = True
        for box, value in zip(self.boxes, np.asarray(kernel, float).reshape(-1)):
            box.setValue(float(value))
        self._filling = False
        self.kernel_changed.emit(self.kernel())

    def _on_choice_changed(self, _index: int) -> None:
        name = self.choice.currentData()
        if name:
            self.set_kernel(KERNELS[name])

    def _on_number_edited(self, _value: float) -> None:
        if self._filling:
            return
        own = self.choice.findData("")
        if self.choice.currentIndex() != own:
            self.choice.blockSignals(True)   # keep the numbers just typed
            self.choice.setCurrentIndex(own)
            self.choice.blockSignals(False)
        self.kernel_changed.emit(self.kernel())
