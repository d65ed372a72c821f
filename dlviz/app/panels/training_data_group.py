"""The training panel's "Data" box: which images or sentences to train on.

It offers the data the current model can read: image sets for an image
model; text sets for a sequence model (the tagging set for a tagger, the
sentence-labelled ones and a person's CSV/TSV file for a classifier, the
sentence pairs for an encoder-decoder). A
folder or file choice shows a path row with a Browse button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLineEdit, QSpinBox, QToolButton, QWidget)

from dlviz.app.core_texts import core_text
from dlviz.core.data.pair_dataset import PAIR_SETS
from dlviz.core.data.text_sets import TEXT_FILE, TEXT_SETS
from dlviz.core.training.config import DataSpec, is_text_data
from dlviz.core.training.caption_session import CAPTION_DATA
from dlviz.core.training.ctc_session import CTC_DATA

#: (label, data kind); labels are shown through ``core_text`` (translated: the
#: catalogue lists them via core_texts_catalogue, written by make_translations).
IMAGE_CHOICES = (("Digits (bundled)", "digits"), ("Shapes (generated)", "shapes"),
                 ("Shapes, hard (a challenge: near chance for many epochs)", "shapes_hard"),
                 ("Image folder…", "folder"), ("MNIST (downloaded when online)", "mnist"),
                 ("Fashion-MNIST (downloaded when online)", "fashion_mnist"),
                 ("CIFAR-10 (downloaded when online)", "cifar10"))
_FILE_CHOICE = ("Your own CSV/TSV file of (text, label) rows…", TEXT_FILE)
#: A sentence classifier's data (one label per sentence), and a tagger's (a tag per word).
CLASSIFIER_CHOICES = (*((TEXT_SETS[k], k) for k in ("sentiment-en", "sentiment-vi", "long")),
                      _FILE_CHOICE)
TAGGER_CHOICES = ((TEXT_SETS["tagging"], "tagging"),)
#: A CRNN's data (task "read"): pictures of strings, trained with CTC.
CTC_CHOICES = tuple((label, kind) for kind, label in CTC_DATA.items())
#: A captioner's data (task "caption"): scenes with their captions.
CAPTION_CHOICES = tuple((label, kind) for kind, label in CAPTION_DATA.items()
                        if kind != "scenes")
#: An encoder-decoder's data: (source, target) sentence pairs.
PAIR_CHOICES = tuple((label, kind) for kind, label in PAIR_SETS.items())
PATH_KINDS = {"folder": ("Folder", "one subfolder per class"),
              TEXT_FILE: ("File", "a .csv or .tsv file: text, label")}
#: The Source combo's width, in characters ("Shapes (generated)" fits).
COMBO_CHARS = 20
SAMPLES_TIPS = {
    "images": "How many images to generate or use (default: all, or a default number "
              "of generated shapes)",
    "text": "How many sentences to generate or use (default: the set's own size, or "
            "every row of a file)",
}


def choices_for(reads: str, task: str) -> tuple[tuple[str, str], ...]:
    """The (label, data kind) rows offered to a model that reads ``reads`` for ``task``."""
    if reads != "text":
        return {"read": CTC_CHOICES, "caption": CAPTION_CHOICES}.get(task, IMAGE_CHOICES)
    if task == "translate":
        return PAIR_CHOICES
    return TAGGER_CHOICES if task == "tag" else CLASSIFIER_CHOICES


class TrainingDataGroup(QGroupBox):
    """Data source, its folder or file, how many samples.

    Signals:
        kind_changed(str): another data kind was chosen (or offered).
        path_changed(): the folder or file path was edited.
    """

    kind_changed = Signal(str)
    path_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Data"), parent)
        self.reads, self.task = "images", "classify"
        self.combo = QComboBox()
        # As wide as a short label, not the longest one (which made the panel,
        # and with it the window, wider than a laptop's screen); the popup
        # still shows whole labels, and each item's tooltip repeats its label.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(COMBO_CHARS)
        self.path_edit = QLineEdit()
        self.browse_button = QToolButton()
        self.browse_button.setText(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.path_row = QWidget()
        row = QHBoxLayout(self.path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(0, 1_000_000)
        self.samples_spin.setSpecialValueText(self.tr("default"))
        self.samples_spin.setSingleStep(500)
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Source"), self.combo)
        self.form.addRow(self.tr("Folder"), self.path_row)
        self.form.addRow(self.tr("Samples"), self.samples_spin)
        self._fill(IMAGE_CHOICES)
        self.combo.currentIndexChanged.connect(self._on_kind_changed)
        self.path_edit.textChanged.connect(self.path_changed)
        self._update_path_row()

    @property
    def is_text(self) -> bool:
        return self.reads == "text"

    def kind(self) -> str:
        return self.combo.currentData()

    def set_model(self, reads: str, task: str = "classify") -> bool:
        """Offer the data a model reading ``reads`` ("images" or "text") can learn.

        Returns:
            True when the choices changed (the first of them is then chosen).
        """
        if (reads, task) == (self.reads, self.task):
            return False
        self.reads, self.task = reads, task
        self.path_edit.clear()  # a folder is no file of sentences, nor the other way
        self.combo.blockSignals(True)
        self._fill(choices_for(reads, task))
        self.combo.blockSignals(False)
        self._on_kind_changed()
        return True

    def spec(self) -> DataSpec:
        kind = self.kind()
        path = self.path_edit.text().strip() if kind in PATH_KINDS else None
        return DataSpec(kind=kind, path=path or None, samples=self.samples_spin.value() or None)

    def set_spec(self, spec: DataSpec) -> None:
        """Show ``spec``, offering text sets first when it names one."""
        if self.combo.findData(spec.kind) < 0:  # e.g. a text run's settings
            text = is_text_data(spec.kind)
            task = "tag" if spec.kind == "tagging" else \
                "translate" if spec.kind in PAIR_SETS else \
                "caption" if spec.kind in CAPTION_DATA else \
                "read" if spec.kind in CTC_DATA else "classify"
            self.set_model("text" if text else "images", task)
        self.combo.setCurrentIndex(max(0, self.combo.findData(spec.kind)))
        self.path_edit.setText(spec.path or "")
        self.samples_spin.setValue(spec.samples or 0)

    def set_folder(self, path: str) -> None:
        """Train on the image folder ``path`` (an image model's data)."""
        if self.is_text:
            return
        self.combo.setCurrentIndex(self.combo.findData("folder"))
        self.path_edit.setText(path)

    def problem(self) -> str:
        """Why these data cannot be asked for yet, or ''."""
        kind = self.kind()
        if kind in PATH_KINDS and not self.path_edit.text().strip():
            if kind == TEXT_FILE:
                return self.tr("Choose a .csv or .tsv file of (text, label) rows to train on.")
            return self.tr("Choose an image folder (one subfolder per class) to train on.")
        return ""

    # -- handlers --------------------------------------------------------------

    def _fill(self, choices) -> None:
        self.combo.clear()
        for text, kind in choices:
            self.combo.addItem(core_text(text), kind)
            self.combo.setItemData(self.combo.count() - 1, core_text(text),
                                   Qt.ItemDataRole.ToolTipRole)
        tip = SAMPLES_TIPS["text" if self.is_text else "images"]
        self.samples_spin.setToolTip(core_text(tip))

    def _update_path_row(self) -> None:
        kind = self.kind()
        self.combo.setToolTip(self.combo.currentText())  # the whole label, when cut
        self.form.setRowVisible(self.path_row, kind in PATH_KINDS)
        if kind in PATH_KINDS:
            label, placeholder = PATH_KINDS[kind]
            self.form.labelForField(self.path_row).setText(core_text(label))
            self.path_edit.setPlaceholderText(core_text(placeholder))

    def _on_kind_changed(self) -> None:
        self._update_path_row()
        self.kind_changed.emit(self.kind() or "")

    def _on_browse_clicked(self) -> None:
        if self.kind() == TEXT_FILE:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Sentences to train on: (text, label) rows"),
                filter=self.tr("Text tables (*.csv *.tsv);;All files (*)"))
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Image folder (one subfolder per class)"))
        if path:
            self.path_edit.setText(path)
