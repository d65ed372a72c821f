"""Frozen dataclasses the engine sends to whoever listens.

Only these events, NumPy arrays and other frozen dataclasses cross from the
engine thread to the GUI thread; ``app/bridge.py`` turns each into a Qt
signal. Nothing here imports Keras or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EngineEvent:
    """Base class of everything the engine reports."""


@dataclass(frozen=True)
class EngineReady(EngineEvent):
    """TensorFlow and Keras are loaded; training will run on ``device``."""

    device: str
    tensorflow_version: str
    keras_version: str
    load_seconds: float


@dataclass(frozen=True)
class EngineFailed(EngineEvent):
    """TensorFlow could not be loaded; the app stays open but cannot compute."""

    message: str


@dataclass(frozen=True)
class JobStarted(EngineEvent):
    job_id: int
    kind: str
    label: str


@dataclass(frozen=True)
class JobProgress(EngineEvent):
    """A long job (a download, a big build) says how far it has got."""

    job_id: int
    kind: str
    done: float
    total: float       # 0 when unknown
    text: str


@dataclass(frozen=True)
class JobFinished(EngineEvent):
    """A job returned; ``result`` holds arrays and dataclasses only."""

    job_id: int
    kind: str
    result: Any
    seconds: float


@dataclass(frozen=True)
class JobFailed(EngineEvent):
    """A job raised; ``message`` is meant for the person at the window."""

    job_id: int
    kind: str
    message: str
    error_type: str


@dataclass(frozen=True)
class JobDropped(EngineEvent):
    """A job was replaced by a newer one in its slot (latest wins).

    ``reason`` is "replaced" when it never ran, "superseded" when it ran but
    a newer request arrived meanwhile, so its result would be stale.
    """

    job_id: int
    kind: str
    reason: str
