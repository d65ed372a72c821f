"""Attention layers inside a model, and the very inputs each one reads.

``attention_layers(model)`` finds every ``keras.layers.Attention``,
``AdditiveAttention``, ``MultiHeadAttention`` (and ``GroupedQueryAttention``)
and dlviz ``ScoreAttention`` layer, also inside models nested in the model.
``layer_call(model, layer, x)`` replays the model's graph up to that layer's
call and returns the call's arguments as eager tensors, with the Keras masks
they carried (``Embedding(mask_zero=True)``, ``Masking``) attached again, so
calling the layer with them is calling it as the model does. The same pass
also returns the model's outputs: one forward pass serves both.

Example:
    >>> path, layer = attention_layers(model)[0]                      # doctest: +SKIP
    >>> args, kwargs, outputs = layer_call(model, layer, ids)         # doctest: +SKIP
    >>> layer(*args, **kwargs, return_attention_scores=True)          # doctest: +SKIP
"""

from __future__ import annotations

import weakref

from dlviz.core.probes.results import ProbeUnavailable

#: Keras's attention layers, by class name, and the key of ``SCORE_FORMULAS``
#: each computes (subclasses count as their parent).
KERAS_SCORES = {
    "MultiHeadAttention": "multi_head",
    "GroupedQueryAttention": "multi_head",
    "AdditiveAttention": "keras_additive",
    "Attention": "keras_dot",
}


def score_of(layer) -> str | None:
    """The ``SCORE_FORMULAS`` key of an attention layer; None for any other layer."""
    if type(layer).__name__ == "ScoreAttention":   # dlviz's, whose weights are an output
        return str(getattr(layer, "score", "dot"))
    for kind in type(layer).__mro__:
        if kind.__module__.startswith("keras") and kind.__name__ in KERAS_SCORES:
            return KERAS_SCORES[kind.__name__]
    return None


def attention_layers(model, prefix: str = "") -> list[tuple[str, object]]:
    """``[(path, layer)]`` of every attention layer, nested models included ("encoder/mha")."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    found = []
    for layer in getattr(model, "layers", ()):
        path = f"{prefix}{layer.name}"
        if score_of(layer) is not None:
            found.append((path, layer))
        elif isinstance(layer, keras.Model):
            found += attention_layers(layer, f"{path}/")
    return found


def layer_call(model, layer, x):
    """The arguments ``layer`` is called with when ``model`` reads ``x``, and the outputs.

    Args:
        model: a Functional or built Sequential model.
        layer: one of its attention layers (possibly in a nested model).
        x: the model's input (one array).

    Returns:
        ``(args, kwargs, outputs)``: eager tensors carrying their Keras masks,
        and the model's outputs (a list) for ``x``.

    Raises:
        ProbeUnavailable: the layer is not reached from the model's inputs.
    """
    chain = _containers(model, layer)
    if chain is None:
        raise ProbeUnavailable(f"{layer.name} is not a layer of {model.name}.")
    values, outputs = [x], None
    for depth, (outer, inner) in enumerate(zip(chain, chain[1:] + [layer])):
        args, kwargs, found = _run_to(outer, inner, values, with_outputs=depth == 0)
        outputs = found if depth == 0 else outputs
        values = [v for v in _flat(args)]   # a nested model's inputs (masks attached)
    return args, kwargs, outputs


def _containers(model, layer) -> list | None:
    """[model, submodel, ...]: the models from ``model`` down to the one holding ``layer``."""
    if any(candidate is layer for candidate in model.layers):
        return [model]
    from dlviz.core.kerasenv import import_keras

    for candidate in model.layers:
        if isinstance(candidate, import_keras().Model):
            below = _containers(candidate, layer)
            if below is not None:
                return [model] + below
    return None


# One extractor per (container, layer), kept while the model lives: building a
# keras.Model costs more than running it on a sentence, and live frames ask
# again and again. The extractor shares the model's layers (current weights).
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _run_to(container, layer, values, *, with_outputs: bool):
    """Run ``container`` on ``values`` up to ``layer``'s call; fill in its arguments."""
    from keras.src import backend

    cached = _EXTRACTORS.setdefault(container, {})
    key = (id(layer), with_outputs)
    if key not in cached:
        cached[key] = _extractor(container, layer, with_outputs)
    extractor, node, tensors, masked = cached[key]
    found = extractor(values[0] if len(values) == 1 else values, training=False)
    computed, masks, outputs = found[0], found[1], found[2] if with_outputs else None
    by_id = {}
    for position, (tensor, value) in enumerate(zip(tensors, computed)):
        if position in masked:
            backend.set_keras_mask(value, masks[masked.index(position)])
        by_id[id(tensor)] = value
    args, kwargs = node.arguments.fill_in(by_id)
    return args, dict(kwargs), outputs


def _extractor(container, layer, with_outputs: bool):
    """(keras.Model from ``container``'s inputs to ``layer``'s call arguments and their
    masks [and ``container``'s outputs], the call's node, its tensors, masked positions)."""
    from keras.src import backend

    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = container.inputs[0] if len(container.inputs) == 1 else container.inputs
    for node in layer._inbound_nodes:
        tensors = list(node.arguments.keras_tensors)
        masks = [backend.get_keras_mask(t) for t in tensors]
        masked = [i for i, m in enumerate(masks) if m is not None]
        outputs = [tensors, [masks[i] for i in masked]]
        if with_outputs:
            outputs.append(list(container.outputs))
        try:
            return keras.Model(inputs, outputs), node, tensors, masked
        except ValueError:   # a node of another model sharing this layer
            continue
    raise ProbeUnavailable(f"{layer.name} is not reached from {container.name}'s inputs.")


def _flat(structure):
    from keras.src import tree

    return tree.flatten(structure)
