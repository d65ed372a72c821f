"""Cross-correlation and convolution, one window position at a time.

What Keras's Conv2D computes is cross-correlation: the kernel slides over the
image as it is. True (mathematical) convolution flips the kernel
horizontally and vertically first. Both are computed here with padding and
stride, and :func:`window_step` gives one position's nine products and
their sum, which the explainer shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.explain.output_size import output_size


@dataclass(frozen=True)
class WindowStep:
    """One position of the kernel over the (padded) image.

    Attributes:
        row, col: the output pixel this position computes.
        top, left: the window's top-left corner in the padded image.
        patch: the image values under the window (k x k).
        kernel: the kernel as applied (flipped for convolution).
        products: ``patch * kernel``, element by element.
        total: the sum of the products: the output pixel's value.
    """

    row: int
    col: int
    top: int
    left: int
    patch: np.ndarray
    kernel: np.ndarray
    products: np.ndarray
    total: float


def applied_kernel(kernel: np.ndarray, flip: bool) -> np.ndarray:
    """The kernel as it multiplies the image: rotated 180° for convolution.

    Example:
        >>> applied_kernel(np.array([[1, 2], [3, 4]]), True).tolist()
        [[4.0, 3.0], [2.0, 1.0]]
    """
    kernel = np.asarray(kernel, float)
    return kernel[::-1, ::-1] if flip else kernel


def pad(image: np.ndarray, padding: int | tuple[int, int]) -> np.ndarray:
    """Zero padding: an int pads all sides, (before, after) pads each axis so."""
    before, after = (padding, padding) if np.isscalar(padding) else padding
    return np.pad(np.asarray(image, float), ((before, after), (before, after)))


def output_shape(image_shape, kernel_shape, stride: int = 1, padding=0) -> tuple[int, int]:
    """(rows, cols) of the output, from floor((n + 2p - k) / s) + 1 per axis."""
    before, after = (padding, padding) if np.isscalar(padding) else padding
    return tuple(output_size(n, k, stride, before, after)
                 for n, k in zip(image_shape, kernel_shape))


def window_step(image, kernel, index: int, flip: bool = False, stride: int = 1,
                padding=0) -> WindowStep:
    """The ``index``-th window position, in reading order (row by row).

    Args:
        image: (H, W) values.
        kernel: (k, k) weights, as the person wrote them.
        index: 0 .. rows * cols - 1 of the output.
        flip: True for convolution (kernel flipped), False for
            cross-correlation (what Keras computes).
        stride, padding: as in :func:`cross_correlate`.

    Returns:
        A :class:`WindowStep`.

    Example:
        >>> step = window_step(np.arange(9.).reshape(3, 3), np.ones((3, 3)), 0)
        >>> step.total
        36.0
    """
    rows, cols = output_shape(np.shape(image), np.shape(kernel), stride, padding)
    if not 0 <= index < rows * cols:
        raise IndexError(f"position {index} is outside 0..{rows * cols - 1}")
    row, col = divmod(index, cols)
    weights = applied_kernel(kernel, flip)
    top, left = row * stride, col * stride
    patch = pad(image, padding)[top:top + weights.shape[0], left:left + weights.shape[1]]
    products = patch * weights
    return WindowStep(row, col, top, left, patch, weights, products, float(products.sum()))


def cross_correlate(image, kernel, stride: int = 1, padding=0) -> np.ndarray:
    """Slide ``kernel`` over ``image`` unflipped (what Conv2D does).

    Args:
        image: (H, W) values.
        kernel: (kh, kw) weights.
        stride: step between window positions, in pixels.
        padding: zeros added around the image (int, or (before, after)).

    Returns:
        (rows, cols) from :func:`output_shape`.

    Example:
        >>> cross_correlate(np.eye(3), np.array([[1., 0.], [0., 1.]])).tolist()
        [[2.0, 0.0], [0.0, 2.0]]
    """
    kernel = np.asarray(kernel, float)
    padded = pad(image, padding)
    rows, cols = output_shape(np.shape(image), kernel.shape, stride, padding)
    if rows < 1 or cols < 1:
        raise ValueError(f"a {kernel.shape[0]}x{kernel.shape[1]} kernel does not fit "
                         f"a {padded.shape[0]}x{padded.shape[1]} padded image; "
                         "add padding or use a smaller kernel")
    windows = np.lib.stride_tricks.sliding_window_view(padded, kernel.shape)
    windows = windows[::stride, ::stride][:rows, :cols]
    return np.einsum("ijkl,kl->ij", windows, kernel)


def convolve(image, kernel, stride: int = 1, padding=0) -> np.ndarray:
    """True convolution: cross-correlation with the kernel rotated 180°."""
    return cross_correlate(image, applied_kernel(kernel, True), stride, padding)
