"""Mosaics at screen resolution: how far to shrink a layer's maps, and the shrinking.

A mosaic is drawn in a pane that a full-HD window gives well under 1000
pixels, yet VGG-16's first layer tiles into 1,827 x 1,827 pixels. Making
(and colouring, and uploading) four times the pixels a screen can show costs
time on every drop and every live frame, so big maps are shrunk by a whole
step ``k`` first: each mosaic pixel is the **mean** of a k x k block of the
layer's true values (the blocks on the right and bottom edges average only
what they hold), normalised by the channel's range taken at full
resolution. Nothing is invented, nothing is skipped: a pixel is exactly what
the screen would show of that block. The full values stay in ``LayerMaps``
for the enlarged channel, statistics and saving.

``block_mean`` is the NumPy definition; ``ActivationExtractor`` computes the
same means inside its compiled forward pass (``block_mean_graph``).
"""

from __future__ import annotations

import numpy as np

#: Longest side, in pixels, of a default mosaic (about what a full-HD window's
#: mosaic pane can show; a person who zooms in sees the enlarged channel at
#: full resolution beside it).
MAX_SIDE = 1024


def shrunk_size(height: int, width: int, step: int) -> tuple[int, int]:
    """(height, width) of a map shrunk by ``step`` (edge blocks count too).

    Example:
        >>> shrunk_size(224, 224, 2), shrunk_size(7, 5, 3)
        ((112, 112), (3, 2))
    """
    return -(-height // step), -(-width // step)


def block_weights(height: int, width: int, step: int) -> np.ndarray:
    """1 / pixels of each k x k block, (h', w') float32: edge blocks hold fewer."""
    rows, cols = shrunk_size(height, width, step)
    along_y = np.full(rows, step, np.float32)
    along_y[-1] = height - (rows - 1) * step
    along_x = np.full(cols, step, np.float32)
    along_x[-1] = width - (cols - 1) * step
    return (np.float32(1.0) / np.outer(along_y, along_x)).astype(np.float32)


def block_mean(values: np.ndarray, step: int) -> np.ndarray:
    """Mean of each ``step`` x ``step`` block of (H, W, C) values.

    Returns:
        (h', w', C) float32: channels-first planes (viewed as (h', w', C))
        for channels-first storage, else channels-last; ``values`` itself
        when ``step`` is 1.

    Example:
        >>> v = np.arange(9, dtype=np.float32).reshape(3, 3, 1)
        >>> block_mean(v, 2)[..., 0].tolist()
        [[2.0, 3.5], [6.5, 8.0]]
    """
    height, width, channels = values.shape
    if step <= 1:
        return values
    rows, cols = shrunk_size(height, width, step)
    weights = block_weights(height, width, step)
    if values.transpose(2, 0, 1).flags.c_contiguous and channels > 1:  # channels-first storage
        padded = np.zeros((channels, rows * step, cols * step), np.float32)
        padded[:, :height, :width] = values.transpose(2, 0, 1)
        sums = padded.reshape(channels, rows, step, cols, step).sum(axis=(2, 4),
                                                                   dtype=np.float32)
        sums *= weights
        return sums.transpose(1, 2, 0)
    # Channels-last (as a compiled pass returns maps): add up whole rows of
    # a block, then neighbouring pixels; both sums read memory in order
    # (transposing to planes first cost 20x more for VGG-16's first layer).
    values = np.asarray(values, np.float32)
    if height % step or width % step:
        padded = np.zeros((rows * step, cols * step, channels), np.float32)
        padded[:height, :width] = values
        values = padded
    sums = values.reshape(rows, step, cols * step, channels).sum(axis=1, dtype=np.float32)
    sums = sums.reshape(rows, cols, step, channels).sum(axis=2, dtype=np.float32)
    sums *= weights[:, :, np.newaxis]
    return sums


def block_mean_graph(tf, maps, step: int):
    """``block_mean`` inside a TensorFlow graph: (N, H, W, C) -> (N, h', w', C)."""
    height, width = int(maps.shape[1]), int(maps.shape[2])
    rows, cols = shrunk_size(height, width, step)
    padded = tf.pad(maps, [[0, 0], [0, rows * step - height], [0, cols * step - width], [0, 0]])
    means = tf.nn.avg_pool2d(padded, step, step, "VALID")
    if height % step or width % step:  # edge blocks: mean of what they hold, not of zeros
        weights = block_weights(height, width, step) * np.float32(step * step)
        means = means * tf.constant(weights[np.newaxis, :, :, np.newaxis])
    return means
