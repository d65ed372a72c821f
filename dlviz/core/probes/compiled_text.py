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
long sentences, ``benchmarks/gates.py``). A sentence typed once keeps the
NumPy replay: compiling for it would cost more than it saves.

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

    def predict(self, x) -> np.ndarray:
        """``model(x)`` as NumPy (the first output of several)."""
        out = self._forward(self._tf.convert_to_tensor(x))
        out = out[0] if isinstance(out, (list, tuple)) else out
        return np.asarray(out)

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
