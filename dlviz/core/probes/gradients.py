"""Gradient flow: each layer's gradient norm on a small batch, and dead ReLUs.

Vanishing and exploding gradients show as per-layer gradient L2 norms that
shrink or grow towards the input. ``GradientProbe`` compiles one
``tf.function`` per (model, batch): a forward pass that also records every
ReLU layer's output, the loss, and the backward pass. It is traced once and
then costs one forward and one backward pass per call, which is what lets
the training callback refresh it several times a second.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.graph import require_graph, traced_outputs, walk_layers


def _activation_name(layer) -> str:
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", "") if activation is not None else ""


def is_relu(layer) -> bool:
    """Whether ``layer``'s output is a plain ReLU (its units can die)."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    if isinstance(layer, keras.layers.ReLU):
        return not layer.negative_slope
    return _activation_name(layer) == "relu"


def relu_layers(model) -> list[str]:
    """Paths of the layers whose output is a ReLU, in model order."""
    return [path for path, layer, _depth in walk_layers(model) if is_relu(layer)]


def trainable_layers(model) -> list[tuple[str, object]]:
    """``(path, layer)`` of every layer with trainable weights, in model order."""
    return [(path, layer) for path, layer, _depth in walk_layers(model)
            if layer.trainable_weights]


def ends_in_softmax(model) -> bool:
    """Whether every output of ``model`` is already a probability vector."""
    outputs = model.outputs if isinstance(model.outputs, (list, tuple)) else [model.outputs]
    for tensor in outputs:
        history = getattr(tensor, "_keras_history", None)
        layer = history[0] if history else None
        name = type(layer).__name__ if layer is not None else ""
        if name != "Softmax" and _activation_name(layer) != "softmax":
            return False
    return True


def default_loss(model):
    """Sparse categorical cross-entropy, from logits unless outputs are softmax."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    return keras.losses.SparseCategoricalCrossentropy(from_logits=not ends_in_softmax(model))


class GradientProbe:
    """Per-layer gradient norms and dead-ReLU shares on one fixed batch.

    Args:
        model: a Functional or built Sequential Keras model.
        x: the probe batch (N, ...) as the model takes it; a tuple of arrays for
            a model with several inputs.
        y: its integer labels (N,).
        loss_fn: ``loss(y_true, y_pred) -> scalar``; ``default_loss`` when None.
            A model with several outputs sums the loss of each.

    Attributes:
        layers: paths of the layers whose gradient norms are returned (those
            with trainable weights).
        relu_paths: paths of the ReLU layers whose dead share is returned.

    Example:
        >>> probe = GradientProbe(lenet, x[:16], y[:16])  # doctest: +SKIP
        >>> norms, dead = probe()  # doctest: +SKIP
        >>> sorted(norms)[:1]  # doctest: +SKIP
        ['c1_conv']
    """

    def __init__(self, model, x, y, loss_fn=None):
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        keras, tf = import_keras(), import_tensorflow()
        require_graph(model)
        self._tf = tf
        chosen = trainable_layers(model)
        self.layers = tuple(path for path, _layer in chosen)
        self._variables = [v for _path, layer in chosen for v in layer.trainable_weights]
        bounds = np.cumsum([0] + [len(layer.trainable_weights) for _p, layer in chosen])
        self._spans = list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
        self.relu_paths = tuple(relu_layers(model))
        inputs, recorded, outputs = traced_outputs(model, list(self.relu_paths))
        self._n_relu = len(self.relu_paths)
        self._model = keras.Model(inputs[0] if len(inputs) == 1 else inputs,
                                  [recorded[p] for p in self.relu_paths] + list(outputs),
                                  name=f"{model.name}_gradients")
        self._loss = loss_fn if loss_fn is not None else default_loss(model)
        # Several inputs (an encoder-decoder's source and target ids) keep their types.
        self._x = [tf.constant(np.asarray(part)) for part in x] if isinstance(x, tuple) \
            else tf.constant(np.asarray(x, np.float32))
        self._y = tf.constant(np.asarray(y))
        # A closure, not the bound method: TensorFlow counts traces per
        # Python function, and one trace per probe object is not retracing.
        self._step = tf.function(lambda: self._compute(), jit_compile=False)

    def _compute(self):
        tf = self._tf
        with tf.GradientTape() as tape:
            # training=False: dropout off, and batch normalisation neither
            # uses nor updates batch statistics (the probe must not disturb
            # the training it watches).
            results = self._model(self._x, training=False)
            results = list(results) if isinstance(results, (list, tuple)) else [results]
            activations, outputs = results[:self._n_relu], results[self._n_relu:]
            loss = tf.add_n([tf.cast(self._loss(self._y, tf.cast(o, tf.float32)), tf.float32)
                             for o in outputs])
        grads = tape.gradient(loss, self._variables)
        squares = [tf.reduce_sum(tf.square(tf.cast(g, tf.float32))) if g is not None
                   else tf.zeros((), tf.float32) for g in grads]
        norms = tf.sqrt(tf.stack([tf.add_n(squares[a:b]) for a, b in self._spans])) \
            if self._spans else tf.zeros((0,), tf.float32)
        peaks = [tf.reduce_max(tf.abs(tf.reshape(a, (-1, a.shape[-1]))), axis=0)
                 for a in activations]
        return norms, peaks, loss

    def __call__(self) -> tuple[dict, dict]:
        """Run the probe on the current weights.

        Returns:
            ``(grad_norms, dead)``: ``{layer path: gradient L2 norm}`` and
            ``{ReLU layer path: share of its units never active}``.
        """
        norms, peaks, _loss = self._step()
        grad_norms = dict(zip(self.layers, np.asarray(norms, np.float64).tolist()))
        dead = {path: float(np.count_nonzero(np.asarray(p) == 0) / max(np.size(p), 1))
                for path, p in zip(self.relu_paths, peaks)}
        return grad_norms, dead


def layer_gradient_norms(model, x, y, loss_fn=None) -> dict:
    """``{layer path: L2 norm of the loss's gradient w.r.t. its weights}``.

    One-off use; keep a ``GradientProbe`` to call it repeatedly.

    Example:
        >>> norms = layer_gradient_norms(lenet, x[:16], y[:16])  # doctest: +SKIP
    """
    return GradientProbe(model, x, y, loss_fn)()[0]
