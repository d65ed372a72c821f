"""A live frame shows the probes' own numbers: the same probe on the same weights agrees.

The live "grads" group reads what the training step recorded
(``StepGradients``); the "weights" and "maps" groups compute on the device
or through cached extractors. Each is compared here with the plain probe
run on the very weights the frame saw.
"""

import numpy as np
import pytest

from _training_models import Recorder, bright_dark, tiny_cnn
from dlviz.core.probes.gradients import GradientProbe
from dlviz.core.probes.histograms import histogram, main_weights
from dlviz.core.probes.registry import PROBES
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.session import TrainingSession, _compile
from dlviz.core.training.step_gradients import StepGradients


def batch(n=16, seed=1):
    data = bright_dark(n=n, seed=seed)
    return data.x_train, data.y_train


def test_the_recorded_step_equals_the_gradient_probe_on_the_same_weights():
    model = tiny_cnn()
    _compile(model, TrainingConfig(optimizer="sgd", learning_rate=0.01))
    step = StepGradients.attach(model)
    assert step is not None
    x, y = batch()
    before = model.get_weights()
    assert step() is None                 # nothing recorded yet; arms the next step
    model.train_on_batch(x, y)
    norms, dead = step()
    assert step.recorded == 1
    assert model.get_weights()[0].tolist() != before[0].tolist()   # it trained
    twin = tiny_cnn()
    twin.set_weights(before)
    expected_norms, expected_dead = GradientProbe(twin, x, y)()
    assert list(norms) == list(expected_norms) == ["conv", "hidden", "predictions"]
    for path, value in expected_norms.items():
        assert norms[path] == pytest.approx(value, rel=1e-4), path
    assert dead == expected_dead
    model.train_on_batch(x, y)            # armed again by the read: records again
    assert step.recorded == 2
    model.train_on_batch(x, y)            # not armed: no record
    assert step.recorded == 2
    step.detach()
    assert "train_step" not in model.__dict__ and model.train_function is None


def test_a_dead_layer_is_dead_in_the_recorded_step_too():
    model = tiny_cnn()
    model.get_layer("hidden").bias.assign(np.full(8, -1e3, np.float32))
    _compile(model, TrainingConfig(optimizer="sgd", learning_rate=0.01))
    step = StepGradients.attach(model)
    step.arm()
    model.train_on_batch(*batch())
    norms, dead = step()
    assert dead["hidden"] == 1.0 and norms["conv"] == 0.0


def test_live_frames_equal_the_probes_run_on_the_weights_they_saw():
    model, checked = tiny_cnn(), []
    record = Recorder()

    def emit(event):
        record(event)
        if type(event).__name__ != "LiveFrame":
            return
        # Sent on the engine thread right after the probes ran: the model still
        # holds the weights they saw.
        results = event.results
        if "weight_histograms" in results:
            again = PROBES["weight_histograms"].compute(model, None).layers
            for path, (counts, edges) in results["weight_histograms"].layers.items():
                np.testing.assert_array_equal(counts, again[path][0])
                np.testing.assert_array_equal(edges, again[path][1])
                values = np.concatenate([np.ravel(w.numpy())
                                         for w in main_weights(model.get_layer(path))])
                numpy_counts, numpy_edges = histogram(values, max_counted=None)
                np.testing.assert_allclose(edges, numpy_edges, rtol=1e-6, atol=1e-7)
                assert counts.sum() == values.size
                assert np.abs(counts - numpy_counts).sum() <= 2   # float32 bin rounding
            np.testing.assert_array_equal(results["filters"].kernels,
                                          PROBES["filters"].compute(model, None,
                                                                    layer="conv").kernels)
            checked.append("weights")
        if "feature_maps" in results:
            shown = results["feature_maps"]
            again = PROBES["feature_maps"].compute(model, shown.maps.input.shown)
            for live, fresh in zip(shown.maps.layers, again.maps.layers):
                np.testing.assert_allclose(live.values, fresh.values, rtol=1e-5, atol=1e-6)
            checked.append("maps")
        if "gradient_norms" in results:
            norms = results["gradient_norms"].norms
            assert set(norms) == {"conv", "hidden", "predictions"}
            assert all(np.isfinite(v) and v > 0 for v in norms.values())
            checked.append("grads")

    session = TrainingSession(model, bright_dark(), TrainingConfig(
        epochs=2, batch_size=16, validation_split=0.0, learning_rate=0.01), emit=emit,
        budget=ProbeBudget(0.9, max_fps=1e6))
    assert session.run().reason == "finished"
    assert {"weights", "maps", "grads"} <= set(checked)
    assert "train_step" not in model.__dict__     # the session gave Keras's step back


