"""The main window: docks and wiring only.

Work happens in the engine (``dlviz.core``); views draw what it returns.
Model requests go through the "model" slot, so clicking through several
models quickly builds only the last one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from dlviz.app.bridge import EngineBridge
from dlviz.app.dialogs.unsafe_model_dialog import ask_to_load_unsafely
from dlviz.app.font_zoom import add_view_menu
from dlviz.app.panels.model_library import ModelLibraryPanel
from dlviz.app.views.layer_table import LayerTableView
from dlviz.app.views.message_banner import MessageBanner
from dlviz.core.engine import Engine
from dlviz.core.workspace import ModelOpened, NeedsConsent, Workspace
from dlviz.core.zoo.registry import REGISTRY

MODEL_FILE_FILTER = "Keras models (*.keras *.h5 *.hdf5);;All files (*)"
MODEL_SUFFIXES = {".keras", ".h5", ".hdf5"}


class MainWindow(QMainWindow):
    """Model library on the left, the chosen model's layers in the centre."""

    def __init__(self, engine: Engine | None = None,
                 ask_unsafe: Callable[[QWidget, str, object], bool] = ask_to_load_unsafely):
        super().__init__()
        self.setWindowTitle("dlviz — see inside deep-learning models")
        self.resize(1100, 720)
        self.setAcceptDrops(True)
        self.engine = engine or Engine()
        self.workspace = Workspace()  # touched only by engine jobs
        self.bridge = EngineBridge(self.engine, self)
        self._ask_unsafe = ask_unsafe
        self._model_job: int | None = None
        self._current_source: str | None = None

        self.library = ModelLibraryPanel()
        dock = QDockWidget("Model library", self)
        dock.setObjectName("model_library_dock")
        dock.setWidget(self.library)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        self.banner = MessageBanner()
        self.layer_table = LayerTableView()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.layer_table, 1)
        self.setCentralWidget(central)

        self.engine_status = QLabel("Loading TensorFlow…")
        self.engine_status.setObjectName("engine_status")
        self.statusBar().addPermanentWidget(self.engine_status)
        self._build_menus()
        self._connect()

    # -- setup ---------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open model…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._on_open_requested)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.font_zoom = add_view_menu(self)

    def _connect(self) -> None:
        self.library.model_chosen.connect(self._on_model_chosen)
        self.library.open_file_requested.connect(self._on_open_requested)
        self.bridge.engine_ready.connect(self._on_engine_ready)
        self.bridge.engine_failed.connect(self._on_engine_failed)
        self.bridge.job_finished.connect(self._on_job_finished)
        self.bridge.job_failed.connect(self._on_job_failed)

    def start_engine(self) -> None:
        """Start loading TensorFlow; call once the window is on screen."""
        self.engine.start()

    # -- requests ------------------------------------------------------------
    def _on_model_chosen(self, name: str) -> None:
        if name == self._current_source:
            return  # a double-click arrives as click + activate
        self._current_source = name
        title = REGISTRY[name].title
        self._submit_model_job(
            lambda: self.workspace.build_zoo_model(name), f"Building {title}…")

    def _on_open_requested(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Keras model", "", MODEL_FILE_FILTER)
        if path:
            self.open_model_file(path)

    def open_model_file(self, path: str, trust_sha256: str | None = None) -> None:
        """Load a model file on the engine (pre-scan first; may ask)."""
        self._current_source = path
        self._submit_model_job(
            lambda: self.workspace.open_model_file(path, trust_sha256),
            f"Opening {Path(path).name}…")

    def _submit_model_job(self, fn, busy_text: str) -> None:
        self.layer_table.show_busy(busy_text)
        self.statusBar().showMessage(busy_text)
        self._model_job = self.engine.submit("model", fn, slot="model", label=busy_text)

    # -- engine answers ------------------------------------------------------
    def _on_engine_ready(self, event) -> None:
        self.engine_status.setText(
            f"Ready · training on {event.device} · TensorFlow {event.tensorflow_version}"
            f" · Keras {event.keras_version}")

    def _on_engine_failed(self, event) -> None:
        self.engine_status.setText("TensorFlow failed to load")
        self.banner.show_message(f"TensorFlow could not be loaded: {event.message}")

    def _on_job_finished(self, event) -> None:
        if event.kind != "model" or event.job_id != self._model_job:
            return
        result = event.result
        if isinstance(result, NeedsConsent):
            self._ask_consent(result)
        elif isinstance(result, ModelOpened):
            self.banner.hide()
            self.layer_table.show_summary(result.title, result.summary, result.notes)
            self.statusBar().showMessage(
                f"{result.title}: {result.summary.total_params:,} parameters", 5000)

    def _ask_consent(self, needs: NeedsConsent) -> None:
        name = Path(needs.path).name
        if self._ask_unsafe(self, name, needs.report):
            self.open_model_file(needs.path, trust_sha256=needs.report.sha256)
        else:
            self._current_source = None
            self.layer_table.show_busy("")
            self.banner.show_message(
                f"{name} was not loaded: it needs unsafe loading and you declined.",
                "warning")

    def _on_job_failed(self, event) -> None:
        if event.kind != "model":
            return
        self._current_source = None  # let the person retry the same choice
        self.layer_table.show_busy("")
        self.statusBar().clearMessage()
        self.banner.show_message(event.message)

    # -- drag and drop of model files --------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if len(paths) != 1:
            self.banner.show_message("Drop one file at a time.", "warning")
            return
        if Path(paths[0]).suffix.lower() not in MODEL_SUFFIXES:
            self.banner.show_message(
                f"{Path(paths[0]).name} is not a model file: dlviz opens .keras and .h5 "
                "models here (dropping images comes with the image view).", "warning")
            return
        event.acceptProposedAction()
        self.open_model_file(paths[0])

    # -- shutdown ------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.statusBar().showMessage("Stopping…")
        self.engine.stop(timeout=30)
        super().closeEvent(event)
