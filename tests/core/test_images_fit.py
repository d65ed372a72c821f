"""Resizing, centre-cropping and channel conversion of decoded images."""

from __future__ import annotations

import numpy as np
import pytest

from dlviz.core.data import fit_image, to_channels


def test_resize_shape_dtype_and_rank():
    image = np.random.default_rng(0).random((30, 50, 3), dtype=np.float32)
    assert fit_image(image, (16, 24)).shape == (16, 24, 3)
    assert fit_image(image, (16, 24)).dtype == np.float32
    assert fit_image(image[..., 0], (8, 8)).shape == (8, 8)
    as_bytes = (image * 255).astype(np.uint8)
    out = fit_image(as_bytes, (10, 10))
    assert out.dtype == np.uint8 and out.shape == (10, 10, 3)


def test_same_size_is_unchanged():
    image = np.random.default_rng(1).random((12, 9, 1), dtype=np.float32)
    np.testing.assert_allclose(fit_image(image, (12, 9)), image, atol=1e-6)


def test_constant_image_stays_constant_at_full_precision():
    # 16-bit-like levels must survive: no rounding to 1/255 steps.
    image = np.full((40, 30, 1), 12345 / 65535, dtype=np.float32)
    np.testing.assert_allclose(fit_image(image, (7, 11)), 12345 / 65535, atol=1e-6)


def test_shrinking_averages_instead_of_aliasing():
    # A one-pixel checkerboard shrunk 8x must come out mid-grey everywhere,
    # not black or white as naive subsampling would give.
    board = (np.indices((64, 64)).sum(axis=0) % 2).astype(np.float32)
    np.testing.assert_allclose(fit_image(board, (8, 8)), 0.5, atol=0.02)


def test_cubic_overshoot_is_clipped_to_the_input_range():
    step = np.zeros((8, 8), dtype=np.float32)
    step[:, 4:] = 1.0
    out = fit_image(step, (32, 32), resample="lanczos")
    assert out.min() >= 0.0 and out.max() <= 1.0


def test_crop_keeps_the_centre_without_distortion():
    # 10 tall, 20 wide: black quarters either side of a white centre. A square
    # crop is exactly the white middle.
    image = np.zeros((10, 20, 3), dtype=np.float32)
    image[:, 5:15] = 1.0
    np.testing.assert_allclose(fit_image(image, (10, 10), mode="crop"), 1.0, atol=1e-6)
    stretched = fit_image(image, (10, 10), mode="resize")
    assert stretched.min() < 0.1  # the black edges are still there


def test_crop_of_a_tall_image():
    image = np.zeros((20, 10), dtype=np.float32)
    image[5:15] = 1.0
    np.testing.assert_allclose(fit_image(image, (5, 5), mode="crop"), 1.0, atol=1e-6)


@pytest.mark.parametrize("kwargs", [dict(size=(0, 4)), dict(size=(4, 4), mode="pad"),
                                    dict(size=(4, 4), resample="magic")])
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        fit_image(np.zeros((4, 4, 3), np.float32), **kwargs)


def test_channels_grey_to_rgb_and_back():
    grey = np.random.default_rng(2).random((5, 6, 1), dtype=np.float32)
    rgb = to_channels(grey, 3)
    assert rgb.shape == (5, 6, 3) and np.array_equal(rgb[..., 0], rgb[..., 2])
    np.testing.assert_allclose(to_channels(rgb, 1), grey, atol=1e-6)
    assert to_channels(grey[..., 0], 1).shape == (5, 6, 1)


def test_channels_use_luma_and_work_on_batches():
    red = np.zeros((2, 3, 3, 3), dtype=np.float32)
    red[..., 0] = 1.0
    grey = to_channels(red, 1)
    assert grey.shape == (2, 3, 3, 1)
    np.testing.assert_allclose(grey, 0.299, atol=1e-6)


def test_channels_rgba_is_composited_on_white():
    rgba = np.array([[[1, 0, 0, 0], [1, 0, 0, 1]]], dtype=np.float32)
    np.testing.assert_allclose(to_channels(rgba, 3)[0], [[1, 1, 1], [1, 0, 0]])


def test_channels_refuses_other_counts():
    with pytest.raises(ValueError):
        to_channels(np.zeros((2, 2, 2)), 3)
    with pytest.raises(ValueError):
        to_channels(np.zeros((2, 2, 3)), 4)
