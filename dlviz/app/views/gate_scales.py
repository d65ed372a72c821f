"""Which colour scale each gate and state is drawn on, fixed by what it can hold.

A gate through a sigmoid lies in [0, 1] (0 = shut, 1 = open); a state through
tanh in [-1, 1]. Those are drawn on those fixed ranges, so the same colour
means the same value on every sentence and every layer. An LSTM's cell state
c is unbounded: its range is symmetric, from the largest |c| of the trace.
Sequential maps for [0, 1]; diverging (0 at white) for signed values.
"""

from __future__ import annotations

import math

import numpy as np

from dlviz.app.views.colormaps import DIVERGING
from dlviz.core.probes.sequence_results import RECURRENT_GATES

BOUNDED = {"sigmoid": (0.0, 1.0), "hard_sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0),
           "softsign": (-1.0, 1.0)}
GATE_MAP = "viridis"


def gate_scale(trace, name: str) -> tuple[float, float, str]:
    """(low, high, colour map name) to draw gate ``name`` of ``trace`` with."""
    if name in RECURRENT_GATES.get(trace.kind, ()):
        activation = trace.recurrent_activation
    elif name == "c":
        activation = None   # unbounded
    else:
        activation = trace.activation
    low, high = BOUNDED.get(activation or "", (None, None))
    if low is None:
        values = np.asarray(trace.gates[name], np.float32)
        finite = np.abs(values[np.isfinite(values)])
        peak = float(finite.max()) if finite.size else 1.0
        high = max(1.0, math.ceil(peak * 2) / 2)   # a round bound: 1, 1.5, 2, ...
        low = -high
    return low, high, GATE_MAP if low == 0.0 else DIVERGING
