"""Run directories: writer and reader round trip with synthetic events."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from _rundir_events import CONFIG, frame, run_events

from dlviz.core.training import rundir_writer
from dlviz.core.training.events import BatchEnded, EpochEnded, TrainingStarted, TrainingStopped
from dlviz.core.training.rundir import RunDirError, RunReader, RunWriter


FIXTURES = Path(__file__).parent / "data"


def write_run(run_dir, events=None, **kwargs):
    with RunWriter(run_dir, config=CONFIG, model_source="lenet5", class_names=list("0123456789"),
                   tensorboard=False, **kwargs) as writer:
        for event in events or run_events():
            writer(event)
    return writer


def test_round_trip_of_settings_and_history(tmp_path):
    write_run(tmp_path / "run")
    run = RunReader(tmp_path / "run")
    assert run.config == CONFIG
    assert run.model_source == "lenet5"
    assert run.class_names == tuple("0123456789")
    assert run.preprocessing == "unit"
    assert run.info["dlviz_version"] and run.info["started"] > 0
    assert run.info["stopped"]["reason"] == "finished"
    kinds = [r["event"] for r in run.history()]
    assert kinds[0] == "TrainingStarted" and kinds[-1] == "TrainingStopped"
    assert kinds.count("EpochEnded") == 2
    assert [e["logs"]["loss"] for e in run.epochs()] == [0.5, 0.25]
    assert run.epochs()[1]["seconds"] == 1.5 and run.epochs()[1]["time"] > 0
    # Step 0 and the epoch's last step are always kept; fast batches are thinned.
    steps = [(b["epoch"], b["step"]) for b in run.batches()]
    assert (0, 0) in steps and (0, 2) in steps and (1, 2) in steps
    assert run.batches()[0]["metrics"] == {"accuracy": 0.0}
    assert run.stopped()["epochs_done"] == 2
    assert run.latest_checkpoint() is None


def test_history_lines_are_plain_json(tmp_path):
    events = [TrainingStarted(1, 1, 8, "CPU", 10),
              BatchEnded(0, 0, 0, float("nan"), {"accuracy": np.float32(0.5)}, 1.0, 0.0),
              TrainingStopped("nan", "loss became NaN at step 0", 0, True, {})]
    write_run(tmp_path, events)
    lines = (tmp_path / "history.jsonl").read_text().splitlines()
    assert len(lines) == 3
    records = [json.loads(line, parse_constant=pytest.fail) for line in lines]
    assert records[1]["loss"] == "nan" and records[1]["metrics"] == {"accuracy": 0.5}
    batch = RunReader(tmp_path).batches()[0]
    assert math.isnan(batch["loss"])  # the reader gives numbers back
    assert RunReader(tmp_path).stopped()["restored_weights"] is True


def test_torn_last_line_is_skipped_and_resumed_writing_starts_a_new_line(tmp_path):
    write_run(tmp_path)
    complete = len(RunReader(tmp_path).history())
    with open(tmp_path / "history.jsonl", "ab") as f:
        f.write(b'{"event":"BatchEnded","epoch":2,"lo')  # a writer killed mid-line
    assert len(RunReader(tmp_path).history()) == complete
    write_run(tmp_path, [TrainingStarted(3, 3, 48, "CPU", 1)])
    history = RunReader(tmp_path).history()
    assert len(history) == complete + 1 and history[-1]["event"] == "TrainingStarted"
    assert RunReader(tmp_path).stopped() is None  # started again, not finished yet
    assert len(RunReader(tmp_path).info["resumed"]) == 1


def test_snapshot_round_trip_rebuilds_the_views_data(tmp_path):
    write_run(tmp_path)
    run = RunReader(tmp_path)
    snaps = run.snapshots()
    assert [step for step, _ in snaps] == [0, 1, 2, 3, 4, 5]
    assert snaps[0][1].name == "step_000000000.npz"
    original, stored = frame(3, 1), run.load_snapshot(snaps[3][1])
    assert_same_frame(stored, original)
    partial = run.load_snapshot(snaps[4][1])  # a frame with no analysis due
    assert set(partial.results) == {"gradient_norms", "weight_histograms",
                                    "activation_histograms", "dead_units"}


def assert_same_frame(stored, original):
    """What the views draw from ``stored`` is what they drew from ``original``."""
    assert (stored.global_step, stored.epoch) == (original.global_step, original.epoch)
    got, want = stored.results, original.results
    assert set(got) == set(want)
    assert got["gradient_norms"] == want["gradient_norms"]
    assert got["dead_units"] == want["dead_units"]
    assert got["weight_histograms"].of == "weights"
    assert got["activation_histograms"].of == "activations"
    counts, edges = got["weight_histograms"].layers["c1_conv"]
    np.testing.assert_array_equal(counts, want["weight_histograms"].layers["c1_conv"][0])
    np.testing.assert_array_equal(edges, want["activation_histograms"].layers["c1_conv"][1])
    assert stored.probe_share == pytest.approx(0.02)
    maps, ref_maps = got["feature_maps"].maps, want["feature_maps"].maps
    assert [m.path for m in maps.layers] == ["c1_conv", "s2_pool"]
    assert maps.skipped == ("flatten", "dense")
    layer = maps.layer("c1_conv")
    assert layer.values.dtype == np.float32 and layer.stats == ref_maps.layer("c1_conv").stats
    np.testing.assert_allclose(layer.values, ref_maps.layer("c1_conv").values, atol=2e-3,
                               rtol=1e-3)
    for path in ("c1_conv", "s2_pool"):  # the same mosaics, drawn in the same views
        mosaic, ref = maps.mosaics[path], ref_maps.mosaics[path]
        assert (mosaic.rows, mosaic.cols, mosaic.gap, mosaic.order, mosaic.normalise) == (
            ref.rows, ref.cols, ref.gap, ref.order, ref.normalise)
        np.testing.assert_allclose(mosaic.image, ref.image, atol=5e-3, equal_nan=True)
    np.testing.assert_array_equal(maps.input.batch, ref_maps.input.batch)
    assert maps.input.note == ref_maps.input.note
    predictions = got["feature_maps"].predictions
    assert predictions.heads["output"][0].name == "three"
    np.testing.assert_array_equal(predictions.probabilities["output"],
                                  want["feature_maps"].predictions.probabilities["output"])
    bank, ref_bank = got["filters"], want["filters"]
    assert (bank.path, bank.kind, bank.rows, bank.cols) == ("c1_conv", "grid", 2, 2)
    np.testing.assert_array_equal(bank.kernels, ref_bank.kernels)
    np.testing.assert_array_equal(bank.image, ref_bank.image)


def test_snapshots_written_before_the_registry_still_open():
    """Format 1 files, written by dlviz before this change, are their owners' data."""
    stored = RunReader.load_snapshot(FIXTURES / "snapshot_format1_step3.npz")
    assert_same_frame(stored, frame(3, 1))
    partial = RunReader.load_snapshot(FIXTURES / "snapshot_format1_partial.npz")
    assert partial.global_step == 4
    want = frame(4, 1, full=False).results
    np.testing.assert_array_equal(partial.results["weight_histograms"].layers["c1_conv"][0],
                                  want["weight_histograms"].layers["c1_conv"][0])
    assert set(partial.results) == {"gradient_norms", "weight_histograms",
                                    "activation_histograms", "dead_units"}
    assert partial.results["gradient_norms"].norms == {"c1_conv": 4.5, "dense": 1e-3}


