"""Gradient norms and dead ReLUs from the training step itself, not a second pass.

Training already computes every layer's gradient and every ReLU's output.
``StepGradients`` gives the model two compiled train steps and picks one per
batch: Keras's own, and a recording one: Keras's steps (forward, loss,
gradients, optimizer update, metrics) run through a twin of the model that
shares its layers and also returns the ReLU outputs, which then reduces
what it computed to a few hundred numbers and keeps them in variables: each
trainable layer's gradient L2 norm and each ReLU channel's peak over the
first ``PROBE_ROWS`` items of the batch. Only the step after ``arm`` records
(once a second at the live views' pace): one step that recorded when a
flag variable said so cost every batch 1-2 % of vgg16-mini's ~47 ms CPU
on a shared 2-core machine (the twin's outputs and the branch's inputs kept
alive); now the other batches cost what Keras's own step costs (1.00) and
the recording step ~1 ms more, once a second
(``benchmarks/step_gradients_cost.py``).
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


def _on_iterator(tf, step, jit_compile: bool):
    """``step`` on an iterator's next batch, compiled as Keras compiles its train
    function for one step an execution (the batch read inside the graph; the
    end of the data is an ``OutOfRangeError``, which fit takes as the epoch's
    end), but traceable ahead from an ``IteratorSpec``."""
    one_step = tf.function(step, reduce_retracing=True, jit_compile=jit_compile)

    @tf.function(reduce_retracing=True)
    def on_iterator(iterator):
        return one_step(iterator.get_next())

    return on_iterator


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
        self._armed = False        # the next step records (read by ``_dispatch``)
        self._count = tf.Variable(0, trainable=False, dtype=tf.int64)
        self._norms = tf.Variable(tf.zeros((len(self.layers),)), trainable=False)
        self._peaks = [tf.Variable(tf.zeros((int(recorded[p].shape[-1]),)), trainable=False)
                       for p in self.relu_paths]
        # One call reads everything (one op each would cost a millisecond on a
        # busy CPU).
        self._take = tf.function(lambda: self._read(), jit_compile=False)
        # Keras's own step, compiled as Keras compiles its train function, and
        # the recording one, a function of a batch that ``prepare`` traces
        # before fit (traced at its first armed step, it held the GIL ~150 ms
        # mid-run: the GUI's worst stall). fit calls ``model.train_function``
        # per batch, which ``_dispatch`` answers with one or the other.
        self.traces = 0            # times the recording step was traced (tests read it)
        jit = getattr(model, "jit_compile", False) is True
        self._plain = _on_iterator(tf, model.train_step, jit)
        self._recording = _on_iterator(tf, self._train_step, jit)
        # train_on_batch hands the train function a Python iterator: Keras's own.
        self._plain_keras = model._make_function(model.train_step)
        self._recording_keras = model._make_function(self._train_step)

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
                or getattr(model, "steps_per_execution", 1) != 1   # one batch a call
                or not all(hasattr(model, name) for name in
                           ("_compute_loss", "_loss_tracker", "compute_metrics",
                            "_make_function"))):
            return None
        step = cls(model)
        # Kept by fit (it builds a train function only when there is none).
        model.train_function = step._dispatch
        return step

    def detach(self) -> None:
        """Give the model Keras's own train function back (built anew by the next fit)."""
        self._model.__dict__.pop("train_step", None)
        self._model.train_function = None

    def arm(self) -> None:
        """Record the next training step's norms and dead shares."""
        self._armed = True

    def prepare(self, element_spec) -> None:
        """Trace both steps for an iterator of ``element_spec`` (a training
        pipeline's, batch size None) now, before ``fit``, not at their first
        use: the plain one at the first batch after the armed first step, the
        recording one at the first armed step of a run, each held the GIL
        100-170 ms mid-run (the window's worst stall)."""
        spec = self._tf.data.IteratorSpec(element_spec)
        for function in (self._plain, self._recording):
            function.get_concrete_function(spec)

    def _dispatch(self, iterator):
        """One training step: the recording one when armed, else Keras's own."""
        armed, self._armed = self._armed, False
        if not isinstance(iterator, self._tf.data.Iterator):
            return (self._recording_keras if armed else self._plain_keras)(iterator)
        return (self._recording if armed else self._plain)(iterator)

    @property
    def recorded(self) -> int:
        return int(self._count.numpy())

    def _read(self):
        return (self._count.read_value(), self._norms.read_value(),
                [p.read_value() for p in self._peaks])

    def __call__(self):
        """``(grad_norms, dead)`` of the newest recorded step (None before any); arms the next.

        Returns:
            ``({layer path: gradient L2 norm}, {ReLU layer path: share of its
            units never active on the batch's first rows})``, as
            ``GradientProbe`` returns them; None when no step recorded yet.
        """
        count, norms, peaks = self._take()
        self._armed = True
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
        """Keras's TensorFlow ``train_step``, through the twin, recording."""
        from dlviz.core.kerasenv import import_keras

        tf, model = self._tf, self._model
        keras = import_keras()
        self.traces += 1           # Python runs here only while tracing
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
        self._record(grads, activations)
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
            self._count.assign_add(1)
