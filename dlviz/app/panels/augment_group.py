"""The augmentation box of the training panel: one spin box per transform."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QPushButton, QWidget

from dlviz.core.training.config import AugmentConfig

# (field, label, maximum, step, tooltip); 0 switches a transform off.
TRANSFORMS = (
    ("scale", QT_TRANSLATE_NOOP("AugmentGroup", "Scale (zoom)"),
     0.5, 0.05,
     QT_TRANSLATE_NOOP("AugmentGroup", "RandomZoom: zoom in or out by up to this fraction")),
    ("rotation", QT_TRANSLATE_NOOP("AugmentGroup", "Rotation"),
     0.5, 0.01,
     QT_TRANSLATE_NOOP("AugmentGroup", "RandomRotation: up to this fraction of a full turn")),
    ("translation", QT_TRANSLATE_NOOP("AugmentGroup", "Translation"),
     0.5, 0.05,
     QT_TRANSLATE_NOOP("AugmentGroup", "RandomTranslation: shift by up to this "
                       "fraction of the width and height")),
    ("brightness", QT_TRANSLATE_NOOP("AugmentGroup", "Brightness"),
     1.0, 0.05,
     QT_TRANSLATE_NOOP("AugmentGroup", "RandomBrightness: change by up to this factor")),
    ("contrast", QT_TRANSLATE_NOOP("AugmentGroup", "Contrast"),
     1.0, 0.05,
     QT_TRANSLATE_NOOP("AugmentGroup", "RandomContrast: change by up to this factor")),
    ("noise", QT_TRANSLATE_NOOP("AugmentGroup", "Noise (σ)"),
     0.5, 0.01,
     QT_TRANSLATE_NOOP("AugmentGroup", "GaussianNoise: standard deviation on [0, 1] pixels")),
)
assert [t[0] for t in TRANSFORMS] == [f.name for f in fields(AugmentConfig)]


class AugmentGroup(QGroupBox):
    """Augmentation settings, and a button to preview them on real samples.

    Signals:
        preview_requested(AugmentConfig): show augmented samples first.
    """

    preview_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Data augmentation (0 = off)"), parent)
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout(self)
        for name, label, maximum, step, tip in TRANSFORMS:
            spin = QDoubleSpinBox()
            spin.setRange(0.0, maximum)
            spin.setDecimals(2)
            spin.setSingleStep(step)
            spin.setSpecialValueText(self.tr("off"))
            spin.setToolTip(self.tr(tip))
            form.addRow(self.tr(label), spin)
            self.spins[name] = spin
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.setToolTip(self.tr("Show a grid of augmented training samples"))
        self.preview_button.clicked.connect(
            lambda: self.preview_requested.emit(self.augment_config()))
        form.addRow(self.preview_button)

    def augment_config(self) -> AugmentConfig:
        return AugmentConfig(**{name: spin.value() for name, spin in self.spins.items()})

    def set_augment_config(self, config: AugmentConfig) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(config, name))
