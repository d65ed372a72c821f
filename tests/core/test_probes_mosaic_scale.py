"""Mosaics at screen resolution: block means of the true values, in NumPy and in the graph."""

import numpy as np
import pytest

from _probe_models import keras, layers
from dlviz.core.probes.activations import feature_maps, layer_stats
from dlviz.core.probes.mosaic import make_mosaic, screen_step
from dlviz.core.probes.mosaic_scale import MAX_SIDE, block_mean, shrunk_size
from dlviz.core.probes.preprocess import prepare_input


def slow_mosaic(values, step, gap, cols):
    """The reference, one channel and one block at a time: normalise the channel
    by its full-resolution range, average each step x step block (edge blocks
    hold fewer pixels), put the tile in place; NaN elsewhere."""
    height, width, channels = values.shape
    th, tw = shrunk_size(height, width, step)
    rows = -(-channels // cols)
    image = np.full((rows * (th + gap) - gap, cols * (tw + gap) - gap), np.nan)
    for c in range(channels):
        plane = values[..., c].astype(np.float64)
        lo, hi = plane.min(), plane.max()
        unit = (plane - lo) / (hi - lo) if hi > lo else np.zeros_like(plane)
        top, left = (c // cols) * (th + gap), (c % cols) * (tw + gap)
        for y in range(th):
            for x in range(tw):
                block = unit[y * step:(y + 1) * step, x * step:(x + 1) * step]
                image[top + y, left + x] = block.mean()
    return image


def test_a_small_mosaic_shrunk_to_fit_shows_block_means_of_the_true_values():
    values = np.random.default_rng(0).normal(size=(9, 7, 5)).astype(np.float32)
    values[..., 3] = 2.0  # a constant channel stays 0, not NaN
    mosaic = make_mosaic(values, gap=1, max_side=12)
    assert screen_step(values.shape, gap=1, max_side=12) == 3 and mosaic.tile == (3, 3)
    assert max(mosaic.image.shape) <= 12
    np.testing.assert_allclose(mosaic.image, slow_mosaic(values, 3, 1, mosaic.cols),
                               atol=1e-6, equal_nan=True)
    assert mosaic.channel_at(0, 0) == 0 and mosaic.channel_at(0, 4) == 1


def test_block_mean_matches_its_definition_and_keeps_small_maps_whole():
    values = np.arange(5 * 4 * 2, dtype=np.float32).reshape(5, 4, 2)
    means = block_mean(values, 2)
    assert means.shape == (3, 2, 2)
    assert means[2, 1, 1] == values[4, 2:4, 1].mean()  # the bottom edge: one row
    assert block_mean(values, 1) is values
    small = np.ones((28, 28, 6), np.float32)
    assert make_mosaic(small).image.shape == make_mosaic(small, max_side=None).image.shape


def test_feature_maps_of_a_big_layer_come_at_screen_resolution_with_true_values():
    # 131 x 129 x 64 maps tile to 1,185 pixels wide: shrunk by 2, with odd
    # edges, inside the compiled forward pass (an extractor's second call;
    # its first runs eagerly and tiles in NumPy).
    from dlviz.core.probes.activations import ActivationExtractor

    inputs = keras.Input((131, 129, 3))
    conv = layers.Conv2D(64, 1, activation="relu", name="big")(inputs)
    model = keras.Model(inputs, layers.MaxPooling2D(name="pool")(conv))
    image = np.random.default_rng(1).random((131, 129, 3)).astype(np.float32)
    extractor = ActivationExtractor(model)
    eager = feature_maps(model, prepare_input(model, image), extractor=extractor)
    maps = feature_maps(model, prepare_input(model, image), extractor=extractor)
    np.testing.assert_allclose(maps.mosaics["big"].image, eager.mosaics["big"].image,
                               atol=1e-6, equal_nan=True)
    layer, mosaic = maps.layer("big"), maps.mosaics["big"]
    assert layer.values.shape == (131, 129, 64)  # the values stay whole
    assert mosaic.tile == (66, 65) and max(mosaic.image.shape) <= MAX_SIDE
    assert mosaic.image.dtype == np.float32 and mosaic.image.flags.c_contiguous
    np.testing.assert_allclose(mosaic.image, slow_mosaic(layer.values, 2, mosaic.gap, mosaic.cols),
                               atol=1e-5, equal_nan=True)
    np.testing.assert_allclose(mosaic.image, make_mosaic(layer.values).image, atol=1e-6,
                               equal_nan=True)
    expected = layer_stats(layer.values)
    assert (layer.stats.min, layer.stats.max, layer.stats.dead_channels) == \
        (expected.min, expected.max, expected.dead_channels)
    assert layer.stats.mean == pytest.approx(expected.mean, rel=1e-5)
    assert layer.stats.zero_fraction == pytest.approx(expected.zero_fraction)


def test_a_model_that_takes_any_size_gets_its_mosaics_per_image_eager_or_compiled():
    from dlviz.core.probes.activations import ActivationExtractor

    inputs = keras.Input((None, None, 3))
    model = keras.Model(inputs, layers.Conv2D(64, 1, name="any")(inputs))
    extractor = ActivationExtractor(model)
    for side in (131, 40, 131):  # eager first, then compiled
        image = np.random.default_rng(side).random((side, side, 3)).astype(np.float32)
        maps = feature_maps(model, prepare_input(model, image), extractor=extractor)
        values, mosaic = maps.layer("any").values, maps.mosaics["any"]
        assert values.shape == (side, side, 64)
        assert max(mosaic.image.shape) <= MAX_SIDE
        np.testing.assert_allclose(mosaic.image, make_mosaic(values).image, atol=1e-6,
                                   equal_nan=True)
