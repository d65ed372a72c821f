"""All channels of a layer tiled into one image: the feature-map mosaic.

One image per layer (not one item per channel) is what keeps drawing fast:
pyqtgraph draws a 2000x2000 float image in milliseconds, but 512 separate
items take seconds. Building it is vectorised: the channels are normalised
and written into the tiles of the mosaic through one strided view, with no
Python loop over channels.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from dlviz.core.probes.results import Mosaic

NORMALISE = ("channel", "layer")
ORDER = ("index", "mean")


def grid_shape(channels: int, tile: tuple[int, int], cols: int | None = None) -> tuple[int, int]:
    """(rows, cols) of a near-square mosaic of ``channels`` tiles of ``tile`` (h, w).

    Example:
        >>> grid_shape(64, (28, 28)), grid_shape(6, (28, 28)), grid_shape(10, (4, 4), cols=4)
        ((8, 8), (2, 3), (3, 4))
    """
    th, tw = tile
    if cols is None:
        cols = math.ceil(math.sqrt(channels * th / max(tw, 1)))
    cols = max(1, min(int(cols), max(channels, 1)))
    return max(1, math.ceil(channels / cols)), cols


def channel_order(values: np.ndarray, order: str = "index",
                  channel_mean: np.ndarray | None = None) -> np.ndarray:
    """Channel indices in drawing order: by index, or by mean activation, highest first."""
    channels = values.shape[-1]
    if order == "index":
        return np.arange(channels)
    if order == "mean":
        if channel_mean is None:
            planes = channel_planes(values)
            channel_mean = (planes.mean(axis=1) if planes is not None
                            else values.reshape(-1, channels).mean(axis=0))
        return np.argsort(-np.asarray(channel_mean), kind="stable")
    raise ValueError(f"order must be one of {ORDER}, got {order!r}")


def channel_range(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel minima and maxima of (H, W, C) values, float32 (C,).

    Reads the memory in its own order: channels-last arrays reduce over the
    first axis, channels-first storage (a transposed view, as
    ``ActivationExtractor`` returns) over each contiguous plane.
    """
    planes = channel_planes(values)
    if planes is not None:
        return planes.min(axis=1), planes.max(axis=1)
    flat = values.reshape(-1, values.shape[-1])
    return flat.min(axis=0), flat.max(axis=0)


def channel_planes(values: np.ndarray) -> np.ndarray | None:
    """(C, H*W) view of values stored channels-first, else None."""
    chw = values.transpose(2, 0, 1)
    if chw.flags.c_contiguous and values.shape[-1] > 1:
        return chw.reshape(values.shape[-1], -1)
    return None


def make_mosaic(values: np.ndarray, *, normalise: str = "channel", order: str = "index",
                gap: int = 1, cols: int | None = None,
                channel_min: np.ndarray | None = None,
                channel_max: np.ndarray | None = None) -> Mosaic:
    """Tile the channels of ``values`` (H, W, C) into one float32 image.

    Args:
        values: one layer's output for one image, (H, W, C) (or (H, W)),
            channels-last or a channels-first array viewed as (H, W, C).
        normalise: "channel" stretches each channel to [0, 1] on its own
            (shows the pattern in every channel); "layer" uses the layer's
            range (shows which channels are strong). A constant channel (a
            dead ReLU) maps to 0, never to NaN.
        order: "index" (channel 0 first) or "mean" (strongest first).
        gap: pixels between tiles; gaps are NaN so views draw them empty.
        cols: tiles per row; None picks a near-square mosaic.
        channel_min, channel_max: per-channel minima and maxima when the
            caller already has them (saves two passes over ``values``).

    Returns:
        A ``Mosaic``; ``mosaic.channel_at(y, x)`` maps a pixel to its channel.

    Example:
        >>> m = make_mosaic(np.random.rand(28, 28, 6).astype(np.float32))
        >>> m.image.shape, (m.rows, m.cols)
        ((57, 86), (2, 3))
    """
    if normalise not in NORMALISE:
        raise ValueError(f"normalise must be one of {NORMALISE}, got {normalise!r}")
    values = np.asarray(values, dtype=np.float32)
    if values.ndim == 2:
        values = values[..., np.newaxis]
    if values.ndim != 3:
        raise ValueError(f"expected (H, W, C) values, got shape {values.shape}")
    gap = max(0, int(gap))
    height, width, channels = values.shape
    rows, cols = grid_shape(channels, (height, width), cols)
    if channel_min is None or channel_max is None:
        channel_min, channel_max = channel_range(values)
    lo = np.asarray(channel_min, np.float32)
    hi = np.asarray(channel_max, np.float32)
    if normalise == "layer" and channels:
        lo, hi = np.full_like(lo, lo.min()), np.full_like(hi, hi.max())
    sequence = channel_order(values, order)
    span = hi - lo
    scale = np.divide(np.float32(1.0), span, out=np.zeros_like(span), where=span > 0)
    image = np.empty((rows * (height + gap) - gap, cols * (width + gap) - gap), np.float32)
    _fill_gaps(image, (height, width), rows, cols, gap, channels)
    _fill_tiles(image, values, sequence, lo, scale, cols, gap)
    return Mosaic(image=image, rows=rows, cols=cols, tile=(height, width), gap=gap,
                  order=tuple(sequence.tolist()), normalise=normalise)