def test_a_result_kind_from_a_newer_dlviz_is_left_out_not_fatal(tmp_path):
    import json as _json

    from dlviz.core.training.rundir_snapshot import decode_frame, encode_frame

    arrays = encode_frame(frame(2, 0))
    header = _json.loads(str(arrays["header"][()]))
    header["results"]["gradient_norms"]["$type"] = "SomethingNewer"
    arrays["header"] = np.array(_json.dumps(header))
    stored = decode_frame(arrays)
    assert "gradient_norms" not in stored.results
    assert stored.results["dead_units"] == frame(2, 0).results["dead_units"]


def test_maps_are_stored_as_float16(tmp_path):
    write_run(tmp_path)
    with np.load(RunReader(tmp_path).snapshots()[0][1]) as npz:
        maps = [name for name in npz.files if name.startswith("results/feature_maps/maps/")
                and name.endswith("/values")]
        assert len(maps) == 2 and all(npz[name].dtype == np.float16 for name in maps)
        assert not any("mosaic" in name for name in npz.files)


def test_snapshots_are_thinned_evenly(tmp_path):
    with RunWriter(tmp_path, config=CONFIG, model_source="x", keep_snapshots=10,
                   tensorboard=False) as writer:
        for step in range(100):
            writer(frame(step, full=False))
    steps = [step for step, _ in RunReader(tmp_path).snapshots()]
    assert len(steps) == 10 and steps[0] == 0 and steps[-1] == 99
    gaps = np.diff(steps)
    assert gaps.max() <= 2 * gaps.min() + 1, steps  # evenly spread, old and new alike
    assert len(list((tmp_path / "snapshots").iterdir())) == 10  # no temporaries left


