"""Attention: where the model looked in the typed text while it wrote each output token.

Above, the typed text and what the model wrote, in large type (a projector's
back row reads it), the score function's formula, and the probe's notes.
Below, the weights α as a heatmap (``AttentionGrid``): source tokens along x,
output tokens down y, a row per output token summing to 1. A tab per head
for multi-head layers, plus "All heads" side by side; a layer chooser when
the model has several attention layers; a Score switch that opens the same
model trained with another score function (``attention_scores``); Export
PNG and SVG.

Example:
    view = AttentionView()
    view.show_result(attention_map)       # an ``AttentionMap``
    view.export_svg("alignment.svg")
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QTabBar,
                               QVBoxLayout, QWidget)

from dlviz.app.views.attention_export import AttentionExportMixin
from dlviz.app.views.attention_grid import LAYER_LABELS, SEQ2SEQ_LABELS, AttentionGrid
from dlviz.app.views.attention_scores import SCORES, score_label, score_of, score_siblings
from dlviz.app.views.canvas import hint_label, title_label
from dlviz.core.probes.attention_results import SCORE_FORMULAS, AttentionMap

HOW = ("Hover over a cell for its weight; scroll to zoom along the source, drag to pan, "
       "double-click to see it all.")
FORMULA = "α = softmax(e) over the source tokens · context c = Σ α h̄"
LAYER_FORMULA = "α = softmax(e) over the keys · output = Σ α v"
ALL_HEADS = "All heads"
#: The typed text and the output are cut to this many characters each.
OUTPUT_LINE_CHARS = 90
NO_SIBLINGS = ("Each score function is its own trained model: open dates-attention-dot, "
               "-general, -additive or -cosine from the library to switch between them.")


class AttentionView(AttentionExportMixin, QWidget):
    """One attention layer's weights for the typed text, per head.

    Signals:
        model_requested(str): the library name of the model to open (Score switch).
        layer_chosen(str): the attention layer a person picked (read the text again).
    """

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "attention"

    model_requested = Signal(str)
    layer_chosen = Signal(str)
    export_name = "attention.png"
    unavailable_title = "No attention to show"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: AttentionMap | None = None
        self.source: str | None = None   # the current model's library name or path
        self.siblings: dict[str, str] = {}
        self.title = title_label("Attention")
        self.hint = hint_label("Type a sentence above: the attention of each output token "
                               "over the source tokens appears here.")
        self.output_line = QLabel()
        self.output_line.setObjectName("attention_output")
        self.output_line.setWordWrap(True)
        self.output_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.output_line.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        self.output_line.setFont(font)
        self.formula = QLabel()
        self.formula.setObjectName("attention_formula")
        font = self.formula.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.formula.setFont(font)
        self.formula.setWordWrap(True)
        self.notes = hint_label("")
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumContentsLength(14)
        self.layer_combo.setToolTip("Which attention layer to show")
        self.layer_combo.activated.connect(self._on_layer_activated)
        self.layer_label = QLabel("Layer")
        self.score_combo = QComboBox()
        self.score_combo.setMinimumContentsLength(30)
        self.score_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.score_combo.activated.connect(self._on_score_activated)
        self.stretch = QCheckBox("Stretch colours to the largest weight")
        self.stretch.setToolTip("Over a long text the weights are spread thin and look alike "
                                "on 0..1: draw 0 to the largest weight shown instead")
        self.stretch.toggled.connect(lambda _on: self._update_grid())
        self.head_tabs = QTabBar()
        self.head_tabs.setObjectName("attention_heads")
        self.head_tabs.setExpanding(False)
        self.head_tabs.setUsesScrollButtons(True)
        self.head_tabs.currentChanged.connect(self._on_head_changed)
        self.readout = QLabel(HOW)
        self.readout.setObjectName("attention_readout")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.readout.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.readout.setFont(font)
        self.grid = AttentionGrid()
        self.grid.hovered.connect(lambda text: self.readout.setText(text or HOW))
        self.body = self.grid
        self._fill_scores()
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self._export_button(), self._export_svg_button()):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        self.score_label = QLabel("Score")
        controls.addWidget(self.score_label)
        controls.addWidget(self.score_combo)
        controls.addSpacing(12)
        controls.addWidget(self.layer_label)
        controls.addWidget(self.layer_combo)
        controls.addSpacing(12)
        controls.addWidget(self.stretch)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.output_line)
        layout.addWidget(self.formula)
        layout.addWidget(self.hint)
        layout.addWidget(self.notes)
        layout.addLayout(controls)
        layout.addWidget(self.head_tabs)
        layout.addWidget(self.readout)
        layout.addWidget(self.grid, 1)

    # -- results ------------------------------------------------------------------
    def show_result(self, result: AttentionMap, step: int | None = None) -> None:
        """Draw ``result``; a live frame (``step``) of the same shape only repaints."""
        previous, self.result = self.result, result
        self._show_body()
        self._update_layers(result)
        self._update_heads(result, previous)
        self._update_text(result, step)
        self._select_score(result.score)
        self._update_grid()

    def set_source(self, source: str | None) -> None:
        """The current model's library name (or file path): which scores it can switch to."""
        self.source = source
        self.siblings = score_siblings(source)
        self._fill_scores()
        own = score_of(source)
        if own:
            self._select_score(own)

    def select_head(self, name: str) -> None:
        """Show head ``name`` (one of ``head_names``), or ``ALL_HEADS``."""
        for index in range(self.head_tabs.count()):
            if self.head_tabs.tabText(index) == name:
                self.head_tabs.setCurrentIndex(index)
                return
        raise KeyError(name)

    def shown_heads(self) -> tuple[int, ...]:
        """Indices of the heads drawn now."""
        if self.result is None:
            return ()
        index = self.head_tabs.currentIndex()
        if self.result.heads == 1 or index < 0:
            return (0,)
        if index >= self.result.heads:   # the "All heads" tab
            return tuple(range(self.result.heads))
        return (index,)

    def show_problem(self, message: str) -> None:
        """Say why this text shows no attention (e.g. empty text); the controls stay."""
        self.title.setText("Nothing to read")
        self.hint.setText(message)
        for label in (self.output_line, self.formula, self.notes):
            label.setText("")   # they belonged to the last text read
        self.body.hide()

    def show_unavailable(self, reason: str) -> None:
        super().show_unavailable(reason)
        for label in (self.output_line, self.formula, self.notes):
            label.setText("")

    # -- updates ------------------------------------------------------------------
    def _update_text(self, result: AttentionMap, step: int | None) -> None:
        heads = f" · {result.heads} heads" if result.heads > 1 else ""
        when = f" · training step {step:,}" if step is not None else ""
        self.title.setText(f"Attention · layer “{result.layer}” of {result.model}"
                           f"{heads}{when}")
        self.output_line.setText(_output_line(result))
        formula = SCORE_FORMULAS.get(result.score, result.score)
        self.formula.setText(f"Score {formula} · "
                             f"{FORMULA if _writes(result) else LAYER_FORMULA}")
        self.hint.setText(_reading(result))
        self.notes.setText(" · ".join(result.notes))
        self.notes.setVisible(bool(result.notes))

    def _update_layers(self, result: AttentionMap) -> None:
        layers = list(result.layers) or [result.layer]
        if [self.layer_combo.itemText(i) for i in range(self.layer_combo.count())] != layers:
            self.layer_combo.clear()
            self.layer_combo.addItems(layers)
        self.layer_combo.setCurrentText(result.layer)
        several = len(layers) > 1
        self.layer_combo.setVisible(several)
        self.layer_label.setVisible(several)

    def _update_heads(self, result: AttentionMap, previous: AttentionMap | None) -> None:
        names = list(result.head_names) + ([ALL_HEADS] if result.heads > 1 else [])
        current = [self.head_tabs.tabText(i) for i in range(self.head_tabs.count())]
        if names != current:
            chosen = self.head_tabs.tabText(self.head_tabs.currentIndex())
            self.head_tabs.blockSignals(True)
            while self.head_tabs.count():
                self.head_tabs.removeTab(0)
            for name in names:
                self.head_tabs.addTab(name)
            # A new model starts on the overview; the same heads keep the person's tab.
            keep = chosen in names and previous is not None and previous.heads == result.heads
            self.head_tabs.setCurrentIndex(names.index(chosen) if keep else len(names) - 1)
            self.head_tabs.blockSignals(False)
        self.head_tabs.setVisible(result.heads > 1)

    def _update_grid(self) -> None:
        if self.result is None:
            return
        heads = self.shown_heads()
        labels = SEQ2SEQ_LABELS if _writes(self.result) else LAYER_LABELS
        self.grid.show_heads(self.result, heads, self.top_level(heads), labels)

    def top_level(self, heads) -> float:
        """The weight drawn brightest: 1, or the largest shown when stretched."""
        if not self.stretch.isChecked() or not self.result.weights.size:
            return 1.0
        top = float(self.result.weights[list(heads)].max())
        return top if top > 1e-6 else 1.0

    def _fill_scores(self) -> None:
        self.score_combo.blockSignals(True)
        self.score_combo.clear()
        for score in SCORES:
            self.score_combo.addItem(score_label(score), score)
        self.score_combo.blockSignals(False)
        self.score_combo.setEnabled(bool(self.siblings))
        if self.siblings:
            missing = [s for s in SCORES if s not in self.siblings]
            self.score_combo.setToolTip(
                "Open the same model trained with another score function; the sentence "
                "is read again." + (f" Not in this library: {', '.join(missing)}."
                                    if missing else ""))
        else:
            self.score_combo.setToolTip(NO_SIBLINGS)

    def _select_score(self, score: str) -> None:
        # A layer people bring has one score of its own: nothing to switch to.
        switchable = score in SCORES or bool(self.siblings)
        self.score_combo.setVisible(switchable)
        self.score_label.setVisible(switchable)
        index = self.score_combo.findData(score)
        if index < 0:   # a Keras layer's score (keras_dot, multi_head): shown, not switchable
            self.score_combo.blockSignals(True)
            self.score_combo.addItem(score_label(score), score)
            self.score_combo.blockSignals(False)
            index = self.score_combo.count() - 1
        self.score_combo.setCurrentIndex(index)

    # -- handlers -------------------------------------------------------------------
    def _on_head_changed(self, _index: int) -> None:
        if self.result is not None:
            self._update_grid()

    def _on_layer_activated(self, index: int) -> None:
        layer = self.layer_combo.itemText(index)
        if self.result is not None and layer != self.result.layer:
            self.readout.setText(f"Reading the text again at {layer}…")
            self.layer_chosen.emit(layer)

    def _on_score_activated(self, index: int) -> None:
        score = self.score_combo.itemData(index)
        name = self.siblings.get(score)
        if name is None:
            self.readout.setText(NO_SIBLINGS)
            return
        if name != self.source:
            self.readout.setText(f"Opening {name}: the same task, trained with the {score} "
                                 "score; the sentence is read again.")
            self.model_requested.emit(name)


