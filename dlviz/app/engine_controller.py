"""The window's own engine work: loading TensorFlow, the current model, and Stop.

The other controllers each own their slots ("image", "text", "compare", ...);
this one owns what the window itself asks: the engine's start (its answer,
ready or failed, goes to the status bar), the "model" slot (a library entry,
a model file, a Builder architecture or a run's model becomes the current
model; clicking through several models quickly builds only the last one)
and the layer table's "summary", and the Stop button next to the progress bar.

Its texts are the window's: they keep the ``MainWindow`` translation context,
under which the catalogue has them.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from dlviz.app.core_texts import core_text
from dlviz.app.numbers import count_text
from dlviz.core.workspace import ModelOpened, NeedsConsent
from dlviz.core.zoo.registry import REGISTRY

translate = QCoreApplication.translate


class EngineController(QObject):
    """Sends the window's model requests to the engine and shows the answers.

    Args:
        window: the ``MainWindow`` (``engine``, ``workspace``, ``bridge``,
            ``library``, ``progress``, ``engine_status``, ``layer_table``,
            ``banner``, ``tabs``, ``training_panel``, ``images``, ``text``,
            ``training``, ``statusBar``), built up to its status bar.
        ask_unsafe: asks the person whether to load a model file whose
            pre-scan found code in it: ``(parent, file name, report) -> bool``.

    Example:
        >>> window.engine_control.build_model("lenet5")   # answered in the layer table
    """

    def __init__(self, window, ask_unsafe):
        super().__init__(window)
        self.window, self.engine, self.workspace = window, window.engine, window.workspace
        self.ask_unsafe = ask_unsafe
        self._model_job: int | None = None
        self._current_source: str | None = None   # what the model slot builds or shows
        self._last_build: tuple[str, dict] = ("", {})
        self._collections_paused = False
        window.library.model_chosen.connect(self._on_model_chosen)
        bridge = window.bridge
        bridge.engine_ready.connect(self._on_engine_ready)
        bridge.engine_failed.connect(self._on_engine_failed)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)
        bridge.job_dropped.connect(self._on_job_dropped)
        window.progress.cancel_requested.connect(self._on_cancel_requested)

    # -- the engine itself -----------------------------------------------------
    def start_engine(self) -> None:
        """Start loading TensorFlow, with Python's garbage collector paused.

        The import makes some 300,000 lasting objects, and the full
        collections they set off walked them (and Qt's) again and again, a
        fifth of the import's time. The engine freezes them once loaded
        (``freeze_imported_objects``); collecting resumes when it says it is
        ready, or that it failed.
        """
        if self.engine.running or self.engine.ready_event is not None:
            return
        gc.disable()
        self._collections_paused = True
        self.engine.start()

    def _resume_collections(self) -> None:
        if self._collections_paused:
            self._collections_paused = False
            gc.enable()

    def _on_engine_ready(self, event) -> None:
        self._resume_collections()
        self.window.training_panel.set_device(event.device)
        self.window.engine_status.setText(
            translate("MainWindow", "Ready · training on {0} · TensorFlow {1} · Keras {2}").format(
                event.device, event.tensorflow_version, event.keras_version))

    def _on_engine_failed(self, event) -> None:
        self._resume_collections()
        self.window.engine_status.setText(translate("MainWindow", "TensorFlow failed to load"))
        self.window.banner.show_message(
            translate("MainWindow", "TensorFlow could not be loaded: {0}").format(event.message))

    def _on_cancel_requested(self, job_id: int, kind: str) -> None:
        """Stop next to the progress bar: a run ends as stopped, other jobs are cancelled."""
        if kind == "train":
            self.window.training.stop()
        else:
            self.engine.cancel(job_id)

    # -- requests of the "model" slot --------------------------------------------
    def _on_model_chosen(self, name: str) -> None:
        if name == self._current_source:
            return  # a double-click arrives as click + activate
        self.build_model(name)

    def build_model(self, name: str, **overrides) -> None:
        """Build a library model on the engine (downloading weights if needed)."""
        if self.window.training.refuses_model_change():
            return
        self._current_source = name
        self._last_build = (name, overrides)
        title = REGISTRY[name].title
        ws, engine = self.workspace, self.engine

        def progress(done, total):
            engine.report_progress(done, total, translate("MainWindow", "Downloading weights:"))

        self._submit_model_job(lambda: ws.build_zoo_model(name, progress, **overrides),
                               translate("MainWindow", "Building {0}…").format(title))

    def _offer_other_weights(self, message: str) -> None:
        """Offline without ImageNet weights: offer random or local weights."""
        name, overrides = self._last_build

        def choose_file():
            path, _ = QFileDialog.getOpenFileName(
                self.window, translate("MainWindow", "Choose a weights file"), "",
                translate("MainWindow", "Keras weights (*.h5 *.keras)"))
            if path:
                self.build_model(name, **{**overrides, "weights": path})

        self.window.banner.show_message(message, "warning", actions=[
            (translate("MainWindow", "Use random weights"),
             lambda: self.build_model(name, **{**overrides, "weights": "random"})),
            (translate("MainWindow", "Choose weights file…"), choose_file),
        ])

    def open_model_file(self, path: str, trust_sha256: str | None = None) -> None:
        """Load a model file on the engine (pre-scan first; may ask)."""
        if self.window.training.refuses_model_change():
            return
        self._current_source = path
        self._submit_model_job(
            lambda: self.workspace.open_model_file(path, trust_sha256),
            translate("MainWindow", "Opening {0}…").format(Path(path).name))

    def open_architecture(self, arch) -> bool:
        """Build a Builder architecture on the engine and make it the current model.

        Returns False (and says why) while a model trains.
        """
        if self.window.training.refuses_model_change():
            return False
        self._current_source = f"builder:{arch.name}"
        ws = self.workspace
        self._submit_model_job(lambda: ws.open_architecture(arch),
                               translate("MainWindow", "Building {0}…").format(arch.name))
        return True

    def open_run_model(self, run_dir) -> None:
        """Make the model a run trains on current (before the run resumes: jobs run in order)."""
        from dlviz.core.training.replay import open_run_model

        ws, self._current_source = self.workspace, None
        self._submit_model_job(lambda: open_run_model(ws, run_dir),
                               translate("MainWindow", "Opening the run…"))

    def refresh_summary(self) -> None:
        """Recount the layer table (training or freezing changed the model)."""
        self.engine.submit("summary", self.workspace.current_summary, slot="summary")

    def _submit_model_job(self, fn, busy_text: str) -> None:
        self.window.layer_table.show_busy(busy_text)
        self.window.statusBar().showMessage(busy_text)
        self._model_job = self.engine.submit("model", fn, slot="model", label=busy_text)

    # -- answers -------------------------------------------------------------------
    def _on_job_finished(self, event) -> None:
        window = self.window
        if event.kind == "summary":
            table = window.layer_table
            table.show_summary(table.title.text(), event.result, table.last_notes)
            window.training_panel.set_trainable_counts(event.result.trainable_params,
                                                       event.result.total_params)
            return
        if event.kind != "model" or event.job_id != self._model_job:
            return
        result = event.result
        if isinstance(result, NeedsConsent):
            self._ask_consent(result)
        elif isinstance(result, ModelOpened):
            window.banner.hide()
            window.layer_table.show_summary(result.title, result.summary, result.notes)
            window.library.show_current(result.source, core_text(result.title))
            window.images.model_opened(result)
            window.text.model_opened(result)
            if window.images.writes_captions():   # a captioner's first screen: its captions
                window.tabs.setCurrentWidget(window.caption_view)
            elif window.images.reads_strings():   # a CRNN's first screen: what it reads
                window.tabs.setCurrentWidget(window.ctc_tab)
            window.training_panel.set_trainable_counts(result.summary.trainable_params,
                                                       result.summary.total_params)
            window.statusBar().showMessage(
                translate("MainWindow", "{0}: {1} parameters").format(
                    core_text(result.title), count_text(result.summary.total_params)), 5000)

    def _ask_consent(self, needs: NeedsConsent) -> None:
        name = Path(needs.path).name
        if self.ask_unsafe(self.window, name, needs.report):
            self.open_model_file(needs.path, trust_sha256=needs.report.sha256)
        else:
            self._current_source = None
            self.window.layer_table.show_busy("")
            self.window.statusBar().clearMessage()   # "Opening …" is over
            self.window.banner.show_message(
                translate("MainWindow",
                          "{0} was not loaded: it needs unsafe loading and you declined.").format(
                    name),
                "warning")

    def _on_job_failed(self, event) -> None:
        if event.kind != "model" or event.job_id != self._model_job:
            return  # a stale failure: a newer load is still busy
        self._current_source = None  # let the person retry the same choice
        self.window.layer_table.show_busy("")
        self.window.statusBar().clearMessage()
        if event.error_type == "WeightsUnavailable":
            self._offer_other_weights(event.message)
        else:
            self.window.banner.show_message(event.message)

    def _on_job_dropped(self, event) -> None:
        if event.kind == "model" and event.job_id == self._model_job:  # cancelled, not replaced
            self._current_source = None
            self.window.layer_table.show_busy("")
            self.window.statusBar().showMessage(translate("MainWindow", "Stopped."), 5000)
