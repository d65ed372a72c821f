"""What a recurrent layer inside a model reads: its input sequence and its mask.

``layer_inputs(model, layer, x)`` cuts the model's graph at the layer's
input with a feature-extractor ``keras.Model`` and runs it once. The mask is
the one Keras hands the layer: the ``mask`` its call node received (an
``Embedding(mask_zero=True)`` or ``Masking`` upstream, passed on by every
layer's ``compute_mask``), or failing that the mask Keras attached to the
computed input at run time.
"""

from __future__ import annotations

import weakref

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable


def numpy_of(value) -> np.ndarray:
    """A NumPy array of a tensor, variable or array (float32 unless boolean or integer)."""
    if not isinstance(value, np.ndarray):
        from dlviz.core.kerasenv import import_keras

        value = import_keras().ops.convert_to_numpy(value)
    value = np.asarray(value)
    if value.dtype == bool or np.issubdtype(value.dtype, np.integer):
        return value
    return value.astype(np.float32, copy=False)


def layer_inputs(model, layer, x) -> tuple[np.ndarray, np.ndarray | None]:
    """The input sequence and mask that ``layer`` reads when ``model`` runs on ``x``.

    Args:
        model: a Functional or built Sequential model.
        layer: a layer of ``model`` (or its name); the forward or backward
            layer of a ``Bidirectional`` in it stands for the wrapper; a layer
            of a model nested in ``model`` is found there.
        x: the model's input (token ids, or features).

    Returns:
        (inputs (batch, time, features) float32, mask (batch, time) bool or None).

    Raises:
        ProbeUnavailable: the layer is not in the model's graph.
    """
    if isinstance(layer, str):
        layer = model.get_layer(layer)
    chain = _containers(model, layer)
    if chain is None:
        raise ProbeUnavailable(f"{layer.name} is not a layer of {model.name}.")
    data, mask = x, None
    for outer, inner in zip(chain, chain[1:] + [layer]):
        # NumPy between levels: a nested model gets no mask from outside
        # (Keras drops it there too), and no warning about dropping one.
        data, mask = _direct_inputs(outer, _wrapper_of(outer, inner), numpy_of(data))
    return numpy_of(data), None if mask is None else numpy_of(mask).astype(bool)


def _wrapper_of(model, layer):
    """The ``Bidirectional`` that holds ``layer``, or ``layer`` itself."""
    for candidate in model.layers:
        if layer is getattr(candidate, "forward_layer", None) or \
                layer is getattr(candidate, "backward_layer", None):
            return candidate
    return layer


def _containers(model, layer) -> list | None:
    """[model, submodel, ...]: the models from ``model`` down to the one holding ``layer``."""
    if _wrapper_of(model, layer) in model.layers:
        return [model]
    from dlviz.core.kerasenv import import_keras

    for candidate in model.layers:
        if isinstance(candidate, import_keras().Model):
            below = _containers(candidate, layer)
            if below is not None:
                return [model] + below
    return None


# One extractor per (model, layer), kept while the model lives: building a
# keras.Model costs more than running it on a typed sentence, and live frames
# ask for the same layer's inputs many times a second. The extractor shares
# the model's layers, so it always reads the current weights.
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def extractor_of(model, layer):
    """(the ``keras.Model`` from ``model``'s inputs to what ``layer`` reads, whether
    it outputs the mask the layer was given too), kept while ``model`` lives.

    ``layer`` sits directly in ``model``'s graph (a ``Bidirectional``'s forward
    or backward layer stands for the wrapper).
    """
    layer = _wrapper_of(model, layer)
    cached = _EXTRACTORS.setdefault(model, {})
    if id(layer) not in cached:
        cached[id(layer)] = _extractor(model, layer)
    return cached[id(layer)]


def _direct_inputs(model, layer, x):
    """Inputs and mask of ``layer``, a layer directly in ``model``'s graph."""
    extractor, mask_given = extractor_of(model, layer)
    values = extractor(x, training=False)
    if mask_given:
        return values[0], values[1]
    return values, runtime_mask(values)


def _extractor(model, layer):
    """(a keras.Model from ``model``'s inputs to what ``layer`` reads, whether it
    outputs the mask the layer was given too)."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    for node in layer._inbound_nodes:
        sequence = node.arguments.args[0] if node.arguments.args else None
        given_mask = node.arguments.kwargs.get("mask")
        outputs = sequence if given_mask is None else [sequence, given_mask]
        try:
            return keras.Model(inputs, outputs), given_mask is not None
        except ValueError:   # a node of another model sharing this layer
            continue
    raise ProbeUnavailable(f"{layer.name} is not reached from {model.name}'s inputs.")


def runtime_mask(tensor):
    """The mask Keras attached to ``tensor`` when it computed it (None: none)."""
    try:
        from keras.src.backend import get_keras_mask
    except ImportError:   # the mask is an attribute in the Keras versions before
        return getattr(tensor, "_keras_mask", None)
    return get_keras_mask(tensor)
