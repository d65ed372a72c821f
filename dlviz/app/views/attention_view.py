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

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy,
                               QStackedWidget, QTabBar, QVBoxLayout, QWidget)

from dlviz.app.core_messages import core_message
from dlviz.app.views import attention_text as words
from dlviz.app.views.attention_export import AttentionExportMixin
from dlviz.app.views.attention_grid import AttentionGrid
from dlviz.app.views.attention_scores import ScoreSwitch, score_siblings
from dlviz.app.views.attention_text import HOW, translated
from dlviz.app.views.canvas import hint_label, title_font
from dlviz.app.views.live_clock import LiveClock
from dlviz.app.views.live_label import LiveLabel
from dlviz.core.probes.attention_results import AttentionMap

#: Live frames are drawn at most this often (the newest wins meanwhile).
LIVE_FRAME_MS = 200

#: The overview tab's key (its tab shows it translated; tabs keep their key as data).
ALL_HEADS = QT_TRANSLATE_NOOP("AttentionView", "All heads")


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
    unavailable_title = QT_TRANSLATE_NOOP("AttentionView", "No attention to show")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: AttentionMap | None = None
        self.source: str | None = None   # the current model's library name or path
        # Its training step changes with every live frame: a LiveLabel repaints
        # it without laying the window out again (live_label.py).
        self.title = LiveLabel(self.tr("Attention"))
        title_font(self.title)
        # Live frames are drawn on this clock (live_clock.py): at most five a
        # second, only on screen (off screen the newest is kept, drawn when shown).
        self.clock = LiveClock(self, draw=self._draw, keep=self._keep_live,
                               interval_ms=LIVE_FRAME_MS)
        self._kept: tuple | None = None   # (result, step) of a live frame off screen
        self.hint = hint_label(self.tr("Type a sentence above: the attention of each output "
                                       "token over the source tokens appears here."))
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
        self.layer_combo.setToolTip(self.tr("Which attention layer to show"))
        self.layer_combo.activated.connect(self._on_layer_activated)
        self.layer_label = QLabel(self.tr("Layer"))
        self.scores = ScoreSwitch()
        self.scores.model_requested.connect(self.model_requested)
        self.score_combo = self.scores.combo
        self.stretch = QCheckBox(self.tr("Stretch colours to the largest weight"))
        self.stretch.setToolTip(self.tr("Over a long text the weights are spread thin and look "
                                        "alike on 0..1: draw 0 to the largest weight shown "
                                        "instead"))
        self.stretch.toggled.connect(lambda _on: self._update_grid())
        self.head_tabs = QTabBar()
        self.head_tabs.setObjectName("attention_heads")
        self.head_tabs.setExpanding(False)
        self.head_tabs.setUsesScrollButtons(True)
        self.head_tabs.currentChanged.connect(self._on_head_changed)
        self.readout = QLabel(translated(HOW))
        self.readout.setObjectName("attention_readout")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.readout.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.readout.setFont(font)
        # One grid for a single head, one for "All heads": switching tabs shows
        # the other, built once (building 12 plots costs more than drawing them).
        self.one_grid, self.all_grid = AttentionGrid(), AttentionGrid()
        self.body = QStackedWidget()
        for grid in (self.one_grid, self.all_grid):
            grid.hovered.connect(lambda text: self.readout.setText(text or translated(HOW)))
            self.body.addWidget(grid)
        self.scores.said.connect(self._say)
        self._saying = False   # the readout says what is being done, not what is hovered
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self._export_button(), self._export_svg_button()):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.addWidget(self.scores)
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
        layout.addWidget(self.body, 1)

    # -- results ------------------------------------------------------------------
    def show_result(self, result: AttentionMap, step: int | None = None) -> None:
        """Draw a still result now; a live frame (``step`` given) on the view's own clock."""
        if step is None:
            self.clock.cancel()
            self._kept = None
            self._draw(result, None)
        else:
            self.clock.offer(result, step)

    def _keep_live(self, result: AttentionMap, step: int) -> None:
        """Off screen: the newest frame waits to be drawn when the view is shown."""
        self._kept = (result, step)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        kept, self._kept = self._kept, None
        if self.clock.shown() and kept is not None:
            self._draw(*kept)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.clock.hidden()
        super().hideEvent(event)

    def _draw(self, result: AttentionMap, step: int | None) -> None:
        """Draw ``result``; a live frame (``step``) of the same shape only repaints."""
        previous, self.result = self.result, result
        if self._saying:   # the model or layer asked for has answered
            self._saying = False
            self.readout.setText(translated(HOW))
        self._show_body()
        self._update_layers(result)
        self._update_heads(result, previous)
        self._update_text(result, step)
        self.scores.show_score(result.score)
        self._update_grid()

    def set_source(self, source: str | None) -> None:
        """The current model's library name (or file path): which scores it can switch to."""
        self.source = source
        self.scores.set_source(source, score_siblings(source))

    def select_head(self, name: str) -> None:
        """Show head ``name`` (one of ``head_names``), or ``ALL_HEADS``."""
        for index in range(self.head_tabs.count()):
            if self.head_tabs.tabData(index) == name:
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
        self.title.setText(self.tr("Nothing to read"))
        self.hint.setText(core_message(message))
        for label in (self.output_line, self.formula, self.notes):
            label.setText("")   # they belonged to the last text read
        self.body.hide()

    def show_unavailable(self, reason: str) -> None:
        self.clock.cancel()   # a live frame waiting (the last model's) must not draw over the reason
        self._kept = None
        super().show_unavailable(reason)
        for label in (self.output_line, self.formula, self.notes):
            label.setText("")

    # -- updates ------------------------------------------------------------------
    def _update_text(self, result: AttentionMap, step: int | None) -> None:
        self.title.setText(words.title(result, step))
        self.output_line.setText(words.output_line(result))
        self.formula.setText(words.formula(result))
        self.hint.setText(words.reading(result))
        self.notes.setText(" · ".join(core_message(note) for note in result.notes))
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
        current = [self.head_tabs.tabData(i) for i in range(self.head_tabs.count())]
        if names != current:
            chosen = self.head_tabs.tabData(self.head_tabs.currentIndex())
            self.head_tabs.blockSignals(True)
            while self.head_tabs.count():
                self.head_tabs.removeTab(0)
            for name in names:
                index = self.head_tabs.addTab(self.tr(ALL_HEADS) if name == ALL_HEADS else name)
                self.head_tabs.setTabData(index, name)
            # A new model starts on the overview; the same heads keep the person's tab.
            keep = chosen in names and previous is not None and previous.heads == result.heads
            self.head_tabs.setCurrentIndex(names.index(chosen) if keep else len(names) - 1)
            self.head_tabs.blockSignals(False)
        self.head_tabs.setVisible(result.heads > 1)

    def _update_grid(self) -> None:
        if self.result is None:
            return
        heads = self.shown_heads()
        grid = self.one_grid if len(heads) == 1 else self.all_grid
        self.body.setCurrentWidget(grid)
        grid.show_heads(self.result, heads, self.top_level(heads),
                             words.axis_titles(self.result))

    @property
    def grid(self) -> AttentionGrid:
        """The grid on screen: one head's, or all heads'."""
        return self.body.currentWidget()

    def top_level(self, heads) -> float:
        """The weight drawn brightest: 1, or the largest shown when stretched."""
        if not self.stretch.isChecked() or not self.result.weights.size:
            return 1.0
        top = float(self.result.weights[list(heads)].max())
        return top if top > 1e-6 else 1.0

    # -- handlers -------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self._saying = True
        self.readout.setText(text)

    def _on_head_changed(self, _index: int) -> None:
        if self.result is not None:
            self._update_grid()

    def _on_layer_activated(self, index: int) -> None:
        layer = self.layer_combo.itemText(index)
        if self.result is not None and layer != self.result.layer:
            self._say(self.tr("Reading the text again at {0}…").format(layer))
            self.layer_chosen.emit(layer)
