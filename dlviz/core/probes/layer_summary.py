"""What the compiled forward pass returns besides a layer's values.

Statistics and the default mosaic are made inside the compiled function
(TensorFlow's reductions and copies run on every core, beside the
convolutions), so Python receives finished pictures and small arrays: per
channel its minimum and maximum, the layer's sum and non-zero count, and the
mosaic image itself, shrunk to screen resolution (``mosaic_scale``). The
graph follows ``make_mosaic`` step by step, so the two agree up to float
rounding (an ulp or so of the [0, 1] pixels).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.mosaic import (channel_planes, channel_range, default_gap, grid_shape,
                                     make_mosaic, screen_step)
from dlviz.core.probes.mosaic_scale import block_mean_graph, shrunk_size
from dlviz.core.probes.results import ActivationStats, Mosaic


@dataclass(frozen=True)
class MosaicLayout:
    """Where the tiles of a default mosaic go: ``step`` shrinks each map first."""

    step: int
    tile: tuple[int, int]
    rows: int
    cols: int
    gap: int
    channels: int


@dataclass(frozen=True, eq=False)
class LayerSummary:
    """One layer's reductions for a batch of N images, from the compiled pass.

    Attributes:
        mosaics: (N, height, width) the default mosaic of each image, or
            None when the layer's size is known only per image or the pass
            made statistics only.
        minimum, maximum: (N, C) each channel's range at full resolution.
        total: (N,) sum of the values; ``nonzero``: (N,) how many are not 0.
        layout: the mosaics' ``MosaicLayout`` (None with ``mosaics``).
        lowest, highest, dead: (N,) the layer's least and greatest value
            and how many channels are all 0, when the caller had them
            (``unpack_statistics``: every layer's at once); None: read from
            ``minimum`` and ``maximum`` when asked.
    """

    mosaics: np.ndarray | None
    minimum: np.ndarray
    maximum: np.ndarray
    total: np.ndarray
    nonzero: np.ndarray
    layout: MosaicLayout | None
    lowest: np.ndarray | None = None
    highest: np.ndarray | None = None
    dead: np.ndarray | None = None


def mosaic_layout(shape) -> MosaicLayout | None:
    """The default mosaic's layout for outputs of ``shape`` (None, H, W, C).

    None when a side is free (known only per image).
    """
    if any(side is None for side in shape[1:]):
        return None
    height, width, channels = (int(side) for side in shape[1:])
    step = screen_step((height, width, channels))
    tile = shrunk_size(height, width, step)
    rows, cols = grid_shape(channels, tile)
    return MosaicLayout(step, tile, rows, cols, default_gap(tile), channels)


def summarise_graph(tf, maps, layout: MosaicLayout | None) -> tuple:
    """Inside the compiled function: (mosaics or (), minimum, maximum, total, nonzero).

    ``maps`` is (N, H, W, C) float32.
    """
    lo, hi = tf.reduce_min(maps, axis=(1, 2)), tf.reduce_max(maps, axis=(1, 2))
    # Counted in int32 (one image's layer holds far fewer than 2**31 values):
    # the count casts every value first, and int64 doubles what that writes.
    stats = (lo, hi, tf.reduce_sum(maps, axis=(1, 2, 3)),
             tf.math.count_nonzero(maps, axis=(1, 2, 3), dtype=tf.int32))
    if layout is None:
        return ((),) + stats
    return (mosaic_graph(tf, maps, lo, hi, layout),) + stats


def pack_statistics_graph(tf, stats) -> tuple:
    """Inside the compiled function: every layer's statistics in two tensors.

    A function's every output costs Python time to hand over (~10 us each,
    ~1 ms for VGG-16's 18 layers x 4 statistics); packed, two outputs carry
    them all. ``unpack_statistics`` takes them apart again in NumPy.

    Args:
        tf: the TensorFlow module.
        stats: per layer ``(minimum (N, C), maximum (N, C), total (N,),
            nonzero (N,) int32)``, as ``summarise_graph`` makes them.

    Returns:
        ``(floats, counts)``: (N, 2 * sum(C) + layers) float32, every
        layer's minima, then every layer's maxima, then the totals; and the
        (N, layers) int32 non-zero counts. () without layers.
    """
    if not stats:
        return ()
    lows, highs, totals, counts = zip(*stats)
    floats = tf.concat([*lows, *highs, tf.stack(totals, axis=1)], axis=1)
    return floats, tf.stack(counts, axis=1)


def unpack_statistics(floats: np.ndarray, counts: np.ndarray, channels) -> list[tuple]:
    """``pack_statistics_graph``'s two arrays as per-layer statistics again (views).

    Args:
        floats: (N, 2 * sum(C) + layers) float32 minima, maxima and totals.
        counts: (N, layers) int32 non-zero counts.
        channels: each layer's channel count C, in the packed order.

    Returns:
        Per layer ``(minimum (N, C), maximum (N, C), total (N,), nonzero (N,),
        lowest (N,), highest (N,), dead (N,))``: the last three (the
        layer's extremes and all-zero channels, ``LayerSummary``) are
        reduced for every layer at once, a few NumPy calls a frame instead
        of a few per layer.

    Example:
        >>> floats = np.array([[0, 1, 2, 5, 6, 7, 10, 20]], np.float32)
        >>> lo, hi, total, nonzero, lowest, highest, dead = unpack_statistics(
        ...     floats, np.array([[3, 4]]), [1, 2])[1]
        >>> lo.tolist(), hi.tolist(), total.tolist(), nonzero.tolist()
        ([[1.0, 2.0]], [[6.0, 7.0]], [20.0], [4])
        >>> lowest.tolist(), highest.tolist(), dead.tolist()
        ([1.0], [7.0], [0])
    """
    if not len(channels):
        return []
    ends = np.cumsum(channels)
    starts = ends - np.asarray(channels)
    every = int(ends[-1])
    lows, highs = floats[:, :every], floats[:, every:2 * every]
    if (ends > starts).all():
        lowest = np.minimum.reduceat(lows, starts, axis=1)
        highest = np.maximum.reduceat(highs, starts, axis=1)
        dead = np.add.reduceat((lows == 0) & (highs == 0), starts, axis=1, dtype=np.int64)
        extremes = [(lowest[:, i], highest[:, i], dead[:, i]) for i in range(len(starts))]
    else:   # a layer without channels: each layer's own, when asked
        extremes = [(None, None, None)] * len(starts)
    return [(lows[:, start:end], highs[:, start:end], floats[:, 2 * every + index],
             counts[:, index], *extremes[index])
            for index, (start, end) in enumerate(zip(starts.tolist(), ends.tolist()))]


def mosaic_graph(tf, maps, lo, hi, layout: MosaicLayout):
    """``make_mosaic``'s default picture of (N, H, W, C) maps, as (N, height, width)."""
    shown = maps if layout.step == 1 else block_mean_graph(tf, maps, layout.step)
    span = hi - lo
    scale = tf.where(span > 0, 1.0 / tf.where(span > 0, span, 1.0), 0.0)
    planes = tf.transpose((shown - lo[:, None, None, :]) * scale[:, None, None, :], (0, 3, 1, 2))
    (th, tw), gap, rows, cols = layout.tile, layout.gap, layout.rows, layout.cols
    # Unused tiles and the gap after every tile are NaN (drawn empty); the
    # gaps after the last row and column are cut off again.
    padded = tf.pad(planes, [[0, 0], [0, rows * cols - layout.channels], [0, gap], [0, gap]],
                    constant_values=float("nan"))
    grid = tf.reshape(padded, (-1, rows, cols, th + gap, tw + gap))
    image = tf.reshape(tf.transpose(grid, (0, 1, 3, 2, 4)),
                       (-1, rows * (th + gap), cols * (tw + gap)))
    return image[:, :rows * (th + gap) - gap, :cols * (tw + gap) - gap]


def mosaic_and_stats(values: np.ndarray, summary: LayerSummary, item: int = 0, *,
                     tiled: bool = True) -> tuple[Mosaic | None, ActivationStats]:
    """The default mosaic and the statistics of batch item ``item``.

    Equal to ``make_mosaic(values)`` and ``layer_stats(values)`` (up to
    float rounding in sums and block means); ``values`` is read again only
    for a mosaic the pass did not make (a model that takes any size, or a
    statistics-only pass). ``tiled=False``: no mosaic (None).
    """
    lo, hi = summary.minimum[item], summary.maximum[item]
    if summary.dead is None:
        lowest, highest = float(lo.min()), float(hi.max())
        dead = int(np.count_nonzero((lo == 0) & (hi == 0)))
    else:   # reduced for every layer at once (``unpack_statistics``)
        lowest, highest = float(summary.lowest[item]), float(summary.highest[item])
        dead = int(summary.dead[item])
    layout = summary.layout
    if not tiled:
        mosaic = None
    elif layout is None or summary.mosaics is None:
        mosaic = make_mosaic(values, channel_min=lo, channel_max=hi)
    else:
        mosaic = Mosaic(image=summary.mosaics[item], rows=layout.rows, cols=layout.cols,
                        tile=layout.tile, gap=layout.gap, order=tuple(range(layout.channels)),
                        normalise="channel")
    size = max(values.size, 1)
    stats = ActivationStats(
        min=lowest, max=highest, mean=float(summary.total[item]) / size,
        zero_fraction=1.0 - int(summary.nonzero[item]) / size, dead_channels=dead)
    return mosaic, stats


def layer_stats(values: np.ndarray, channel_min=None, channel_max=None) -> ActivationStats:
    """Min, max, mean, share of zeros and dead channels of (H, W, C) values.

    Example:
        >>> layer_stats(np.array([[[0.0, 2.0], [0.0, 4.0]]], np.float32)).dead_channels
        1
    """
    if channel_min is None or channel_max is None:
        channel_min, channel_max = channel_range(values)
    planes = channel_planes(values)
    data = values if planes is None else planes  # memory order: fastest to read
    size = max(values.size, 1)
    return ActivationStats(
        min=float(channel_min.min()), max=float(channel_max.max()),
        mean=float(data.mean(dtype=np.float32)),
        # Compared first: counting a bool array is ~3x faster than a float one.
        zero_fraction=float(1.0 - np.count_nonzero(data != 0) / size),
        dead_channels=int(np.count_nonzero((channel_min == 0) & (channel_max == 0))))
