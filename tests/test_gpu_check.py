"""benchmarks/gpu_check.py: says so and exits 0 without a GPU; its steps run on a CPU too.

The heavy path is meant for a GPU; here it runs with ``--allow-cpu`` on a
small model, so the script still works on the day a GPU is at hand.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "gpu_check.py"


def run_check(*args, **env):
    done = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **env})
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads(lines[-1]), done.stdout


def test_without_a_gpu_it_says_so_and_exits_0():
    record, text = run_check(CUDA_VISIBLE_DEVICES="-1")
    assert record["benchmark"] == "gpu_check"
    assert record["gpu"] is False and record["ran"] is False
    assert record["device"] == "CPU"
    assert record["status"].startswith("training on CPU · TensorFlow 2.")
    assert "no GPU here" in text
    assert "live_ratio" not in record  # nothing was trained


@pytest.mark.slow
def test_every_step_runs_on_a_small_model_when_allowed():
    record, text = run_check("--allow-cpu", "--model", "vgg16-mini", "--size", "32",
                             "--samples", "64", "--batch", "16", "--batches", "8",
                             "--rounds", "1", "--repeats", "2", CUDA_VISIBLE_DEVICES="-1")
    assert record["ran"] is True and record["model"] == "vgg16-mini"
    assert record["live_ratio"] > 0 and record["drop_ratio"] > 0
    assert 8 <= record["batches"] <= 12  # whole epochs of the generated set
    assert "needs a GPU" in record["mixed_precision"]  # said, not hidden
    assert "round 1: bare" in text and "drop on vgg16-mini" in text
