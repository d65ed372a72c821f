"""Kernels as colour patches, out x in grids and depthwise rows."""

import numpy as np
import pytest

from _probe_models import keras, layers, nested_model
from dlviz.core.probes.filters import MAX_GRID, filter_bank, filter_layers, symmetric
from dlviz.core.probes.results import ProbeUnavailable


def kernel_model():
    inputs = keras.Input((16, 16, 3))
    x = layers.Conv2D(5, 3, name="first")(inputs)
    x = layers.Conv2D(4, 3, name="second")(x)
    x = layers.DepthwiseConv2D(3, depth_multiplier=2, name="depthwise")(x)
    x = layers.SeparableConv2D(6, 3, name="separable")(x)
    x = layers.MaxPooling2D(name="pool")(x)
    return keras.Model(inputs, layers.Conv2D(70, 1, name="wide")(x))


def test_filter_layers_lists_convolutions_including_nested_ones():
    assert filter_layers(kernel_model()) == ["first", "second", "depthwise", "separable", "wide"]
    assert filter_layers(nested_model()) == ["stem", "backbone/b_conv",
                                             "backbone/deep/deep_conv", "head_block/h_conv"]


def test_first_layer_kernels_are_colour_patches_with_zero_as_grey():
    model = kernel_model()
    layer = model.get_layer("first")
    kernel = np.zeros((3, 3, 3, 5), np.float32)
    kernel[0, 0, 0, 0] = 2.0      # filter 0: one red weight at its top-left
    kernel[2, 2, 2, 0] = -1.0     # ... and a negative blue one at its bottom-right
    layer.kernel.assign(kernel)
    bank = filter_bank(model, "first")
    assert bank.kind == "rgb" and bank.image.shape == (7, 11, 3)  # 2 rows x 3 cols of 3x3
    assert (bank.rows, bank.cols) == (2, 3)
    np.testing.assert_array_equal(bank.kernels, kernel)
    patch = bank.image[:3, :3]
    assert patch[0, 0].tolist() == [1.0, 0.5, 0.5]       # +max -> full red, 0 -> grey
    assert patch[2, 2].tolist() == [0.5, 0.5, 0.25]      # -max/2 -> a quarter
    assert np.all(bank.image[:3, 4:7] == 0.5)            # an all-zero filter is grey
    assert np.isnan(bank.image[3]).all() and np.isnan(bank.image[:, 3]).all()
    assert np.isnan(bank.image[4:, 8:]).all()            # the sixth slot is empty
    assert "5 filters of 3x3x3" in bank.note
    bgr = filter_bank(model, "first", channel_order="BGR")
    assert bgr.image[0, 0].tolist() == [0.5, 0.5, 1.0]   # Caffe models read BGR


def test_deeper_kernels_are_an_output_by_input_grid():
    bank = filter_bank(kernel_model(), "second")
    kernels = bank.kernels
    assert bank.kind == "grid" and (bank.rows, bank.cols) == (4, 5)
    assert bank.image.shape == (4 * 4 - 1, 5 * 4 - 1)
    extent = np.abs(kernels).max()
    # Row 2 (filter 2), column 3 (input channel 3).
    np.testing.assert_allclose(bank.image[8:11, 12:15], kernels[:, :, 3, 2] / extent / 2 + 0.5,
                               atol=1e-6)


def test_big_grids_are_capped_and_say_so():
    bank = filter_bank(kernel_model(), "wide")  # 1x1 kernels, 6 -> 70 channels
    assert bank.kind == "grid" and bank.rows == MAX_GRID and bank.cols == 6
    assert bank.image.shape == (MAX_GRID, 6)    # 1x1 kernels: a plain matrix, no gaps
    assert "first 64 of 70 filters" in bank.note
    assert bank.kernels.shape == (1, 1, 6, 70)  # the raw weights are all there


def test_depthwise_and_separable_kernels_one_patch_per_channel():
    model = kernel_model()
    depthwise = filter_bank(model, "depthwise")
    assert depthwise.kind == "depthwise" and depthwise.kernels.shape == (3, 3, 4, 2)
    assert depthwise.rows * depthwise.cols >= 8 and "8 depthwise 3x3 kernels" in depthwise.note
    # Patch 3 is input channel 1, multiplier 1 (Keras's output order c * m + k).
    k = depthwise.kernels
    row, col = divmod(3, depthwise.cols)
    patch = depthwise.image[row * 4:row * 4 + 3, col * 4:col * 4 + 3]
    np.testing.assert_allclose(patch, symmetric(k[:, :, 1, 1], np.abs(k).max()), atol=1e-6)
    separable = filter_bank(model, "separable")
    assert separable.kind == "depthwise" and "pointwise" in separable.note


@pytest.mark.parametrize("path, words", [("pool", ["MaxPooling2D", "first, second"]),
                                         ("nope", ["not a layer", "first"])])
def test_layers_without_kernels_are_explained(path, words):
    with pytest.raises(ProbeUnavailable) as caught:
        filter_bank(kernel_model(), path)
    assert all(w in str(caught.value) for w in words), str(caught.value)
