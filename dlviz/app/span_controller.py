"""A span selected in the gates: two engine jobs, the units first, then their matches.

Selecting a span sends ``Workspace.select_span`` (NumPy on the last
sentence's gates: the units appear at once) and then
``Workspace.match_span`` (the layer replayed over the model's dataset), each
in a latest-wins slot of its own, so a newer span drops an older one's jobs.
Answers go through the window's one ``ResultViews``; a match clicked is
typed into the text box and read like any sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

SELECT, MATCH = "span", "span_match"
#: What a request says while a model trains (the engine runs the training job).
WHILE_TRAINING = QT_TRANSLATE_NOOP("SpanController", "The engine is training the model: {what} when training stops (it will "
                  "read the new weights).")


class SpanController(QObject):
    """Sends a selected span to the engine; shows its units and matches."""

    def __init__(self, engine, workspace, bridge, panel, gate_view, results, parent=None):
        super().__init__(parent)
        self.engine, self.workspace = engine, workspace
        self.panel, self.view, self.results = panel, gate_view.span_view, results
        self.gate_view = gate_view
        self.busy = lambda: False   # the window sets it: True while a model trains
        self.results.add(self.view)
        self._latest: dict[str, int] = {}
        gate_view.grid.span_selected.connect(self.select)
        self.view.sentence_chosen.connect(lambda text: panel.set_text(text, emit=True))
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    def select(self, layer: str, start: int, end: int) -> tuple[int, int] | None:
        """Find the units of ``layer`` on across tokens ``[start, end)``, then their matches."""
        if self.busy():   # a job now would wait for the whole run
            self.view.show_problem(self.tr(WHILE_TRAINING).format(what="select the span again"))
            return None
        ws = self.workspace
        shown = self.gate_view.result
        text = None if shown is None else shown.text   # the sentence on screen
        self._latest = {
            SELECT: self.engine.submit(SELECT, lambda: ws.select_span(layer, start, end, text),
                                       slot=SELECT, label=self.tr("Selecting units…")),
            MATCH: self.engine.submit(MATCH, lambda: ws.match_span(layer, start, end, text),
                                      slot=MATCH, label=self.tr("Finding where they fire…")),
        }
        return self._latest[SELECT], self._latest[MATCH]

    def _on_job_finished(self, event) -> None:
        if self._latest.get(event.kind) == event.job_id:
            self.results.show(event.result)

    def _on_job_failed(self, event) -> None:
        if self._latest.get(event.kind) == event.job_id:
            self.view.show_problem(event.message)
