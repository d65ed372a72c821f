"""The builder's Keras work, done on the engine thread.

"From current model" reads the open Keras model into an ``Architecture``
(``keras_io.from_model`` walks Keras layers, so it is an engine job); "Train
this" asks the window to build the architecture as its current model, as a
library entry or a model file becomes current, so the layer table, feature
maps, gates and the training panel all work on it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from dlviz.app.core_texts import core_text
from dlviz.app.numbers import count_text


class BuilderController(QObject):
    """Connects a ``BuilderPanel`` to the window's engine.

    Args:
        window: the ``MainWindow`` (``engine``, ``workspace``, ``bridge``,
            ``open_architecture``, ``tabs``, ``training_view``, ``statusBar``).
        panel: the ``BuilderPanel``.
    """

    def __init__(self, window, panel):
        super().__init__(window)
        self.window, self.panel = window, panel
        self._read_job: int | None = None
        self._built_source: str | None = None   # "builder:NAME" while it builds
        panel.from_model_requested.connect(self.read_current_model)
        panel.train_requested.connect(self.train)
        window.bridge.job_finished.connect(self._on_job_finished)
        window.bridge.job_failed.connect(self._on_job_failed)

    def read_current_model(self) -> None:
        """Copy the current model (library or file) into the builder."""
        from dlviz.core.builder.keras_io import from_model

        if self.window.training.training:   # the engine is busy until the run ends
            self.panel.banner.show_message(self.tr(
                "A model is training: stop it in the Training controls, then press "
                "\"From current model\" again."), "warning")
            return
        ws = self.window.workspace

        def read():
            if ws.model is None:
                raise _NoModel(self.tr(
                    "No model is open yet: pick one in the model library, then press "
                    "\"From current model\" again."))
            return from_model(ws.model)

        self.panel.banner.show_message(self.tr("Reading the current model…"), "info")
        self._read_job = self.window.engine.submit("builder", read, slot="builder",
                                                   label="Reading the model")

    def train(self, arch) -> None:
        """Build ``arch`` on the engine and make it the current model."""
        if not self.window.open_architecture(arch):
            self.panel.banner.show_message(self.tr(
                "A model is training: stop it in the Training controls, then press "
                "\"Train this\" again."), "warning")
            return
        self._built_source = f"builder:{arch.name}"
        self.panel.banner.show_message(
            self.tr("Building {0} with Keras…").format(arch.name), "info")

    def _on_job_finished(self, event) -> None:
        if event.kind == "builder" and event.job_id == self._read_job:
            self._read_job = None
            self.panel.banner.hide()
            self.panel.set_architecture(event.result)
        elif (event.kind == "model" and self._built_source is not None
              and getattr(event.result, "source", None) == self._built_source):
            self._built_source = None
            self.panel.banner.show_message(self.tr(
                "{0} is now the current model ({1} parameters): choose data in the "
                "Training controls and press Start; its layers, feature maps and gates "
                "are in their tabs.").format(core_text(event.result.title),
                                             count_text(event.result.summary.total_params)),
                "info")
            self.window.window_layout.show_training_controls()

    def _on_job_failed(self, event) -> None:
        if event.kind == "builder" and event.job_id == self._read_job:
            self._read_job = None
            self.panel.banner.show_message(event.message)
        elif event.kind == "model" and self._built_source is not None:
            self._built_source = None
            self.panel.banner.show_message(self.tr(
                "Keras could not build this network: {0}").format(event.message))


class _NoModel(RuntimeError):
    """No model is open to copy into the builder."""

    user_message = True
