"""``RunReader``: open a run directory, finished or still being written.

Readers never lock and never wait: whole files are swapped in atomically by
the writer, and the history's torn last line (a writer killed mid-line, or
one still writing) is skipped until it is complete.

Example:
    >>> run = RunReader("runs/lenet")                      # doctest: +SKIP
    >>> [r["logs"]["loss"] for r in run.epochs()]          # doctest: +SKIP
    >>> follower = run.follow()                            # doctest: +SKIP
    >>> new = follower.poll()  # every ~0.5 s, from a timer  # doctest: +SKIP
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.events import LiveFrame
from dlviz.core.training.rundir_files import (
    CHECKPOINT_PREFIX,
    CHECKPOINTS,
    HISTORY_FILE,
    LATEST_FILE,
    RUN_FILE,
    SNAPSHOTS,
    RunDirError,
    parse_lines,
    read_json,
    step_of,
)
from dlviz.core.training.rundir_snapshot import decode_frame

_NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


class RunReader:
    """The settings, history, snapshots and checkpoints of one run directory.

    Raises:
        RunDirError: the folder has no readable ``run.json``.
    """

    def __init__(self, run_dir):
        self.run_dir = Path(run_dir)
        info = read_json(self.run_dir / RUN_FILE)
        if info is None or not isinstance(info.get("config"), dict):
            raise RunDirError(f"{self.run_dir} is not a dlviz run directory "
                              f"(no readable {RUN_FILE})")
        self.info = info
        try:
            self.config = TrainingConfig.from_dict(info["config"])
        except (TypeError, ValueError) as exc:
            raise RunDirError(f"{self.run_dir / RUN_FILE} has settings dlviz cannot read: "
                              f"{exc}") from exc
        self.model_source: str = info.get("model_source", "")
        names = info.get("class_names")
        self.class_names: tuple[str, ...] | None = None if names is None else tuple(names)
        self.preprocessing: str = info.get("preprocessing", "unit")

    # -- history -------------------------------------------------------------

    def history(self) -> list[dict]:
        """Every complete record, oldest first (a torn last line is skipped)."""
        try:
            data = (self.run_dir / HISTORY_FILE).read_bytes()
        except FileNotFoundError:
            return []
        return [restore_numbers(r) for r in parse_lines(data)]

    def epochs(self) -> list[dict]:
        return [r for r in self.history() if r["event"] == "EpochEnded"]

    def batches(self) -> list[dict]:
        return [r for r in self.history() if r["event"] == "BatchEnded"]

    def stopped(self) -> dict | None:
        """The last ``TrainingStopped`` record, or None while (or if never) finished."""
        records = [r for r in self.history() if r["event"] in ("TrainingStarted",
                                                               "TrainingStopped")]
        return records[-1] if records and records[-1]["event"] == "TrainingStopped" else None

    def follow(self) -> "RunFollower":
        """A follower that returns only the records appended since it last looked."""
        return RunFollower(self.run_dir / HISTORY_FILE)

    # -- snapshots -------------------------------------------------------------

    def snapshots(self) -> list[tuple[int, Path]]:
        """``(global_step, path)`` of every stored snapshot, by step."""
        folder = self.run_dir / SNAPSHOTS
        if not folder.is_dir():
            return []
        found = ((step_of(path), path) for path in folder.iterdir())
        return sorted((step, path) for step, path in found if step is not None)

    @staticmethod
    def load_snapshot(path) -> LiveFrame:
        """The ``LiveFrame`` stored in ``path``; maps come back as float32.

        Raises:
            RunDirError: the file is gone (thinned away) or unreadable.
        """
        try:
            with np.load(path, allow_pickle=False) as npz:
                return decode_frame(npz)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RunDirError(f"cannot read snapshot {Path(path).name}: {exc}") from exc

    # -- checkpoints ------------------------------------------------------------

    def latest_checkpoint(self) -> Path | None:
        """The newest epoch checkpoint, or None when no epoch has been saved."""
        return self._latest()[0]

    def epochs_done(self) -> int:
        """How many epochs the latest checkpoint holds (0 without one)."""
        return self._latest()[1]

    def _latest(self) -> tuple[Path | None, int]:
        folder = self.run_dir / CHECKPOINTS
        latest = read_json(folder / LATEST_FILE)
        if latest and (folder / str(latest.get("file", ""))).is_file():
            return folder / latest["file"], int(latest.get("epochs_done", 0))
        # latest.json is written just after its checkpoint: fall back to the files.
        files = sorted(folder.glob(f"{CHECKPOINT_PREFIX}*.keras")) if folder.is_dir() else []
        for path in reversed(files):
            digits = path.stem[len(CHECKPOINT_PREFIX):]
            if digits.isdigit():
                return path, int(digits)
        return None, 0


class RunFollower:
    """Reads only the bytes appended to a history since the last ``poll``."""

    def __init__(self, history: Path):
        self.path = Path(history)
        self._offset = 0
        self._running = False
        self._seen_stop = False

    def poll(self) -> list[dict]:
        """The complete records appended since the last call (maybe none)."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self._offset)
                data = f.read()
        except FileNotFoundError:
            return []
        end = data.rfind(b"\n")
        if end < 0:
            return []  # only a line still being written
        self._offset += end + 1
        records = [restore_numbers(r) for r in parse_lines(data[:end + 1])]
        for record in records:
            if record["event"] == "TrainingStarted":
                self._running = True
            elif record["event"] == "TrainingStopped":
                self._running, self._seen_stop = False, True
        return records

    def is_finished(self) -> bool:
        """True once the run's last start has been followed by its stop."""
        return self._seen_stop and not self._running


def restore_numbers(record: dict) -> dict:
    """Put back the NaN and infinities the writer stored as strings."""
    for key in ("loss",):
        if isinstance(record.get(key), str):
            record[key] = _NON_FINITE.get(record[key], record[key])
    for key in ("metrics", "logs", "final_logs"):
        values = record.get(key)
        if isinstance(values, dict):
            record[key] = {k: _NON_FINITE.get(v, v) if isinstance(v, str) else v
                           for k, v in values.items()}
    return record
