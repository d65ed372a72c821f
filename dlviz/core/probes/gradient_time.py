"""Gradient through time: how much each input step moves the loss.

Backpropagation through time multiplies the gradient, once per step it goes
back, by the recurrent Jacobian: W·tanh' for a SimpleRNN (it shrinks, so the
first words of a long sentence barely move the loss), the forget gate along
an LSTM's cell path (near 1 once trained, so the gradient survives). The
probe measures it: the L2 norm of dLoss/d(input of step t) for every t.

For a model that starts with an ``Embedding`` the gradient is taken with
respect to each token's embedding vector (token ids have no gradient): the
model is run with the looked-up vectors given as a second input
(``keras.Model([ids, embedding.output], output)``), so that the gradient
reaches them and the mask is still made from the ids.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_inputs import numpy_of
from dlviz.core.probes.sequence_results import GradientThroughTime

NOTE = ("L2 norm of the gradient of each sequence's own loss with respect to the {what} of "
        "each step; padded steps get none.")


def gradient_through_time(model, x, y=None, *, tokens=None) -> GradientThroughTime:
    """The size of the loss gradient with respect to each input step.

    Args:
        model: a Functional or Sequential model with one input of shape
            (batch, time) token ids (through an ``Embedding``) or
            (batch, time, features), and one output.
        x: that input.
        y: labels (class ids, one-hot, or 0/1 for one sigmoid unit; a label
            per step for a tagger); None: each sequence's predicted class.
        tokens: one label per time step, kept in the result.

    Returns:
        ``GradientThroughTime`` with norms (batch, time).

    Raises:
        ProbeUnavailable: several inputs or outputs, or an input the
        gradient cannot reach.

    Example:
        >>> gtt = gradient_through_time(model, ids)        # doctest: +SKIP
        >>> gtt.relative()[0, :5]   # first words, relative to the strongest step  doctest: +SKIP
    """
    from dlviz.core.kerasenv import import_keras, import_tensorflow

    keras, tf = import_keras(), import_tensorflow()
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        raise ProbeUnavailable(f"{model.name} has several inputs or outputs; gradient "
                               "through time reads models with one of each.")
    embedding = _first_embedding(model, keras)
    if embedding is not None:
        ids = tf.convert_to_tensor(np.asarray(x))
        # A new tensor: the looked-up vectors without the mask Keras attached.
        start = tf.identity(embedding(ids))
        mask = embedding.compute_mask(ids) if embedding.mask_zero else None
        # The ids stay an input: the mask downstream layers receive is made
        # from them; the Embedding's output, given too, is not recomputed.
        rest = partial_model(keras, model, [model.inputs[0], embedding.output],
                             model.outputs[0])
        run = lambda e: rest([ids, e], training=False)  # noqa: E731
        kind, what = "embedding", "embedding vector"
    else:
        start = tf.convert_to_tensor(numpy_of(x))
        if len(start.shape) != 3:
            raise ProbeUnavailable(f"{model.name} reads {tuple(start.shape)[1:]}, not "
                                   "(time, features) or token ids.")
        mask = _input_mask(model, start)
        run = lambda e: model(e, training=False)  # noqa: E731
        kind, what = "features", "input features"
    with tf.GradientTape() as tape:
        tape.watch(start)
        outputs = run(start)
        losses, target = _losses(model, keras, outputs, y)
        total = tf.reduce_sum(losses)
    gradient = tape.gradient(total, start)
    if gradient is None:
        raise ProbeUnavailable(f"{model.name}'s output does not depend on its input steps.")
    norms = np.sqrt(np.sum(np.square(numpy_of(gradient)), axis=-1)).astype(np.float32)
    batch, time = norms.shape
    mask = np.ones((batch, time), bool) if mask is None else numpy_of(mask).astype(bool)
    return GradientThroughTime(
        model=model.name, norms=norms, mask=mask, input_kind=kind,
        loss=float(np.mean(numpy_of(losses))), target=target,
        tokens=None if tokens is None else tuple(str(t) for t in tokens),
        note=NOTE.format(what=what))


def partial_model(keras, model, inputs, outputs):
    """``keras.Model(inputs, outputs)`` over ``model``'s own tensors, ``model`` left savable.

    An inner tensor given as an input makes Keras clone the graph between
    them, and each clone's node is recorded on the layers it passes; ``model``
    then no longer serialises ("could not find node key ...") and a training
    run's next checkpoint fails. The sub-model runs from its own node list,
    so the layers' lists are put back as they were.
    """
    operations = list(getattr(model, "operations", model.layers))
    kept = [(op, list(op._inbound_nodes), list(op._outbound_nodes)) for op in operations]
    tensors = {id(t): t for op in operations for node in op._inbound_nodes
               for t in node.output_tensors}
    tensors.update((id(t), t) for t in (*model.inputs, *model.outputs))
    histories = [(t, t._keras_history) for t in tensors.values()]
    try:
        return keras.Model(inputs, outputs)
    finally:
        for op, inbound, outbound in kept:
            op._inbound_nodes[:] = inbound
            op._outbound_nodes[:] = outbound
        for tensor, history in histories:  # a model input is re-wired to the clone too
            tensor._keras_history = history


def _first_embedding(model, keras):
    """The Embedding reading the model's input directly, or None."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.Embedding):
            for node in layer._inbound_nodes:
                args = node.arguments.args
                if args and any(args[0] is t for t in model.inputs):
                    return layer
    return None


def _input_mask(model, x):
    """The mask a leading ``Masking`` layer makes of ``x``, or None."""
    from dlviz.core.kerasenv import import_keras

    for layer in model.layers:
        if isinstance(layer, import_keras().layers.Masking):
            return layer.compute_mask(x)
        if not isinstance(layer, import_keras().layers.InputLayer):
            return None
    return None


def _losses(model, keras, outputs, y):
    """Each sequence's loss (summed over output steps), and what the target was."""
    last = getattr(model.layers[-1], "activation", None)
    name = getattr(last, "__name__", "")
    from_logits = name not in ("softmax", "sigmoid")
    probabilities = keras.ops.convert_to_numpy(outputs)
    binary = probabilities.shape[-1] == 1
    if y is None:
        if binary:
            positive = probabilities > (0.0 if from_logits else 0.5)
            y = positive.astype(np.float32)
        else:
            y = np.argmax(probabilities, axis=-1)
        target = "predicted class"
    else:
        y, target = np.asarray(y), "labels"
    if binary:
        y = np.asarray(y, np.float32).reshape(probabilities.shape)
        losses = keras.losses.binary_crossentropy(y, outputs, from_logits=from_logits)
    elif y.shape == probabilities.shape:
        losses = keras.losses.categorical_crossentropy(y, outputs, from_logits=from_logits)
    else:
        losses = keras.losses.sparse_categorical_crossentropy(y, outputs,
                                                              from_logits=from_logits)
    while len(losses.shape) > 1:     # a tagger: one loss per output step
        losses = keras.ops.sum(losses, axis=-1)
    return losses, target