def _writes(result: AttentionMap) -> bool:
    """True for an encoder-decoder (its rows are tokens it wrote), False for a layer of
    a model people bring (its rows are the layer's queries)."""
    return result.score in SCORES


def _reading(result: AttentionMap) -> str:
    """How to read the picture, in one line."""
    across, down = len(result.source_tokens), len(result.output_tokens)
    if _writes(result):
        return (f"{across} source tokens across, {down} output tokens down. Each row is one "
                "output token: where the model looked in the source while writing it "
                "(bright = much).")
    return (f"{across} keys across, {down} queries down. Each row is one query token: how "
            "much it takes from each token across (bright = much).")


def _output_line(result: AttentionMap) -> str:
    """The typed text → what the model wrote, cut to a few lines (512 tokens would fill
    the view); self-attention (queries are the source tokens) shows the text alone."""
    typed = _escape(_cut(result.text))
    if not result.output_text and result.output_tokens == result.source_tokens:
        return f"{typed}  <span style='color:#606060'>(self-attention: each token over the " \
               "others)</span>"
    written = result.output_text or " ".join(result.output_tokens)
    return f"{typed}  <span style='color:#2563a8'>→</span>  <b>{_escape(_cut(written))}</b>"


def _cut(text: str, longest: int = OUTPUT_LINE_CHARS) -> str:
    return text if len(text) <= longest else text[:longest - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

