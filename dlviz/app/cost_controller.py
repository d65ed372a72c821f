"""The "Costs" tab's requests to the engine, and its answers.

Two jobs, each in its own slot (the latest wins): ``costs`` compares the
chosen convolution of the current model (``conv_choices``) and
``cost_networks`` builds and counts the whole networks once
(``compare_networks`` caches them). Nothing runs until the tab is shown;
a newly opened model marks the comparison stale, and picking a
convolution in the layer table picks it here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from dlviz.core.costs.compare import NETWORKS, compare_networks, conv_choices, conv_layers

SLOT, NETWORK_SLOT = "costs", "cost_networks"


def choices_for(model, layer_name: str | None):
    """Engine thread: compare ``layer_name`` if it is a convolution, else the default one."""
    names = {layer.name for layer in conv_layers(model)} if model is not None else set()
    return conv_choices(model, layer_name if layer_name in names else None)


class CostController(QObject):
    """Sends the comparisons to the engine when the Costs tab needs them."""

    def __init__(self, engine, workspace, bridge, layer_table, view, parent=None):
        super().__init__(parent)
        self.engine, self.workspace, self.view = engine, workspace, view
        self._stale = True
        self._chosen: str | None = None   # picked in the layer table while the tab was hidden
        self._networks_asked = False
        self._job: int | None = None
        self.busy = lambda: False   # the window sets it: True while a model trains
        self.networks = NETWORKS    # library names of the whole-network table
        view.shown.connect(self._on_shown)
        view.layer_chosen.connect(self.request)
        layer_table.layer_selected.connect(self._on_layer_selected)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    def request(self, layer_name: str | None = None) -> int | None:
        """Compare ``layer_name`` (or the model's costliest convolution)."""
        if self.busy():
            self.view.show_busy(self.tr("The engine is training a model: the costs are "
                                        "measured when training stops."))
            return None
        ws = self.workspace
        self._stale = False
        self.view.show_busy(self.tr("Building the layers to compare…"))
        self._job = self.engine.submit(SLOT, lambda: choices_for(ws.model, layer_name),
                                       slot=SLOT, label="Measuring convolutions")
        return self._job

    def request_networks(self) -> int:
        engine = self.engine
        text = self.tr("Building and counting each network:")

        def progress(done, total):
            engine.report_progress(done, total, text)

        self._networks_asked = True
        self.view.networks.show_busy(self.tr(
            "Building VGG-16, GoogLeNet, ResNet-50 and MobileNet to count them "
            "(about a minute, once)…"))
        names = tuple(self.networks)
        return engine.submit(NETWORK_SLOT, lambda: compare_networks(names, progress),
                             slot=NETWORK_SLOT, label="Counting whole networks")

    def _on_shown(self) -> None:
        if self._stale:
            self.request(self._chosen)
        if not self._networks_asked and not self.busy():
            self.request_networks()

    def _on_layer_selected(self, name: str) -> None:
        if self._stale:
            self._chosen = name   # checked on the engine when the tab is shown
        elif self.view.choose(name):
            self._chosen = name
            if self.view.isVisible():
                self.request(name)
            else:
                self._stale = True

    def _on_job_finished(self, event) -> None:
        if event.kind == "model":
            self._stale, self._chosen = True, None
            if self.view.isVisible():
                self.request()
        elif event.kind == SLOT and event.job_id == self._job:
            self.view.show_choices(event.result)
        elif event.kind == NETWORK_SLOT:
            self.view.networks.show_rows(event.result)

    def _on_job_failed(self, event) -> None:
        if event.kind == SLOT and event.job_id == self._job:
            self.view.show_busy(event.message)
        elif event.kind == NETWORK_SLOT:
            self._networks_asked = False  # shown again later: try again
            self.view.networks.show_busy(event.message)