def _fill_gaps(image, tile, rows, cols, gap, channels) -> None:
    """NaN into the gaps and into the unused tiles of the last row."""
    th, tw = tile
    for r in range(1, rows):
        image[r * (th + gap) - gap:r * (th + gap)] = np.nan
    for c in range(1, cols):
        image[:, c * (tw + gap) - gap:c * (tw + gap)] = np.nan
    used = channels - (rows - 1) * cols
    if used < cols:
        image[(rows - 1) * (th + gap):, used * (tw + gap):] = np.nan


def _fill_tiles(image, values, sequence, lo, scale, cols, gap) -> None:
    """Write (values - lo) * scale of each channel into its tile of ``image``.

    ``tiles`` views ``image`` as (row, y, col, x); the channels, viewed
    channels-first, are split into (row, col) the same way. One tile row
    at a time, so the second pass over it still finds it in cache.
    """
    height, width, channels = values.shape
    s_y, s_x = image.strides
    n_rows = -(-channels // cols)
    tiles = as_strided(image, shape=(n_rows, height, cols, width),
                       strides=(s_y * (height + gap), s_y, s_x * (width + gap), s_x),
                       writeable=True)
    planes = values.transpose(2, 0, 1)
    if not np.array_equal(sequence, np.arange(channels)):
        planes = planes[sequence]
        lo, scale = lo[sequence], scale[sequence]
    for row in range(n_rows):
        start, stop = row * cols, min(channels, (row + 1) * cols)
        count = stop - start
        source = planes[start:stop].transpose(1, 0, 2)         # (y, col, x)
        target = tiles[row, :, :count]                         # (y, col, x)
        np.subtract(source, lo[start:stop, np.newaxis], out=target)
        np.multiply(target, scale[start:stop, np.newaxis], out=target)


def channel_image(values: np.ndarray, channel: int, *, normalise: bool = True) -> np.ndarray:
    """One channel of (H, W, C) values as a contiguous float32 (H, W) image.

    Args:
        values: one layer's output.
        channel: which channel.
        normalise: stretch to [0, 1] (a constant channel gives zeros).

    Example:
        >>> channel_image(np.arange(8, dtype=np.float32).reshape(2, 2, 2), 1).tolist()
        [[0.0, 0.3333333432674408], [0.6666666865348877, 1.0]]
    """
    plane = np.ascontiguousarray(np.asarray(values)[..., channel], dtype=np.float32)
    if not normalise:
        return plane
    lo, hi = float(plane.min()), float(plane.max())
    if hi <= lo:
        return np.zeros_like(plane)
    return (plane - lo) * np.float32(1.0 / (hi - lo))
