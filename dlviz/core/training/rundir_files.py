"""The run directory's layout and its crash-safe file primitives.

    RUN/run.json                   settings, model source, class names (atomic JSON)
    RUN/history.jsonl              one event per line, appended and fsynced
    RUN/snapshots/step_*.npz       live-probe frames (atomic)
    RUN/checkpoints/epoch_*.keras  the model after each epoch (atomic)
    RUN/checkpoints/latest.json    which checkpoint is newest (atomic JSON)
    RUN/tensorboard/               scalars as TensorBoard event files (optional)

Every whole file is written to a temporary name beside its target and
swapped in with ``os.replace``, so a reader sees the old file or the new
one, never half of one. The history is the one file that grows in place: a
killed writer may leave a torn last line, which readers skip.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
from pathlib import Path

import numpy as np

from dlviz.core.atomic_files import fsync_folder

RUN_FILE = "run.json"
HISTORY_FILE = "history.jsonl"
SNAPSHOTS = "snapshots"
CHECKPOINTS = "checkpoints"
LATEST_FILE = "latest.json"
TENSORBOARD = "tensorboard"
SNAPSHOT_PREFIX = "step_"
CHECKPOINT_PREFIX = "epoch_"


class RunDirError(Exception):
    """A run directory that cannot be opened or resumed; ``str(e)`` says why."""

    user_message = True


def snapshot_name(global_step: int) -> str:
    return f"{SNAPSHOT_PREFIX}{int(global_step):09d}.npz"


def checkpoint_name(epochs_done: int) -> str:
    return f"{CHECKPOINT_PREFIX}{int(epochs_done):04d}.keras"


def step_of(path: Path) -> int | None:
    """The global step in a snapshot's file name, or None for other files."""
    name = path.name
    if not (name.startswith(SNAPSHOT_PREFIX) and name.endswith(".npz")):
        return None
    digits = name[len(SNAPSHOT_PREFIX):-len(".npz")]
    return int(digits) if digits.isdigit() else None


def plain(value):
    """``value`` with NumPy scalars and arrays turned into JSON types."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan", "inf": strict JSON has no NaN
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def json_line(record: dict) -> bytes:
    return (json.dumps(plain(record), separators=(",", ":"), allow_nan=False) + "\n").encode()


def temp_beside(path: Path) -> Path:
    # A leading dot and the random part keep temporaries out of every glob
    # readers use (step_*.npz, epoch_*.keras).
    return path.with_name(f".{path.stem}.writing-{secrets.token_hex(4)}{path.suffix}")


def write_atomic(path: Path, write) -> Path:
    """Call ``write(file)`` on a temporary file, fsync it, swap it in."""
    path = Path(path)
    tmp = temp_beside(path)
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)
    return path


def write_json_atomic(path: Path, data: dict) -> Path:
    text = json.dumps(plain(data), indent=2, allow_nan=False) + "\n"
    return write_atomic(path, lambda f: f.write(text.encode()))


def read_json(path: Path) -> dict | None:
    """A JSON file's object, or None when it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def parse_lines(data: bytes) -> list[dict]:
    """The records of complete JSON lines; torn or garbled lines are skipped."""
    records = []
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line torn by a killed writer
        if isinstance(record, dict) and "event" in record:
            records.append(record)
    return records

