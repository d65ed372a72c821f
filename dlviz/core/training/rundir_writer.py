"""``RunWriter``: records a training run into a run directory as it happens.

It listens to the session's events (``writer(event)``) and saves a
checkpoint after each epoch (``writer.checkpoint`` is an ``on_epoch_end``
hook). See ``rundir_files`` for the layout and the crash-safety rules.

Example:
    >>> writer = RunWriter("runs/lenet", config=config, model_source="lenet5")  # doctest: +SKIP
    >>> TrainingSession(model, data, config, emit=writer,           # doctest: +SKIP
    ...                 on_epoch_end=[writer.checkpoint]).run()
    >>> writer.close()                                               # doctest: +SKIP
"""

from __future__ import annotations

import math
import os
import time
from time import monotonic
from dataclasses import fields, replace
from pathlib import Path

import numpy as np

from dlviz.core.training.checkpoint_copy import CheckpointCopier
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.disk_worker import DiskWorker
from dlviz.core.training.events import (
    BatchEnded,
    EpochEnded,
    LiveFrame,
    TrainingStarted,
    TrainingStopped,
)
from dlviz.core.training.rundir_files import (
    CHECKPOINTS,
    HISTORY_FILE,
    LATEST_FILE,
    RUN_FILE,
    SNAPSHOTS,
    TENSORBOARD,
    checkpoint_name,
    json_line,
    read_json,
    snapshot_name,
    step_of,
    write_atomic,
    write_json_atomic,
)
from dlviz.core.training.rundir_snapshot import encode_frame
from dlviz.core.training.rundir_tensorboard import ScalarWriter, tensorboard_available

#: History lines per second of batches at most; epoch ends are always written.
BATCH_LINES_PER_S = 10.0
#: Seconds between forcing batch lines to disk. Each line is flushed at once (a
#: follower reads it), but an fsync costs ~5 ms (hundreds on a busy disk), so it
#: runs on the writer's disk thread (``DiskWorker``), not between two training
#: batches. Other records (start, epochs, end) are always forced to disk at
#: once. Every 2 s: a power cut loses at most 2 s of batch lines (a crash of
#: dlviz itself loses none).
SYNC_SECONDS = 2.0
#: Seconds between TensorBoard batch scalars (epoch scalars are always written).
#: Each write costs ~4 ms of TensorFlow calls: ten a second took 4 % of training
#: time, more than the whole live budget.
TENSORBOARD_BATCH_SECONDS = 5.0
#: Seconds between snapshot files in a run the app records. Writing one (encoding,
#: ~250 KB of float16 maps for vgg16-mini, two fsyncs) takes ~10 ms (700 ms seen on
#: a busy disk), on the writer's disk thread; one per live frame (4 a second)
#: would still fill the disk. The frames in between are merged into the next file.
SNAPSHOT_SECONDS = 5.0


