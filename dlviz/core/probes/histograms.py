"""Histograms of weights and activations, and the share of dead units.

Pure NumPy on arrays the caller already has: the live training views show
one histogram per layer (32 bins) and the fraction of ReLU channels that
never fire on the probe batch.
"""

from __future__ import annotations

import numpy as np

#: Bins of every live histogram.
BINS = 32
#: Most values counted one by one; larger arrays are sampled evenly.
MAX_COUNTED = 1 << 16


def histogram(values, bins: int = BINS, max_counted: int | None = MAX_COUNTED
              ) -> tuple[np.ndarray, np.ndarray]:
    """Counts and edges of ``values`` over their own range, as float32.

    Non-finite values are left out. A constant array gets a range of width
    1 around its value, so its edges still increase. The range is always
    that of every value; an array of more than ``max_counted`` values is
    counted on an even sample of them (every k-th value), scaled up to the
    full size, so a layer of millions of weights costs no more than one of
    65,536 (a drawn histogram of 32 bins looks the same).

    Returns:
        ``(counts, edges)``: float32 arrays of ``bins`` and ``bins + 1``.

    Example:
        >>> counts, edges = histogram(np.array([0.0, 1.0, 1.0]), bins=2)
        >>> counts.tolist(), edges.tolist()
        ([1.0, 2.0], [0.0, 0.5, 1.0])
    """
    flat = np.asarray(values, dtype=np.float32).ravel()
    if flat.size and not np.isfinite(flat).all():
        flat = flat[np.isfinite(flat)]
    if flat.size == 0:
        return np.zeros(bins, np.float32), np.linspace(0.0, 1.0, bins + 1, dtype=np.float32)
    low, high = float(flat.min()), float(flat.max())
    if high <= low:
        low, high = low - 0.5, high + 0.5
    counted = flat
    if max_counted and flat.size > max_counted:
        counted = flat[::-(-flat.size // max_counted)]
    # Uniform bins: NumPy computes each value's bin by arithmetic, no search.
    counts, edges = np.histogram(counted, bins=bins, range=(low, high))
    counts = counts.astype(np.float32)
    if counted.size != flat.size:
        counts *= np.float32(flat.size / counted.size)
    return counts, edges.astype(np.float32)


def main_weights(layer) -> list:
    """The weights a layer's histogram shows: its kernel(s), else all its weights.

    Biases and normalisation statistics live on another scale; mixed into a
    kernel's histogram they would only add a spike at zero.
    """
    kernels = [w for w in layer.weights if "kernel" in w.name or "embeddings" in w.name]
    return kernels or list(layer.trainable_weights)


def weight_histograms(model, bins: int = BINS, values: dict | None = None) -> dict:
    """``{layer path: (counts, edges)}`` for every layer with weights.

    Args:
        model: a Keras model (nested models expanded).
        bins: bins per histogram.
        values: ``{layer path: [arrays]}`` already read from the model (e.g.
            a weight snapshot), to avoid reading the variables again.

    Example:
        >>> sorted(weight_histograms(lenet))[:1]  # doctest: +SKIP
        ['c1_conv']
    """
    from dlviz.core.probes.graph import walk_layers

    result = {}
    for path, layer, _depth in walk_layers(model):
        if values is not None and path in values:
            arrays = values[path]
        else:
            arrays = [np.asarray(w.numpy()) for w in main_weights(layer)]
        if arrays:
            flat = np.concatenate([np.ravel(a) for a in arrays]) if len(arrays) > 1 \
                else np.ravel(arrays[0])
            result[path] = histogram(flat, bins)
    return result


def dead_fraction(values) -> float:
    """Share of units (last axis) that are zero for every sample and position.

    ``values`` is a layer's output for a batch: (N, ..., units). A ReLU unit
    that never fires on the whole batch gets no gradient: it is dead.

    Example:
        >>> dead_fraction(np.array([[0.0, 1.0], [0.0, 0.0]]))
        0.5
    """
    array = np.asarray(values)
    if array.size == 0:
        return 0.0
    peak = np.abs(array.reshape(-1, array.shape[-1])).max(axis=0)
    return float(np.count_nonzero(peak == 0) / peak.size)
