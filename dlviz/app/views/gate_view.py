"""Gates: what each recurrent layer's gates and states did at every token of a sentence.

For the layer chosen in the combo: one heatmap per gate and state (tokens
along x, units along y, fixed colour ranges), a Bidirectional layer's two
directions side by side, the selected units as lines below; beside it, what
the whole model said about the sentence (class bars, or a tag per token).
Below, under a splitter: a span selected across the tokens, its units and
where else they fire (``SpanMatchView``, drawn by the dispatcher).

While a model trains, live frames bring the pinned sentence's gates a few
times a second: they are drawn at most every ``LIVE_FRAME_MS``, only while
the view is on screen, the newest winning (``show_result`` with a step).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from dlviz.app.views.canvas import hint_label, title_label
from dlviz.app.views.class_bars_view import ClassBarsView, percent
from dlviz.app.views.export import ExportMixin
from dlviz.app.views.gate_grid import GateGrid
from dlviz.app.views.gradient_time_view import GradientTimeView
from dlviz.app.views.live_clock import LiveClock
from dlviz.app.views.live_label import LiveLabel
from dlviz.app.views.span_match_view import SpanMatchView
from dlviz.app.core_messages import core_message
from dlviz.app.core_texts import core_text
from dlviz.app.numbers import count_text
from dlviz.core.probes.sequence_results import GRU_CONVENTION
from dlviz.core.probes.text_results import SequenceGates

KIND_NAMES = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "SimpleRNN"}
#: The span pane's height once a span is selected: its title, units and three matches.
SPAN_HEIGHT = 150
#: Live frames are drawn at most this often (the newest wins meanwhile): five a
#: second; the grid's thirteen plots cost 20-40 ms of the GUI thread a frame.
LIVE_FRAME_MS = 200
READING = {
    "lstm": QT_TRANSLATE_NOOP("GateView", "Gates i, f, o in [0, 1] (0 shut, 1 open); candidate g and h in "
                              "[-1, 1]; cell state c on its own range."),
    "gru": QT_TRANSLATE_NOOP("GateView", "Update z and reset r in [0, 1]; candidate h̃ and h in [-1, 1]."),
    "simple_rnn": QT_TRANSLATE_NOOP("GateView", "h = tanh(W·x + U·h₋₁ + b) at each token, in [-1, 1]."),
}


BOTH_WAYS = QT_TRANSLATE_NOOP("GateView", "Bidirectional: forward → reads the first token first, ← backward "
                              "the last first; both are drawn in the sentence's order.")
HOW = QT_TRANSLATE_NOOP("GateView", "Hover for a value; click a row to follow its unit; drag across tokens "
                        "for a span.")


class GateView(ExportMixin, QWidget):
    """The gates of one typed sentence, for the layer the combo names."""

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "gates"

    export_name = "gates.png"
    unavailable_title = QT_TRANSLATE_NOOP("GateView", "No gates to show")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: SequenceGates | None = None
        self.step: int | None = None   # the training step of a live frame, else None
        # Live frames are drawn on this clock (live_clock.py).
        self.clock = LiveClock(self, draw=self._draw, keep=self._keep_live,
                               interval_ms=LIVE_FRAME_MS)
        self.title = title_label(self.tr("Gates"))
        # The training step of live gates, apart from the (wrapping) title: a
        # wrapping label whose text changes lays the whole window out again
        # (up to 0.3 s); this one keeps its width, so nothing moves, and
        # repaints a new step without asking for a layout (live_label.py).
        self.step_label = LiveLabel(wrap=False, alignment=Qt.AlignmentFlag.AlignRight)
        self.step_label.setFont(self.title.font())
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance(
            self.tr(" · training step {0}").format("9,999,999")))
        self.step_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.hint = hint_label(self.tr("Type a sentence above: each recurrent layer's gates "
                                       "appear here, token by token."))
        self.convention = hint_label("")
        self.convention.hide()   # GRU's z convention, shown for GRU layers only
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumContentsLength(18)
        self.layer_combo.setToolTip(self.tr("Which recurrent layer to show (stacked layers: the "
                                            "first reads the words, the next reads its states)"))
        self.layer_combo.currentIndexChanged.connect(self._on_layer_chosen)
        self.readout = QLabel(self.tr(HOW))   # what the pointer is over, else how to use the view
        self.readout.setObjectName("gate_readout")
        # Cut rather than widen the window when the text is long (a hover, a long token).
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.grid = GateGrid()
        self.grid.hovered.connect(lambda text: self.readout.setText(text or self.tr(HOW)))
        self.prediction_title = title_label(self.tr("Prediction"))
        self.bars = ClassBarsView()
        self.tag_list = QLabel()
        self.tag_list.setTextFormat(Qt.TextFormat.RichText)
        self.tag_list.setAlignment(Qt.AlignmentFlag.AlignTop)
        # Drawn by the dispatcher too (its own result type), beside the answer.
        self.gradient_view = GradientTimeView()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        for widget in (self.prediction_title, self.bars, self.tag_list):
            side_layout.addWidget(widget)
        side_layout.addWidget(self.gradient_view, 1)
        # "Prediction for the sentence" on one line, the gradient's title on two.
        side.setMaximumWidth(320)
        # Drawn by the dispatcher too: the units of a selected span, and their matches.
        self.span_view = SpanMatchView()
        self.span_view.selection_shown.connect(self.grid.show_selection)
        self.span_view.selection_shown.connect(self._make_room_for_span)
        gates = QWidget()
        row = QHBoxLayout(gates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.grid, 1)
        row.addWidget(side, 0)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Layer")))
        controls.addWidget(self.layer_combo)
        controls.addWidget(self.readout, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.step_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.convention)
        layout.addLayout(controls)
        # Hidden whole when there is nothing to read (``show_problem``).
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(gates)
        self.body.addWidget(self.span_view)
        # Until a span is selected its pane is a title and a hint: a short window's
        # height goes to the gates and the plot beside them (``_make_room_for_span``).
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 0)
        self.body.setSizes([10_000, 1])   # the span pane at its least height, the rest above
        self.span_view.setMinimumHeight(80)   # its title and a two-line hint, whole
        layout.addWidget(self.body, 1)

    def _make_room_for_span(self, _selection) -> None:
        """Grow the span pane to ``SPAN_HEIGHT`` for a selection's units and matches,
        taking the height from the gates down to what they need (once: a pane the
        person dragged taller stays so)."""
        top, bottom = self.body.sizes()
        spare = top - self.body.widget(0).minimumSizeHint().height()
        grow = min(SPAN_HEIGHT - bottom, spare)
        if grow > 0:
            self.body.setSizes([top - grow, bottom + grow])

    # -- results ------------------------------------------------------------------
    def show_result(self, result: SequenceGates, step: int | None = None) -> None:
        """Draw a still result now; a live frame (``step`` given) on the view's own clock."""
        if step is None:
            self.clock.cancel()
            self._draw(result, None)
        else:
            self.clock.offer(result, step)

    def _keep_live(self, result: SequenceGates, step: int) -> None:
        """Off screen: the newest gates are current, drawn when shown."""
        self.result, self.step = result, step

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.clock.shown() and self.result is not None:
            self._draw(self.result, self.step)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.span_view.selection is None:   # a title and a hint: the rest to the gates
            self.body.setSizes([10_000, 1])

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.clock.hidden()
        super().hideEvent(event)

    def _draw(self, result: SequenceGates, step: int | None) -> None:
        self.result, self.step = result, step
        self._show_body()
        self.layer_combo.setEnabled(True)
        layer = self.layer_combo.currentText()
        layers = list(result.layers)
        if layers != [self.layer_combo.itemText(i) for i in range(self.layer_combo.count())]:
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            self.layer_combo.addItems(layers)
            if layer in result.layers:
                self.layer_combo.setCurrentText(layer)
            self.layer_combo.blockSignals(False)
        self._update_prediction(result)
        self._update_layer()

    def select_layer(self, path: str) -> None:
        """Show the gates of recurrent layer ``path`` (one of the combo's)."""
        self.layer_combo.setCurrentText(path)

    def show_unavailable(self, reason: str) -> None:
        """Say why there are no gates, and offer no layer of the last model's."""
        self.clock.cancel()   # a live frame waiting (the last model's) must not draw over it
        self.result, self.step = None, None
        super().show_unavailable(reason)
        self.step_label.setText("")
        self.convention.hide()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()   # a CNN's Gates tab listed the LSTM's lstm_1 still
        self.layer_combo.blockSignals(False)
        self.layer_combo.setEnabled(False)

    def show_problem(self, message: str) -> None:
        """Say why this sentence shows nothing (e.g. empty text); the controls stay."""
        self.title.setText(self.tr("Nothing to read"))
        self.step_label.setText("")
        self.hint.setText(core_message(message))
        self.convention.setText("")
        self.convention.hide()
        self.body.hide()

    def _on_layer_chosen(self, _index: int) -> None:
        if self.result is not None:
            self._update_layer()

    def _update_layer(self) -> None:
        result = self.result
        traces = result.traces_of(self.layer_combo.currentText())
        if not traces:
            return
        kind = KIND_NAMES.get(traces[0].kind, traces[0].kind)
        sides = (self.tr(BOTH_WAYS),) if len(traces) > 1 else ()
        # While training, the step says which weights these gates come from.
        live = "" if self.step is None else self.tr(" · training step {0}").format(
            f"{self.step:,}").strip(" ·")
        self.step_label.setText(live)
        title = self.tr("{0} gates of {1} · 1 token") if len(result.tokens) == 1 else \
            self.tr("{0} gates of {1} · {2} tokens")
        self.title.setText(title.format(kind, self.layer_combo.currentText(),
                                        count_text(len(result.tokens))))
        notes = (_sentence(core_message(note)) for note in result.notes)
        reading = READING.get(traces[0].kind, "")
        self.hint.setText(" ".join((self.tr(reading) if reading else "", *sides, *notes)))
        self.convention.setText(core_text(GRU_CONVENTION) if traces[0].kind == "gru" else "")
        self.convention.setVisible(traces[0].kind == "gru")   # no empty line's height otherwise
        self.grid.show_traces(traces)

    def _update_prediction(self, result: SequenceGates) -> None:
        scores = result.scores()
        self.bars.setVisible(bool(scores))
        self.tag_list.setVisible(not scores)   # an empty label's height is the plot's below
        if scores:
            self.prediction_title.setText(self.tr("Prediction for the sentence"))
            self.bars.set_scores(result.model, scores)
            self.tag_list.setText("")
            return
        if result.prediction_kind == "tags":
            self.prediction_title.setText(self.tr("Tag per token"))
            best = result.prediction.max(axis=-1)
            rows = [f"<tr><td>{_escape(token)}</td><td>&nbsp;→&nbsp;<b>{_escape(tag)}</b>"
                    f"</td><td>&nbsp;{percent(float(p))}</td></tr>"
                    for token, tag, p in zip(result.tokens, result.tags(), best)]
            self.tag_list.setText(f"<table>{''.join(rows[:40])}</table>")
            return
        self.prediction_title.setText(self.tr("Output"))
        values = ", ".join(f"{v:+.3f}" for v in result.prediction.reshape(-1)[:12])
        self.tag_list.setText(_escape(
            self.tr("[{0}] (not one probability per class)").format(values)))


def _sentence(note: str) -> str:
    """A probe's note ("2 of 7 tokens are ...") as a sentence of the hint."""
    note = note.strip()
    return note[:1].upper() + note[1:] + ("" if note.endswith((".", "!", "?")) else ".")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
