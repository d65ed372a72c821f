"""The recurrences of Keras's LSTM, GRU and SimpleRNN cells, replayed in NumPy.

Pure arithmetic on float32 arrays: weights in, every gate at every step out.
``gates`` reads the weights off a Keras layer and calls these.

The protocol of every replay, copied from Keras 3 (``layers/rnn/*.py`` and
``backend/tensorflow/rnn.py``, inference mode, so no dropout):

1. the input projections x·W + b of all steps at once (one matmul);
2. steps in reading order: first to last, or last to first for a layer with
   ``go_backwards`` (the backward half of a ``Bidirectional``);
3. at each step the cell runs on the carried state; where the mask says the
   step is padding, the new state is dropped and the previous one carried on
   (Keras's ``tf.where(mask, new, previous)``), but the gates the cell
   computed there are kept, marked by the mask;
4. every array is written in the original token order: column t holds the
   step that read token t, whichever way the layer reads.

Kernel column order is Keras's: LSTM i, f, c (candidate), o; GRU z, r, h.
"""

from __future__ import annotations

import contextlib
import functools

import numpy as np


@functools.lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def one_blas_thread():
    """A context in which NumPy's BLAS uses one thread.

    The steps are small matrix products; several BLAS threads fighting
    TensorFlow's spinning thread pool made them 5x slower on two cores.
    Looking the libraries up costs ms, so the controller is made once.
    """
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")

def _hard_sigmoid(x, out):
    # Keras 3: relu6(x + 3) / 6.
    np.add(x, np.float32(3), out=out)
    np.clip(out, 0, 6, out=out)
    return np.divide(out, np.float32(6), out=out)


def _softsign(x, out):
    np.abs(x, out=out)
    out += np.float32(1)
    return np.divide(x, out, out=out)


def _numpy_table() -> dict:
    from scipy.special import expit

    return {
        "tanh": lambda x, out: np.tanh(x, out=out),
        "sigmoid": lambda x, out: expit(x, out=out),
        "relu": lambda x, out: np.maximum(x, np.float32(0), out=out),
        "linear": lambda x, out: np.copyto(out, x) or out,
        "hard_sigmoid": _hard_sigmoid,
        "softsign": _softsign,
    }


def numpy_activation(function):
    """A NumPy twin of Keras activation ``function``: ``f(x, out)`` fills and returns ``out``.

    Known Keras activations (tanh, sigmoid, relu, linear, hard_sigmoid,
    softsign, with their default arguments) run as NumPy ufuncs; anything
    else (a custom callable, ``elu``, ``gelu``, ...) is applied as the layer
    applies it, through Keras, so any activation a layer names gives the
    layer's values.
    """
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    table = _numpy_table()
    if function is None:
        return table["linear"]
    name = getattr(function, "__name__", None)
    if name in table and keras.activations.get(name) is function:
        return table[name]

    def through_keras(x, out):
        out[...] = keras.ops.convert_to_numpy(function(np.ascontiguousarray(x)))
        return out

    return through_keras


def activation_name(function) -> str:
    """A short name for an activation: 'tanh', 'hard_sigmoid', or the callable's name."""
    if function is None:
        return "linear"
    return getattr(function, "__name__", type(function).__name__)


def _steps(time: int, backwards: bool):
    return range(time - 1, -1, -1) if backwards else range(time)


def _projection(x, kernel, bias):
    """x·W (+ b) for every step at once, laid out (time, batch, columns)."""
    batch, time, features = x.shape
    flat = np.ascontiguousarray(x.transpose(1, 0, 2)).reshape(time * batch, features)
    projected = flat @ kernel
    if bias is not None:
        projected += bias
    return projected.reshape(time, batch, kernel.shape[1])


def _batch_first(arrays: dict) -> dict:
    return {name: np.ascontiguousarray(a.transpose(1, 0, 2)) for name, a in arrays.items()}


def _carry(mask, t, state, previous):
    """Where step t is padding, put the previous state back (in place)."""
    if mask is not None:
        np.copyto(state, previous, where=mask[t])


def _padding(mask):
    """(time, batch, 1) bool, True at padded steps; None without a mask."""
    return None if mask is None else ~np.asarray(mask, bool).T[:, :, None]


