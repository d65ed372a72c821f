"""The augmentation box of the training panel: one spin box per transform."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QPushButton, QWidget

from dlviz.core.training.config import AugmentConfig

# (field, label, maximum, step, tooltip); 0 switches a transform off.
TRANSFORMS = (
    ("scale", "Scale (zoom)", 0.5, 0.05, "RandomZoom: zoom in or out by up to this fraction"),
    ("rotation", "Rotation", 0.5, 0.01, "RandomRotation: up to this fraction of a full turn"),
    ("translation", "Translation", 0.5, 0.05, "RandomTranslation: shift by up to this "
                                              "fraction of the width and height"),
    ("brightness", "Brightness", 1.0, 0.05, "RandomBrightness: change by up to this factor"),
    ("contrast", "Contrast", 1.0, 0.05, "RandomContrast: change by up to this factor"),
    ("noise", "Noise (σ)", 0.5, 0.01, "GaussianNoise: standard deviation on [0, 1] pixels"),
)
assert [t[0] for t in TRANSFORMS] == [f.name for f in fields(AugmentConfig)]


class AugmentGroup(QGroupBox):
    """Augmentation settings, and a button to preview them on real samples.

    Signals:
        preview_requested(AugmentConfig): show augmented samples first.
    """

    preview_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Data augmentation (0 = off)", parent)
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout(self)
        for name, label, maximum, step, tip in TRANSFORMS:
            spin = QDoubleSpinBox()
            spin.setRange(0.0, maximum)
            spin.setDecimals(2)
            spin.setSingleStep(step)
            spin.setSpecialValueText("off")
            spin.setToolTip(tip)
            form.addRow(label, spin)
            self.spins[name] = spin
        self.preview_button = QPushButton("Preview…")
        self.preview_button.setToolTip("Show a grid of augmented training samples")
        self.preview_button.clicked.connect(
            lambda: self.preview_requested.emit(self.augment_config()))
        form.addRow(self.preview_button)

    def augment_config(self) -> AugmentConfig:
        return AugmentConfig(**{name: spin.value() for name, spin in self.spins.items()})

    def set_augment_config(self, config: AugmentConfig) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(config, name))
