"""The main window: docks and wiring only.

Work happens in the engine (``dlviz.core``); views draw what it returns.
Model requests go through the ``EngineController``'s "model" slot, so
clicking through several models quickly builds only the last one; image
requests go through the ``ImageController``'s slots the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QWidget

from dlviz.app.bridge import EngineBridge
from dlviz.app.core_messages import core_notes
from dlviz.app.builder.builder_controller import BuilderController
from dlviz.app.dialogs.unsafe_model_dialog import ask_to_load_unsafely
from dlviz.app.engine_controller import EngineController
from dlviz.app.image_controller import ImageController
from dlviz.app.image_input import InputRejected, clipboard_image_source, dropped_image_source
from dlviz.app.menus import build_menus
from dlviz.app.run_controller import RunController
from dlviz.app.compare_controller import CompareController
from dlviz.app.cost_controller import CostController
from dlviz.app.text_controller import TextController
from dlviz.app.training_controller import TrainingController
from dlviz.app.views.progress_indicator import ProgressIndicator
from dlviz.app.window_layout import WindowLayout
from dlviz.app.window_views import build_docks, build_tabs
from dlviz.core.engine import Engine
from dlviz.core.workspace import Workspace

MODEL_SUFFIXES = {".keras", ".h5", ".hdf5"}
#: What a newcomer sees first when no trained model ships: VGG-16's maps of a
#: sample photo. With ``resources/models``, a trained model and its own sample.
FIRST_MODEL = "vgg16"


class MainWindow(QMainWindow):
    """Model library on the left, the chosen model's layers in the centre."""

    def __init__(self, engine: Engine | None = None,
                 ask_unsafe: Callable[[QWidget, str, object], bool] = ask_to_load_unsafely):
        super().__init__()
        self._shut_down = False   # closeEvent stopped training and the engine
        self.setWindowTitle(self.tr("dlviz — see inside deep-learning models"))
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.engine = engine or Engine()
        self.workspace = Workspace()  # touched only by engine jobs
        self.bridge = EngineBridge(self.engine, self)

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
        # TensorFlow's loading, the "model" slot and Stop (engine_controller).
        self.engine_control = EngineController(self, ask_unsafe)
        build_menus(self)
        self._connect()
        # Docks placed (or restored as the person left them); saved on close.
        self.window_layout = WindowLayout(self)

    # -- setup ---------------------------------------------------------------
    def _on_resume_requested(self) -> None:
        if self.runs.run_dir is not None and not self.training.refuses_model_change():
            # The run's model becomes current first (jobs run in order): titles,
            # filter and Grad-CAM layers are those of the model that trains on.
            self.engine_control.open_run_model(self.runs.run_dir)
            self.training.resume(self.runs.run_dir)

    def _connect(self) -> None:
        self.library.open_file_requested.connect(self._on_open_requested)
        self.gallery.image_chosen.connect(lambda path: self.open_image(path))
        self.gallery.open_image_requested.connect(self._on_open_image_requested)
        self.gallery.paste_requested.connect(self._on_paste_requested)
        self.images.problem_reported.connect(self.banner.show_message)
        # "Looking at …" must not outlive the answer that it cannot be looked at.
        self.images.problem_reported.connect(lambda _message: self.statusBar().clearMessage())
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
        self.progress.follow(self.bridge)

    def start_engine(self) -> None:
        """Start loading TensorFlow; call once the window is on screen.

        Python's garbage collector pauses until it has loaded (see
        ``EngineController.start_engine``).
        """
        self.engine_control.start_engine()

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
        if self.images.analyze(source, label) is None and self.images.current_model() is None:
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
        self.engine_control.refresh_summary()
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
        current = self.tabs.currentWidget()
        # Also from a text tab that shows nothing for this model: an image
        # dropped there left the person looking at "No gates to show".
        empty_text_tab = (current is self.gates_tab and self.gate_view.body.isHidden()) or \
            (current is self.attention_tab and self.attention_view.body.isHidden())
        if current is self.layer_table or empty_text_tab:
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

    # -- model requests (answered in the engine controller) --------------------
    def build_model(self, name: str, **overrides) -> None:
        """Build a library model on the engine (downloading weights if needed)."""
        self.engine_control.build_model(name, **overrides)

    def _on_open_requested(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a Keras model"), "",
            self.tr("Keras models (*.keras *.h5 *.hdf5);;All files (*)"))
        if path:
            self.open_model_file(path)

    def open_model_file(self, path: str, trust_sha256: str | None = None) -> None:
        """Load a model file on the engine (pre-scan first; may ask)."""
        self.engine_control.open_model_file(path, trust_sha256)

    def open_architecture(self, arch) -> bool:
        """Build a Builder architecture on the engine and make it the current model.

        Returns False (and says why) while a model trains.
        """
        return self.engine_control.open_architecture(arch)

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
        if self._shut_down:
            # Closed again (a test's fixture after pytest-qt's own close): the
            # engine is stopped and the parts may be deleted on the C++ side.
            super().closeEvent(event)
            return
        self._shut_down = True
        self.window_layout.save()
        self.statusBar().showMessage(self.tr("Stopping…"))
        self.training.stop()  # ends within one batch, so the join below is short
        self.runs.stop()
        self.engine.stop(timeout=60)
        # Events still queued for the GUI would ask a stopped engine for more.
        self.bridge.blockSignals(True)
        super().closeEvent(event)
