"""A drop makes the statistics of the layer on screen; the others are read from
their maps when asked, and equal what the full pass (every layer's, in the
graph) makes. Export tiles the layers a drop did not."""

import numpy as np
import pytest
from PIL import Image

from _probe_models import keras, layers
from dlviz.core.probes import layer_summary
from dlviz.core.probes.activations import ActivationExtractor, feature_maps, layer_stats
from dlviz.core.probes.analysis import analyze_image
from dlviz.core.probes.export import layer_file_name, mosaic_rgb, write_maps
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.result_io import from_arrays, to_arrays
from dlviz.core.probes.results import ActivationStats, LayerMaps


def relu_model():
    # ReLU layers with dead channels (a bias of -100) and a pooled layer.
    inputs = keras.Input((37, 41, 3))
    conv = layers.Conv2D(8, 3, activation="relu", name="conv",
                         bias_initializer=keras.initializers.Constant(0.1))(inputs)
    pooled = layers.MaxPooling2D(name="pool")(conv)
    last = layers.Conv2D(6, 3, activation="relu", name="last")(pooled)
    model = keras.Model(inputs, layers.Dense(3)(layers.Flatten()(last)))
    bias = model.get_layer("last").bias
    bias.assign(np.array([0.0, -100.0, 0.0, -100.0, 0.0, 0.0], np.float32))
    return model


def image(seed=1):
    return np.random.default_rng(seed).random((37, 41, 3)).astype(np.float32)


def same_stats(got: ActivationStats, expected: ActivationStats) -> None:
    assert (got.min, got.max, got.dead_channels) == \
        (expected.min, expected.max, expected.dead_channels)
    assert got.mean == pytest.approx(expected.mean, rel=1e-5, abs=1e-7)
    assert got.zero_fraction == expected.zero_fraction


@pytest.fixture
def counted(monkeypatch):
    """How many times statistics are read from a layer's maps on demand."""
    calls = []
    original = layer_summary.layer_stats

    def counting(values, *args):
        calls.append(values.shape)
        return original(values, *args)

    monkeypatch.setattr(layer_summary, "layer_stats", counting)
    return calls


@pytest.mark.parametrize("first_call", ["eager", "compiled"])
def test_statistics_of_layers_off_screen_are_read_when_asked_and_equal_the_full_pass(
        first_call, counted):
    model = relu_model()
    prepared = prepare_input(model, image())
    extractor = ActivationExtractor(model)
    if first_call == "compiled":
        feature_maps(model, prepared, extractor=extractor, mosaics=["conv"])
    counted.clear()
    drop = feature_maps(model, prepared, extractor=extractor, mosaics=["pool"])
    full = feature_maps(model, prepared, extractor=ActivationExtractor(model))
    full_compiled = feature_maps(model, prepared, extractor=extractor)   # in-graph statistics
    assert counted == []   # the drop made the statistics of the layer on screen only
    same_stats(drop.layer("pool").stats, full_compiled.layer("pool").stats)
    assert counted == []
    for path in ("conv", "last"):
        same_stats(drop.layer(path).stats, full_compiled.layer(path).stats)
        same_stats(drop.layer(path).stats, full.layer(path).stats)
    assert counted == [(35, 39, 8), (15, 17, 6)]   # each read from its own maps, once
    assert drop.layer("last").stats.dead_channels >= 2   # the two of bias -100 at least
    drop.layer("last").stats
    assert len(counted) == 2   # kept: a second reading costs nothing


def test_lazy_statistics_are_stored_and_read_back_and_given_ones_are_kept():
    values = np.zeros((4, 5, 3), np.float32)
    values[1, 2, 0], values[3, 4, 2] = 2.0, -1.0
    lazy = LayerMaps(path="c", name="c", type="Conv2D", depth=0, values=values)
    again = from_arrays(to_arrays(lazy))
    same_stats(again.stats, layer_stats(values))
    assert again.stats.dead_channels == 1 and again.stats.min == -1.0
    given = ActivationStats(0.0, 9.0, 1.0, 0.5, 0)
    assert LayerMaps(path="c", name="c", type="Conv2D", depth=0, values=values,
                     stats=given).stats is given


def test_export_tiles_the_layers_a_drop_did_not_as_the_full_pass_does(tmp_path):
    model = relu_model()
    extractor = ActivationExtractor(model)
    drop = analyze_image(model, image(2), extractor=extractor, mosaics=["last"])
    full = analyze_image(model, image(2), extractor=extractor)   # compiled: in-graph mosaics
    assert list(drop.maps.mosaics) == ["last"]
    written = write_maps(drop, tmp_path)
    assert [p.name for p in written] == ["conv.png", "pool.png", "last.png", "predictions.json"]
    for layer, path in zip(full.maps.layers, written):
        assert path.name == layer_file_name(layer.path)
        expected = mosaic_rgb(full.maps.mosaics[layer.path])
        got = np.asarray(Image.open(path).convert("RGB"))
        assert got.shape == expected.shape
        # In-graph and NumPy tiling agree to an ulp: a colour index at most one apart.
        assert np.abs(got.astype(int) - expected).max() <= 8
        assert np.mean(np.all(got == expected, axis=-1)) > 0.99
