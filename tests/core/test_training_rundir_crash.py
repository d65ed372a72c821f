"""A run directory stays readable when its writer is killed (SIGKILL) mid-write."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dlviz.core.training.rundir import RunReader

# The model both killed writers save (a conv, a dense: two layers' weights).
TINY_MODEL = """keras = import_keras()
inputs = keras.Input((8, 8, 1), name="input")
x = keras.layers.Conv2D(2, 3, name="conv")(inputs)
x = keras.layers.Flatten(name="flatten")(x)
model = keras.Model(inputs, keras.layers.Dense(3, name="dense")(x))
"""

WRITER = """
import sys
sys.path.insert(0, {tests!r})
from _rundir_events import CONFIG, frame
from dlviz.core.kerasenv import import_keras
from dlviz.core.training.events import BatchEnded, EpochEnded, TrainingStarted
from dlviz.core.training.rundir import RunWriter

{tiny_model}writer = RunWriter(sys.argv[1], config=CONFIG, model_source="tiny", keep_snapshots=20,
                   tensorboard=False)
writer(TrainingStarted(1000, 50, 800, "CPU", 1))
step = 0
for epoch in range(1000):
    for s in range(50):
        writer(BatchEnded(epoch, s, step, 1.0, {{"accuracy": 0.5}}, 1.0, 1.0))
        writer(frame(step, epoch, full=s % 5 == 0))
        step += 1
    writer(EpochEnded(epoch, {{"loss": 1.0}}, 1.0))
    writer.checkpoint(model, epoch, {{"loss": 1.0}})
    if epoch == 0:
        writer.wait()  # the first checkpoint is on disk; later ones are written meanwhile
    print("epoch", epoch, flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.35])
def test_killed_writer_leaves_every_file_readable(tmp_path, delay):
    from dlviz.core.modelio import load_model

    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(tests=str(Path(__file__).parent), tiny_model=TINY_MODEL))
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, str(script), str(run_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline().startswith("epoch 0"), "the writer did not start"
        time.sleep(delay)  # somewhere inside the next epoch's writes
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    run = RunReader(run_dir)
    assert run.model_source == "tiny"
    history = run.history()
    assert history[0]["event"] == "TrainingStarted" and len(run.epochs()) >= 1
    assert run.stopped() is None  # killed, never finished
    for step, path in run.snapshots():  # every kept snapshot is whole
        assert run.load_snapshot(path).global_step == step
    assert len(run.snapshots()) >= 10
    checkpoint = run.latest_checkpoint()
    assert checkpoint is not None and run.epochs_done() >= 1
    assert load_model(checkpoint).get_layer("conv").kernel.shape == (3, 3, 1, 2)


SLOW_CHECKPOINT = """
import sys, time
sys.path.insert(0, {tests!r})
from _rundir_events import CONFIG
from dlviz.core.kerasenv import import_keras
from dlviz.core.training import checkpoint_copy
from dlviz.core.training.rundir import RunWriter

{tiny_model}writer = RunWriter(sys.argv[1], config=CONFIG, model_source="tiny", tensorboard=False)
writer.checkpoint(model, 0, {{"loss": 1.0}})
writer.wait()
model.get_layer("dense").kernel.assign(model.get_layer("dense").kernel + 1.0)
checkpoint_copy.YIELD_SECONDS = 5.0   # the disk thread pauses after each layer it writes
writer.checkpoint(model, 1, {{"loss": 0.5}})
print("writing", flush=True)
time.sleep(60)
"""


def test_killed_while_a_checkpoint_is_written_keeps_the_last_good_one(tmp_path):
    """The checkpoint is written on the writer's disk thread; a kill in the middle
    leaves the previous checkpoint as the latest, whole, and no half file in view."""
    from dlviz.core.modelio import load_model

    script = tmp_path / "slow.py"
    script.write_text(SLOW_CHECKPOINT.format(tests=str(Path(__file__).parent), tiny_model=TINY_MODEL))
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, str(script), str(run_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline().startswith("writing"), "the writer did not start"
        folder = run_dir / "checkpoints"
        while not any(p.name.startswith(".epoch_0002") for p in folder.iterdir()):
            time.sleep(0.05)   # the second checkpoint's temporary file exists: mid-write
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    run = RunReader(run_dir)
    assert run.epochs_done() == 1
    assert run.latest_checkpoint().name == "epoch_0001.keras"
    assert not (run_dir / "checkpoints" / "epoch_0002.keras").exists()
    model = load_model(run.latest_checkpoint())
    assert float(model.get_layer("dense").kernel.numpy().max()) < 1.0  # epoch 1's weights
