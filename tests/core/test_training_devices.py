"""Devices: MirroredStrategy over two logical CPUs, and mixed precision's guard."""

import json
import math
import os
import subprocess
import sys
import textwrap

import pytest

from dlviz.core.kerasenv import import_keras, import_tensorflow, training_device
from dlviz.core.training import devices
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.devices import mixed_precision_scope, split_cpu, strategy_for

# Logical devices must be set up before TensorFlow initialises, so this run
# gets a fresh interpreter.
MIRRORED = textwrap.dedent("""
    import json, numpy as np
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.devices import split_cpu, strategy_for
    split_cpu(2)
    strategy, text, notes = strategy_for(TrainingConfig(distribute=True))
    import keras
    with strategy.scope():
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        model.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
    history = model.fit(x, np.arange(16) % 3, batch_size=8, epochs=1, verbose=0)
    print(json.dumps({"text": text, "notes": notes, "replicas": strategy.num_replicas_in_sync,
                      "loss": history.history["loss"][-1]}))
""")

def _run(code):
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="", PYTHONWARNINGS="error::UserWarning")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_mirrored_strategy_trains_on_two_logical_cpus():
    result = json.loads(_run(MIRRORED))
    assert result["text"] == "2 devices (MirroredStrategy): CPU:0, CPU:1"
    assert result["replicas"] == 2
    assert math.isfinite(result["loss"]) and result["loss"] > 0


def test_split_cpu_after_tensorflow_started_says_so():
    import_tensorflow().constant(1.0)  # starts TensorFlow's devices if nothing had yet
    with pytest.raises(RuntimeError, match="before TensorFlow sets up its devices"):
        split_cpu(2)


def test_without_distribute_the_device_is_named():
    strategy, text, notes = strategy_for(TrainingConfig())
    assert strategy is None and text == training_device() and notes == ()


def test_one_device_trains_without_mirrored_strategy(monkeypatch):
    monkeypatch.setattr(devices, "training_devices", lambda: ["only"])
    strategy, text, notes = strategy_for(TrainingConfig(distribute=True))
    assert strategy is None and text == training_device()
    assert notes == ("only one device: training without MirroredStrategy",)


def test_mixed_precision_on_cpu_changes_nothing(monkeypatch):
    monkeypatch.setattr(devices, "_has_gpu", lambda: False)
    keras = import_keras()
    with mixed_precision_scope(True) as notes:
        assert keras.mixed_precision.global_policy().name == "float32"
    assert notes == ("mixed precision needs a GPU; training in float32",)
    with mixed_precision_scope(False) as notes:
        assert notes == ()


def test_mixed_precision_on_gpu_sets_and_restores_the_policy(monkeypatch):
    monkeypatch.setattr(devices, "_has_gpu", lambda: True)
    keras = import_keras()
    with mixed_precision_scope(True) as notes:
        assert keras.mixed_precision.global_policy().name == "mixed_float16"
        layer = keras.layers.Dense(2)
        assert layer.compute_dtype == "float16" and layer.variable_dtype == "float32"
    assert "float16" in notes[0]
    assert keras.mixed_precision.global_policy().name == "float32"
    with pytest.raises(ZeroDivisionError), mixed_precision_scope(True):
        1 / 0
    assert keras.mixed_precision.global_policy().name == "float32"
