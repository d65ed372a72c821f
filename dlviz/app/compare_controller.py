"""Compare cells: the typed sentence read by a SimpleRNN, an LSTM and a GRU, on the engine.

The "Compare cells" tab has its own text box, kept in step with the Gates
tab's (what is typed in one shows in the other). A sentence is compared
when it is typed there, or when the tab is shown with a sentence not yet
compared; one job in the "compare" slot (latest wins) runs
``Workspace.compare_cells``, whose answer goes through ``ResultViews``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from dlviz.core.probes.text_probes import SAMPLE_SENTENCE

SLOT = "compare"
#: What a request says while a model trains (the engine runs the training job).
WHILE_TRAINING = QT_TRANSLATE_NOOP("CompareController", "The engine is training a model: the cells are compared when training stops.")


class CompareController(QObject):
    """Sends the sentence to compare to the engine; shows the three cells."""

    def __init__(self, engine, workspace, bridge, panel, gate_panel, view, results,
                 parent=None):
        super().__init__(parent)
        self.engine, self.workspace = engine, workspace
        self.panel, self.view, self.results = panel, view, results
        self.results.add(view)
        self._latest: int | None = None
        self._compared: str | None = None
        self.busy = lambda: False   # the window sets it: True while a model trains
        panel.text_typed.connect(self.request)
        panel.text_typed.connect(lambda text: gate_panel.set_text(text))
        gate_panel.text_typed.connect(self._on_gate_text)
        view.shown.connect(self._on_shown)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    def request(self, text: str) -> int | None:
        """Compare the three cells on ``text``."""
        if self.busy():   # a job now would wait for the whole run
            self.view.show_unavailable(self.tr(WHILE_TRAINING))
            return None
        ws = self.workspace
        self._compared = text
        self._latest = self.engine.submit(SLOT, lambda: ws.compare_cells(text), slot=SLOT,
                                          label=self.tr("Comparing SimpleRNN, LSTM and GRU…"))
        return self._latest

    def _on_gate_text(self, text: str) -> None:
        self.panel.set_text(text)
        if self.view.isVisible():
            self.request(text)

    def _on_shown(self) -> None:
        if not self.panel.text():
            self.panel.set_text(SAMPLE_SENTENCE)
        if self.panel.text() != self._compared:
            self.request(self.panel.text())

    def _on_job_finished(self, event) -> None:
        if event.kind == SLOT and event.job_id == self._latest:
            self.results.show(event.result)

    def _on_job_failed(self, event) -> None:
        if event.kind == SLOT and event.job_id == self._latest:
            self.view.show_unavailable(event.message)
