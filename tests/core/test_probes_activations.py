"""Feature maps checked numerically against plain Keras, statistics, the extractor."""

import numpy as np
import pytest

from _probe_models import keras, layers, nested_model, random_image, reference, small_cnn
from dlviz.core.probes.activations import (ActivationExtractor, feature_maps,
                                           feature_maps_and_outputs, layer_stats)
from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.results import ProbeUnavailable


@pytest.mark.parametrize("make", [small_cnn, nested_model], ids=["flat", "nested"])
def test_every_layer_matches_keras_model_of_that_layer(make):
    model = make()
    image = random_image(model.inputs[0].shape[1:])
    prepared = prepare_input(model, image)
    maps, outputs = feature_maps_and_outputs(model, prepared)
    assert len(maps.layers) >= 4
    for item in maps.layers:
        expected = reference(model, item.path, prepared.batch)[0]
        assert item.values.shape == expected.shape, item.path
        assert item.values.dtype == np.float32
        np.testing.assert_allclose(item.values, expected, rtol=1e-5, atol=1e-5,
                                   err_msg=item.path)
    np.testing.assert_allclose(outputs[0], np.asarray(model(prepared.batch)), atol=1e-6)


def test_nested_paths_are_reported_and_non_spatial_layers_skipped():
    model = nested_model()
    maps = feature_maps(model, prepare_input(model, random_image((16, 16, 3))))
    paths = [item.path for item in maps.layers]
    assert "backbone/deep/deep_bn" in paths and "head_block/h_conv" in paths
    assert maps.layer("backbone/deep/deep_bn").depth == 2
    assert maps.skipped == ("gap", "predictions")
    assert set(maps.mosaics) == set(paths)
    with pytest.raises(KeyError):
        maps.layer("nope")


def test_extractor_is_reused_across_images_and_checks_its_model():
    model = small_cnn()
    extractor = ActivationExtractor(model)
    first = feature_maps(model, prepare_input(model, random_image((12, 12, 3), 1)),
                         extractor=extractor)
    second = feature_maps(model, prepare_input(model, random_image((12, 12, 3), 2)),
                          extractor=extractor)
    assert not np.allclose(first.layer("conv2").values, second.layer("conv2").values)
    again = feature_maps(model, first.input, extractor=extractor)
    np.testing.assert_array_equal(again.layer("conv2").values, first.layer("conv2").values)
    with pytest.raises(ValueError, match="another model"):
        feature_maps(small_cnn(), first.input, extractor=extractor)


def test_extractor_returns_a_batch_of_maps_and_the_model_outputs():
    model = small_cnn()
    batch = np.stack([random_image((12, 12, 3), s) for s in range(3)])
    maps, outputs = ActivationExtractor(model)(batch)
    assert maps["conv1"].shape == (3, 10, 10, 4)
    np.testing.assert_allclose(outputs[0], np.asarray(model(batch)), atol=1e-6)


def test_a_subset_of_layers_by_name_or_path():
    model = nested_model()
    prepared = prepare_input(model, random_image((16, 16, 3)))
    maps = feature_maps(model, prepared, layers=["h_conv", "backbone/b_conv"])
    assert [item.path for item in maps.layers] == ["backbone/b_conv", "head_block/h_conv"]
    with pytest.raises(ProbeUnavailable) as caught:
        feature_maps(model, prepared, layers=["gap"])
    message = str(caught.value)
    assert "'gap' is not a layer with feature maps" in message and "stem" in message


def test_statistics_count_zeros_and_dead_channels():
    inputs = keras.Input((6, 6, 1))
    conv = layers.Conv2D(3, 1, activation="relu", name="conv")
    model = keras.Model(inputs, conv(inputs))
    # Channel 0 copies the input, channel 1 is always dead, channel 2 = 2x - 1.
    conv.set_weights([np.array([1.0, 0.0, 2.0], np.float32).reshape(1, 1, 1, 3),
                      np.array([0.0, -1.0, -1.0], np.float32)])
    image = np.zeros((6, 6, 1), np.float32)
    image[:3] = 1.0  # top half white
    stats = feature_maps(model, prepare_input(model, image)).layer("conv").stats
    assert stats.dead_channels == 1
    assert stats.min == 0.0 and stats.max == 1.0
    # Zeros: half of channel 0, all of channel 1, half of channel 2.
    assert stats.zero_fraction == pytest.approx(2 / 3)
    assert stats.mean == pytest.approx((0.5 + 0 + 0.5) / 3)


def test_layer_stats_and_default_mosaic_agree_in_either_memory_layout():
    values = random_image((5, 7, 4)) - 0.5
    values[..., 2] = 0.0
    channels_first = np.ascontiguousarray(values.transpose(2, 0, 1)).transpose(1, 2, 0)
    last, first = layer_stats(values), layer_stats(channels_first)
    assert (last.min, last.max, last.zero_fraction, last.dead_channels) == \
        (first.min, first.max, first.zero_fraction, first.dead_channels)
    assert last.mean == pytest.approx(first.mean, abs=1e-6)
    assert last.dead_channels == 1 and last.zero_fraction == pytest.approx(0.25)
    np.testing.assert_array_equal(make_mosaic(values).image, make_mosaic(channels_first).image)


def test_feature_maps_mosaics_are_per_channel_in_channel_order():
    model = small_cnn()
    maps = feature_maps(model, prepare_input(model, random_image((12, 12, 3))))
    mosaic = maps.mosaics["conv1"]
    assert mosaic.normalise == "channel" and mosaic.order == (0, 1, 2, 3)
    expected = make_mosaic(maps.layer("conv1").values)
    np.testing.assert_array_equal(mosaic.image, expected.image)