def test_device_weight_histograms_equal_numpy_on_big_and_broken_layers():
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = keras.Input((300,))
    hidden = keras.layers.Dense(1000, name="big")(inputs)   # 300,000 weights: sampled
    outputs = keras.layers.Dense(3, name="small")(hidden)
    model = keras.Model(inputs, outputs)
    rng = np.random.default_rng(0)
    big = rng.normal(size=(300, 1000)).astype(np.float32)
    model.get_layer("big").kernel.assign(big)
    counted = PROBES["weight_histograms"].compute(model, None).layers
    counts, edges = counted["big"]
    expected_counts, expected_edges = histogram(big)
    np.testing.assert_allclose(edges, expected_edges, rtol=1e-6)
    assert np.abs(counts - expected_counts).sum() <= 0.001 * big.size
    assert counts.sum() == pytest.approx(big.size, rel=1e-4)
    small = rng.normal(size=(1000, 3)).astype(np.float32)
    small[0, 0], small[1, 1] = np.nan, np.inf
    model.get_layer("small").kernel.assign(small)
    counts, edges = PROBES["weight_histograms"].compute(model, None).layers["small"]
    expected_counts, expected_edges = histogram(small)
    np.testing.assert_array_equal(counts, expected_counts)   # counted on the host
    assert counts.sum() == small.size - 2
    model.get_layer("small").kernel.assign(np.full((1000, 3), 0.25, np.float32))
    counts, edges = PROBES["weight_histograms"].compute(model, None).layers["small"]
    assert counts.sum() == 3000 and edges[0] == pytest.approx(-0.25)


def test_a_run_writer_merges_frames_between_snapshot_files(tmp_path):
    from _rundir_events import frame
    from dlviz.core.training.events import TrainingStopped
    from dlviz.core.training.rundir_reader import RunReader
    from dlviz.core.training.rundir_writer import RunWriter

    writer = RunWriter(tmp_path, config=TrainingConfig(), model_source="x", tensorboard=False,
                       snapshot_seconds=3600)
    writer(frame(0, full=False))       # the first frame is written at once (disk thread)
    full = frame(1)
    writer(full)                       # then merged, until the time is up or training stops
    writer(frame(2, full=False))
    writer.wait()
    assert [step for step, _ in RunReader(tmp_path).snapshots()] == [0]
    writer(TrainingStopped("finished", "done", 1, False, {}))
    writer.close()
    snapshots = RunReader(tmp_path).snapshots()
    assert [step for step, _ in snapshots] == [0, 2]
    merged = RunReader.load_snapshot(snapshots[1][1])
    assert set(merged.results) == set(full.results)   # the maps of step 1 kept
    assert merged.results["feature_maps"].maps.layers[0].path == \
        full.results["feature_maps"].maps.layers[0].path
    assert merged.results["gradient_norms"].norms["c1_conv"] == 2.5   # step 2's, the newest


def test_a_probe_whose_first_run_is_eager_is_priced_by_its_warm_run():
    import time

    from dlviz.core.training.live_callback import LiveCallback

    class EagerThenTraced:
        """Like the feature maps: an eager first run, tracing on the second."""
        kinds = ("maps",)
        seconds = [0.02, 0.5, 0.001, 0.001]

        def urgent_groups(self, control):
            return ()

        def compute(self, group):
            time.sleep(self.seconds.pop(0))
            return {"feature_maps": group}

    frames = []
    callback = LiveCallback(frames.append, probes=EagerThenTraced(),
                            budget=ProbeBudget(0.9, max_fps=1e6))
    callback._epoch = 0
    callback._live_frame(0)
    assert callback.budget.expected("maps") < 0.25      # not the tracing run's 0.5 s
    assert callback.spent["probe_setup"] >= 0.5 and len(frames) == 1


