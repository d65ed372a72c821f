"""Checkpoints in a run directory, and resuming training from the latest one."""

import json

import numpy as np
import pytest
from _rundir_events import CONFIG, run_events

from dlviz.core.kerasenv import import_keras
from dlviz.core.training.events import TrainingStarted
from dlviz.core.training.rundir import RunDirError, RunReader, RunWriter, resume_from


def tiny_model(seed=0):
    keras = import_keras()
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((8, 8, 1), name="input")
    x = keras.layers.Conv2D(2, 3, activation="relu", name="conv")(inputs)
    x = keras.layers.Flatten(name="flatten")(x)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax", name="dense")(x))


def test_checkpoints_and_resume(tmp_path):
    model = tiny_model()
    with RunWriter(tmp_path, config=CONFIG, model_source="tiny", tensorboard=False) as writer:
        for event in run_events(epochs=2):
            writer(event)
        first = writer.checkpoint(model, 0, {"loss": 0.5})
        model.get_layer("dense").bias.assign(np.full(3, 0.25, np.float32))
        second = writer.checkpoint(model, 1, {"loss": 0.4})
        # A NaN epoch keeps the last good checkpoint as the latest.
        assert writer.checkpoint(model, 2, {"loss": float("nan")}) is None
    assert (first.name, second.name) == ("epoch_0001.keras", "epoch_0002.keras")
    run = RunReader(tmp_path)
    assert run.latest_checkpoint() == second and run.epochs_done() == 2
    latest = json.loads((tmp_path / "checkpoints" / "latest.json").read_text())
    assert latest["file"] == "epoch_0002.keras" and latest["logs"] == {"loss": 0.4}
    assert not list((tmp_path / "checkpoints").glob(".*"))  # no temporaries left

    restored, initial_epoch, config = resume_from(tmp_path)
    assert initial_epoch == 2 and config == CONFIG
    np.testing.assert_array_equal(restored.get_layer("dense").bias.numpy(), [0.25] * 3)
    np.testing.assert_array_equal(restored.get_layer("conv").kernel.numpy(),
                                  model.get_layer("conv").kernel.numpy())

    before = len(run.history())
    with RunWriter(tmp_path, config=config, model_source="tiny", tensorboard=False) as writer:
        writer(TrainingStarted(4, 3, 48, "CPU", 100))
    history = RunReader(tmp_path).history()
    assert len(history) == before + 1 and history[-1]["epochs"] == 4


def test_latest_falls_back_to_the_files(tmp_path):
    with RunWriter(tmp_path, config=CONFIG, model_source="tiny", tensorboard=False) as writer:
        writer.checkpoint(tiny_model(), 2, {})
    (tmp_path / "checkpoints" / "latest.json").unlink()  # killed between the two writes
    run = RunReader(tmp_path)
    assert run.latest_checkpoint().name == "epoch_0003.keras" and run.epochs_done() == 3


def test_keep_checkpoints(tmp_path):
    model = tiny_model()
    with RunWriter(tmp_path, config=CONFIG, model_source="tiny", keep_checkpoints=2,
                   tensorboard=False) as writer:
        for epoch in range(4):
            writer.checkpoint(model, epoch, {"loss": 1.0})
    names = sorted(p.name for p in (tmp_path / "checkpoints").glob("*.keras"))
    assert names == ["epoch_0003.keras", "epoch_0004.keras"]


def test_resume_without_checkpoint_is_a_clear_error(tmp_path):
    RunWriter(tmp_path, config=CONFIG, model_source="tiny", tensorboard=False).close()
    with pytest.raises(RunDirError, match="no checkpoint to resume from"):
        resume_from(tmp_path)
