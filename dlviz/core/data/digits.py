"""scikit-learn's bundled handwritten digits, sized for LeNet-5.

1,797 real 8x8 greyscale digits (from the UCI "optdigits" set) ship inside
scikit-learn, so this dataset works offline, in tests and in class. LeNet-5
expects 32x32 inputs, so each digit is enlarged with a smooth filter.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.dataset import Dataset, split_dataset
from dlviz.core.data.pixels import fit_image

#: Label i is the digit i.
DIGIT_CLASSES = tuple(str(d) for d in range(10))


def load_digits_images(size: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """All 1,797 digits as images and labels, in scikit-learn's order.

    Args:
        size: height and width of each image; 8 keeps the originals.

    Returns:
        (x, y): float32 (1797, size, size, 1) in [0, 1] and int64 (1797,).
    """
    # Imported here: scikit-learn takes about a second to import, and only
    # someone who picked this dataset should pay for it.
    from sklearn.datasets import load_digits

    bunch = load_digits()
    # Pixel values are counts 0..16 (ink in 4x4 blocks of a 32x32 scan).
    small = (bunch.images / 16.0).astype(np.float32)
    if size == small.shape[1]:
        x = small
    else:
        x = np.stack([fit_image(img, (size, size)) for img in small])
    return x[..., np.newaxis], bunch.target.astype(np.int64)


def load_digits_split(size: int = 32, test_fraction: float = 0.2,
                      seed: int = 0) -> Dataset:
    """The digits, split the same way every time, each digit in both parts.

    Args:
        size: image height and width (32 for LeNet-5).
        test_fraction: share of each digit kept for testing.
        seed: picks the split; the same seed always gives the same split.

    Returns:
        A :class:`Dataset` with class names "0".."9".

    Example:
        >>> ds = load_digits_split()
        >>> ds.input_shape, len(ds.y_train) + len(ds.y_test)
        ((32, 32, 1), 1797)
    """
    x, y = load_digits_images(size)
    return split_dataset(x, y, DIGIT_CLASSES, test_fraction=test_fraction, seed=seed)
