"""Gradient norms and dead ReLUs from the training step itself, not a second pass.

Training already computes every layer's gradient and every ReLU's output.
``StepGradients`` swaps the model's ``train_step`` for Keras's own steps
(forward, loss, gradients, optimizer update, metrics) run through a twin
of the model that shares its layers and also returns the ReLU outputs.
When armed (``arm``; a flag variable, so the compiled step is traced once),
the next step also reduces what it computed to a few hundred numbers and
keeps them in variables: each trainable layer's gradient L2 norm and each
ReLU channel's peak over the first ``PROBE_ROWS`` items of the batch.
Reading them (``__call__``) costs a copy of those numbers; the live
"grads" group is then nearly free, where ``GradientProbe`` costs a forward
and a backward pass on a probe batch.

The numbers are ``GradientProbe``'s (same layers, same reductions), taken
on the training batch as trained (``training=True``, the compiled loss)
instead of a fixed probe batch. Models this cannot serve (several inputs
or outputs, a distribution strategy, a loss-scaling optimizer, no graph)
get ``None`` from ``attach`` and keep the probe batch.

Example:
    >>> step = StepGradients.attach(model)   # doctest: +SKIP
    >>> model.fit(...)                       # doctest: +SKIP
    >>> step.arm(); ...; norms, dead = step()  # doctest: +SKIP
    >>> step.detach()                        # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.gradients import relu_layers, trainable_layers
from dlviz.core.probes.graph import require_graph, traced_outputs

#: Items of the training batch whose ReLU outputs decide the dead shares
#: (the size of the probe batch it replaces; fewer rows reduce faster).
PROBE_ROWS = 16


class StepGradients:
    """Per-layer gradient norms and dead-ReLU shares recorded by the train step.

    Build with ``attach`` (after ``compile``, before ``fit``); ``detach``
    gives the model its own ``train_step`` back.

    Attributes:
        layers: paths of the layers whose gradient norms are returned.
        relu_paths: paths of the ReLU layers whose dead share is returned.
        recorded: how many armed steps have recorded so far.
    """

    def __init__(self, model):
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        keras, tf = import_keras(), import_tensorflow()
        self._tf, self._model = tf, model
        chosen = trainable_layers(model)
        self.layers = tuple(path for path, _layer in chosen)
        # Gradients come in model.trainable_weights' order; map each to its layer.
        index = {id(v): i for i, v in enumerate(model.trainable_weights)}
        self._spans = [[index[id(v)] for v in layer.trainable_weights if id(v) in index]
                       for _path, layer in chosen]
        self.relu_paths = tuple(relu_layers(model))
        inputs, recorded, outputs = traced_outputs(model, list(self.relu_paths))
        self._twin = keras.Model(inputs[0], [recorded[p] for p in self.relu_paths] + outputs,
                                 name=f"{model.name}_step_twin")
        self._armed = tf.Variable(False, trainable=False)
        self._count = tf.Variable(0, trainable=False, dtype=tf.int64)
        self._norms = tf.Variable(tf.zeros((len(self.layers),)), trainable=False)
        self._peaks = [tf.Variable(tf.zeros((int(recorded[p].shape[-1]),)), trainable=False)
                       for p in self.relu_paths]
        # One call reads everything and arms the next step (one op each would
        # cost a millisecond on a busy CPU).
        self._take = tf.function(lambda: self._read_and_arm(), jit_compile=False)

    @classmethod
    def attach(cls, model):
        """A ``StepGradients`` installed in compiled ``model``, or None when it cannot serve."""
        from dlviz.core.kerasenv import import_tensorflow

        tf = import_tensorflow()
        try:
            require_graph(model)
        except Exception:  # noqa: BLE001 - a subclassed model keeps the probe batch
            return None
        optimizer = getattr(model, "optimizer", None)
        if (len(model.inputs) != 1 or len(model.outputs) != 1 or optimizer is None
                or tf.distribute.has_strategy()
                or getattr(model, "_distribute_strategy", None) is not None
                or type(optimizer).__name__ == "LossScaleOptimizer"
                or not all(hasattr(model, name) for name in
                           ("_compute_loss", "_loss_tracker", "compute_metrics"))):
            return None
        step = cls(model)
        model.train_step = step._train_step
        model.train_function = None     # the next fit traces the new step
        return step

    def detach(self) -> None:
        """Give the model Keras's own ``train_step`` back."""
        self._model.__dict__.pop("train_step", None)
        self._model.train_function = None

    def arm(self) -> None:
        """Record the next training step's norms and dead shares."""
        self._armed.assign(True)

    @property
    def recorded(self) -> int:
        return int(self._count.numpy())

    def _read_and_arm(self):
        tf = self._tf
        values = (self._count.read_value(), self._norms.read_value(),
                  [p.read_value() for p in self._peaks])
        with tf.control_dependencies(tf.nest.flatten(values)):
            self._armed.assign(True)
        return values

    def __call__(self):
        """``(grad_norms, dead)`` of the newest recorded step (None before any); arms the next.

        Returns:
            ``({layer path: gradient L2 norm}, {ReLU layer path: share of its
            units never active on the batch's first rows})``, as
            ``GradientProbe`` returns them; None when no step recorded yet.
        """
        count, norms, peaks = self._take()
        if not int(count):
            return None
        norms = np.asarray(norms, np.float64)
        peaks = [np.asarray(p) for p in peaks]
        grad_norms = dict(zip(self.layers, norms.tolist()))
        dead = {path: float(np.count_nonzero(p == 0) / max(np.size(p), 1))
                for path, p in zip(self.relu_paths, peaks)}
        return grad_norms, dead

    # -- inside the compiled step --------------------------------------------------
    def _train_step(self, data):
        """Keras's TensorFlow ``train_step``, through the twin, recording when armed."""
        from dlviz.core.kerasenv import import_keras

        tf, model = self._tf, self._model
        keras = import_keras()
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        n_relu = len(self.relu_paths)
        with tf.GradientTape() as tape:
            results = self._twin(x, training=True)
            # One output alone comes back bare, not as a list of one.
            results = list(results) if isinstance(results, (list, tuple)) else [results]
            activations, y_pred = results[:n_relu], results[n_relu]
            loss = model._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                       training=True)
            model._loss_tracker.update_state(loss, sample_weight=tf.shape(x)[0])
            loss = model.optimizer.scale_loss(loss)
        weights = model.trainable_weights
        grads = tape.gradient(loss, weights)
        tf.cond(self._armed, lambda: self._record(grads, activations),
                lambda: tf.constant(False))
        model.optimizer.apply_gradients(zip(grads, weights))
        return model.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def _record(self, grads, activations):
        tf = self._tf
        squares = [tf.reduce_sum(tf.square(tf.cast(g, tf.float32))) if g is not None
                   else tf.zeros((), tf.float32) for g in grads]
        norms = [tf.sqrt(tf.add_n([squares[i] for i in span])) if span
                 else tf.zeros((), tf.float32) for span in self._spans]
        updates = [self._norms.assign(tf.stack(norms)) if norms else tf.no_op()]
        for variable, a in zip(self._peaks, activations):
            rows = tf.cast(a[:PROBE_ROWS], tf.float32)
            updates.append(variable.assign(
                tf.reduce_max(tf.abs(tf.reshape(rows, (-1, rows.shape[-1]))), axis=0)))
        with tf.control_dependencies(updates):
            updates = [self._count.assign_add(1), self._armed.assign(False)]
        with tf.control_dependencies(updates):
            return tf.constant(True)
