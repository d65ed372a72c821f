"""Start, pause, resume and stop training; route its events to the views.

Training is one long job on the engine thread. While it runs the engine
answers nothing else, so image requests go to the training control's
latest-wins probe slot instead: the live callback answers them between
batches (DESIGN.md, "How the parts talk", point 2).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.core.engine import fewer_full_collections
from dlviz.core.training.control import TrainingControl

STOP_LEVELS = {"finished": "info", "stopped": "info", "nan": "warning",
               "oom": "error", "error": "error"}
#: The live kinds the Training tab's plots draw (its views name no probe kind).
TRAINING_TAB_KINDS = ("gradient_norms", "dead_units", "weight_histograms",
                      "activation_histograms")


class TrainingController(QObject):
    """Owns the ``TrainingControl`` of the current run, if any."""

    state_changed = Signal(str)   # "idle", "running", "paused", "stopping"
    message_posted = Signal(str, str)  # text, level
    model_changed = Signal()      # weights or trainable flags changed: refresh tables

    def __init__(self, engine, workspace, bridge, panel, view, images, runs, parent=None):
        super().__init__(parent)
        self.engine, self.workspace = engine, workspace
        self.panel, self.view, self.images, self.runs = panel, view, images, runs
        self.results = images.results   # the window's one ResultViews
        self.results.add(*view.result_views())
        self.control: TrainingControl | None = None
        self.shown_kinds: tuple[str, ...] | None = None   # None: not known yet, all
        self.state = "idle"
        self._preview_dialog = None
        panel.start_requested.connect(self.start)
        panel.pause_requested.connect(self.pause)
        panel.resume_requested.connect(self.unpause)
        panel.stop_requested.connect(self.stop)
        panel.trainable_changed.connect(self._on_trainable_changed)
        panel.augment_preview_requested.connect(self._on_augment_preview_requested)
        images.filter_view.filter_layer_requested.connect(self._on_filter_layer_requested)
        images.maps_view.layer_selected.connect(self._on_maps_layer_selected)
        bridge.training_started.connect(view.on_training_started)
        bridge.batch_ended.connect(view.on_batch_ended)
        bridge.epoch_ended.connect(view.on_epoch_ended)
        bridge.live_frame_arrived.connect(self._on_live_frame)
        bridge.training_stopped.connect(self._on_training_stopped)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)

    @property
    def training(self) -> bool:
        return self.state in ("running", "paused", "stopping")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.panel.set_state(state)
        self.state_changed.emit(state)

    # -- requests ------------------------------------------------------------
    def start(self, config) -> None:
        if self.training:
            return
        if self.images.current_model() is None:
            self.message_posted.emit(self.tr("Pick or open a model first, then train it."),
                                     "warning")
            return
        self.control = control = self._new_control()
        ws, engine = self.workspace, self.engine

        def progress(done, total):
            engine.report_progress(done, total, self.tr("Downloading data:"))

        from dlviz.core.training.replay import new_run_dir

        run_dir = new_run_dir(self.images.current_model().title)
        self.view.reset()
        self.view.gradient_flow.prepare()   # while the engine compiles, before the first frames
        self._set_state("running")
        def train():
            with fewer_full_collections():   # rarer GIL-holding pauses while it trains
                return ws.train(config, emit=engine.emit, control=control, progress=progress,
                                run_dir=run_dir)

        self.engine.submit("train", train, label=self.tr("Training…"))
        self._watch_when_created(run_dir)

    def resume(self, run_dir) -> None:
        """Train on from a run's last checkpoint, recording into the same run."""
        if self.training:
            return
        self.runs.stop()
        self.control = control = self._new_control()
        ws, engine = self.workspace, self.engine
        self.view.reset()
        self.view.gradient_flow.prepare()
        self._set_state("running")
        def train():
            with fewer_full_collections():
                return ws.resume_run(run_dir, emit=engine.emit, control=control)

        self.engine.submit("train", train, label=self.tr("Resuming training…"))
        self._watch_when_created(run_dir)

    def _new_control(self) -> TrainingControl:
        """A run's control, watching the filters the Filters view shows."""
        control = TrainingControl()
        control.watch_layer(self.images.filter_view.layer_combo.currentText() or None)
        control.show_views(self.shown_kinds)
        control.show_maps_layer(self.images.maps_view.selected_layer())
        return control

    def tab_shown(self, tab) -> None:
        """``tab`` is the one on screen now: its live views refresh as often as the
        budget allows, the others' every few seconds (``TrainingControl.show_views``)."""
        from PySide6.QtWidgets import QWidget

        widgets = [tab, *tab.findChildren(QWidget)]
        kinds = {w.probe_kind for w in widgets if isinstance(getattr(w, "probe_kind", None), str)}
        if tab is self.view:
            kinds.update(TRAINING_TAB_KINDS)
        self.shown_kinds = tuple(sorted(kinds))
        if self.control is not None:
            self.control.show_views(self.shown_kinds)

    def _on_filter_layer_requested(self, path: str) -> None:
        # The engine is busy training: the live frames show the chosen layer.
        if self.control is not None:
            self.control.watch_layer(path or None)

    def _on_maps_layer_selected(self, path: str) -> None:
        # Live frames tile this layer's mosaic; the view tiles any other it is shown.
        if self.control is not None:
            self.control.show_maps_layer(path or None)

    def _watch_when_created(self, run_dir) -> None:
        # The engine creates the directory when training starts.
        from PySide6.QtCore import QTimer

        def attempt():
            if (run_dir / "run.json").exists():
                self.runs.watch(run_dir)
            elif self.training:
                QTimer.singleShot(300, attempt)

        QTimer.singleShot(300, attempt)

    def pause(self) -> None:
        if self.control and self.state == "running":
            self.control.pause()
            self._set_state("paused")

    def unpause(self) -> None:
        if self.control and self.state == "paused":
            self.control.resume()
            self._set_state("running")

    def stop(self) -> None:
        """Ask training to end after the current batch (also from closeEvent)."""
        if self.control and self.training:
            self.control.stop()
            self._set_state("stopping")

    def refuses_model_change(self) -> bool:
        """True while a model trains, and says so: it cannot be swapped meanwhile."""
        if self.training:
            self.message_posted.emit(self.tr("Stop training before opening another model "
                                             "(the model on screen is training)."), "warning")
        return self.training

    def probe_image(self, image, name: str) -> None:
        """During training: pin a new probe input, answered between batches."""
        if self.control is not None:
            self.control.request_probe(image, name)

    def pin_text(self, text: str) -> bool:
        """During training: pin the typed sentence; the live gates show it between batches.

        Returns:
            True when a run took it; False when nothing trains (the caller
            then asks the engine for the gates as usual).
        """
        if self.control is None or not self.training:
            return False
        self.control.request_text(text)
        return True

    # -- answers -------------------------------------------------------------
    def _on_live_frame(self, frame) -> None:
        self.results.show_frame(frame)

    def _on_training_stopped(self, event) -> None:
        self.view.on_training_stopped(event)  # the view says how it ended
        self.control = None
        self._set_state("idle")
        self.runs._on_poll()  # the last snapshots
        self.runs.stop()
        if event.reason in ("nan", "oom", "error"):  # worth a banner on any tab
            self.message_posted.emit(event.message, STOP_LEVELS[event.reason])
        self.model_changed.emit()

    def _on_job_finished(self, event) -> None:
        if event.kind == "model" and hasattr(event.result, "reads"):  # a ModelOpened
            opened = event.result
            # The data it can learn; a shipped model's own set first.
            self.panel.set_model(opened.reads, opened.task, getattr(opened, "data", None))
            # A sequence model's activations are not read live (they need an image).
            self.view.histograms.show_activations(
                not opened.offered.get("activation_histograms"))
        elif event.kind == "trainable":
            trainable, total = event.result
            self.panel.set_trainable_counts(trainable, total)
            self.model_changed.emit()
        elif event.kind == "augment_preview":
            from dlviz.app.dialogs.augment_preview_dialog import AugmentPreviewDialog

            if self._preview_dialog is None:
                self._preview_dialog = AugmentPreviewDialog(self.panel)
            grid, cfg = event.result
            self._preview_dialog.show_preview(grid, cfg)
            self._preview_dialog.show()

    def _on_job_failed(self, event) -> None:
        if event.kind == "train":  # refused before training started (data, download)
            self.control = None
            self._set_state("idle")
            self.message_posted.emit(event.message, "error")
        elif event.kind in ("trainable", "augment_preview"):
            self.message_posted.emit(event.message, "error")

    def _on_trainable_changed(self, freeze_first: int, freeze_backbone: bool) -> None:
        if self.training or self.images.current_model() is None:
            return
        ws = self.workspace
        self.engine.submit("trainable", lambda: ws.trainable_counts(freeze_first, freeze_backbone),
                           slot="trainable")

    def _on_augment_preview_requested(self, cfg) -> None:
        if self.training:
            self.message_posted.emit(self.tr("The preview is available when training is not running."),
                                     "info")
            return
        ws = self.workspace
        self.engine.submit("augment_preview", lambda: (ws.augment_preview(cfg), cfg),
                           slot="augment_preview")
