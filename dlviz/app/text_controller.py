"""Sentences in, gates out: the text box's requests of the engine, and their answers.

Typing (debounced by the panel) sends one job to the engine's "text" slot:
latest wins, so a sentence overtaken by a newer one is dropped, never drawn
late. A new model that offers gates reads the sentence in the box, or, when
the box is empty, a sample the workspace picks for that model (its text then
fills the box). Answers go through the window's one ``ResultViews``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.app.span_controller import SpanController
from dlviz.core.workspace import ModelOpened

SLOT = "text"
#: The text kinds computed on every pause in typing (those the model offers).
KINDS = ("gates", "gradient_through_time")


class TextController(QObject):
    """Sends the typed sentence to the engine for the current model; shows the gates.

    Signals:
        gates_offered(bool): a model became current; True when it offers gates.
    """

    gates_offered = Signal(bool)

    def __init__(self, engine, workspace, bridge, panel, gate_view, results, parent=None, *,
                 pin_text=lambda text: False):
        super().__init__(parent)
        # While a model trains the engine is busy: the sentence is pinned to the
        # run instead (True), and its live frames bring the gates between batches.
        self.pin_text = pin_text
        self.engine, self.workspace = engine, workspace
        self.panel, self.gate_view, self.results = panel, gate_view, results
        self.results.add(gate_view, gate_view.gradient_view)
        self._latest: int | None = None
        self._model: ModelOpened | None = None
        panel.text_typed.connect(self.request)
        # A span dragged across the gates: its units, then where else they fire.
        self.spans = SpanController(engine, workspace, bridge, panel, gate_view, results, self)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    def offers_gates(self) -> bool:
        return self._model is not None and not self._model.offered.get("gates")

    def request(self, text: str | None) -> int | None:
        """Compute the text kinds of ``text`` (None: a sample) for the current model."""
        if not self.offers_gates() or (text is not None and self.pin_text(text)):
            return None
        ws = self.workspace
        kinds = tuple(kind for kind in KINDS if not self._model.offered.get(kind))
        self._latest = self.engine.submit(SLOT, lambda: ws.analyze_text(text, kinds),
                                          slot=SLOT, label="Reading the sentence…")
        return self._latest

    def redo(self) -> None:
        """Read the sentence again (training or freezing changed the weights)."""
        if self.offers_gates():
            self.request(self.panel.text() or None)

    def model_opened(self, opened: ModelOpened) -> None:
        """A new model is current: read the sentence with it, or say why it cannot."""
        self._model = opened
        self.gate_view.span_view.reset()   # the last model's units and matches
        reason = opened.offered.get("gates", "this version computes no gates")
        gradient = opened.offered.get("gradient_through_time")
        if gradient:
            self.gate_view.gradient_view.show_unavailable(gradient)
        if reason:
            self._latest = None
            self.gate_view.show_unavailable(reason)
        else:
            self.request(self.panel.text() or None)
        self.gates_offered.emit(not reason)

    def _on_job_finished(self, event) -> None:
        if event.kind != SLOT or event.job_id != self._latest:
            return
        if not self.panel.text():   # a sample was read: show what it was
            self.panel.set_text(event.result.text)
        self.results.show(event.result)

    def _on_job_failed(self, event) -> None:
        if event.kind == SLOT and event.job_id == self._latest:
            self.gate_view.show_problem(event.message)
