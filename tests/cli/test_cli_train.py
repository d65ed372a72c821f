"""`dlviz train`: headless training into a run directory, resume, one-line errors."""

import io
import os
import re
import signal
import subprocess
import sys

import pytest

from dlviz.cli import main
from dlviz.core.training.rundir import RunReader

SHORT = ["--model", "lenet5", "--data", "digits", "--samples", "160", "--batch-size", "32"]


def run(*argv):
    out = io.StringIO()
    code = main(["train", *argv], out=out)
    return code, out.getvalue()


def one_line_error(capsys, code):
    err = capsys.readouterr().err.strip()
    assert code == 1, err
    assert err.startswith("dlviz: ") and "\n" not in err and "Traceback" not in err
    return err


def test_train_one_epoch_then_resume(tmp_path):
    from dlviz.core.modelio import load_model

    run_dir = tmp_path / "run"
    code, text = run(*SHORT, "--epochs", "1", "--run", str(run_dir), "--lr", "0.002")
    assert code == 0, text
    assert re.search(r"^epoch 1/1  .*loss \d\.\d+.*val_loss \d.*\(\d+\.\d s\)$", text, re.M)
    reader = RunReader(run_dir)
    assert reader.model_source == "lenet5" and len(reader.class_names) == 10
    assert reader.config.data.kind == "digits" and reader.config.data.samples == 160
    assert reader.config.learning_rate == 0.002 and reader.config.epochs == 1
    assert [r["epoch"] for r in reader.epochs()] == [0]
    assert reader.stopped()["reason"] == "finished"
    model = load_model(reader.latest_checkpoint())
    assert model.count_params() == 61_706
    assert reader.snapshots(), "the pinned probe image's frames are stored"
    frame = reader.load_snapshot(reader.snapshots()[-1][1])
    assert frame.global_step >= 0 and {"gradient_norms", "feature_maps"} & set(frame.results)

    code, text = run("--resume", "--epochs", "2", "--run", str(run_dir))
    assert code == 0, text
    assert "epoch 2/2" in text and "epoch 1/2" not in text
    reader = RunReader(run_dir)
    assert [r["epoch"] for r in reader.epochs()] == [0, 1]
    assert sum(r["event"] == "TrainingStarted" for r in reader.history()) == 2
    assert reader.epochs_done() == 2 and reader.config.epochs == 2


@pytest.mark.parametrize("argv, fragment", [
    (["--model", "lenet5", "--data", "nope", "--epochs", "1"], "neither digits"),
    (["--model", "lenet5", "--data", "/no/such/folder", "--epochs", "1"], "neither digits"),
    (["--model", "no-such-net", "--data", "digits", "--epochs", "1"], "unknown model"),
    (["--data", "digits", "--epochs", "1"], "needs --model and --data"),
    (["--resume", "--epochs", "2"], "holds no run to continue"),
])
def test_bad_arguments_are_one_line(tmp_path, capsys, argv, fragment):
    code, _ = run(*argv, "--run", str(tmp_path / "run"))
    assert fragment in one_line_error(capsys, code)
    assert not (tmp_path / "run" / "run.json").exists()


def test_folder_that_is_not_a_dataset_is_refused(tmp_path, capsys):
    (tmp_path / "images").mkdir()
    code, _ = run("--model", "lenet5", "--data", str(tmp_path / "images"), "--epochs", "1",
                  "--run", str(tmp_path / "run"))
    one_line_error(capsys, code)


def test_existing_run_needs_resume(tmp_path, capsys):
    (tmp_path / "run.json").write_text("{}")
    code, _ = run(*SHORT, "--epochs", "1", "--run", str(tmp_path))
    assert "--resume" in one_line_error(capsys, code)


def test_non_positive_epochs_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        run(*SHORT, "--epochs", "0", "--run", str(tmp_path))
    assert stop.value.code == 2
    assert "--epochs wants a positive number" in capsys.readouterr().err


def test_nan_loss_is_one_line_and_keeps_the_run_readable(tmp_path, capsys):
    code, _ = run("--model", "lenet5-modern", *SHORT[2:], "--epochs", "1", "--run",
                  str(tmp_path), "--optimizer", "sgd", "--lr", "1e9")
    assert "NaN" in one_line_error(capsys, code)
    reader = RunReader(tmp_path)
    assert reader.stopped()["reason"] == "nan" and reader.latest_checkpoint() is None


def test_ctrl_c_stops_gracefully(tmp_path):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dlviz", "train", *SHORT, "--epochs", "500",
         "--run", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    try:
        for line in proc.stdout:
            if line.startswith("epoch 1/500"):
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "continues with --resume" in err
    reader = RunReader(tmp_path)
    stopped = reader.stopped()
    assert stopped["reason"] == "stopped" and stopped["epochs_done"] < 500
    assert reader.latest_checkpoint() is not None


def two_class_folder(root, per_class: int = 6):
    """A tiny image folder: dark squares in one class, bright ones in the other."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for label, (name, base) in enumerate((("dark", 0), ("bright", 128))):
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            pixels = (base + rng.random((16, 16)) * 127).astype("uint8")
            Image.fromarray(pixels).save(root / name / f"{i}.png")
    return root


def test_a_library_model_gets_one_output_per_class_of_the_folder(tmp_path):
    from dlviz.core.modelio import load_model

    folder = two_class_folder(tmp_path / "images")
    code, text = run("--model", "lenet5", "--data", str(folder), "--epochs", "1",
                     "--batch-size", "4", "--run", str(tmp_path / "run"))
    assert code == 0, text
    assert "note: LeNet-5 rebuilt with 2 outputs for this data (was 10)" in text
    loss = float(re.search(r"^epoch 1/1\b.*?  loss (\S+)", text, re.M).group(1))
    assert loss < 1.2  # a two-way guess costs ln 2 = 0.69; a ten-way one ln 10 = 2.30
    reader = RunReader(tmp_path / "run")
    assert sorted(reader.class_names) == ["bright", "dark"]
    checkpoint = load_model(reader.latest_checkpoint())
    assert checkpoint.layers[-1].units == 2


def test_a_model_file_with_other_outputs_than_the_folder_is_refused(tmp_path, capsys):
    from dlviz.core.zoo import create

    model_file = create("lenet5").save(tmp_path / "lenet.keras")
    folder = two_class_folder(tmp_path / "images")
    code, _ = run("--model", str(model_file), "--data", str(folder), "--epochs", "1",
                  "--run", str(tmp_path / "run"))
    err = one_line_error(capsys, code)
    assert "10 outputs" in err and "2 classes" in err
    assert not (tmp_path / "run" / "run.json").exists()
