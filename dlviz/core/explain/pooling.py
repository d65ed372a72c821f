"""Pooling, flatten, a fully connected layer and softmax on a small example.

The end of a small CNN, with numbers small enough to read: a 4x4 feature map
is pooled 2x2 (max or average) to 2x2, flattened to 4 numbers, multiplied by
a 3x4 weight matrix plus biases (a Dense layer with 3 units) and turned into
3 probabilities by softmax.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: A feature map with one strong corner per block, so max and average differ.
EXAMPLE_MAP = np.array([[1, 3, 2, 0],
                        [5, 0, 1, 1],
                        [0, 2, 8, 2],
                        [1, 1, 3, 4]], float)
#: Dense(3) weights (rows: classes, columns: the 4 flattened numbers), biases.
EXAMPLE_WEIGHTS = np.array([[0.5, -0.2, 0.1, 0.3],
                            [-0.3, 0.4, 0.2, -0.1],
                            [0.1, 0.1, -0.4, 0.6]])
EXAMPLE_BIAS = np.array([0.1, 0.0, -0.2])


@dataclass(frozen=True)
class HeadPass:
    """Every number of one pass through pooling -> flatten -> Dense -> softmax.

    Attributes:
        feature_map: the (4, 4) input.
        mode: "max" or "average".
        pooled: (2, 2) after pooling.
        flat: (4,) the pooled map read row by row.
        weights, bias: the Dense layer's (3, 4) weights and (3,) biases.
        logits: weights @ flat + bias.
        probabilities: softmax(logits); they sum to 1.
    """

    feature_map: np.ndarray
    mode: str
    pooled: np.ndarray
    flat: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    logits: np.ndarray
    probabilities: np.ndarray


def pool2d(x: np.ndarray, size: int = 2, stride: int | None = None,
           mode: str = "max") -> np.ndarray:
    """Max or average pooling with 'valid' padding, as Keras's pooling layers.

    Example:
        >>> pool2d(EXAMPLE_MAP, 2, mode="max").tolist()
        [[5.0, 2.0], [2.0, 8.0]]
    """
    if mode not in ("max", "average"):
        raise ValueError(f"mode must be 'max' or 'average', got {mode!r}")
    stride = stride or size
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(x, float), (size, size))
    windows = windows[::stride, ::stride]
    return windows.max(axis=(2, 3)) if mode == "max" else windows.mean(axis=(2, 3))


def softmax(z: np.ndarray) -> np.ndarray:
    """exp(z) / sum(exp(z)), shifted by max(z) so large logits do not overflow."""
    z = np.asarray(z, float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def head_pass(feature_map: np.ndarray = EXAMPLE_MAP, mode: str = "max",
              weights: np.ndarray = EXAMPLE_WEIGHTS,
              bias: np.ndarray = EXAMPLE_BIAS) -> HeadPass:
    """Pool 2x2, flatten, Dense and softmax, keeping every intermediate.

    Example:
        >>> head_pass().flat.tolist()
        [5.0, 2.0, 2.0, 8.0]
    """
    pooled = pool2d(feature_map, 2, mode=mode)
    flat = pooled.reshape(-1)
    weights, bias = np.asarray(weights, float), np.asarray(bias, float)
    if weights.shape[1] != flat.size:
        raise ValueError(f"the Dense weights take {weights.shape[1]} numbers, "
                         f"the flattened map has {flat.size}")
    logits = weights @ flat + bias
    return HeadPass(np.asarray(feature_map, float), mode, pooled, flat, weights, bias,
                    logits, softmax(logits))
