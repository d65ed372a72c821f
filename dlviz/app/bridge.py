"""Engine events -> Qt signals, delivered on the GUI thread.

The engine calls ``_on_engine_event`` on its own thread. Emitting a signal
of a QObject that lives in the GUI thread from another thread makes Qt queue
the call for the receivers (AutoConnection), so every slot connected here
runs on the GUI thread. Only frozen dataclasses travel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.core.engine import Engine
from dlviz.core.training.events import (
    EngineFailed,
    EngineReady,
    JobDropped,
    JobFailed,
    JobFinished,
    JobProgress,
    JobStarted,
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

    _SIGNAL_FOR = {
        EngineReady: "engine_ready",
        EngineFailed: "engine_failed",
        JobStarted: "job_started",
        JobFinished: "job_finished",
        JobFailed: "job_failed",
        JobDropped: "job_dropped",
        JobProgress: "job_progressed",
    }

    def __init__(self, engine: Engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        engine.add_listener(self._on_engine_event)

    def _on_engine_event(self, event) -> None:
        name = self._SIGNAL_FOR.get(type(event))
        if name is not None:
            getattr(self, name).emit(event)
