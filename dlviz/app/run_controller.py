"""Run directories in the window: the replay scrubber, opening and following runs.

A run directory is how training outlives the process (DESIGN.md point 6).
The app records its own runs into one, so the scrubber can replay stored
snapshots during and after training; it also opens a finished run, or
follows one that another process (a headless ``dlviz train``) is still
writing, by polling the files every half second — cheap reads of appended
bytes, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from dlviz.core.training.replay import event_from_record

POLL_MS = 500


class RunController(QObject):
    """Keeps the training view's scrubber in step with one run directory."""

    run_opened = Signal(str)      # run directory
    message_posted = Signal(str, str)  # text, level

    def __init__(self, view, images, parent=None):
        super().__init__(parent)
        self.view, self.images = view, images
        self.results = images.results   # the window's one ResultViews
        # While a replayed snapshot is on screen, live frames do not cover it.
        self.results.following = lambda: view.scrubber.live
        self.run_dir: Path | None = None
        self.reader = None
        self._follower = None
        self._steps: dict[int, Path] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)
        view.snapshot_requested.connect(self._on_snapshot_requested)

    # -- live runs (the app's own training) -----------------------------------
    def watch(self, run_dir) -> None:
        """Follow the snapshots of a run this app is writing (events come live)."""
        self._start(run_dir, replay_history=False)

    # -- runs from disk --------------------------------------------------------
    def open_run(self, run_dir) -> bool:
        """Show a run from disk; keeps following it while it is still written."""
        from dlviz.core.training.rundir import RunDirError

        try:
            self._start(run_dir, replay_history=True)
        except (RunDirError, OSError) as exc:
            self.message_posted.emit(
                self.tr("Cannot open the run {0}: {1}").format(Path(run_dir).name, exc), "error")
            return False
        self.run_opened.emit(str(run_dir))
        return True

    def _start(self, run_dir, *, replay_history: bool) -> None:
        from dlviz.core.training.rundir import RunReader

        self.stop()
        reader = RunReader(run_dir)
        self.run_dir, self.reader = Path(run_dir), reader
        self._follower = reader.follow() if replay_history else None
        if replay_history:
            self.view.reset()
            self._replay(self._follower.poll())
        self._update_snapshots()
        if not replay_history or not self._follower.is_finished():
            self._timer.start()

    def stop(self) -> None:
        """Stop following (the run stays shown)."""
        self._timer.stop()

    @property
    def following(self) -> bool:
        return self._timer.isActive()

    def _replay(self, records) -> None:
        handlers = {"TrainingStarted": self.view.on_training_started,
                    "BatchEnded": self.view.on_batch_ended,
                    "EpochEnded": self.view.on_epoch_ended,
                    "TrainingStopped": self.view.on_training_stopped}
        for record in records:
            event = event_from_record(record)
            if event is not None:
                handlers[type(event).__name__](event)

    def _on_poll(self) -> None:
        if self._follower is not None:
            self._replay(self._follower.poll())
            if self._follower.is_finished():
                self._timer.stop()
        self._update_snapshots()

    def _update_snapshots(self) -> None:
        if self.reader is None:
            return
        steps = dict(self.reader.snapshots())
        if steps.keys() != self._steps.keys():
            self._steps = steps
            self.view.set_snapshots(sorted(steps))

    def _on_snapshot_requested(self, step: int) -> None:
        from dlviz.core.training.rundir import RunDirError

        path = self._steps.get(step)
        if path is None or self.reader is None:
            return
        try:
            frame = self.reader.load_snapshot(path)
        except (RunDirError, OSError, ValueError) as exc:  # thinned away meanwhile
            self.message_posted.emit(self.tr("That snapshot is gone ({0}).").format(exc), "warning")
            return
        self.results.show_frame(frame, live=False)
