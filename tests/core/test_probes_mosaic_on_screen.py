"""A drop tiles only the layer on screen; every other layer tiles the same when picked."""

import numpy as np
import pytest

from _probe_models import keras, layers
from dlviz.core.data import sample_images
from dlviz.core.probes.activations import ActivationExtractor, feature_maps
from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.mosaic_scale import block_mean
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.workspace import Workspace


def big_model():
    # 131 x 129 x 64 maps tile wider than a screen: shrunk by 2, odd edges.
    inputs = keras.Input((131, 129, 3))
    conv = layers.Conv2D(64, 1, activation="relu", name="big")(inputs)
    pooled = layers.MaxPooling2D(name="pool")(conv)
    return keras.Model(inputs, layers.Conv2D(5, 3, name="last")(pooled))


def assert_same_mosaic(got, expected):
    assert (got.rows, got.cols, got.tile, got.gap, got.order, got.normalise) == \
        (expected.rows, expected.cols, expected.tile, expected.gap, expected.order,
         expected.normalise)
    np.testing.assert_allclose(got.image, expected.image, atol=1e-6, equal_nan=True)


@pytest.mark.parametrize("first_call", ["eager", "compiled"])
def test_the_layer_on_screen_is_tiled_as_the_full_pass_tiles_it_and_every_layer_has_stats(
        first_call):
    model = big_model()
    image = np.random.default_rng(3).random((131, 129, 3)).astype(np.float32)
    prepared = prepare_input(model, image)
    extractor = ActivationExtractor(model)
    if first_call == "compiled":
        feature_maps(model, prepared, extractor=extractor)  # spends the eager call
    one = feature_maps(model, prepared, extractor=extractor, mosaics=["big"])
    full = feature_maps(model, prepared, extractor=ActivationExtractor(model))
    assert list(one.mosaics) == ["big"] and set(full.mosaics) == {"big", "pool", "last"}
    assert_same_mosaic(one.mosaics["big"], full.mosaics["big"])
    for mine, theirs in zip(one.layers, full.layers):
        np.testing.assert_array_equal(mine.values, theirs.values)
        assert (mine.stats.min, mine.stats.max, mine.stats.dead_channels) == \
            (theirs.stats.min, theirs.stats.max, theirs.stats.dead_channels)
        assert mine.stats.mean == pytest.approx(theirs.stats.mean, rel=1e-5)
        assert mine.stats.zero_fraction == theirs.stats.zero_fraction
        # What the view draws for a layer picked later: the same picture.
        assert_same_mosaic(make_mosaic(mine.values), full.mosaics[mine.path])
    assert feature_maps(model, prepared, extractor=extractor, mosaics=[]).mosaics == {}


def test_block_means_agree_in_either_memory_layout_and_with_their_definition():
    values = np.random.default_rng(0).normal(size=(9, 7, 4)).astype(np.float32)
    planes_first = np.ascontiguousarray(values.transpose(2, 0, 1)).transpose(1, 2, 0)
    last, first = block_mean(values, 2), block_mean(planes_first, 2)
    assert last.shape == first.shape == (5, 4, 4)
    np.testing.assert_allclose(last, first, atol=1e-6)
    assert last[4, 3, 2] == values[8, 6, 2]   # the corner block holds one pixel
    np.testing.assert_allclose(last[1, 2, 0], values[2:4, 4:6, 0].mean(), atol=1e-6)


def test_the_workspace_tiles_the_layer_on_screen_or_the_first_or_all():
    ws = Workspace()
    ws.build_zoo_model("lenet5-digits")
    digit = str(next(p for p in sample_images() if p.name == "10_digit_7.png"))
    paths = [layer.path for layer in ws.analyze_image(digit).maps.layers]
    assert len(paths) >= 3
    everything = ws.analyze_image(digit)
    assert list(everything.maps.mosaics) == paths
    assert list(ws.analyze_image(digit, on_screen=paths[2]).maps.mosaics) == [paths[2]]
    # No layer chosen yet, or one this model lacks: the view shows the first.
    for shown in ("", "block9_conv9"):
        analysis = ws.analyze_image(digit, on_screen=shown)
        assert list(analysis.maps.mosaics) == [paths[0]]
        assert_same_mosaic(analysis.maps.mosaics[paths[0]], everything.maps.mosaics[paths[0]])
        assert analysis.predictions.heads[analysis.predictions.primary][0].name == "7"
