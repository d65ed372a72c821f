"""Attention layers inside a model, and the weights each one computes as the model runs.

``attention_layers(model)`` finds every ``keras.layers.Attention``,
``AdditiveAttention``, ``MultiHeadAttention`` (and ``GroupedQueryAttention``)
and dlviz ``ScoreAttention`` layer, also inside models nested in the model.

``layer_scores(model, layer, x)`` runs the model once on ``x`` and, while it
runs, asks the layer for its scores: the layer's ``call`` is wrapped for that
one pass so that it is called with ``return_attention_scores=True`` on the
very query, value, key and masks Keras hands it (the pass is a
``tf.function`` traced once per model and layer, reading current weights). Why not cut the graph at the
layer's inputs and call the layer again? Masks live on tensors at run time,
and Keras's ``MultiHeadAttention`` deletes the masks of the tensors it reads
(``set_keras_mask(value, None)``), so a later ``Attention([y, x])`` on the same
``x`` runs with no value mask; masks re-attached from the graph would show
weights the model never computes. Asked during the pass, the layer reports
what the model really does.

Example:
    >>> path, layer = attention_layers(model)[0]                      # doctest: +SKIP
    >>> weights, outputs = layer_scores(model, layer, ids)            # doctest: +SKIP
    >>> weights.shape                      # (batch, heads, queries, keys)  doctest: +SKIP
"""

from __future__ import annotations

import weakref

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_inputs import numpy_of

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
    if _returns_weights(layer):
        return str(getattr(layer, "score", "dot"))
    for kind in type(layer).__mro__:
        if kind.__module__.startswith("keras") and kind.__name__ in KERAS_SCORES:
            return KERAS_SCORES[kind.__name__]
    return None


def _returns_weights(layer) -> bool:
    """dlviz's ``ScoreAttention`` returns (context, weights) at every call."""
    return type(layer).__name__ == "ScoreAttention"


def attention_layers(model, prefix: str = "") -> list[tuple[str, object]]:
    """``[(path, layer)]`` of every attention layer, nested models included ("block/mha")."""
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


def layer_scores(model, layer, x) -> tuple[np.ndarray, list]:
    """The weights ``layer`` computes when ``model`` reads ``x``, and the model's outputs.

    Args:
        model: a Keras model that calls ``layer`` (at any depth).
        layer: one of its attention layers.
        x: the model's input.

    Returns:
        ``(weights (batch, heads, queries, keys) float32, [outputs as NumPy])``;
        one head for the single-head layers. A layer called several times
        (shared) reports its first call.

    Raises:
        ProbeUnavailable: the model never called the layer.
    """
    passes = _PASSES.setdefault(model, {})
    if id(layer) not in passes:
        passes[id(layer)] = _asking_pass(weakref.ref(model), layer)
    run, captured = passes[id(layer)]
    original = layer.call

    def asking_call(*args, **kwargs):
        if _returns_weights(layer):
            out = original(*args, **kwargs)
            captured.append(out[1])
            return out
        wanted = kwargs.pop("return_attention_scores", False)
        out, scores = original(*args, return_attention_scores=True, **kwargs)
        captured.append(scores)
        return (out, scores) if wanted else out

    # On the instance, for this one pass (Keras's __call__ looks up self.call);
    # around every call, so that a new trace of the pass sees it too. Flash
    # attention never forms the weights, so the pass takes the plain road.
    flash = getattr(layer, "_flash_attention", None)
    object.__setattr__(layer, "call", asking_call)
    if flash:
        object.__setattr__(layer, "_flash_attention", False)
    try:
        outputs, weights = run(x)
    finally:
        object.__delattr__(layer, "call")
        if flash:
            object.__setattr__(layer, "_flash_attention", flash)
    weights = numpy_of(weights)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return (weights[:, None] if weights.ndim == 3 else weights), [numpy_of(o) for o in outputs]


# One compiled pass per (model, layer), kept while the model lives: called
# eagerly, Keras runs each layer op by op from Python (~3x the compiled
# pass on 512 tokens). The pass reads the current weights at every call.
_PASSES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _asking_pass(model_ref, layer):
    """(a ``tf.function`` x -> (outputs, the layer's first scores), the list the
    asking call fills while a trace runs)."""
    from dlviz.core.kerasenv import import_tensorflow

    captured: list = []

    def run(x):
        captured.clear()
        model = model_ref()   # weakly: the cache must not keep the model alive
        outputs = model(x, training=False)
        if not captured:
            raise ProbeUnavailable(f"{layer.name} is not called when {model.name} reads "
                                   "a text.")
        return outputs, captured[0]

    return import_tensorflow().function(run, reduce_retracing=True), captured
