"""History records of a run directory back into the events that made them.

The training view draws events; a run opened from disk (finished, or still
being written by a headless ``dlviz train``) is drawn by replaying its
``history.jsonl`` through the same handlers.
"""

from __future__ import annotations

from dataclasses import fields

from dlviz.core.training.events import BatchEnded, EpochEnded, TrainingStarted, TrainingStopped

_TYPES = {cls.__name__: cls for cls in (TrainingStarted, BatchEnded, EpochEnded, TrainingStopped)}


def event_from_record(record: dict):
    """The event a history record stands for, or None for unknown records."""
    cls = _TYPES.get(record.get("event"))
    if cls is None:
        return None
    values = {}
    for f in fields(cls):
        if f.name in record:
            value = record[f.name]
            values[f.name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**values)
    except TypeError:  # a record from another dlviz version missing a field
        return None


def open_run_model(workspace, run_dir):
    """Make a run's latest checkpoint the workspace's model (an engine job).

    Sent before resuming the run, so the window's title, filter layers and
    Grad-CAM layers are those of the model that trains on.

    Returns:
        ``ModelOpened`` titled after the run's model, or ``NeedsConsent``.

    Raises:
        RunDirError: not a run directory, or no checkpoint saved yet.
    """
    from dataclasses import replace
    from pathlib import Path

    from dlviz.core.training.rundir import RunDirError, RunReader

    reader = RunReader(run_dir)
    checkpoint = reader.latest_checkpoint()
    if checkpoint is None:
        raise RunDirError(f"{reader.run_dir} has no checkpoint to resume from yet "
                          "(one is saved after each epoch)")
    opened = workspace.open_model_file(checkpoint)
    if not hasattr(opened, "title"):
        return opened  # NeedsConsent: the window asks first
    from dlviz.core.data.text_sets import read_run_vocabulary

    # A text run's checkpoints mean its vocabulary's ids: typed sentences use it.
    workspace.vocabulary = read_run_vocabulary(reader.run_dir) or workspace.vocabulary
    name = Path(reader.model_source).name or "model"
    return replace(opened, title=f"{name} (run {reader.run_dir.name}, "
                                 f"{reader.epochs_done()} epochs)")


def default_runs_dir():
    """Where the app records its runs: $DLVIZ_RUNS_DIR, else ~/.dlviz/runs."""
    import os
    from pathlib import Path

    return Path(os.environ.get("DLVIZ_RUNS_DIR") or Path.home() / ".dlviz" / "runs")


def new_run_dir(model_name: str):
    """A fresh, uniquely named run directory under ``default_runs_dir()``."""
    import re
    import time

    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", model_name).strip("-") or "model"
    base = default_runs_dir() / f"{time.strftime('%Y%m%d-%H%M%S')}-{safe}"
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path