def test_live_gates_equal_the_gate_probe_on_the_weights_they_saw():
    from dlviz.core.data.sentiment import load_sentiment
    from dlviz.core.zoo.sequence import SequenceClassifier

    data = load_sentiment("en", n=96, seed=0)
    model = SequenceClassifier(vocabulary=data.vocabulary, units=6, embedding_dim=6).build()
    checked = []

    def emit(event):
        if type(event).__name__ != "LiveFrame" or "gates" not in event.results:
            return
        live = event.results["gates"]
        # The plain probe: eager prediction, NumPy replay of the cell.
        again = PROBES["gates"].compute(model, live.text, vocabulary=data.vocabulary)
        assert [t.layer for t in live.traces] == [t.layer for t in again.traces]
        for a, b in zip(live.traces, again.traces):
            assert set(a.gates) == set(b.gates)
            for name in a.gates:
                np.testing.assert_allclose(a.gates[name], b.gates[name], atol=1e-5)
        checked.append(event.global_step)

    session = TrainingSession(model, data, TrainingConfig(
        epochs=1, batch_size=16, validation_split=0.0), emit=emit,
        budget=ProbeBudget(0.9, max_fps=1e6))
    assert session.run().reason == "finished"
    assert checked


def test_a_frame_tiles_the_layer_on_screen_and_its_numbers_are_the_probes():
    from dlviz.core.training.control import TrainingControl

    model, frames = tiny_cnn(), []
    control = TrainingControl()
    control.show_maps_layer("pool")   # the Feature maps view shows the pooling layer

    def emit(event):
        if type(event).__name__ == "LiveFrame" and "feature_maps" in event.results:
            shown = event.results["feature_maps"]
            again = PROBES["feature_maps"].compute(model, shown.maps.input.shown)
            frames.append((shown.maps, again.maps))

    session = TrainingSession(model, bright_dark(), TrainingConfig(
        epochs=1, batch_size=16, validation_split=0.0, learning_rate=0.01), emit=emit,
        control=control, budget=ProbeBudget(0.9, max_fps=1e6))
    assert session.run().reason == "finished"
    assert frames
    for live, fresh in frames:
        assert set(live.mosaics) == {"pool"}           # the others are left to the view
        assert set(fresh.mosaics) == {"conv", "pool"}  # the plain probe tiles every layer
        np.testing.assert_allclose(live.mosaics["pool"].image, fresh.mosaics["pool"].image,
                                   rtol=1e-5, atol=1e-6, equal_nan=True)
        for mine, theirs in zip(live.layers, fresh.layers):   # read from the maps when asked
            assert mine.stats.mean == pytest.approx(theirs.stats.mean, rel=1e-4, abs=1e-6)
            assert mine.stats.dead_channels == theirs.stats.dead_channels


def test_a_pinned_image_is_fitted_once_and_frames_equal_the_probe_on_the_raw_image():
    from dlviz.core.training.live_probes import LiveProbes

    model = tiny_cnn()
    rng = np.random.default_rng(3)
    photo, other = rng.random((20, 30, 3)).astype("float32"), rng.random((9, 9, 1)).astype("f")
    probes = LiveProbes(model, *batch(), image=photo, image_name="photo")
    first, second = probes.compute("maps")["feature_maps"], probes.compute("maps")["feature_maps"]
    assert second.maps.input is first.maps.input          # fitted once for the pinned image
    fresh = PROBES["feature_maps"].compute(model, photo)  # the probe, from the raw photo
    assert first.maps.input.note == fresh.maps.input.note and "20" in fresh.maps.input.note
    np.testing.assert_array_equal(first.maps.input.batch, fresh.maps.input.batch)
    for live, plain in zip(second.maps.layers, fresh.maps.layers):
        np.testing.assert_allclose(live.values, plain.values, rtol=1e-5, atol=1e-6)
    probes.set_image(other, "other")                      # a new pin is fitted anew
    third = probes.compute("maps")["feature_maps"]
    np.testing.assert_array_equal(third.maps.input.batch,
                                  PROBES["feature_maps"].compute(model, other).maps.input.batch)
