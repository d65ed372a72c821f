"""The Score switch: each of the course's four score functions is its own trained model.

The library ships one encoder-decoder per score, named alike
(``dates-attention-dot``, ``dates-attention-general``, ...). When the current
model is one of them, its siblings are the same name with another score;
choosing a score in the ``ScoreSwitch`` asks the window to open that sibling,
and the typed sentence is read again by it.

Example:
    >>> score_siblings("dates-attention-dot")                   # doctest: +SKIP
    {'dot': 'dates-attention-dot', 'general': 'dates-attention-general', ...}
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from dlviz.core.probes.attention_results import SCORE_FORMULAS

#: The course's four scores, in the order the course teaches them.
SCORES = ("dot", "general", "additive", "cosine")
NO_SIBLINGS = QT_TRANSLATE_NOOP("ScoreSwitch", "Each score function is its own trained model: open dates-attention-dot, "
               "-general, -additive or -cosine from the library to switch between them.")
_NAMED = re.compile(r"^(?P<stem>.+-attention-)(?P<score>" + "|".join(SCORES) + r")$")


def score_of(source: str | None) -> str | None:
    """The score a library name says (``"...-attention-dot"`` -> "dot"), else None."""
    found = _NAMED.match(source or "")
    return found.group("score") if found else None


def score_siblings(source: str | None, names=None) -> dict[str, str]:
    """Score -> library name of the models that differ from ``source`` only by score.

    Args:
        source: the current model's library name (or a file path: no siblings).
        names: the library's names; None reads the model registry.

    Returns:
        The scores whose model is in the library (``source``'s own included),
        or {} when ``source`` is not one of a family of score models.
    """
    found = _NAMED.match(source or "")
    if not found:
        return {}
    if names is None:
        from dlviz.core.zoo.registry import REGISTRY

        names = REGISTRY
    stem = found.group("stem")
    return {score: stem + score for score in SCORES if stem + score in names}


def score_label(score: str) -> str:
    """What the combo shows for a score: its name and formula."""
    formula = SCORE_FORMULAS.get(score, "")
    return f"{score}: {formula.split(' (')[0]}" if formula else score


class ScoreSwitch(QWidget):
    """"Score" and a combo of the four scores; choosing one asks for the sibling model.

    Enabled when the current model is one of a family (``score_siblings``);
    hidden for a Keras layer's own score (``keras_dot``, ``multi_head``), which
    has nothing to switch to.

    Signals:
        model_requested(str): the library name of the model to open.
        said(str): a line for the view's readout (what the switch is doing, or why not).
    """

    model_requested = Signal(str)
    said = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.source: str | None = None
        self.siblings: dict[str, str] = {}
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(30)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._on_activated)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Score")))
        row.addWidget(self.combo)
        self._fill()

    def set_source(self, source: str | None, siblings: dict[str, str]) -> None:
        """The current model's library name (or path) and its score siblings."""
        self.source, self.siblings = source, dict(siblings)
        self._fill()
        own = score_of(source)
        if own:
            self.show_score(own)

    def show_score(self, score: str) -> None:
        """Select ``score`` (the shown result's); a score of no family hides the switch."""
        self.setVisible(score in SCORES or bool(self.siblings))
        index = self.combo.findData(score)
        if index < 0:   # a Keras layer's score (keras_dot, multi_head): shown, not switchable
            self.combo.blockSignals(True)
            self.combo.addItem(score_label(score), score)
            self.combo.blockSignals(False)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def _fill(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for score in SCORES:
            self.combo.addItem(score_label(score), score)
            if self.siblings and score not in self.siblings:   # not shipped: greyed out
                self.combo.model().item(self.combo.count() - 1).setEnabled(False)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(self.siblings))
        missing = [s for s in SCORES if s not in self.siblings]
        missing_note = self.tr(" Not in this library: {0}.").format(", ".join(missing)) \
            if missing else ""
        self.combo.setToolTip(
            self.tr("Open the same model trained with another score function; the sentence is "
                    "read again.") + missing_note if self.siblings else self.tr(NO_SIBLINGS))

    def _on_activated(self, index: int) -> None:
        score = self.combo.itemData(index)
        name = self.siblings.get(score)
        if name is None:
            self.said.emit(self.tr(NO_SIBLINGS))
        elif name != self.source:
            self.said.emit(self.tr("Opening {0}: the same task, trained with the {1} score; "
                                   "the sentence is read again.").format(name, score))
            self.model_requested.emit(name)
