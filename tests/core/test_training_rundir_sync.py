"""The run's history is flushed at every line but forced to disk about every 2 s, on
the writer's disk thread: an fsync between two training batches costs the live views'
budget (ten a second starved them), a snapshot file written there up to 0.7 s."""

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
        writer.wait()                      # batch lines are forced on the disk thread
        batch_syncs = len(synced) - before
        writer(EpochEnded(0, {"loss": 1.0}, 10.0))
        assert len(synced) == before + batch_syncs + 1   # an epoch always reaches disk, at once
    assert 4 <= batch_syncs <= 6, batch_syncs             # ~10 s, ~every 2 s
    assert 95 <= len(RunReader(tmp_path).batches()) <= 105  # still 10 lines a second


def test_a_snapshot_is_written_while_training_goes_on_and_kept_when_it_stops(tmp_path,
                                                                              monkeypatch):
    import threading

    from _rundir_events import frame

    from dlviz.core.training.events import TrainingStopped

    clock = iter(np.arange(0, 100, 1.0))   # a frame a second; a snapshot every 5 s
    monkeypatch.setattr(rundir_writer, "monotonic", lambda: float(next(clock)))
    release, started, writing = threading.Event(), threading.Event(), []
    write = RunWriter.write_snapshot

    def slow_disk(self, pending):            # a disk that takes its time
        writing.append(threading.current_thread())
        started.set()
        release.wait(timeout=30)
        return write(self, pending)

    monkeypatch.setattr(RunWriter, "write_snapshot", slow_disk)
    writer = RunWriter(tmp_path, config=CONFIG, model_source="x", tensorboard=False,
                       snapshot_seconds=5.0)
    writer(TrainingStarted(1, 10, 160, "CPU", 1))
    for step in range(7):                    # the first frame is due: queued, not awaited
        writer(frame(step, 0, full=True))
    # The writer returned while the snapshot's write still waits for the disk.
    assert started.wait(timeout=30) and writing[0] is not threading.current_thread()
    assert RunReader(tmp_path).snapshots() == []
    release.set()
    writer(TrainingStopped("finished", "", 1))   # waits for the disk, writes the rest
    run = RunReader(tmp_path)
    steps = [step for step, _ in run.snapshots()]
    assert steps[0] == 0 and steps[-1] == 6      # the first (queued) and the last frame
    assert all(run.load_snapshot(path).global_step == step for step, path in run.snapshots())
    writer.close()


def test_a_failed_disk_job_is_raised_on_the_writers_next_wait():
    import pytest

    from dlviz.core.training.disk_worker import DiskWorker

    worker, done = DiskWorker(), []

    def full_disk():
        raise OSError("No space left on device")

    worker.submit(full_disk)
    worker.submit(lambda: done.append("after"))   # later jobs still run, in order
    with pytest.raises(OSError, match="No space"):
        worker.wait()
    assert done == ["after"]
    worker.wait()                                 # raised once
    worker.close()
