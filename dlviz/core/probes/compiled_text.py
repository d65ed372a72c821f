"""The text kinds' model passes, compiled once per model: for live frames.

``sequence_gates`` runs the model once for its prediction and
``gradient_steps`` once under a gradient tape. Called eagerly, a Keras LSTM
steps through time in Python: ~50 ms for a short sentence on a CPU, which a
5 % budget can afford less than once a second. ``CompiledText`` traces both
passes once (``tf.function``, shapes relaxed after a few lengths), reads the
current weights at every call, and is handed to the text kinds as their
``predict`` and ``gradient`` options. Live frames also pass ``gate_traces``
as the ``replay`` option: each recurrent layer's cell replayed by a
``GateRecorder`` kept per layer (compiled once; about the cost of the
layer's own compiled forward pass, where the NumPy replay costs more on
long sentences, ``benchmarks/gates.py``), and ``read`` as the ``inputs``
option: the prediction and what every recurrent layer reads, from one
compiled pass instead of an eager Keras call per layer (the eager calls
were ~2 of a frame's ~3 ms on lstm-sentiment). A sentence typed once keeps
the NumPy replay (compiling a recorder for it would cost more than it
saves) but is read with ``read`` too: its one trace serves every length.

The gradient is the one ``gradient_time.gradient_through_time`` takes with
the predicted class as the target (the text kinds' case): of the loss with
respect to each token's embedding vector (or input features), the ids still
making the mask.

Example:
    >>> compiled = CompiledText(model)                                   # doctest: +SKIP
    >>> PROBES["gates"].compute(model, text, predict=compiled.predict)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_inputs import numpy_of
from dlviz.core.probes.sequence_results import GradientThroughTime


class CompiledText:
    """A model's forward pass and gradient through time, each traced once."""

    def __init__(self, model):
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        self.model = model
        self._keras, self._tf = import_keras(), import_tensorflow()
        tf = self._tf
        self._forward = tf.function(lambda x: model(x, training=False), reduce_retracing=True)
        self._tape = None
        self._recorders: dict[int, object] = {}   # id(layer) -> GateRecorder, or False: NumPy
        self._reader = None   # (reading pass, layers it reads), or False: eager
        self._passes: dict[tuple, object] = {}   # (rank, dtype) -> its concrete function
        self._masked: dict[tuple, tuple] = {}    # (rank, dtype) -> which layers get a mask
        self._tracing = None

    def predict(self, x) -> np.ndarray:
        """``model(x)`` as NumPy (the first output of several)."""
        out = self._forward(self._tf.convert_to_tensor(x))
        out = out[0] if isinstance(out, (list, tuple)) else out
        return np.asarray(out)

    def read(self, x) -> tuple:
        """The model's output and what each recurrent layer reads, in one compiled pass.

        What ``sequence_gates`` otherwise gets from an eager ``model(x)`` and
        one eager ``layer_inputs`` call per layer (a Keras call walks its
        graph in Python: ~40 % of a live gates frame). Traced once per input
        rank and dtype with the time axis left open, so a sentence of another
        length reuses it, unpadded; it reads the current weights. Not XLA:
        that compiles each new length again (~0.5 s on a CPU, every time the
        pinned sentence changes) to save ~0.3 ms a frame, and padding the
        ids to fewer lengths would change what an unmasked layer reads.

        Args:
            x: the model's input, (1, T) ids or (1, T, features).

        Returns:
            (output as NumPy (the first of several), {id(layer): (inputs float32,
            mask bool or None)}). A layer not in the dict (in a nested model)
            is read eagerly (``layer_inputs``).

        Example:
            >>> out, read = compiled.read(x)    # doctest: +SKIP
        """
        tf = self._tf
        x = tf.convert_to_tensor(x)
        key = (x.shape.rank, x.dtype)
        reading = self._passes.get(key)
        if reading is None:
            reading = self._passes[key] = self._reading(key)
        if reading is False:
            return self.predict(x), {}
        values = reading(x)
        found, at = {}, 1
        for layer, masked in zip(self._reader[1], self._masked[key]):
            # asarray reads the tensor in place where numpy_of's Keras call copies it
            inputs = np.asarray(values[at])
            if inputs.dtype != np.float32:
                inputs = numpy_of(inputs)
            found[id(layer)] = (inputs, np.asarray(values[at + 1], bool) if masked else None)
            at += 1 + masked
        return np.asarray(values[0]), found

    def _reading(self, key):
        """The reading pass traced for inputs of this (rank, dtype), time left open;
        False where it cannot be (the eager calls give the same values)."""
        if self._reader is None:
            try:
                self._reader = self._build_reader()
            except Exception:  # noqa: BLE001 - any model Keras cannot cut: eager reads it
                self._reader = False
        if self._reader is False:
            return False
        tf = self._tf
        self._tracing = key
        try:   # the call on a concrete function skips tf.function's matching of
            # its arguments, a tenth of a short pass
            return self._reader[0].get_concrete_function(
                tf.TensorSpec((None,) * key[0], key[1]))
        except Exception:  # noqa: BLE001 - as above
            return False

    def _build_reader(self):
        """(tf.function of x -> [output, inputs, (mask,) ...], the layers it reads)."""
        from dlviz.core.probes.gates import recurrent_layers
        from dlviz.core.probes.sequence_inputs import extractor_of, runtime_mask

        keras, model = self._keras, self.model
        if len(model.inputs) != 1:
            raise ProbeUnavailable(f"{model.name} has several inputs")
        read, given, outputs = [], [], [model.outputs[0]]
        for _path, layer in recurrent_layers(model):
            if not any(layer is mine for mine in model.layers):
                continue   # in a nested model: Keras drops the mask at its border
            extractor, mask_given = extractor_of(model, layer)
            read.append(layer)
            given.append(mask_given)
            outputs += list(extractor.outputs)
        if not read:
            raise ProbeUnavailable(f"{model.name}: its recurrent layers are in nested models")
        reader = keras.Model(model.inputs[0], outputs)

        def run(x):
            values = reader(x, training=False)
            flat, at, masked = [values[0]], 1, []
            for mask_given in given:
                sequence = values[at]
                mask = values[at + 1] if mask_given else runtime_mask(sequence)
                at += 1 + mask_given
                masked.append(mask is not None)   # known when traced: the same every call
                flat += [sequence] if mask is None else [sequence, mask]
            self._masked[self._tracing] = tuple(masked)
            return flat

        return self._tf.function(run, autograph=False), tuple(read)

    def gradient(self, model, x, y=None, *, tokens=None) -> GradientThroughTime:
        """``gradient_through_time(model, x, y, tokens=tokens)``, compiled when it can be.

        Another model, labels, or inputs the compiled pass does not read (a
        ``Masking`` layer) take the eager probe.
        """
        from dlviz.core.probes import gradient_time as gt

        if self._tape is None:
            try:
                self._tape = self._build()
            except ProbeUnavailable:
                self._tape = False
        if model is not self.model or y is not None or self._tape is False:
            return gt.gradient_through_time(model, x, y, tokens=tokens)
        tape, kind, what = self._tape
        gradient, losses, mask = (np.asarray(v) for v in tape(self._tf.convert_to_tensor(x)))
        norms = np.sqrt(np.sum(np.square(gradient), axis=-1)).astype(np.float32)
        mask = np.ones(norms.shape, bool) if mask.ndim != 2 else mask.astype(bool)
        return GradientThroughTime(
            model=model.name, norms=norms, mask=mask, input_kind=kind,
            loss=float(np.mean(losses)), target="predicted class",
            tokens=None if tokens is None else tuple(str(t) for t in tokens),
            note=gt.NOTE.format(what=what))

    def gate_traces(self, layer, inputs, mask=None, path=None) -> tuple:
        """``gates.sequence_traces(layer, inputs, mask, path=path)``, replayed compiled.

        One ``GateRecorder`` per direction, kept for the next frame; a layer
        the recorder cannot compile (an activation XLA does not know) keeps
        the NumPy replay, which gives the same values.
        """
        from dlviz.core.probes.gates import sequence_traces
        from dlviz.core.probes.rnn_layers import recurrent_kind

        path = path or layer.name
        if recurrent_kind(layer) == "bidirectional":
            return tuple(self.gate_traces(part, inputs, mask, f"{path}/{name}")[0]
                         for part, name in ((layer.forward_layer, "forward"),
                                            (layer.backward_layer, "backward")))
        recorder = self._recorders.get(id(layer))
        if recorder is None:
            from dlviz.core.probes.gate_recorder import GateRecorder

            try:
                recorder = GateRecorder(layer, path=path)
                trace = recorder(inputs, mask)
            except Exception:  # noqa: BLE001 - any compile failure: NumPy gives the same
                self._recorders[id(layer)] = False
                return sequence_traces(layer, inputs, mask, path=path)
            self._recorders[id(layer)] = recorder
            return (trace,)
        if recorder is False:
            return sequence_traces(layer, inputs, mask, path=path)
        return (recorder(inputs, mask),)

    def _build(self):
        from dlviz.core.probes import gradient_time as gt

        keras, tf, model = self._keras, self._tf, self.model
        if len(model.inputs) != 1 or len(model.outputs) != 1:
            raise ProbeUnavailable(f"{model.name} has several inputs or outputs")
        embedding = gt._first_embedding(model, keras)
        if embedding is None:
            if gt._input_mask(model, np.zeros((1, 1, 1), np.float32)) is not None or \
                    len(model.inputs[0].shape) != 3:
                raise ProbeUnavailable(f"{model.name}: masked or odd inputs read eagerly")
            rest, kind, what = None, "features", "input features"
        else:
            rest = gt.partial_model(keras, model, [model.inputs[0], embedding.output],
                                    model.outputs[0])
            kind, what = "embedding", "embedding vector"
        name = getattr(getattr(model.layers[-1], "activation", None), "__name__", "")
        from_logits = name not in ("softmax", "sigmoid")

        def run(x):
            if rest is None:
                start, ids, mask = tf.cast(x, tf.float32), None, tf.zeros((0,), tf.bool)
            else:
                ids = x
                start = tf.identity(embedding(ids))
                mask = embedding.compute_mask(ids) if embedding.mask_zero else \
                    tf.zeros((0,), tf.bool)
            with tf.GradientTape() as tape:
                tape.watch(start)
                out = rest([ids, start], training=False) if rest is not None else \
                    model(start, training=False)
                losses = _own_class_loss(keras, tf, out, from_logits)
                total = tf.reduce_sum(losses)
            return tape.gradient(total, start), losses, mask

        return tf.function(run, reduce_retracing=True), kind, what


def _own_class_loss(keras, tf, out, from_logits: bool):
    """Each sequence's loss against its own predicted class (summed over output steps)."""
    if out.shape[-1] == 1:
        y = tf.stop_gradient(tf.cast(out > (0.0 if from_logits else 0.5), out.dtype))
        losses = keras.losses.binary_crossentropy(y, out, from_logits=from_logits)
    else:
        y = tf.stop_gradient(tf.argmax(out, axis=-1))
        losses = keras.losses.sparse_categorical_crossentropy(y, out, from_logits=from_logits)
    while len(losses.shape) > 1:
        losses = tf.reduce_sum(losses, axis=-1)
    return losses
