"""LSTM, GRU and SimpleRNN gates at every time step, recomputed from a layer's weights.

Keras computes the gates inside the cell and throws them away. These probes
replay the cell (``rnn_cells``) with the layer's own weights, activations,
mask, reading direction and initial state, so the h (and c) they return are
the layer's own outputs (within float32 rounding), and the gates are the
values that produced them.

``layer_inputs(model, layer, x)`` gives what a layer inside a model reads
(its input sequence and mask); ``sequence_traces`` takes any recurrent layer,
a ``Bidirectional`` wrapper included, and returns one ``GateTrace`` per
direction; ``model_gate_traces`` reads every recurrent layer of a model.

These functions keep nothing between calls and cost a few ms per sentence
in NumPy; for the same layer again and again (typing, live training), keep
a ``gate_recorder.GateRecorder``: the same replay compiled once, about as
fast as the layer's own XLA-compiled forward pass (``benchmarks/gates.py``).

Example:
    >>> seq, mask = layer_inputs(model, model.get_layer("lstm"), tokens)  # doctest: +SKIP
    >>> trace = lstm_gates(model.get_layer("lstm"), seq, mask)            # doctest: +SKIP
    >>> trace.gates["f"].shape   # (batch, time, units)                   # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes import rnn_cells, rnn_layers
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.rnn_layers import recurrent_kind
from dlviz.core.probes.sequence_inputs import layer_inputs, numpy_of
from dlviz.core.probes.sequence_results import GateTrace

__all__ = ["lstm_gates", "gru_gates", "rnn_states", "sequence_traces", "layer_inputs",
           "recurrent_kind", "recurrent_layers", "model_gate_traces"]


def lstm_gates(layer, inputs, mask=None, initial_state=None, *, path=None,
               tokens=None) -> GateTrace:
    """Input gate i, forget gate f, candidate g, output gate o, cell c and hidden h.

    Args:
        layer: a Keras ``LSTM`` (or ``RNN`` of an ``LSTMCell``), built.
        inputs: (batch, time, features): what the layer reads (``layer_inputs``).
        mask: (batch, time) bool, False at padded steps; None: every step.
        initial_state: (h0, c0), each (batch, units); None: zeros (or the
            layer's current states if it is stateful).
        path: the name to report (default: the layer's name).
        tokens: one label per time step, kept in the result.

    Returns:
        A ``GateTrace`` with gates i, f, g, o, c, h, each (batch, time, units).
    """
    return _trace(layer, "lstm", inputs, mask, initial_state, path, tokens)


def gru_gates(layer, inputs, mask=None, initial_state=None, *, path=None,
              tokens=None) -> GateTrace:
    """Update gate z, reset gate r, candidate h̃ and state h of a GRU.

    Either convention the layer uses (``reset_after`` True, Keras's default, or
    False). Keras writes h = z∘h₋₁ + (1−z)∘h̃; many course notes swap z and
    1−z, and the result's note says so. Arguments as ``lstm_gates``
    (initial_state: h0).
    """
    return _trace(layer, "gru", inputs, mask, initial_state, path, tokens)


def rnn_states(layer, inputs, mask=None, initial_state=None, *, path=None,
               tokens=None) -> GateTrace:
    """The hidden state h of a SimpleRNN at every step (h = act(x·W + b + h₋₁·U)).

    Arguments as ``lstm_gates`` (initial_state: h0).
    """
    return _trace(layer, "simple_rnn", inputs, mask, initial_state, path, tokens)


def sequence_traces(layer, inputs, mask=None, initial_state=None, *, path=None,
                    tokens=None) -> tuple[GateTrace, ...]:
    """One ``GateTrace`` per direction of any recurrent layer these probes read.

    A ``Bidirectional`` wrapper gives (forward, backward), named
    ``<path>/forward`` and ``<path>/backward``; the backward one is in the
    original token order. Its initial_state is the wrapper's: the forward
    states, then the backward ones.

    Raises:
        ProbeUnavailable: the layer is not an LSTM, GRU or SimpleRNN.
    """
    kind = recurrent_kind(layer)
    path = path or layer.name
    if kind == "bidirectional":
        forward, backward = layer.forward_layer, layer.backward_layer
        states = [None, None]
        if initial_state is not None:
            half = len(initial_state) // 2
            states = [list(initial_state[:half]), list(initial_state[half:])]
        return tuple(sequence_traces(part, inputs, mask, state, path=f"{path}/{name}",
                                     tokens=tokens)[0]
                     for part, state, name in ((forward, states[0], "forward"),
                                               (backward, states[1], "backward")))
    if kind is None:
        raise ProbeUnavailable(f"{layer.name} ({type(layer).__name__}) is not an LSTM, GRU "
                               "or SimpleRNN layer: it has no gates to show.")
    if kind == "gru" or kind == "simple_rnn":
        initial_state = None if initial_state is None else _one_state(initial_state)
    return (_trace(layer, kind, inputs, mask, initial_state, path, tokens),)


def recurrent_layers(model, prefix: str = "") -> list[tuple[str, object]]:
    """(path, layer) of every LSTM, GRU, SimpleRNN or Bidirectional in ``model``, in order.

    Layers of nested models are found too; their path names the models
    they sit in: ``"encoder/lstm_1"``.
    """
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    found = []
    for layer in model.layers:
        path = f"{prefix}{layer.name}"
        if recurrent_kind(layer) is not None:
            found.append((path, layer))
        elif isinstance(layer, keras.Model):
            found.extend(recurrent_layers(layer, prefix=f"{path}/"))
    return found


def model_gate_traces(model, x, *, layers=None, tokens=None) -> tuple[GateTrace, ...]:
    """The gates of every recurrent layer of ``model`` for input ``x``: one row per layer.

    Args:
        model: a Functional or Sequential model.
        x: its input (token ids, or features).
        layers: paths (from ``recurrent_layers``) to read; None: all of them.
        tokens: one label per time step, kept in each result.

    Returns:
        ``GateTrace``s in model order; a ``Bidirectional`` gives its forward
        then its backward one.

    Raises:
        ProbeUnavailable: the model has none of the named recurrent layers.
    """
    chosen = [(p, l) for p, l in recurrent_layers(model) if layers is None or p in layers]
    if not chosen:
        raise ProbeUnavailable(f"{model.name} has no LSTM, GRU or SimpleRNN layer"
                               + ("" if layers is None else f" named {', '.join(layers)}") + ".")
    traces = []
    for path, layer in chosen:
        inputs, mask = layer_inputs(model, layer, x)
        traces.extend(sequence_traces(layer, inputs, mask, path=path, tokens=tokens))
    return tuple(traces)


def _one_state(state):
    if isinstance(state, (list, tuple)):
        return state[0]
    return state


def _trace(layer, kind, inputs, mask, initial_state, path, tokens) -> GateTrace:
    x, read, states = rnn_layers.prepare(layer, kind, inputs, mask, initial_state)
    cell = layer.cell
    weights = [numpy_of(cell.kernel), numpy_of(cell.recurrent_kernel),
               None if cell.bias is None else numpy_of(cell.bias)]
    with rnn_cells.one_blas_thread():
        gates = _replay(kind, cell, x, weights, states, read, bool(layer.go_backwards))
    return rnn_layers.assemble(layer, kind, gates, read, path, tokens)


def _replay(kind, cell, x, weights, states, read, backwards) -> dict:
    activation = rnn_cells.numpy_activation(cell.activation)
    if kind == "simple_rnn":
        return rnn_cells.simple_rnn_steps(x, *weights, activation, *states, mask=read,
                                          backwards=backwards)
    recurrent = rnn_cells.numpy_activation(cell.recurrent_activation)
    if kind == "lstm":
        return rnn_cells.lstm_steps(x, *weights, activation, recurrent, *states,
                                    mask=read, backwards=backwards)
    return rnn_cells.gru_steps(x, *weights, activation, recurrent, *states,
                               reset_after=bool(cell.reset_after), mask=read,
                               backwards=backwards)
