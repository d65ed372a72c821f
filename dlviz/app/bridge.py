"""Engine events -> Qt signals, delivered on the GUI thread.

The engine calls ``_on_engine_event`` on its own thread. That emits one
private signal, queued to a real slot of this object (which lives in the GUI
thread); the slot then emits the public, past-tense signals directly. So the
only queued cross-thread call targets the bridge itself, never a lambda or
another Python callable: PySide6 can deliver a queued call to a Python
callable that was disconnected and freed meanwhile, and crash. Only frozen
dataclasses travel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from dlviz.core.engine import Engine
from dlviz.core.training.events import (
    BatchEnded,
    EngineFailed,
    EngineReady,
    EpochEnded,
    JobDropped,
    JobFailed,
    JobFinished,
    JobProgress,
    JobStarted,
    LiveFrame,
    TrainingStarted,
    TrainingStopped,
)


class EngineBridge(QObject):
    """Re-emits each engine event as a past-tense Qt signal."""

    engine_ready = Signal(object)   # EngineReady
    engine_failed = Signal(object)  # EngineFailed
    job_started = Signal(object)    # JobStarted
    job_finished = Signal(object)   # JobFinished
    job_failed = Signal(object)     # JobFailed
    job_dropped = Signal(object)    # JobDropped
    job_progressed = Signal(object)  # JobProgress
    training_started = Signal(object)  # TrainingStarted
    batch_ended = Signal(object)       # BatchEnded
    epoch_ended = Signal(object)       # EpochEnded
    live_frame_arrived = Signal(object)  # LiveFrame
    training_stopped = Signal(object)  # TrainingStopped

    _SIGNAL_FOR = {
        EngineReady: "engine_ready",
        EngineFailed: "engine_failed",
        JobStarted: "job_started",
        JobFinished: "job_finished",
        JobFailed: "job_failed",
        JobDropped: "job_dropped",
        JobProgress: "job_progressed",
        TrainingStarted: "training_started",
        BatchEnded: "batch_ended",
        EpochEnded: "epoch_ended",
        LiveFrame: "live_frame_arrived",
        TrainingStopped: "training_stopped",
    }

    _relayed = Signal(object)  # engine thread -> GUI thread, queued

    def __init__(self, engine: Engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self._relayed.connect(self._on_relayed, Qt.ConnectionType.QueuedConnection)
        engine.add_listener(self._on_engine_event)

    def _on_engine_event(self, event) -> None:
        """Engine thread: hand the event to the GUI thread."""
        if type(event) in self._SIGNAL_FOR:
            self._relayed.emit(event)

    @Slot(object)
    def _on_relayed(self, event) -> None:
        """GUI thread: emit the public signal (direct calls from here on)."""
        getattr(self, self._SIGNAL_FOR[type(event)]).emit(event)
