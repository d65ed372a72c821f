"""Sentences in, gates and attention out: the text box's requests of the engine.

Typing (debounced by the panel) sends one job to the engine's "text" slot:
latest wins, so a sentence overtaken by a newer one is dropped, never drawn
late. The job computes every text kind the current model offers (``KINDS``:
gates, gradient through time, attention) in one go. A new model that offers
any of them reads the sentence in the box, or, when the box is empty, a
sample the workspace picks for that model (its text then fills the box).
Answers go through the window's one ``ResultViews``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.app.span_controller import SpanController
from dlviz.core.workspace import ModelOpened

SLOT = "text"
#: The text kinds computed on every pause in typing (those the model offers).
KINDS = ("gates", "gradient_through_time", "attention")


def offers(opened: ModelOpened | None, kind: str) -> bool:
    """Whether the model ``opened`` offers probe kind ``kind`` (a kind this version of
    the registry does not declare is not offered)."""
    return opened is not None and kind in opened.offered and not opened.offered[kind]


def read_text(workspace, text: str | None, kinds: tuple[str, ...], layer: str | None = None):
    """The engine job: ``Workspace.analyze_text``, the attention of ``layer`` when chosen.

    A model that offers attention and gates (an encoder-decoder has LSTM layers)
    may fail to give its gates for a text it can still translate: its
    attention is then shown alone rather than nothing.

    Args:
        workspace: the engine thread's ``Workspace`` (this runs on that thread).
        text: the typed text; None: a sample the model can read.
        kinds: the text kinds the model offers.
        layer: the attention layer a person chose; None: the probe's default.

    Returns:
        A ``TextAnalysis`` with one result per kind given (gates left out when
        they failed and attention did not).
    """
    from dlviz.core.probes.text_results import TextAnalysis

    try:
        analysis = workspace.analyze_text(text, kinds)
    except Exception:  # noqa: BLE001 - re-raised unless attention alone can answer
        if "attention" not in kinds or len(kinds) == 1:
            raise
        analysis = workspace.analyze_text(text, ("attention",))
    if layer and "attention" in analysis.results and \
            analysis.results["attention"].layer != layer:
        from dlviz.core.probes.registry import PROBES

        chosen = PROBES["attention"].compute(workspace.model, analysis.text,
                                             vocabulary=workspace.vocabulary, layer=layer)
        analysis = TextAnalysis(analysis.text, {**analysis.results, "attention": chosen})
    return analysis


class TextController(QObject):
    """Sends the typed sentence to the engine for the current model; shows the gates
    and the attention.

    Signals:
        gates_offered(bool): a model became current; True when it offers gates.
        attention_offered(bool): a model became current; True when it offers attention.
    """

    gates_offered = Signal(bool)
    attention_offered = Signal(bool)

    def __init__(self, engine, workspace, bridge, panel, gate_view, results, parent=None, *,
                 pin_text=lambda text: False, attention_view=None):
        super().__init__(parent)
        # While a model trains the engine is busy: the sentence is pinned to the
        # run instead (True), and its live frames bring the gates between batches.
        self.pin_text = pin_text
        self.engine, self.workspace = engine, workspace
        self.panel, self.gate_view, self.results = panel, gate_view, results
        self.results.add(gate_view, gate_view.gradient_view)
        self.attention_view = attention_view
        self._layer: str | None = None    # the attention layer a person chose
        if attention_view is not None:
            self.results.add(attention_view)
            attention_view.layer_chosen.connect(self._on_layer_chosen)
        self._latest: int | None = None
        self._model: ModelOpened | None = None
        panel.text_typed.connect(self.request)
        # A span dragged across the gates: its units, then where else they fire.
        self.spans = SpanController(engine, workspace, bridge, panel, gate_view, results, self)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    def offers_gates(self) -> bool:
        return self._model is not None and not self._model.offered.get("gates")

    def offers_text(self) -> bool:
        """The current model offers gates or attention: typing reads the text."""
        return self.offers_gates() or offers(self._model, "attention")

    def request(self, text: str | None) -> int | None:
        """Compute the text kinds of ``text`` (None: a sample) for the current model."""
        if not self.offers_text() or (text is not None and self.pin_text(text)):
            return None
        ws, layer = self.workspace, self._layer
        kinds = tuple(kind for kind in KINDS if offers(self._model, kind))
        self._latest = self.engine.submit(SLOT, lambda: read_text(ws, text, kinds, layer),
                                          slot=SLOT, label=self.tr("Reading the sentence…"))
        return self._latest

    def redo(self) -> None:
        """Read the sentence again (training or freezing changed the weights)."""
        if self.offers_text():
            self.request(self.panel.text() or None)

    def model_opened(self, opened: ModelOpened) -> None:
        """A new model is current: read the sentence with it, or say why it cannot."""
        self._model = opened
        self.gate_view.span_view.reset()   # the last model's units and matches
        reason = opened.offered.get("gates", self.tr("this version computes no gates"))
        gradient = opened.offered.get("gradient_through_time")
        if gradient:
            self.gate_view.gradient_view.show_unavailable(gradient)
        if reason:
            self._latest = None
            self.gate_view.show_unavailable(reason)
        attention = self._attention_opened(opened)
        if self.offers_text():
            self.request(self.panel.text() or None)
        self.gates_offered.emit(not reason)
        self.attention_offered.emit(attention)

    def _attention_opened(self, opened: ModelOpened) -> bool:
        """Tell the attention view of the new model; True when it offers attention."""
        self._layer = None
        view = self.attention_view
        if view is None:
            return False
        view.set_source(opened.source)
        if not offers(opened, "attention"):
            view.show_unavailable(opened.offered.get("attention")
                                  or self.tr("This version of dlviz computes no attention."))
            return False
        return True

    def _on_layer_chosen(self, layer: str) -> None:
        self._layer = layer
        if self.offers_text():
            self.request(self.panel.text() or None)

    def _on_job_finished(self, event) -> None:
        if event.kind != SLOT or event.job_id != self._latest:
            return
        if not self.panel.text():   # a sample was read: show what it was
            self.panel.set_text(event.result.text)
        self.results.show(event.result)
        kinds = getattr(event.result, "results", {})
        if self.offers_gates() and "attention" in kinds and "gates" not in kinds:
            self.gate_view.show_problem(self.tr("The gates of this model could not be read for this "
                                        "text; the Attention tab shows where it looked."))

    def _on_job_failed(self, event) -> None:
        if event.kind == SLOT and event.job_id == self._latest:
            self.gate_view.show_problem(event.message)
            if self.attention_view is not None and offers(self._model, "attention"):
                self.attention_view.show_problem(event.message)
