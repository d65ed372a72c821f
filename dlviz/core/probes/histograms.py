"""Histograms of weights and activations, and the share of dead units.

The live training views show one histogram per layer (32 bins) and the
fraction of ReLU channels that never fire on the probe batch. ``histogram``
is NumPy on an array the caller already has; a model's weight histograms
are counted where the weights live (``DeviceWeightHistograms``: one
compiled function for every layer, so only 32 counts and a range per layer
come back, not a million weights).
"""

from __future__ import annotations

import math
import weakref

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
    empty = (np.zeros(bins, np.float32), np.linspace(0.0, 1.0, bins + 1, dtype=np.float32))
    if flat.size == 0:
        return empty
    low, high = float(flat.min()), float(flat.max())   # NaN if any value is NaN
    if not (math.isfinite(low) and math.isfinite(high)):
        flat = flat[np.isfinite(flat)]
        if flat.size == 0:
            return empty
        low, high = float(flat.min()), float(flat.max())
    if high <= low:
        low, high = low - 0.5, high + 0.5
    counted = flat
    if max_counted and flat.size > max_counted:
        counted = flat[::-(-flat.size // max_counted)]
    # Uniform bins: each value's bin by arithmetic (in float32, as on the device),
    # the top edge in the last bin; several times faster than np.histogram.
    index = ((counted - np.float32(low)) * np.float32(bins / (high - low))).astype(np.intp)
    np.clip(index, 0, bins - 1, out=index)
    counts = np.bincount(index, minlength=bins).astype(np.float32)
    if counted.size != flat.size:
        counts *= np.float32(flat.size / counted.size)
    return counts, np.linspace(low, high, bins + 1).astype(np.float32)


def main_weights(layer) -> list:
    """The weights a layer's histogram shows: its kernel(s), else all its weights.

    Biases and normalisation statistics live on another scale; mixed into a
    kernel's histogram they would only add a spike at zero.
    """
    kernels = [w for w in layer.weights if "kernel" in w.name or "embeddings" in w.name]
    return kernels or list(layer.trainable_weights)


class DeviceWeightHistograms:
    """Every layer's weight histogram, counted by one compiled TensorFlow function.

    The numbers of ``histogram`` on the layer's main weights read back: the
    range of every value, a constant layer widened to 1, a layer of more
    than ``max_counted`` weights counted on every k-th one and scaled up,
    except that each value's bin is computed in float32 on the device. A
    layer holding a non-finite weight is counted by ``histogram`` on the
    host instead (rare: a NaN loss stops training first). The function
    reads the variables as they are at each call: build it once per model.

    Args:
        model: a Keras model (nested models expanded).
        bins: bins per histogram.
        max_counted: most weights of a layer counted one by one.

    Example:
        >>> counted = DeviceWeightHistograms(lenet)  # doctest: +SKIP
        >>> counts, edges = counted()["c1_conv"]      # doctest: +SKIP
    """

    def __init__(self, model, bins: int = BINS, max_counted: int = MAX_COUNTED):
        from dlviz.core.kerasenv import import_tensorflow
        from dlviz.core.probes.graph import walk_layers

        self._tf = tf = import_tensorflow()
        self.bins = int(bins)
        chosen = [(path, main_weights(layer)) for path, layer, _depth in walk_layers(model)]
        chosen = [(path, weights) for path, weights in chosen if weights]
        self.paths = tuple(path for path, _weights in chosen)
        self._weights = [weights for _path, weights in chosen]
        sizes = [sum(int(np.prod(w.shape)) for w in weights) for weights in self._weights]
        # Every k-th weight of a big layer, as ``histogram`` samples it.
        self._strides = [-(-n // max_counted) if n > max_counted else 1 for n in sizes]
        self._scales = np.array([n / len(range(0, n, k)) for n, k in zip(sizes, self._strides)],
                                np.float32)
        self._step = tf.function(lambda: self._compute(), jit_compile=False)

    def _compute(self):
        tf = self._tf
        counts, lows, highs, sums = [], [], [], []
        for weights, stride in zip(self._weights, self._strides):
            flat = tf.concat([tf.reshape(tf.cast(w.value, tf.float32), (-1,))
                              for w in weights], axis=0)
            low, high = tf.reduce_min(flat), tf.reduce_max(flat)
            # Not finite when any weight is NaN or infinite: the host redoes it
            # (and the device counts zeros, as the op refuses a NaN).
            total = tf.reduce_sum(flat)
            sums.append(total)
            finite = tf.reduce_all(tf.math.is_finite(tf.stack([low, high, total])))
            low, high = tf.where(finite, low, 0.0), tf.where(finite, high, 1.0)
            flat_range = high <= low
            low = tf.where(flat_range, low - 0.5, low)
            high = tf.where(flat_range, high + 0.5, high)
            counted = flat[::stride] if stride > 1 else flat
            counted = tf.where(finite, counted, 0.0)
            counts.append(tf.histogram_fixed_width(counted, tf.stack([low, high]),
                                                   nbins=self.bins, dtype=tf.int32))
            lows.append(low)
            highs.append(high)
        return tf.stack(counts), tf.stack(lows), tf.stack(highs), tf.stack(sums)

    def __call__(self) -> dict:
        """``{layer path: (counts, edges)}``, float32 arrays of ``bins`` and ``bins + 1``."""
        if not self.paths:
            return {}
        counts, lows, highs, sums = (np.asarray(t) for t in self._step())
        counts = counts.astype(np.float32)
        scaled = self._scales != 1
        counts[scaled] *= self._scales[scaled, None]
        result = {}
        for i, path in enumerate(self.paths):
            if not (np.isfinite(sums[i]) and np.isfinite(lows[i]) and np.isfinite(highs[i])):
                values = [np.ravel(np.asarray(w.numpy())) for w in self._weights[i]]
                result[path] = histogram(np.concatenate(values), self.bins)
                continue
            result[path] = (counts[i], np.linspace(float(lows[i]), float(highs[i]),
                                                   self.bins + 1).astype(np.float32))
        return result


# One compiled counter per model (and bin count), kept while the model lives.
_COUNTERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def weight_histograms(model, bins: int = BINS, values: dict | None = None) -> dict:
    """``{layer path: (counts, edges)}`` for every layer with weights.

    Counted on the device (``DeviceWeightHistograms``, compiled once per
    model) unless ``values`` are given.

    Args:
        model: a Keras model (nested models expanded).
        bins: bins per histogram.
        values: ``{layer path: [arrays]}`` already read from the model (e.g.
            a weight snapshot): counted with NumPy (``histogram``) instead.

    Example:
        >>> sorted(weight_histograms(lenet))[:1]  # doctest: +SKIP
        ['c1_conv']
    """
    from dlviz.core.probes.graph import walk_layers

    if values is None:
        counters = _COUNTERS.setdefault(model, {})
        if bins not in counters or not _same_weights(counters[bins], model):
            counters[bins] = DeviceWeightHistograms(model, bins)
        return counters[bins]()
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


def _same_weights(counter: DeviceWeightHistograms, model) -> bool:
    """Whether ``counter`` still reads ``model``'s layers (none added or rebuilt)."""
    from dlviz.core.probes.graph import walk_layers

    now = [(path, [id(w) for w in main_weights(layer)])
           for path, layer, _depth in walk_layers(model)]
    now = [(path, ids) for path, ids in now if ids]
    return now == [(path, [id(w) for w in weights])
                   for path, weights in zip(counter.paths, counter._weights)]


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
