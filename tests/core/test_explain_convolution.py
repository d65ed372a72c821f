"""The convolution explainer's arithmetic against SciPy's own correlate2d/convolve2d."""

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from dlviz.core.explain.convolution import (convolve, cross_correlate, output_shape,
                                            window_step)
from dlviz.core.explain.kernels import KERNELS, is_symmetric_under_flip, small_grey

RNG = np.random.default_rng(7)
IMAGE = RNG.random((7, 6))


@pytest.mark.parametrize("name", list(KERNELS))
def test_cross_correlation_and_convolution_match_scipy(name):
    kernel = KERNELS[name]
    np.testing.assert_allclose(cross_correlate(IMAGE, kernel),
                               correlate2d(IMAGE, kernel, mode="valid"))
    np.testing.assert_allclose(convolve(IMAGE, kernel),
                               convolve2d(IMAGE, kernel, mode="valid"))


def test_padding_one_is_scipys_same_with_zeros():
    kernel = KERNELS["Vertical edge (Sobel x)"]
    np.testing.assert_allclose(cross_correlate(IMAGE, kernel, padding=1),
                               correlate2d(IMAGE, kernel, mode="same", boundary="fill"))


def test_stride_keeps_every_second_position_of_the_full_output():
    kernel = RNG.random((3, 3))
    full = correlate2d(IMAGE, kernel, mode="valid")        # (5, 4)
    strided = cross_correlate(IMAGE, kernel, stride=2)
    assert strided.shape == output_shape(IMAGE.shape, kernel.shape, 2) == (3, 2)
    np.testing.assert_allclose(strided, full[::2, ::2])


def test_each_window_step_is_the_output_pixel_it_makes():
    kernel = KERNELS["Emboss"]
    for flip, expected in ((False, correlate2d(IMAGE, kernel, mode="valid")),
                           (True, convolve2d(IMAGE, kernel, mode="valid"))):
        for index in range(expected.size):
            step = window_step(IMAGE, kernel, index, flip=flip)
            assert step.total == pytest.approx(expected[step.row, step.col])
            np.testing.assert_allclose(step.products, step.patch * step.kernel)
            np.testing.assert_array_equal(step.patch,
                                          IMAGE[step.top:step.top + 3, step.left:step.left + 3])
    last = window_step(IMAGE, kernel, expected.size - 1)
    assert (last.row, last.col) == (4, 3)


def test_window_step_outside_the_output_says_the_range():
    with pytest.raises(IndexError, match="0..19"):
        window_step(IMAGE, np.ones((3, 3)), 20)


def test_flip_changes_sobel_but_not_symmetric_kernels():
    sobel, blur = KERNELS["Vertical edge (Sobel x)"], KERNELS["Blur (box)"]
    assert not is_symmetric_under_flip(sobel) and is_symmetric_under_flip(blur)
    # Sobel is antisymmetric under a 180° turn: convolution is minus correlation.
    np.testing.assert_allclose(convolve(IMAGE, sobel), -cross_correlate(IMAGE, sobel))
    np.testing.assert_allclose(convolve(IMAGE, blur), cross_correlate(IMAGE, blur))


def test_kernel_larger_than_the_padded_image_says_what_to_do():
    with pytest.raises(ValueError, match="add padding"):
        cross_correlate(np.ones((2, 2)), np.ones((3, 3)))


def test_small_grey_is_block_means_of_the_centre_square_in_luma():
    pixels = np.zeros((6, 8, 3))
    pixels[:, 1:7, 0] = np.arange(36).reshape(6, 6)   # red channel, centre columns
    grey = small_grey(pixels, 3)
    blocks = (np.arange(36).reshape(6, 6) * 0.299).reshape(3, 2, 3, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(grey, blocks)
    assert small_grey(np.ones((5, 9, 1)), 32).shape == (5, 5)   # never enlarged
    with pytest.raises(ValueError, match="expected a picture"):
        small_grey(np.ones(5))
