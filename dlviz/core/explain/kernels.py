"""3x3 kernels to try, and the person's picture made small and grey.

A 3x3 window on a photo of a thousand pixels is too small to see, so the
picture is grey-scaled and shrunk by averaging blocks of pixels (area
averaging, like Pillow's BOX filter) until every pixel is a visible square.
"""

from __future__ import annotations

import numpy as np

# ITU-R 601-2 luma, the weights the rest of dlviz uses for grey pictures.
LUMA = np.array([0.299, 0.587, 0.114])

#: Kernels named as the course names them. Sobel and emboss are not
#: symmetric, so flipping them (true convolution) changes the output.
KERNELS: dict[str, np.ndarray] = {
    "Edge (Laplacian)": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], float),
    "Blur (box)": np.full((3, 3), 1.0 / 9.0),
    "Sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], float),
    "Vertical edge (Sobel x)": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float),
    "Horizontal edge (Sobel y)": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float),
    "Emboss": np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], float),
}


def is_symmetric_under_flip(kernel: np.ndarray) -> bool:
    """Whether rotating ``kernel`` by 180° leaves it unchanged.

    Then convolution and cross-correlation give the same output.

    Example:
        >>> is_symmetric_under_flip(KERNELS["Blur (box)"])
        True
    """
    kernel = np.asarray(kernel, float)
    return bool(np.allclose(kernel, kernel[::-1, ::-1]))


def small_grey(pixels: np.ndarray, size: int = 32) -> np.ndarray:
    """A picture as a ``size`` x ``size`` grey image in [0, 1].

    The centre square is kept (no stretching), then each output pixel is the
    mean of the block of input pixels it covers. A picture smaller than
    ``size`` is kept at its own size (its centre square).

    Args:
        pixels: (H, W), (H, W, 1) or (H, W, 3) values in [0, 1].
        size: the side of the result, in pixels.

    Returns:
        float64 (s, s) with s = min(size, H, W).

    Example:
        >>> small_grey(np.ones((100, 80, 3)), 16).shape
        (16, 16)
    """
    array = np.asarray(pixels, float)
    if array.ndim == 3:
        array = array[..., 0] if array.shape[2] == 1 else array[..., :3] @ LUMA
    if array.ndim != 2 or min(array.shape) < 1:
        raise ValueError(f"expected a picture (H, W[, C]), got shape {np.shape(pixels)}")
    side = min(array.shape)
    top, left = (array.shape[0] - side) // 2, (array.shape[1] - side) // 2
    square = array[top:top + side, left:left + side]
    out = min(size, side)
    edges = np.linspace(0, side, out + 1).round().astype(int)
    # Sum over rows then columns with reduceat: exact block means, any ratio.
    rows = np.add.reduceat(square, edges[:-1], axis=0)
    blocks = np.add.reduceat(rows, edges[:-1], axis=1)
    counts = np.diff(edges)
    return blocks / np.outer(counts, counts)


def sample_picture(size: int = 32) -> np.ndarray:
    """A picture with edges in every direction, for when no image is open.

    A bright disc and a square on a gentle gradient: blur, sharpen and the
    two Sobel kernels each show something different on it.
    """
    y, x = np.mgrid[0:size, 0:size] / max(size - 1, 1)
    picture = 0.25 + 0.2 * x
    picture[(x - 0.32) ** 2 + (y - 0.35) ** 2 < 0.05] = 0.95
    picture[(x > 0.55) & (x < 0.85) & (y > 0.55) & (y < 0.85)] = 0.05
    return picture
