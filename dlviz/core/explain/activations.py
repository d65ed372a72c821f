"""Activation functions, their derivatives, and where gradients vanish.

Each :class:`Activation` has f, its derivative f', and the x ranges where
|f'(x)| is below :data:`VANISHING` (a gradient multiplied by such numbers
layer after layer shrinks towards zero). Softmax takes a vector; it is
shown as the first of three outputs with the other two logits held at 0,
so s(x) = e^x / (e^x + 2) and s'(x) = s(1 - s).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

#: A derivative smaller than this (in absolute value) counts as vanishing.
VANISHING = 0.05
# GELU's tanh approximation, as keras.activations.gelu(approximate=True);
# Keras's default is the exact erf form, used here.
_SQRT2 = math.sqrt(2.0)


@dataclass(frozen=True)
class Activation:
    """One activation: its name, f and f' (vectorised over NumPy arrays)."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))   # stable for large |x|


def _erf(x):
    return np.vectorize(math.erf, otypes=[float])(x)


def _gelu(x):
    return 0.5 * x * (1.0 + _erf(x / _SQRT2))


def _gelu_grad(x):
    pdf = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    return 0.5 * (1.0 + _erf(x / _SQRT2)) + x * pdf


def _softmax_first(x):
    return 1.0 / (1.0 + 2.0 * np.exp(-x))


def activations(alpha: float = 0.1, prelu_alpha: float = 0.25,
                elu_alpha: float = 1.0) -> dict[str, Activation]:
    """The course's activations, with their slopes for negative inputs.

    Args:
        alpha: Leaky ReLU's fixed slope for x < 0.
        prelu_alpha: PReLU's slope for x < 0 (learnt in training; shown
            here at a chosen value).
        elu_alpha: ELU's alpha (its value as x -> -infinity is -alpha).

    Returns:
        A dict name -> :class:`Activation`, in the order the course meets them.

    Example:
        >>> float(activations()["ReLU"].df(np.array(-1.0)))
        0.0
    """
    def leaky(a):
        return Activation("", lambda x: np.where(x > 0, x, a * x),
                          lambda x: np.where(x > 0, 1.0, a))

    sig = Activation("sigmoid", _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x)))
    table = {
        "ReLU": Activation("ReLU", lambda x: np.maximum(x, 0.0),
                           lambda x: np.where(x > 0, 1.0, 0.0)),
        "Leaky ReLU": Activation("Leaky ReLU", leaky(alpha).f, leaky(alpha).df),
        "PReLU": Activation("PReLU", leaky(prelu_alpha).f, leaky(prelu_alpha).df),
        "ELU": Activation("ELU", lambda x: np.where(x > 0, x, elu_alpha * np.expm1(np.minimum(x, 0))),
                          lambda x: np.where(x > 0, 1.0, elu_alpha * np.exp(np.minimum(x, 0)))),
        "GELU": Activation("GELU", _gelu, _gelu_grad),
        "tanh": Activation("tanh", np.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
        "sigmoid": sig,
        "softmax": Activation("softmax", _softmax_first,
                              lambda x: _softmax_first(x) * (1 - _softmax_first(x))),
    }
    return table


def vanishing_regions(df: Callable[[np.ndarray], np.ndarray], lo: float = -6.0,
                      hi: float = 6.0, points: int = 1201,
                      threshold: float = VANISHING) -> list[tuple[float, float]]:
    """The x intervals in [lo, hi] where |f'(x)| < ``threshold``.

    Example:
        >>> [(round(a), round(b)) for a, b in vanishing_regions(activations()["ReLU"].df)]
        [(-6, 0)]
    """
    x = np.linspace(lo, hi, points)
    small = np.abs(df(x)) < threshold
    regions, start = [], None
    for xi, flag in zip(x, small):
        if flag and start is None:
            start = xi
        elif not flag and start is not None:
            regions.append((float(start), float(xi)))
            start = None
    if start is not None:
        regions.append((float(start), float(x[-1])))
    return regions