class RunWriter:
    """Write one run's settings, history, snapshots and checkpoints.

    Args:
        run_dir: the folder (made if missing). A folder that already holds a
            run is continued: its history is appended to (``resume_from``).
        config: the run's settings, stored in ``run.json``.
        model_source: a zoo name or the model file the run started from.
        class_names: names of the classes, when known.
        preprocessing: how images are scaled for the model ("unit", ...).
        keep_snapshots: most snapshot files kept; older ones are thinned so
            the kept ones stay evenly spread over the run.
        keep_checkpoints: most epoch checkpoints kept (None: all).
        tensorboard: None writes TensorBoard scalars when the package is
            installed; False never does.
        snapshot_seconds: least seconds between snapshot files; the live
            frames in between are merged (the newest result of each kind,
            stored under the newest frame's step) and written when the time
            is up (on a thread of the writer's: training does not wait for
            the disk), and when training stops. 0: one file per frame,
            written at once.
    """

    def __init__(self, run_dir, *, config: TrainingConfig, model_source: str,
                 class_names=None, preprocessing: str = "unit", keep_snapshots: int = 200,
                 keep_checkpoints: int | None = None, tensorboard: bool | None = None,
                 snapshot_seconds: float = 0.0):
        self.run_dir = Path(run_dir)
        self.snapshot_seconds = float(snapshot_seconds)
        self._pending: LiveFrame | None = None    # frames merged, not yet written
        self._disk = DiskWorker()    # fsyncs of batch lines, merged snapshots, checkpoints
        self._copier = CheckpointCopier()
        self._copier.prepare()   # ~0.1 s now rather than a stall at the first epoch's end
        self._last_snapshot = -math.inf
        self.keep_snapshots = max(2, int(keep_snapshots))
        self.keep_checkpoints = keep_checkpoints
        for folder in (self.run_dir, self.run_dir / SNAPSHOTS, self.run_dir / CHECKPOINTS):
            folder.mkdir(parents=True, exist_ok=True)
        self._steps_per_epoch = 0
        self._last_batch_line = -math.inf
        self._last_batch_scalars = -math.inf
        self._snapshots = sorted(
            step for step in map(step_of, (self.run_dir / SNAPSHOTS).iterdir()) if step is not None)
        self._info = self._start_info(config, model_source, class_names, preprocessing)
        self._scalars = None
        if tensorboard is not False and tensorboard_available():
            self._scalars = ScalarWriter(self.run_dir / TENSORBOARD)
            self._info["tensorboard"] = f"scalars in {TENSORBOARD}/"
        else:
            self._info["tensorboard"] = ("skipped: the tensorboard package is not installed"
                                         if tensorboard is not False else "off")
        write_json_atomic(self.run_dir / RUN_FILE, self._info)
        self._history = open(self.run_dir / HISTORY_FILE, "ab")
        self._last_sync = -math.inf
        if self._history.tell() > 0 and not _ends_with_newline(self.run_dir / HISTORY_FILE):
            self._append(b"\n")  # a killed writer's torn line stays apart from ours

    # -- events ----------------------------------------------------------------

    def __call__(self, event) -> None:
        """Record one engine event; other event types are ignored."""
        if isinstance(event, LiveFrame):
            self._on_frame(event)
        elif isinstance(event, BatchEnded):
            self._on_batch(event)
        elif isinstance(event, (TrainingStarted, EpochEnded, TrainingStopped)):
            self._record(event)
            if isinstance(event, TrainingStarted):
                self._steps_per_epoch = event.steps_per_epoch
            elif isinstance(event, EpochEnded) and self._scalars:
                self._scalars.epoch(event.epoch, event.logs)
            elif isinstance(event, TrainingStopped):
                self.flush_snapshot()
                self._on_stopped(event)

    def _on_frame(self, frame: LiveFrame) -> None:
        if self.snapshot_seconds <= 0:
            self.write_snapshot(frame)
            return
        if self._pending is not None:   # what this frame did not compute stays shown
            frame = replace(frame, results={**self._pending.results, **frame.results},
                            probe_seconds=self._pending.probe_seconds + frame.probe_seconds)
        self._pending = frame
        if monotonic() - self._last_snapshot >= self.snapshot_seconds:
            pending, self._pending = self._pending, None
            self._last_snapshot = monotonic()
            self._disk.submit(lambda: self.write_snapshot(pending))

    def wait(self) -> None:
        """Return when the snapshots, checkpoints and fsyncs queued so far are
        done (raises what failed among them, e.g. a full disk)."""
        self._disk.wait()

    def flush_snapshot(self) -> Path | None:
        """Write the merged frames not yet stored (None when there are none), and
        wait for the snapshots being written meanwhile."""
        self._disk.wait()
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        self._last_snapshot = monotonic()
        return self.write_snapshot(pending)

    def _on_batch(self, event: BatchEnded) -> None:
        now = monotonic()
        last_step = self._steps_per_epoch and event.step == self._steps_per_epoch - 1
        if event.step == 0 or last_step or now - self._last_batch_line >= 1 / BATCH_LINES_PER_S:
            self._last_batch_line = now
            sync = bool(last_step) or now - self._last_sync >= SYNC_SECONDS
            if sync:
                self._last_sync = now
            self._record(event, sync=sync, background=True)
            if self._scalars and now - self._last_batch_scalars >= TENSORBOARD_BATCH_SECONDS:
                self._last_batch_scalars = now
                self._scalars.batch(event.global_step, event.loss, event.metrics)

    def _on_stopped(self, event: TrainingStopped) -> None:
        self._info["stopped"] = {"reason": event.reason, "message": event.message,
                                 "epochs_done": event.epochs_done, "time": time.time()}
        write_json_atomic(self.run_dir / RUN_FILE, self._info)
        if self._scalars:
            self._scalars.flush()

    def _record(self, event, sync: bool = True, background: bool = False) -> None:
        record = {"event": type(event).__name__, "time": time.time()}
        record.update((f.name, getattr(event, f.name)) for f in fields(event))
        self._append(json_line(record), sync, background)

    def _append(self, data: bytes, sync: bool = True, background: bool = False) -> None:
        self._history.write(data)
        self._history.flush()        # a follower reads the line now
        if sync and background:
            fileno = self._history.fileno()
            self._disk.submit(lambda: os.fsync(fileno))
        elif sync:
            os.fsync(self._history.fileno())

    # -- snapshots ---------------------------------------------------------------

    def write_snapshot(self, frame: LiveFrame) -> Path:
        """Store ``frame`` as ``snapshots/step_<global step>.npz`` (atomically)."""
        arrays = encode_frame(frame)
        path = self.run_dir / SNAPSHOTS / snapshot_name(frame.global_step)
        write_atomic(path, lambda f: np.savez(f, **arrays))
        if frame.global_step not in self._snapshots:
            self._snapshots.append(frame.global_step)
            self._snapshots.sort()
        while len(self._snapshots) > self.keep_snapshots:
            step = self._snapshots.pop(_most_crowded(self._snapshots))
            (self.run_dir / SNAPSHOTS / snapshot_name(step)).unlink(missing_ok=True)
        return path

    # -- checkpoints -------------------------------------------------------------

    def checkpoint(self, model, epoch: int, logs: dict | None = None) -> Path | None:
        """Save ``model`` after 0-based ``epoch`` (an ``on_epoch_end`` hook).

        The model's values are copied here, on the engine thread, and the file
        is written on the writer's disk thread (``checkpoint_copy``): Keras's
        own save, 100-250 ms of Python, stalled the GUI at every epoch. The
        file appears, then ``latest.json`` names it; ``wait``, ``close`` and
        the end of training wait for both, and a failed save is raised by the
        next call that talks to the disk thread. Models the copy cannot take
        (assets, very large state) are saved here as before.

        Returns:
            The file (written soon after, when copied), or None when the loss
            is not finite (the weights are broken, so the last good checkpoint
            stays the latest).
        """
        from dlviz.core.modelio import save_model

        logs = dict(logs or {})
        if not all(_finite(v) for v in logs.values()):
            return None
        epochs_done = int(epoch) + 1
        path = self.run_dir / CHECKPOINTS / checkpoint_name(epochs_done)
        copy = self._copier.copy(model)
        if copy is None:
            self._disk.wait()    # earlier checkpoints first: latest.json only moves forward
            self._finish_checkpoint(save_model(model, path), epochs_done, logs)
        else:
            self._disk.submit(lambda: self._finish_checkpoint(copy.save(path), epochs_done, logs))
        return path

    def _finish_checkpoint(self, path: Path, epochs_done: int, logs: dict) -> None:
        """After the checkpoint file is complete: name it in latest.json, thin old ones."""
        folder = path.parent
        write_json_atomic(folder / LATEST_FILE, {"file": path.name, "epochs_done": epochs_done,
                                                 "logs": logs, "time": time.time()})
        if self.keep_checkpoints:
            done = sorted(folder.glob("epoch_*.keras"))
            for old in done[:-max(1, int(self.keep_checkpoints))]:
                old.unlink(missing_ok=True)

    # -- lifetime ----------------------------------------------------------------

    def close(self) -> None:
        """Flush and close the history and TensorBoard files (idempotent)."""
        try:
            if self._pending is not None and not self._history.closed:
                self.flush_snapshot()
        finally:
            try:
                self._disk.close()     # the snapshots and fsyncs still queued
            finally:
                if not self._history.closed:
                    self._history.close()
        if self._scalars:
            self._scalars.close()
            self._scalars = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start_info(self, config, model_source, class_names, preprocessing) -> dict:
        import dlviz

        now = time.time()
        previous = read_json(self.run_dir / RUN_FILE) or {}
        info = {
            "format": 1, "config": config.to_dict(), "model_source": str(model_source),
            "class_names": None if class_names is None else list(class_names),
            "preprocessing": preprocessing,
            "dlviz_version": getattr(dlviz, "__version__", "unknown"),
            "started": previous.get("started", now),
        }
        if previous:
            info["resumed"] = [*previous.get("resumed", []), now]
        return info


def _most_crowded(steps: list[int]) -> int:
    """Index of the inner snapshot whose removal leaves the smallest gap."""
    gaps = [steps[i + 1] - steps[i - 1] for i in range(1, len(steps) - 1)]
    return 1 + int(np.argmin(gaps))


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"
