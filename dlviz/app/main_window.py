"""The main window: docks and wiring only.

Work happens in the engine (``dlviz.core``); views draw what it returns.
Model requests go through the "model" slot, so clicking through several
models quickly builds only the last one; image requests go through the
``ImageController``'s slots the same way.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QWidget

from dlviz.app.bridge import EngineBridge
from dlviz.app.core_messages import core_notes
from dlviz.app.core_texts import core_text
from dlviz.app.builder.builder_controller import BuilderController
from dlviz.app.dialogs.unsafe_model_dialog import ask_to_load_unsafely
from dlviz.app.image_controller import ImageController
from dlviz.app.image_input import InputRejected, clipboard_image_source, dropped_image_source
from dlviz.app.menus import build_menus
from dlviz.app.numbers import count_text
from dlviz.app.run_controller import RunController
from dlviz.app.compare_controller import CompareController
from dlviz.app.cost_controller import CostController
from dlviz.app.text_controller import TextController
from dlviz.app.training_controller import TrainingController
from dlviz.app.views.progress_indicator import ProgressIndicator
from dlviz.app.window_layout import WindowLayout
from dlviz.app.window_views import build_docks, build_tabs
from dlviz.core.engine import Engine
from dlviz.core.workspace import ModelOpened, NeedsConsent, Workspace
from dlviz.core.zoo.registry import REGISTRY

MODEL_SUFFIXES = {".keras", ".h5", ".hdf5"}
#: What a newcomer sees first when no trained model ships: VGG-16's maps of a
#: sample photo. With ``resources/models``, a trained model and its own sample.
FIRST_MODEL = "vgg16"


class MainWindow(QMainWindow):
    """Model library on the left, the chosen model's layers in the centre."""

    def __init__(self, engine: Engine | None = None,
                 ask_unsafe: Callable[[QWidget, str, object], bool] = ask_to_load_unsafely):
        super().__init__()
        self.setWindowTitle(self.tr("dlviz — see inside deep-learning models"))
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.engine = engine or Engine()
        self.workspace = Workspace()  # touched only by engine jobs
        self.bridge = EngineBridge(self.engine, self)
        self._ask_unsafe = ask_unsafe
        self._model_job: int | None = None
        self._current_source: str | None = None
        self._last_build: tuple[str, dict] = ("", {})

        build_docks(self)   # library, gallery, training panel (window_views)
        build_tabs(self)    # banner over the tabs of views
        self.images = ImageController(
            self.engine, self.workspace, self.bridge,
            {"maps": self.maps_view, "filters": self.filter_view,
             "predictions": self.prediction_view, "heatmap": self.heatmap_view,
             "ctc": self.ctc_view, "caption": self.caption_view}, self)
        self.runs = RunController(self.training_view, self.images, self)
        self.training = TrainingController(
            self.engine, self.workspace, self.bridge, self.training_panel,
            self.training_view, self.images, self.runs, self)
        self.text = TextController(self.engine, self.workspace, self.bridge, self.text_panel,
                                   self.gate_view, self.images.results, self,
                                   pin_text=self.training.pin_text,
                                   attention_view=self.attention_view)
        self.compare = CompareController(self.engine, self.workspace, self.bridge,
                                         self.compare_panel, self.text_panel,
                                         self.compare_view, self.images.results, self)
        self.compare.busy = self.text.spans.busy = lambda: self.training.training
        self.builder = BuilderController(self, self.builder_panel)
        self.costs = CostController(self.engine, self.workspace, self.bridge,
                                    self.layer_table, self.cost_view, self)
        self.costs.busy = lambda: self.training.training

        self.engine_status = QLabel(self.tr("Loading TensorFlow…"))
        self.engine_status.setObjectName("engine_status")
        self.progress = ProgressIndicator()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.engine_status)
        build_menus(self)
        self._connect()
        # Docks placed (or restored as the person left them); saved on close.
        self.window_layout = WindowLayout(self)

    # -- setup ---------------------------------------------------------------
    def _on_resume_requested(self) -> None:
        if self.runs.run_dir is not None and not self.training.refuses_model_change():
            from dlviz.core.training.replay import open_run_model

            # The run's model becomes current first (jobs run in order): titles,
            # filter and Grad-CAM layers are those of the model that trains on.
            run_dir, ws, self._current_source = self.runs.run_dir, self.workspace, None
            self._submit_model_job(lambda: open_run_model(ws, run_dir), self.tr("Opening the run…"))
            self.training.resume(run_dir)

    def _connect(self) -> None:
        self.library.model_chosen.connect(self._on_model_chosen)
        self.library.open_file_requested.connect(self._on_open_requested)
        self.gallery.image_chosen.connect(lambda path: self.open_image(path))
        self.gallery.open_image_requested.connect(self._on_open_image_requested)
        self.gallery.paste_requested.connect(self._on_paste_requested)
        self.images.problem_reported.connect(self.banner.show_message)
        self.images.analysis_shown.connect(self._on_analysis_shown)
        self.digit_canvas.drawing_read.connect(self.open_image)   # as if it were dropped
        self.text.gates_offered.connect(self._on_gates_offered)
        self.text.attention_offered.connect(self._on_attention_offered)
        # The Score switch: the same task trained with another score is a library entry.
        self.attention_view.model_requested.connect(self.library.choose)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.training.message_posted.connect(self.banner.show_message)
        self.training.model_changed.connect(self._on_model_changed)
        self.training.state_changed.connect(self._on_training_state_changed)
        self.runs.message_posted.connect(self.banner.show_message)
        self.runs.run_opened.connect(self._on_run_opened)
        self.bridge.engine_ready.connect(self._on_engine_ready)
        self.bridge.engine_failed.connect(self._on_engine_failed)
        self.bridge.job_finished.connect(self._on_job_finished)
        self.bridge.job_failed.connect(self._on_job_failed)
        self.bridge.job_dropped.connect(self._on_job_dropped)
        self.progress.follow(self.bridge)
        self.progress.cancel_requested.connect(self._on_cancel_requested)

    def start_engine(self) -> None:
        """Start loading TensorFlow; call once the window is on screen.

        Python's garbage collector pauses until TensorFlow has loaded: the
        import makes some 300,000 lasting objects, and the full collections
        they set off walked them (and Qt's) again and again, a fifth of the
        import's time. The engine freezes them once loaded
        (``freeze_imported_objects``); collecting resumes when it says it
        is ready, or that it failed.
        """
        if self.engine.running or self.engine.ready_event is not None:
            return
        gc.disable()
        self._collections_paused = True
        self.engine.start()

    def _resume_collections(self) -> None:
        if getattr(self, "_collections_paused", False):
            self._collections_paused = False
            gc.enable()

    def show_first_example(self) -> None:
        """A newcomer's first sight: a trained CNN looking at a sample it knows."""
        from dlviz.core.zoo.trained import first_example

        name, sample = first_example(self.gallery.paths(), FIRST_MODEL)
        self.library.choose(name)
        if sample is not None:
            self.open_image(str(sample))
            self.tabs.setCurrentWidget(self.maps_view)

    # -- images ----------------------------------------------------------------
    def open_image(self, source, name: str | None = None) -> None:
        """Analyse an image (a path or encoded bytes) with the current model."""
        label = name or Path(str(source)).name
        if self.training.training:
            self._pin_probe_image(source, label)
            return
        if self.images.writes_captions():   # no maps follow to clear it: say it briefly
            self.statusBar().showMessage(self.tr("Captioning {0}…").format(label), 5000)
        else:
            self.statusBar().showMessage(self.tr("Looking at {0}…").format(label))
        if self.images.analyze(source, label) is None:
            self.statusBar().showMessage(
                self.tr("{0} is ready: pick a model to look at it.").format(label))

    def _pin_probe_image(self, source, label: str) -> None:
        """While training, the engine is busy: decode here, answer between batches."""
        from dlviz.core.data import ImageLoadError, read_image

        try:
            loaded = read_image(source, name=label)
        except ImageLoadError as exc:
            self.banner.show_message(str(exc))
            return
        self.training.probe_image(loaded.array, label)
        self.images.set_source(source, label)  # still the current image after training
        self.statusBar().showMessage(
            self.tr("{0} will be shown after the current batch").format(label), 5000)

    def _on_model_changed(self) -> None:
        """Training or freezing changed the model: refresh the table and the image."""
        ws = self.workspace
        self.engine.submit("summary", ws.current_summary, slot="summary")
        self.images.redo_last_image()
        self.text.redo()

    def _on_training_state_changed(self, state: str) -> None:
        # A model cannot be swapped while it trains.
        self.library.setEnabled(state == "idle")
        if state == "running" and self.tabs.currentWidget() is self.layer_table:
            self.tabs.setCurrentWidget(self.training_view)

    def _on_open_run_requested(self) -> None:
        from dlviz.core.training.replay import default_runs_dir

        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a training run"),
                                                  str(default_runs_dir()))
        if folder:
            self.open_run(folder)

    def open_run(self, folder: str) -> bool:
        """Show a run directory's curves and snapshots; follow it if it grows."""
        if self.training.training:
            self.banner.show_message(self.tr("Stop training before opening another run."),
                                     "warning")
            return False
        return self.runs.open_run(folder)

    def _on_run_opened(self, folder: str) -> None:
        self.tabs.setCurrentWidget(self.training_view)
        self.resume_action.setEnabled(True)
        state = self.tr("following it as it grows") if self.runs.following else self.tr("finished")
        self.statusBar().showMessage(
            self.tr("Run {0}: {1}").format(Path(folder).name, state), 8000)

    def _on_open_image_requested(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an image"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp);;All files (*)"))
        if path:
            self.open_image(path)

    def _on_paste_requested(self) -> None:
        try:
            dropped = clipboard_image_source(QGuiApplication.clipboard())
        except InputRejected as exc:
            self.banner.show_message(str(exc), "warning")
            return
        self.open_image(dropped.source, dropped.name)

    def _on_analysis_shown(self, analysis) -> None:
        self.banner.hide()
        notes = core_notes("; ".join((analysis.maps.input.note, *analysis.load_notes)))
        self.statusBar().showMessage(f"{analysis.source_name}: {notes}", 8000)
        if self.tabs.currentWidget() is self.layer_table:
            # A CRNN's first screen is what it reads; any other model's, its maps.
            self.tabs.setCurrentWidget(self.ctc_tab if self.images.reads_strings()
                                       else self.maps_view)

    def _on_gates_offered(self, offered: bool) -> None:
        # A sequence model takes no images: its first screen is its gates.
        model = self.images.current_model()
        if offered and model is not None and model.probe_problem:
            self.tabs.setCurrentWidget(self.gates_tab)

    def _on_attention_offered(self, offered: bool) -> None:
        # After the gates' switch: an encoder-decoder also has LSTM gates, but
        # where it looks while writing is its first screen.
        model = self.images.current_model()
        if offered and model is not None and model.probe_problem:
            self.tabs.setCurrentWidget(self.attention_tab)

    def _on_tab_changed(self, _index: int) -> None:
        self.training.tab_shown(self.tabs.currentWidget())   # live views on screen first
        # Grad-CAM costs a backward pass: compute it when someone looks.
        if self.tabs.currentWidget() is self.heatmap_view:
            self.images.refresh_heatmap()

    def _on_export_window_requested(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export window"), "dlviz.png",
                                              "PNG (*.png)")
        if path and not self.grab().save(path, "PNG"):
            self.banner.show_message(self.tr("Could not write {0}.").format(path))

    # -- requests ------------------------------------------------------------
    def _on_model_chosen(self, name: str) -> None:
        if name == self._current_source:
            return  # a double-click arrives as click + activate
        self.build_model(name)

    def build_model(self, name: str, **overrides) -> None:
        """Build a library model on the engine (downloading weights if needed)."""
        if self.training.refuses_model_change():
            return
        self._current_source = name
        self._last_build = (name, overrides)
        title = REGISTRY[name].title
        ws, engine = self.workspace, self.engine

        def progress(done, total):
            engine.report_progress(done, total, self.tr("Downloading weights:"))

        self._submit_model_job(lambda: ws.build_zoo_model(name, progress, **overrides),
                               self.tr("Building {0}…").format(title))

    def _offer_other_weights(self, message: str) -> None:
        """Offline without ImageNet weights: offer random or local weights."""
        name, overrides = self._last_build

        def choose_file():
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a weights file"), "",
                self.tr("Keras weights (*.h5 *.keras)"))
            if path:
                self.build_model(name, **{**overrides, "weights": path})

        self.banner.show_message(message, "warning", actions=[
            (self.tr("Use random weights"),
             lambda: self.build_model(name, **{**overrides, "weights": "random"})),
            (self.tr("Choose weights file…"), choose_file),
        ])

    def _on_open_requested(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a Keras model"), "",
            self.tr("Keras models (*.keras *.h5 *.hdf5);;All files (*)"))
        if path:
            self.open_model_file(path)

    def open_model_file(self, path: str, trust_sha256: str | None = None) -> None:
        """Load a model file on the engine (pre-scan first; may ask)."""
        if self.training.refuses_model_change():
            return
        self._current_source = path
        self._submit_model_job(
            lambda: self.workspace.open_model_file(path, trust_sha256),
            self.tr("Opening {0}…").format(Path(path).name))

    def open_architecture(self, arch) -> bool:
        """Build a Builder architecture on the engine and make it the current model.

        Returns False (and says why) while a model trains.
        """
        if self.training.refuses_model_change():
            return False
        self._current_source = f"builder:{arch.name}"
        ws = self.workspace
        self._submit_model_job(lambda: ws.open_architecture(arch),
                               self.tr("Building {0}…").format(arch.name))
        return True

    def _submit_model_job(self, fn, busy_text: str) -> None:
        self.layer_table.show_busy(busy_text)
        self.statusBar().showMessage(busy_text)
        self._model_job = self.engine.submit("model", fn, slot="model", label=busy_text)

    # -- engine answers ------------------------------------------------------
    def _on_engine_ready(self, event) -> None:
        self._resume_collections()
        self.training_panel.set_device(event.device)
        self.engine_status.setText(
            self.tr("Ready · training on {0} · TensorFlow {1} · Keras {2}").format(
                event.device, event.tensorflow_version, event.keras_version))

    def _on_engine_failed(self, event) -> None:
        self._resume_collections()
        self.engine_status.setText(self.tr("TensorFlow failed to load"))
        self.banner.show_message(
            self.tr("TensorFlow could not be loaded: {0}").format(event.message))

    def _on_job_finished(self, event) -> None:
        if event.kind == "summary":
            table = self.layer_table
            table.show_summary(table.title.text(), event.result, table.last_notes)
            self.training_panel.set_trainable_counts(event.result.trainable_params,
                                                     event.result.total_params)
            return
        if event.kind != "model" or event.job_id != self._model_job:
            return
        result = event.result
        if isinstance(result, NeedsConsent):
            self._ask_consent(result)
        elif isinstance(result, ModelOpened):
            self.banner.hide()
            self.layer_table.show_summary(result.title, result.summary, result.notes)
            self.images.model_opened(result)
            self.text.model_opened(result)
            if self.images.writes_captions():   # a captioner's first screen: its captions
                self.tabs.setCurrentWidget(self.caption_view)
            elif self.images.reads_strings():   # a CRNN's first screen: what it reads
                self.tabs.setCurrentWidget(self.ctc_tab)
            self.training_panel.set_trainable_counts(result.summary.trainable_params,
                                                     result.summary.total_params)
            self.statusBar().showMessage(
                self.tr("{0}: {1} parameters").format(
                    core_text(result.title), count_text(result.summary.total_params)), 5000)

    def _ask_consent(self, needs: NeedsConsent) -> None:
        name = Path(needs.path).name
        if self._ask_unsafe(self, name, needs.report):
            self.open_model_file(needs.path, trust_sha256=needs.report.sha256)
        else:
            self._current_source = None
            self.layer_table.show_busy("")
            self.banner.show_message(
                self.tr("{0} was not loaded: it needs unsafe loading and you declined.").format(
                    name),
                "warning")

    def _on_job_failed(self, event) -> None:
        if event.kind != "model" or event.job_id != self._model_job:
            return  # a stale failure: a newer load is still busy
        self._current_source = None  # let the person retry the same choice
        self.layer_table.show_busy("")
        self.statusBar().clearMessage()
        if event.error_type == "WeightsUnavailable":
            self._offer_other_weights(event.message)
        else:
            self.banner.show_message(event.message)

    def _on_job_dropped(self, event) -> None:
        if event.kind == "model" and event.job_id == self._model_job:  # cancelled, not replaced
            self._current_source = None
            self.layer_table.show_busy("")
            self.statusBar().showMessage(self.tr("Stopped."), 5000)

    def _on_cancel_requested(self, job_id: int, kind: str) -> None:
        """Stop next to the progress bar: a run ends as stopped, other jobs are cancelled."""
        if kind == "train":
            self.training.stop()
        else:
            self.engine.cancel(job_id)

    # -- drag and drop: images, or model files ------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        try:
            dropped = dropped_image_source(event.mimeData())
        except InputRejected as exc:
            self.banner.show_message(str(exc), "warning")
            return
        event.acceptProposedAction()
        if isinstance(dropped.source, str) and Path(dropped.source).suffix.lower() in MODEL_SUFFIXES:
            self.open_model_file(dropped.source)
        else:
            self.open_image(dropped.source, dropped.name)

    # -- shutdown ------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.window_layout.save()
        self.statusBar().showMessage(self.tr("Stopping…"))
        self.training.stop()  # ends within one batch, so the join below is short
        self.runs.stop()
        self.engine.stop(timeout=60)
        # Events still queued for the GUI would ask a stopped engine for more.
        self.bridge.blockSignals(True)
        super().closeEvent(event)
