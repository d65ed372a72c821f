"""The gate replay compiled once per layer, for the app's live views.

``lstm_gates`` and friends are stateless NumPy: a step costs a few
microseconds of Python, which on a CPU is slower than Keras's XLA-compiled
layer over 100 steps. ``GateRecorder`` compiles the same arithmetic once
(``tf.function``, XLA by default) with the layer's own activation callables
and reads the current weights at every call, so it follows training; the
app keeps one per layer, as it keeps one ``ActivationExtractor`` per model.

Why it can be faster than the layer itself: a step of either is bound by
h₋₁·U (the recurrent kernel read once a step); Keras also multiplies each
step's input by the kernel apart, where the replay does all steps in one
matrix product first. What it adds must stay smaller than that saving: its
loop writes one row per step, and the Python around the call is kept short
(``benchmarks/gates.py`` measures both against the layer's forward pass).

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

    #: Steps the compiled loop runs per turn (unrolled): each turn costs a
    #: few microseconds besides its steps. Lengths are padded to a multiple.
    steps_per_turn = 4

    def __init__(self, layer, *, path=None, jit_compile=True, bucket=8):
        from dlviz.core.kerasenv import import_tensorflow

        self._tf = tf = import_tensorflow()
        self.kind = rnn_layers.recurrent_kind(layer)
        if self.kind not in rnn_layers.NAMES:
            raise ProbeUnavailable(f"{layer.name} is not an LSTM, GRU or SimpleRNN layer.")
        self.layer, self.path, self.bucket = layer, path or layer.name, max(1, int(bucket))
        self._replay = tf.function(self._graph, jit_compile=jit_compile, autograph=False)
        self._concrete: dict[tuple, object] = {}
        # time -> (padded length, the real steps' slice of it, time as an int32
        # tensor): worked out once per length, as the layer's fixed flags are.
        self._plans: dict[int, tuple] = {}
        self._backwards = bool(layer.go_backwards)
        self._stateful = bool(getattr(layer, "stateful", False))
        self._names = GATE_NAMES[self.kind]
        self._make = rnn_layers.trace_maker(layer, self.kind, self.path)

    def _compiled(self, x, steps, states):
        """The replay traced for these shapes, kept per shape.

        Calling the traced function directly skips ``tf.function``'s search of
        its cache by argument types, about a tenth of the call for one
        sentence: with it the replay cost more than the layer's own compiled
        forward pass, without it less.
        """
        tf = self._tf
        key = (x.shape, None if steps is None else steps.shape,
               None if states is None else tuple(s.shape for s in states))
        found = self._concrete.get(key)
        if found is None:
            specs = [tf.TensorSpec(x.shape, tf.float32),
                     None if steps is None else tf.TensorSpec(steps.shape, tf.bool),
                     None if states is None else tuple(tf.TensorSpec(s.shape, tf.float32)
                                                       for s in states),
                     tf.TensorSpec((), tf.int32)]
            found = self._concrete[key] = self._replay.get_concrete_function(*specs)
        return found

    def __call__(self, inputs, mask=None, initial_state=None, *, tokens=None) -> GateTrace:
        """The ``GateTrace`` of ``inputs`` (batch, time, features); as ``lstm_gates``."""
        # Every line here runs once per sentence, after a replay that has
        # pushed Python's own data out of the caches: the fewer, the better.
        x, read = rnn_layers.checked_inputs(self.layer, inputs, mask)
        batch, time = x.shape[:2]
        if time == 0 or initial_state is not None or self._stateful:
            return self._with_states(x, read, initial_state, tokens)
        padded, kept, _ = plan = self._plan(time)
        steps = read
        if padded > time:    # zeros and a copy: np.pad costs five times more
            x, real = np.zeros((batch, padded, x.shape[2]), np.float32), x
            x[:, kept] = real
            if read is not None:
                steps = np.ones((batch, padded), bool)
                steps[:, kept] = read
        return self._run(x, steps, None, plan, read, tokens)

    def _plan(self, time: int) -> tuple:
        """(padded length, slice of the real steps in it, ``time`` as a tensor), kept per length.

        Padding goes where the layer reads last: after the real steps for a
        forward layer, before them for a backward one, so it never touches
        their states, and is cut off again. The loop runs whole turns.
        """
        found = self._plans.get(time)
        if found is None:
            padded = -(-time // self.bucket) * self.bucket
            padded += -padded % self.steps_per_turn
            kept = slice(padded - time, None) if self._backwards else slice(0, time)
            found = self._plans[time] = (padded, kept, self._tf.constant(time, self._tf.int32))
        return found

    def _with_states(self, x, read, initial_state, tokens):
        """The rarer calls: an empty sequence, or initial states (given, or a stateful layer's)."""
        _, _, states = rnn_layers.prepare(self.layer, self.kind, x, read, initial_state)
        batch, time = x.shape[:2]
        if time == 0:     # nothing to compile for: the NumPy replay gives the empty arrays
            from dlviz.core.probes.gates import sequence_traces

            return sequence_traces(self.layer, x, read, initial_state, path=self.path,
                                   tokens=tokens)[0]
        padded, kept, _ = plan = self._plan(time)
        wide = np.zeros((batch, padded, x.shape[2]), np.float32)
        wide[:, kept] = x
        steps = None
        if read is not None:
            steps = np.ones((batch, padded), bool)
            steps[:, kept] = read
        return self._run(wide, steps, tuple(np.asarray(s, np.float32) for s in states), plan,
                         read, tokens)

    def _run(self, x, steps, states, plan, read, tokens):
        tf = self._tf
        _, kept, length = plan
        replay = self._compiled(x, steps, states)
        rows = replay(tf.constant(x), None if steps is None else tf.constant(steps),
                      None if states is None else tuple(tf.constant(s) for s in states), length)
        # One array back, (time, batch, gates * units), read in place (asarray;
        # numpy() copies it) and read-only, as a frozen result's arrays should
        # be: each gate is a view of it.
        rows = np.asarray(rows)[kept]
        rows = rows.reshape(rows.shape[0], rows.shape[1], len(self._names), -1)
        gates = dict(zip(self._names, rows.transpose(2, 1, 0, 3)))
        return self._make(gates, read, tokens)

    def _graph(self, x, steps, states, length):
        tf, cell = self._tf, self.layer.cell
        act, units = cell.activation, cell.units
        masked = steps is not None
        batch = x.shape[0]
        if states is None:
            zero = tf.zeros((batch, units), x.dtype)
            states = (zero, zero) if self.kind == "lstm" else (zero,)
        kernel = tf.convert_to_tensor(cell.kernel)
        recurrent = tf.convert_to_tensor(cell.recurrent_kernel)
        bias = None if cell.bias is None else tf.convert_to_tensor(cell.bias)
        if self.kind == "gru" and cell.reset_after and bias is not None:
            bias, recurrent_bias = bias[0], bias[1]
        # All the input projections at once, one matrix product: (time, batch, columns).
        # Keras's own loop multiplies each step's input by the kernel apart.
        # The input is put time-major before the product, not its result
        # after: that result is (4 units / features) times larger, and XLA
        # copied it to change its layout even for one sentence.
        time, features = x.shape[1], x.shape[2]
        flat = tf.reshape(tf.transpose(x, [1, 0, 2]), (time * batch, features))
        xw = tf.reshape(tf.matmul(flat, kernel), (time, batch, kernel.shape[1]))
        # The bias where Keras adds it: an LSTM's after both products (in the
        # step, where it costs nothing apart), the others' to the input's.
        step_bias = bias if self.kind == "lstm" else None
        if bias is not None and step_bias is None:
            xw += bias
        keep_all = tf.transpose(steps)[:, :, None] if masked else None
        # Each step reads the previous step's row and writes its own, the
        # states last in it: [i f g o c h], [z r h̃ h] or [h].
        if self.kind == "lstm":
            ract = cell.recurrent_activation
            # Where both activations work element by element (Keras's own),
            # one pass over the four blocks [i f g o], the candidate's block
            # taking `act` and the others `ract`: XLA makes it one kernel
            # where four slices made four, a step's work after h₋₁·U.
            candidate = None
            if elementwise(act) and elementwise(ract):
                candidate = tf.constant(np.arange(4 * units) // units == 2)

            def step(row, projected, keep):
                c_prev, h_prev = row[:, 4 * units:5 * units], row[:, 5 * units:]
                z = projected + tf.matmul(h_prev, recurrent)
                if step_bias is not None:
                    z += step_bias
                if candidate is not None:
                    gates = tf.where(candidate, act(z), ract(z))
                    i, f = gates[:, :units], gates[:, units:2 * units]
                    g, o = gates[:, 2 * units:3 * units], gates[:, 3 * units:]
                    gates = [gates]
                else:
                    i, f = ract(z[:, :units]), ract(z[:, units:2 * units])
                    g, o = act(z[:, 2 * units:3 * units]), ract(z[:, 3 * units:])
                    gates = [i, f, g, o]
                c = f * c_prev + i * g
                h = o * act(c)
                if masked:
                    c, h = tf.where(keep, c, c_prev), tf.where(keep, h, h_prev)
                return tf.concat(gates + [c, h], axis=1)

            start = tf.concat([tf.zeros((batch, 4 * units), x.dtype), states[1], states[0]], 1)
        elif self.kind == "gru":
            ract, reset_after = cell.recurrent_activation, bool(cell.reset_after)
            # Column blocks cut once, before the loop: Keras cuts them inside
            # its loop, and its compiled forward pass of a reset_after=False
            # GRU of 256 units takes ten times longer than this replay.
            gates_kernel = recurrent[:, :2 * units]
            candidate_kernel = recurrent[:, 2 * units:]

            def step(row, projected, keep):
                h_prev = row[:, 3 * units:]
                if reset_after:
                    inner = tf.matmul(h_prev, recurrent)
                    if bias is not None:
                        inner += recurrent_bias
                    z = ract(projected[:, :units] + inner[:, :units])
                    r = ract(projected[:, units:2 * units] + inner[:, units:2 * units])
                    hh = act(projected[:, 2 * units:] + r * inner[:, 2 * units:])
                else:
                    inner = tf.matmul(h_prev, gates_kernel)
                    z = ract(projected[:, :units] + inner[:, :units])
                    r = ract(projected[:, units:2 * units] + inner[:, units:])
                    hh = act(projected[:, 2 * units:] + tf.matmul(r * h_prev, candidate_kernel))
                h = z * h_prev + (1 - z) * hh
                h = tf.where(keep, h, h_prev) if masked else h
                return tf.concat([z, r, hh, h], axis=1)

            start = tf.concat([tf.zeros((batch, 3 * units), x.dtype), states[0]], 1)
        else:
            def step(h_prev, projected, keep):
                h = act(projected + tf.matmul(h_prev, recurrent))
                return tf.where(keep, h, h_prev) if masked else h

            start = states[0]
        return self._loop(step, xw, keep_all, start, length)

    def _loop(self, step, xw, keep_all, start, length):
        """Run ``step`` over the time-major projections: (time, batch, gates * units).

        A while loop writing one row per step, each row the next step's
        state, ``steps_per_turn`` steps a turn: fewer operations per step and
        fewer turns than a loop that carries c and h apart and writes six
        gates (or ``tf.scan`` emitting each gate apart, which cost more than
        the layer's own compiled forward pass). Only the first ``length``
        steps the layer reads are run, rounded up to a whole turn: the padding
        up to the bucket's length comes last in reading order, so its rows
        stay zero (or hold a step run on zeros, in the last turn) and the
        caller cuts them off.
        """
        tf = self._tf
        time = tf.shape(xw)[0]
        backwards = self._backwards
        rows = tf.TensorArray(xw.dtype, size=time, element_shape=start.shape)

        def one(k, row, rows):
            t = time - 1 - k if backwards else k
            row = step(row, xw[t], None if keep_all is None else keep_all[t])
            return row, rows.write(t, row)

        def body(k, row, rows):
            for ahead in range(self.steps_per_turn):
                row, rows = one(k + ahead, row, rows)
            return k + self.steps_per_turn, row, rows

        _, _, rows = tf.while_loop(lambda k, *_: k < length, body, (0, start, rows))
        return rows.stack()


def elementwise(function) -> bool:
    """True for Keras's own activations that act element by element (tanh, sigmoid, ...).

    Those give the same values on a block of columns whether applied to it
    alone or to a wider row; a custom callable (or softmax) might not.
    """
    from dlviz.core.kerasenv import import_keras

    name = getattr(function, "__name__", None)
    return name in ELEMENTWISE and import_keras().activations.get(name) is function


#: Keras activations that act element by element, by name.
ELEMENTWISE = frozenset({"tanh", "sigmoid", "hard_sigmoid", "relu", "linear", "softsign",
                         "elu", "selu", "softplus", "silu", "gelu", "exponential", "relu6",
                         "leaky_relu", "hard_silu", "mish", "log_sigmoid", "hard_tanh"})
