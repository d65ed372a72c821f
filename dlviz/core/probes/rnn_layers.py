"""What the gate probes share: which kind a layer is, its inputs checked, the result assembled.

``gates`` (stateless, NumPy) and ``gate_recorder`` (compiled once per layer)
both read a layer through these, so their results are alike field for field.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes import rnn_cells
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_inputs import numpy_of
from dlviz.core.probes.sequence_results import (BACKWARD_NOTE, GRU_CONVENTION, MASK_NOTE,
                                                GateTrace)

NAMES = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "SimpleRNN"}


def recurrent_kind(layer) -> str | None:
    """"lstm", "gru", "simple_rnn" or "bidirectional" for a layer these probes read, else None."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    if isinstance(layer, keras.layers.Bidirectional):
        return "bidirectional"
    cell = getattr(layer, "cell", None)
    for kind, cls in (("lstm", keras.layers.LSTMCell), ("gru", keras.layers.GRUCell),
                      ("simple_rnn", keras.layers.SimpleRNNCell)):
        if isinstance(cell, cls):
            return kind
    return None


def prepare(layer, kind, inputs, mask, initial_state):
    """(x (batch, time, features) float32, mask or None when every step is read, [h0(, c0)]).

    Raises:
        ProbeUnavailable: ``layer`` is not of ``kind``.
        ValueError: inputs not (batch, time, features), or wrong initial states.
    """
    found = recurrent_kind(layer)
    if found != kind:
        raise ProbeUnavailable(f"{layer.name} is a {type(layer).__name__}, not a {NAMES[kind]}.")
    x, read = checked_inputs(layer, inputs, mask)
    return x, read, initial_states(layer, kind, x.shape[0], initial_state)


def checked_inputs(layer, inputs, mask):
    """(x (batch, time, features) float32, mask (batch, time) bool or None when every step is read).

    Raises:
        ValueError: inputs not (batch, time, features).
    """
    if type(inputs) is np.ndarray and inputs.dtype == np.float32:
        x = inputs     # the usual case, taken without numpy_of's checks: a live frame's
    else:              # replay runs this once per sentence, with cold caches
        x = numpy_of(inputs).astype(np.float32, copy=False)
    if x.ndim != 3:
        raise ValueError(f"{layer.name} reads (batch, time, features); got shape {x.shape}")
    if mask is None:
        return x, None
    read = np.asarray(numpy_of(mask), bool).reshape(x.shape[:2])
    return x, None if read.all() else read


def assemble(layer, kind, gates, read, path, tokens) -> GateTrace:
    """The ``GateTrace`` of ``gates`` (name -> (batch, time, units)), with its notes."""
    return trace_maker(layer, kind, path)(gates, read, tokens)


def trace_maker(layer, kind, path):
    """``make(gates, read, tokens) -> GateTrace`` for ``layer``: what does not change
    from call to call (names, activations, notes) worked out once, here.

    Example:
        >>> make = trace_maker(layer, "lstm", None)      # doctest: +SKIP
        >>> trace = make(gates, None, ("tôi", "vui"))    # doctest: +SKIP
    """
    cell = layer.cell
    backwards = bool(layer.go_backwards)
    before = [GRU_CONVENTION] if kind == "gru" else []
    if backwards:
        before.append(BACKWARD_NOTE)
    after = []
    if getattr(cell, "dropout", 0) or getattr(cell, "recurrent_dropout", 0):
        after.append("Inference mode: the layer's dropout is off, as in predict().")
    if getattr(layer, "compute_dtype", "float32") != "float32":
        after.append(f"Replayed in float32; the layer computes in {layer.compute_dtype}, "
                     "so its own values differ by that rounding.")
    notes = {False: " ".join(before + after), True: " ".join(before + [MASK_NOTE] + after)}
    fixed = {"layer": path or layer.name, "kind": kind,
             "direction": "backward" if backwards else "forward",
             "activation": rnn_cells.activation_name(cell.activation),
             "recurrent_activation": (None if kind == "simple_rnn"
                                      else rnn_cells.activation_name(cell.recurrent_activation)),
             "reset_after": bool(cell.reset_after) if kind == "gru" else None}

    def make(gates, read, tokens) -> GateTrace:
        batch, time = gates["h"].shape[:2]
        return GateTrace(gates=gates, mask=np.ones((batch, time), bool) if read is None else read,
                         tokens=None if tokens is None else tuple(str(t) for t in tokens),
                         note=notes[read is not None], **fixed)

    return make


def initial_states(layer, kind, batch, initial_state) -> list[np.ndarray]:
    """[h0] or [h0, c0], each (batch, units) float32."""
    count = 2 if kind == "lstm" else 1
    units = layer.cell.units
    if initial_state is None and getattr(layer, "stateful", False) and layer.states:
        initial_state = [s for s in layer.states]
    if initial_state is None:
        return [np.zeros((batch, units), np.float32) for _ in range(count)]
    if count == 1 and not isinstance(initial_state, (list, tuple)):
        initial_state = [initial_state]
    if len(initial_state) != count:
        raise ValueError(f"{layer.name} needs {count} initial state(s); got {len(initial_state)}")
    return [np.broadcast_to(numpy_of(s), (batch, units)).astype(np.float32)
            for s in initial_state]
