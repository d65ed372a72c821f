"""Engine events -> Qt signals, delivered on the GUI thread.

The engine calls ``_on_engine_event`` on its own thread. That puts the event
in a queue and, unless a wake-up is already on its way, emits one private
signal, queued to a real slot of this object (which lives in the GUI
thread); the slot takes every event waiting and emits the public,
past-tense signals directly, in the order they were sent. So a burst of
events (a batch or two and a live frame) crosses threads as one queued call,
not one each, and none is lost or reordered. The only queued cross-thread
call targets the bridge itself, never a lambda or another Python callable:
PySide6 can deliver a queued call to a Python callable that was disconnected
and freed meanwhile, and crash. Only frozen dataclasses travel.
"""

from __future__ import annotations

import threading
from collections import deque

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

    _woken = Signal()  # engine thread -> GUI thread, queued: events are waiting

    def __init__(self, engine: Engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self._waiting: deque = deque()
        self._lock = threading.Lock()
        self._wake_pending = False   # a wake-up is queued and has not run yet
        #: How many queued calls crossed to the GUI thread (each carried >= 1 event).
        self.wake_count = 0
        self._woken.connect(self._on_woken, Qt.ConnectionType.QueuedConnection)
        engine.add_listener(self._on_engine_event)

    def _on_engine_event(self, event) -> None:
        """Engine thread: queue the event; wake the GUI thread unless already woken."""
        if type(event) not in self._SIGNAL_FOR:
            return
        with self._lock:
            self._waiting.append(event)
            if self._wake_pending:
                return   # the queued wake-up will take this one too
            self._wake_pending = True
        self._woken.emit()

    @Slot()
    def _on_woken(self) -> None:
        """GUI thread: emit every waiting event's public signal, oldest first."""
        with self._lock:
            events = list(self._waiting)
            self._waiting.clear()
            self._wake_pending = False
        self.wake_count += 1
        for event in events:
            self._on_relayed(event)

    def _on_relayed(self, event) -> None:
        """GUI thread: emit the public signal of one event (direct calls from here on)."""
        getattr(self, self._SIGNAL_FOR[type(event)]).emit(event)