def test_batches_are_thinned_to_a_rate(tmp_path, monkeypatch):
    clock = iter(np.arange(0, 100, 0.01))  # a batch every 10 ms
    monkeypatch.setattr(rundir_writer, "monotonic", lambda: float(next(clock)))
    events = [TrainingStarted(1, 1000, 16000, "CPU", 1)]
    events += [BatchEnded(0, s, s, 1.0, {}, 1.0, 1.0) for s in range(1000)]
    write_run(tmp_path, events)
    batches = RunReader(tmp_path).batches()
    assert 95 <= len(batches) <= 105  # 10 s of batches at 10 lines per second
    assert batches[-1]["step"] == 999


def test_follow_returns_only_appended_records(tmp_path):
    events = run_events()
    writer = RunWriter(tmp_path, config=CONFIG, model_source="x", tensorboard=False)
    follower = RunReader(tmp_path).follow()
    assert follower.poll() == [] and not follower.is_finished()
    writer(events[0])
    writer(events[1])
    got = follower.poll()
    assert [r["event"] for r in got] == ["TrainingStarted", "BatchEnded"]
    assert follower.poll() == []
    with open(tmp_path / "history.jsonl", "ab") as f:  # another process mid-line
        f.write(b'{"event":"EpochEnded","epoch":0,')
    assert follower.poll() == []
    with open(tmp_path / "history.jsonl", "ab") as f:
        f.write(b'"logs":{"loss":1.0},"seconds":1.0}\n')
    got = follower.poll()
    assert [(r["event"], r["logs"]) for r in got] == [("EpochEnded", {"loss": 1.0})]
    for event in events[2:]:
        writer(event)
    writer.close()
    rest = follower.poll()
    assert rest[-1]["event"] == "TrainingStopped" and follower.is_finished()
    assert sum(r["event"] == "EpochEnded" for r in rest) == 2


def test_tensorboard_scalars_when_installed(tmp_path, monkeypatch):
    monkeypatch.setattr(rundir_writer, "tensorboard_available", lambda: True)
    with RunWriter(tmp_path, config=CONFIG, model_source="x") as writer:
        writer(TrainingStarted(1, 2, 32, "CPU", 1))
        writer(BatchEnded(0, 0, 0, 0.9, {"accuracy": 0.5}, 1.0, 1.0))
        writer(EpochEnded(0, {"loss": 0.5, "val_loss": 0.7, "val_accuracy": 0.6}, 1.0))
        writer(TrainingStopped("finished", "", 1, False, {}))
    assert "scalars" in RunReader(tmp_path).info["tensorboard"]
    files = list((tmp_path / "tensorboard").glob("events.out.tfevents.*"))
    assert len(files) == 1
    assert read_scalars(files[0]) == {
        ("batch/loss", 0): pytest.approx(0.9), ("batch/accuracy", 0): 0.5,
        ("epoch/loss", 0): 0.5, ("epoch/val_loss", 0): pytest.approx(0.7),
        ("epoch/val_accuracy", 0): pytest.approx(0.6)}


def read_scalars(path):
    import tensorflow as tf
    from tensorflow.core.util import event_pb2

    found = {}
    for raw in tf.data.TFRecordDataset(str(path)):
        event = event_pb2.Event.FromString(raw.numpy())
        for value in event.summary.value:
            found[(value.tag, event.step)] = float(tf.make_ndarray(value.tensor))
    return found


def test_tensorboard_skipped_when_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(rundir_writer, "tensorboard_available", lambda: False)
    with RunWriter(tmp_path, config=CONFIG, model_source="x") as writer:
        for event in run_events(epochs=1):
            writer(event)
    assert not (tmp_path / "tensorboard").exists()
    assert "not installed" in RunReader(tmp_path).info["tensorboard"]


def test_not_a_run_directory(tmp_path):
    with pytest.raises(RunDirError, match="not a dlviz run directory"):
        RunReader(tmp_path)
    (tmp_path / "run.json").write_text('{"config": ')  # torn: impossible with atomic writes
    with pytest.raises(RunDirError):
        RunReader(tmp_path)


def test_thinned_away_snapshot_is_a_clear_error(tmp_path):
    with pytest.raises(RunDirError, match="step_000000007.npz"):
        RunReader.load_snapshot(tmp_path / "step_000000007.npz")


def test_huge_maps_are_clipped_to_float16_not_infinite(tmp_path):
    import dataclasses

    big = frame(0)
    analysis = big.results["feature_maps"]
    maps = analysis.maps
    layer = dataclasses.replace(maps.layers[0], values=maps.layers[0].values * 1e9)
    huge = dataclasses.replace(big, results={**big.results, "feature_maps": dataclasses.replace(
        analysis, maps=dataclasses.replace(maps, layers=(layer, *maps.layers[1:])))})
    write_run(tmp_path, [huge])
    stored = RunReader(tmp_path).load_snapshot(RunReader(tmp_path).snapshots()[0][1])
    values = stored.results["feature_maps"].maps.layers[0].values
    assert np.isfinite(values).all() and np.abs(values).max() == np.finfo(np.float16).max
