"""The compiled pass's packed statistics and its concrete function (live frames).

A live frame calls the extractor's concrete function with a tensor (no
argument matching) and gets every layer's statistics in two packed tensors;
these tests check that what comes out per layer and per image is what NumPy
says, and that a batch the concrete function cannot take still runs.
"""

import numpy as np
import pytest

from _probe_models import keras, layers, nested_model, random_image, small_cnn
from dlviz.core.kerasenv import import_tensorflow
from dlviz.core.probes.activations import ActivationExtractor, layer_stats
from dlviz.core.probes.layer_summary import (mosaic_and_stats, pack_statistics_graph,
                                             unpack_statistics)


def test_packed_statistics_come_apart_into_each_layers_own():
    tf = import_tensorflow()
    rng = np.random.default_rng(0)
    # Two images; layers of 3, 1 and 5 channels.
    per_layer = [(rng.normal(size=(2, c)).astype(np.float32),
                  rng.normal(size=(2, c)).astype(np.float32),
                  rng.normal(size=2).astype(np.float32),
                  rng.integers(0, 1000, size=2).astype(np.int32)) for c in (3, 1, 5)]
    for lows, highs, _total, _count in per_layer[::2]:   # channel 0 all 0: dead
        lows[:, 0] = highs[:, 0] = 0.0
    floats, counts = pack_statistics_graph(tf, [tuple(tf.constant(a) for a in layer)
                                                for layer in per_layer])
    assert floats.shape == (2, 2 * 9 + 3) and counts.dtype == tf.int32
    unpacked = unpack_statistics(floats.numpy(), counts.numpy(), [3, 1, 5])
    assert len(unpacked) == 3
    for got, expected in zip(unpacked, per_layer):
        for a, b in zip(got[:4], expected):
            np.testing.assert_array_equal(a, b)
        lows, highs = expected[:2]
        lowest, highest, dead = got[4:]
        np.testing.assert_array_equal(lowest, lows.min(axis=1))
        np.testing.assert_array_equal(highest, highs.max(axis=1))
        np.testing.assert_array_equal(dead, np.count_nonzero((lows == 0) & (highs == 0), axis=1))
    assert pack_statistics_graph(tf, []) == () and unpack_statistics(floats, counts, []) == []


@pytest.mark.parametrize("make", [small_cnn, nested_model], ids=["flat", "nested"])
def test_each_image_of_a_compiled_batch_gets_its_own_statistics(make):
    model = make()
    side = model.inputs[0].shape[1:]
    batch = np.stack([random_image(side, seed) for seed in range(3)])
    extractor = ActivationExtractor(model)
    extractor.summarised(batch[:1])   # the eager first call
    for mosaics in (True, False):
        maps, summaries, _outputs = extractor.summarised(batch, mosaics=mosaics)
        assert set(summaries) == {info.path for info in extractor.layers}
        for path, values in maps.items():
            summary = summaries[path]
            np.testing.assert_allclose(summary.minimum, values.min(axis=(1, 2)), rtol=1e-6)
            np.testing.assert_allclose(summary.maximum, values.max(axis=(1, 2)), rtol=1e-6)
            np.testing.assert_allclose(summary.total, values.sum(axis=(1, 2, 3)),
                                       rtol=1e-4, atol=1e-4)
            np.testing.assert_array_equal(
                summary.nonzero, np.count_nonzero(values.reshape(3, -1), axis=1))
            assert (summary.mosaics is not None) == mosaics
            assert summary.dead is not None   # every layer's reduced at once
            for item in range(3):   # equal to the statistics NumPy takes of one image
                _mosaic, stats = mosaic_and_stats(values[item], summary, item, tiled=False)
                expected = layer_stats(values[item])
                assert (stats.min, stats.max, stats.dead_channels) == \
                    (expected.min, expected.max, expected.dead_channels)
                assert stats.mean == pytest.approx(expected.mean, rel=1e-5, abs=1e-6)
                assert stats.zero_fraction == pytest.approx(expected.zero_fraction)
    # The maps alone (a drop's pass): the same maps, no statistics.
    bare, nothing, _outputs = extractor.summarised(batch, mosaics=False, statistics=False)
    assert set(nothing) == set(bare) and set(nothing.values()) == {None}
    for path, values in bare.items():
        np.testing.assert_array_equal(values, maps[path])
    # The three passes went through their concrete functions, each traced once.
    assert set(extractor._concrete) == {(True, True), (False, True), (False, False)}
    assert extractor._forward.experimental_get_tracing_count() == 1


def test_a_batch_the_concrete_function_cannot_take_goes_through_tf_function():
    inputs = keras.Input((None, None, 3))
    model = keras.Model(inputs, layers.Conv2D(2, 1, name="any")(inputs))
    extractor = ActivationExtractor(model)
    extractor.summarised(random_image((8, 8, 3))[None])   # the eager first call
    for side in (8, 13):   # any size fits the signature: the concrete function
        maps, _summaries, _ = extractor.summarised(random_image((side, side, 3))[None])
        assert maps["any"].shape == (1, side, side, 2)
    assert extractor._concrete
    # A batch of the wrong rank is not the concrete function's: tf.function
    # says what does not fit, as before.
    with pytest.raises((ValueError, TypeError)):
        extractor.summarised(np.zeros((8, 8, 3), np.float32))
