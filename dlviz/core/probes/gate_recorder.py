"""The gate replay compiled once per layer, for the app's live views.

``lstm_gates`` and friends are stateless NumPy: a step costs a few
microseconds of Python, which on a CPU is slower than Keras's XLA-compiled
layer over 100 steps. ``GateRecorder`` compiles the same arithmetic once
(``tf.function``, XLA by default) with the layer's own activation callables
and reads the current weights at every call, so it follows training; the
app keeps one per layer, as it keeps one ``ActivationExtractor`` per model.

Sequences are padded to a multiple of ``bucket`` steps, on the side the
layer reads last, and the padding cut off again, so a person typing does not
trigger a compilation per keystroke (one per bucket, with or without a mask).

Example:
    >>> recorder = GateRecorder(model.get_layer("lstm"))   # doctest: +SKIP
    >>> trace = recorder(inputs, mask)                      # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes import rnn_layers
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_results import GATE_NAMES, GateTrace


class GateRecorder:
    """Every gate of one LSTM, GRU or SimpleRNN layer (one direction), compiled.

    Args:
        layer: the recurrent layer (for a ``Bidirectional``, one recorder per
            ``forward_layer`` / ``backward_layer``).
        path: the name reported (default: the layer's name).
        jit_compile: compile with XLA.
        bucket: lengths are padded up to a multiple of this many steps.
    """

    def __init__(self, layer, *, path=None, jit_compile=True, bucket=8):
        from dlviz.core.kerasenv import import_tensorflow

        self._tf = tf = import_tensorflow()
        self.kind = rnn_layers.recurrent_kind(layer)
        if self.kind not in rnn_layers.NAMES:
            raise ProbeUnavailable(f"{layer.name} is not an LSTM, GRU or SimpleRNN layer.")
        self.layer, self.path, self.bucket = layer, path or layer.name, max(1, int(bucket))
        self._replay = tf.function(self._graph, jit_compile=jit_compile, reduce_retracing=True)

    def __call__(self, inputs, mask=None, initial_state=None, *, tokens=None) -> GateTrace:
        """The ``GateTrace`` of ``inputs`` (batch, time, features); as ``lstm_gates``."""
        x, read, states = rnn_layers.prepare(self.layer, self.kind, inputs, mask, initial_state)
        batch, time = x.shape[:2]
        if time == 0:     # nothing to compile for: the NumPy replay gives the empty arrays
            from dlviz.core.probes.gates import sequence_traces

            return sequence_traces(self.layer, x, read, initial_state, path=self.path,
                                   tokens=tokens)[0]
        # Padding goes where the layer reads last: after the real steps for a
        # forward layer, before them for a backward one, so it never touches
        # their states, and is cut off again.
        padded = -(-time // self.bucket) * self.bucket
        backwards = bool(self.layer.go_backwards)
        steps = np.ones((batch, time), bool) if read is None else read
        if padded > time:
            pad = ((0, 0), (padded - time, 0) if backwards else (0, padded - time))
            x = np.pad(x, pad + ((0, 0),))
            steps = np.pad(steps, pad, constant_values=True)
        # Fewer arguments, fewer conversions per call: no mask when every step
        # is read, zero states made in the graph when none were given.
        given = initial_state is not None or getattr(self.layer, "stateful", False)
        outputs = self._replay(x, steps if read is not None else None,
                               tuple(states) if given else None)
        kept = slice(padded - time, None) if backwards else slice(0, time)
        gates = {name: np.ascontiguousarray(value.numpy()[kept].transpose(1, 0, 2))
                 for name, value in zip(GATE_NAMES[self.kind], outputs)}
        return rnn_layers.assemble(self.layer, self.kind, gates, read, self.path, tokens)

    def _graph(self, x, steps, states):
        tf, cell = self._tf, self.layer.cell
        act, units = cell.activation, cell.units
        masked = steps is not None
        if states is None:
            zero = tf.zeros((tf.shape(x)[0], units), x.dtype)
            states = (zero, zero) if self.kind == "lstm" else (zero,)
        kernel = tf.convert_to_tensor(cell.kernel)
        recurrent = tf.convert_to_tensor(cell.recurrent_kernel)
        bias = None if cell.bias is None else tf.convert_to_tensor(cell.bias)
        if self.kind == "gru" and cell.reset_after and bias is not None:
            bias, recurrent_bias = bias[0], bias[1]
        # All the input projections at once: (time, batch, columns).
        xw = tf.einsum("btf,fk->tbk", x, kernel)
        if bias is not None:
            xw += bias
        elems = (xw, tf.transpose(steps)[:, :, None]) if masked else (xw,)
        backwards = bool(self.layer.go_backwards)
        if self.kind == "lstm":
            ract = cell.recurrent_activation

            def step(carry, elems):
                _, _, _, _, c_prev, h_prev = carry
                projected, keep = elems if masked else (elems[0], None)
                z = projected + tf.matmul(h_prev, recurrent)
                i, f = ract(z[:, :units]), ract(z[:, units:2 * units])
                g, o = act(z[:, 2 * units:3 * units]), ract(z[:, 3 * units:])
                c = f * c_prev + i * g
                h = o * act(c)
                if masked:
                    c, h = tf.where(keep, c, c_prev), tf.where(keep, h, h_prev)
                return (i, f, g, o, c, h)

            zero = tf.zeros_like(states[0])
            start = (zero, zero, zero, zero, states[1], states[0])
        elif self.kind == "gru":
            ract, reset_after = cell.recurrent_activation, bool(cell.reset_after)

            def step(carry, elems):
                h_prev = carry[3]
                projected, keep = elems if masked else (elems[0], None)
                if reset_after:
                    inner = tf.matmul(h_prev, recurrent)
                    if bias is not None:
                        inner += recurrent_bias
                    z = ract(projected[:, :units] + inner[:, :units])
                    r = ract(projected[:, units:2 * units] + inner[:, units:2 * units])
                    hh = act(projected[:, 2 * units:] + r * inner[:, 2 * units:])
                else:
                    inner = tf.matmul(h_prev, recurrent[:, :2 * units])
                    z = ract(projected[:, :units] + inner[:, :units])
                    r = ract(projected[:, units:2 * units] + inner[:, units:])
                    hh = act(projected[:, 2 * units:]
                             + tf.matmul(r * h_prev, recurrent[:, 2 * units:]))
                h = z * h_prev + (1 - z) * hh
                return (z, r, hh, tf.where(keep, h, h_prev) if masked else h)

            zero = tf.zeros_like(states[0])
            start = (zero, zero, zero, states[0])
        else:
            def step(carry, elems):
                projected, keep = elems if masked else (elems[0], None)
                h = act(projected + tf.matmul(carry[0], recurrent))
                return (tf.where(keep, h, carry[0]) if masked else h,)

            start = (states[0],)
        # Time-major out: batch first again in NumPy, free for one sentence.
        return tf.scan(step, elems, initializer=start, reverse=backwards)
