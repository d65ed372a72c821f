"""Frozen dataclasses the engine sends to whoever listens.

Only these events, NumPy arrays and other frozen dataclasses cross from the
engine thread to the GUI thread; ``app/bridge.py`` turns each into a Qt
signal. Nothing here imports Keras or Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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


# -- training ----------------------------------------------------------------
# Sent while a model trains, between batches, from the engine thread.


@dataclass(frozen=True)
class TrainingStarted(EngineEvent):
    epochs: int
    steps_per_epoch: int
    samples: int                 # training samples (after the validation split)
    device: str                  # "CPU", "GPU: NVIDIA ...", "2 devices (MirroredStrategy)"
    trainable_params: int
    notes: tuple[str, ...] = ()  # e.g. "mixed precision is GPU-only; training in float32"


@dataclass(frozen=True)
class BatchEnded(EngineEvent):
    epoch: int                   # 0-based
    step: int                    # 0-based, within the epoch
    global_step: int             # 0-based, over the whole run
    loss: float
    metrics: dict                # e.g. {"accuracy": 0.81}
    samples_per_s: float
    eta_s: float                 # estimated seconds to the end of the run


@dataclass(frozen=True)
class EpochEnded(EngineEvent):
    epoch: int
    logs: dict                   # loss, accuracy, val_loss, val_accuracy, ...
    seconds: float


@dataclass(frozen=True, eq=False)
class LiveFrame(EngineEvent):
    """What the live views show, computed between batches within the budget.

    ``results`` maps a probe kind's name (``core/probes/registry.py``, e.g.
    "feature_maps", "gradient_norms") to its result; a kind that was not
    due this time is absent. A new kind needs no change here.
    """

    global_step: int
    epoch: int
    results: Mapping[str, Any] = field(default_factory=dict)
    probe_seconds: float = 0.0   # what computing this frame cost
    probe_share: float = 0.0     # probe time / training time so far


@dataclass(frozen=True)
class TrainingStopped(EngineEvent):
    """Training ended; ``reason`` says how.

    reason: "finished", "stopped" (by the person), "nan" (loss not finite),
    "oom" (out of memory), "error" (anything else; ``message`` says what).
    """

    reason: str
    message: str
    epochs_done: int
    restored_weights: bool = False   # True when the last good weights were put back
    final_logs: dict = None
