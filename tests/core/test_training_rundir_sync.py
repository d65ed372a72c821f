"""The run's history is flushed at every line but forced to disk about every 2 s:
each fsync is paid from the live probes' budget, so ten a second starved them."""

import numpy as np
from _rundir_events import CONFIG

from dlviz.core.training import rundir_writer
from dlviz.core.training.events import BatchEnded, EpochEnded, TrainingStarted
from dlviz.core.training.rundir import RunReader, RunWriter


def test_batch_lines_reach_disk_about_every_two_seconds(tmp_path, monkeypatch):
    clock = iter(np.arange(0, 100, 0.01))  # a batch every 10 ms: 10 s of batches
    monkeypatch.setattr(rundir_writer, "monotonic", lambda: float(next(clock)))
    synced = []
    monkeypatch.setattr(rundir_writer.os, "fsync", synced.append)
    with RunWriter(tmp_path, config=CONFIG, model_source="x", tensorboard=False) as writer:
        writer(TrainingStarted(1, 1000, 16000, "CPU", 1))
        before = len(synced)
        for step in range(1000):
            writer(BatchEnded(0, step, step, 1.0, {}, 1.0, 1.0))
            if step == 499:  # a follower sees every line written so far, synced or not
                assert len(RunReader(tmp_path).batches()) >= 45
        batch_syncs = len(synced) - before
        writer(EpochEnded(0, {"loss": 1.0}, 10.0))
        assert len(synced) == before + batch_syncs + 1   # an epoch always reaches disk
    assert 4 <= batch_syncs <= 6, batch_syncs             # ~10 s, ~every 2 s
    assert 95 <= len(RunReader(tmp_path).batches()) <= 105  # still 10 lines a second