def lstm_steps(x, kernel, recurrent, bias, activation, recurrent_activation,
               h0, c0, mask=None, backwards=False) -> dict:
    """Every gate of an LSTM at every step.

    Args:
        x: (batch, time, features) float32.
        kernel, recurrent, bias: Keras's (features, 4u), (u, 4u), (4u,) or None.
        activation, recurrent_activation: from ``numpy_activation``.
        h0, c0: (batch, u) initial states.
        mask: (batch, time) bool or None; backwards: read last to first.

    Returns:
        {"i", "f", "g", "o", "c", "h"}: each (batch, time, u) float32.
    """
    units = recurrent.shape[0]
    xw = _projection(x, kernel, bias)
    time, batch = xw.shape[:2]
    padding = _padding(mask)
    # The recurrent activation runs over all four column blocks at once (the
    # candidate's block of it is left unused): one call instead of three,
    # and no reordered copy of the kernels, which cost more than both.
    sig = np.empty((time, batch, 4 * units), np.float32)
    g, c, h = (np.empty((time, batch, units), np.float32) for _ in range(3))
    h_prev, c_prev = h0, c0
    z = np.empty((batch, 4 * units), np.float32)
    scratch = np.empty((batch, units), np.float32)
    for t in _steps(time, backwards):
        np.matmul(h_prev, recurrent, out=z)
        z += xw[t]
        recurrent_activation(z, sig[t])
        activation(z[:, 2 * units:3 * units], g[t])
        i, f, o = sig[t, :, :units], sig[t, :, units:2 * units], sig[t, :, 3 * units:]
        # c = f∘c₋₁ + i∘g ; h = o∘act(c), in Keras's order of operations.
        np.multiply(f, c_prev, out=c[t])
        np.multiply(i, g[t], out=scratch)
        c[t] += scratch
        np.multiply(o, activation(c[t], scratch), out=h[t])
        _carry(padding, t, c[t], c_prev)
        _carry(padding, t, h[t], h_prev)
        h_prev, c_prev = h[t], c[t]
    gates = {"i": sig[:, :, :units], "f": sig[:, :, units:2 * units],
             "g": g, "o": sig[:, :, 3 * units:], "c": c, "h": h}
    return _batch_first(gates)


def gru_steps(x, kernel, recurrent, bias, activation, recurrent_activation, h0,
              reset_after=True, mask=None, backwards=False) -> dict:
    """Every gate of a GRU at every step, in either of Keras's conventions.

    ``reset_after=True`` (Keras's default, cuDNN's): bias (2, 3u) for input
    and recurrent parts, and h̃ = act(x·W_h + b_h + r∘(h₋₁·U_h + b'_h)).
    ``reset_after=False`` (the 2014 paper's): bias (3u,), and
    h̃ = act(x·W_h + b_h + (r∘h₋₁)·U_h). Both: h = z∘h₋₁ + (1−z)∘h̃.

    Returns:
        {"z", "r", "h_tilde", "h"}: each (batch, time, u) float32.
    """
    units = recurrent.shape[0]
    input_bias = recurrent_bias = None
    if bias is not None:
        bias = np.asarray(bias, np.float32)
        input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, None)
    xw = _projection(x, kernel, input_bias)
    time, batch = xw.shape[:2]
    padding = _padding(mask)
    zr = np.empty((time, batch, 2 * units), np.float32)
    hh, h = (np.empty((time, batch, units), np.float32) for _ in range(2))
    # Column blocks as views: BLAS reads them in place, no copy per call.
    gates_kernel, candidate_kernel = recurrent[:, :2 * units], recurrent[:, 2 * units:]
    h_prev = h0
    one = np.float32(1)
    for t in _steps(time, backwards):
        if reset_after:
            inner = h_prev @ recurrent
            if recurrent_bias is not None:
                inner += recurrent_bias
            recurrent_activation(xw[t, :, :2 * units] + inner[:, :2 * units], zr[t])
            r = zr[t, :, units:]
            activation(xw[t, :, 2 * units:] + r * inner[:, 2 * units:], hh[t])
        else:
            recurrent_activation(xw[t, :, :2 * units] + h_prev @ gates_kernel, zr[t])
            r = zr[t, :, units:]
            activation(xw[t, :, 2 * units:] + (r * h_prev) @ candidate_kernel, hh[t])
        z = zr[t, :, :units]
        np.add(z * h_prev, (one - z) * hh[t], out=h[t])
        _carry(padding, t, h[t], h_prev)
        h_prev = h[t]
    return _batch_first({"z": zr[:, :, :units], "r": zr[:, :, units:], "h_tilde": hh, "h": h})


def simple_rnn_steps(x, kernel, recurrent, bias, activation, h0, mask=None,
                     backwards=False) -> dict:
    """The states of a SimpleRNN: h = act(x·W + b + h₋₁·U).

    Returns:
        {"h": (batch, time, u) float32}.
    """
    xw = _projection(x, kernel, bias)
    time, batch, units = xw.shape
    padding = _padding(mask)
    h = np.empty((time, batch, units), np.float32)
    h_prev = h0
    for t in _steps(time, backwards):
        activation(xw[t] + h_prev @ recurrent, h[t])
        _carry(padding, t, h[t], h_prev)
        h_prev = h[t]
    return _batch_first({"h": h})
