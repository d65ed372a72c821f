"""Fitting images to a model: size, colour, preprocessing schemes and the notes."""

import numpy as np
import pytest

from _probe_models import keras, layers, random_image
from dlviz.core.probes.preprocess import (MAX_FREE_SIDE, image_input_shape, prepare_input,
                                          scale_pixels)
from dlviz.core.probes.results import ProbeUnavailable


def conv_model(shape):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layers.Conv2D(2, 1, name="conv")(inputs))


def test_resize_says_what_happened_and_keeps_a_display_copy():
    model = conv_model((24, 32, 3))
    image = random_image((48, 80, 3))
    prepared = prepare_input(model, image)
    assert prepared.batch.shape == (1, 24, 32, 3) and prepared.batch.dtype == np.float32
    assert prepared.shown.shape == (24, 32, 3)
    assert prepared.note == "resized 80x48 -> 32x24 (aspect not kept)"
    assert prepared.preprocessing == "unit"
    np.testing.assert_array_equal(prepared.batch[0], prepared.shown)
    assert 0.0 <= prepared.shown.min() and prepared.shown.max() <= 1.0
    same_aspect = prepare_input(model, random_image((48, 64, 3)))
    assert same_aspect.note == "resized 64x48 -> 32x24"
    as_is = prepare_input(model, random_image((24, 32, 3)))
    assert as_is.note == "32x24, used as is"


def test_crop_cuts_the_centre_instead_of_stretching():
    model = conv_model((4, 4, 1))
    image = np.zeros((4, 12, 1), np.float32)
    image[:, 4:8] = 1.0  # only the centre is white
    prepared = prepare_input(model, image, fit="crop")
    assert prepared.note == "centre-cropped 12x4 and resized -> 4x4"
    assert np.all(prepared.shown == 1.0)
    stretched = prepare_input(model, image, fit="resize")
    assert stretched.shown.min() < 0.5


def test_colour_is_converted_as_the_model_needs():
    grey_model, rgb_model = conv_model((8, 8, 1)), conv_model((8, 8, 3))
    rgb = random_image((8, 8, 3))
    to_grey = prepare_input(grey_model, rgb)
    assert to_grey.batch.shape == (1, 8, 8, 1) and "converted RGB -> grey" in to_grey.note
    np.testing.assert_allclose(to_grey.shown[..., 0], rgb @ [0.299, 0.587, 0.114], atol=1e-5)
    to_rgb = prepare_input(rgb_model, random_image((8, 8)))
    assert to_rgb.batch.shape == (1, 8, 8, 3) and "converted grey -> RGB" in to_rgb.note
    rgba = np.ones((8, 8, 4), np.float32)
    rgba[..., 3] = 0.0  # fully transparent: white
    assert np.all(prepare_input(rgb_model, rgba).shown == 1.0)
    uint8 = prepare_input(rgb_model, np.full((8, 8, 3), 255, np.uint8))
    assert np.all(uint8.shown == 1.0)


def test_preprocessing_schemes():
    pixel = np.array([[[1.0, 0.5, 0.0]]], np.float32)
    assert scale_pixels(pixel, "unit").tolist() == [[[1.0, 0.5, 0.0]]]
    assert scale_pixels(pixel, "tf").tolist() == [[[1.0, 0.0, -1.0]]]
    caffe = scale_pixels(pixel, "caffe")[0, 0]   # BGR, 0..255 minus the mean
    np.testing.assert_allclose(caffe, [0 - 103.939, 127.5 - 116.779, 255 - 123.68], atol=1e-3)
    torch = scale_pixels(pixel, "torch")[0, 0]
    np.testing.assert_allclose(torch, [(1 - 0.485) / 0.229, (0.5 - 0.456) / 0.224,
                                       (0 - 0.406) / 0.225], atol=1e-5)
    model = conv_model((1, 1, 3))
    prepared = prepare_input(model, pixel, preprocessing="caffe")
    assert prepared.preprocessing == "caffe" and prepared.shown.tolist() == pixel.tolist()
    np.testing.assert_allclose(prepared.batch[0, 0, 0], caffe, atol=1e-3)
    with pytest.raises(ValueError, match="preprocessing"):
        prepare_input(model, pixel, preprocessing="imagenet")
    with pytest.raises(ValueError, match="fit"):
        prepare_input(model, pixel, fit="pad")


def test_models_that_take_any_size_keep_the_picture_up_to_a_limit():
    model = conv_model((None, None, 3))
    assert image_input_shape(model) == (None, None, 3)
    small = prepare_input(model, random_image((30, 40, 3)))
    assert small.batch.shape == (1, 30, 40, 3) and "kept 40x30" in small.note
    big = prepare_input(model, random_image((600, 1024, 3)))
    assert big.batch.shape == (1, 300, MAX_FREE_SIDE, 3)
    assert big.note == "scaled 1024x600 -> 512x300 (the model takes any size)"


def test_inputs_that_are_not_one_image_are_refused_with_a_reason():
    inputs = keras.Input((10,))
    dense = keras.Model(inputs, layers.Dense(2)(inputs), name="tabular")
    with pytest.raises(ProbeUnavailable, match=r"'tabular' takes input of shape \(None, 10\)"):
        prepare_input(dense, random_image((4, 4, 3)))
    a, b = keras.Input((4, 4, 3)), keras.Input((4, 4, 3))
    two = keras.Model([a, b], layers.Add()([a, b]), name="pair")
    with pytest.raises(ProbeUnavailable, match="takes 2 inputs"):
        prepare_input(two, random_image((4, 4, 3)))
    with pytest.raises(ProbeUnavailable, match="5 channels"):
        prepare_input(conv_model((4, 4, 5)), random_image((4, 4, 3)))
