"""Attention in models people bring: ask each Keras attention layer for its own scores.

For a typed text, ``keras_attention`` encodes it as the model reads it
(``text_encoding``) and runs the model once, calling the chosen attention
layer with ``return_attention_scores=True`` on the query, value, key and
masks it really receives (``attention_calls.layer_scores``). Nothing is
recomputed from formulas, so a layer's causal mask, masks from
``Embedding(mask_zero=True)``, scaling and dropout settings are the layer's
own, and the same pass gives the model's answer. ``MultiHeadAttention`` gives one
matrix per head. An axis as long as the text is labelled with its tokens
(self-attention: the same tokens along both axes); any other length with
positions.

Example:
    >>> found = keras_attention(model, "4 17 2 9")        # ids: no vocabulary  # doctest: +SKIP
    >>> found.weights.shape                               # (heads, 4, 4)  doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.attention_calls import attention_layers, layer_scores, score_of
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.text_encoding import EncodedText, encode_text, input_layout, padded

#: Tokens the attention probe reads (the gates read fewer): a 512-token text
#: with 12 heads is what people paste from a Transformer tutorial.
MAX_TOKENS = 512
#: Weight below this on every padding column means the layer masked the padding.
_MASKED = 1e-6


def has_keras_attention(model) -> None:
    """Raise ``ProbeUnavailable`` unless ``model`` has an attention layer text reaches."""
    from dlviz.core.probes.graph import require_graph

    require_graph(model)
    if not attention_layers(model):
        raise ProbeUnavailable(
            f"'{model.name}' has no attention layer (keras.layers.Attention, "
            "AdditiveAttention or MultiHeadAttention, or a dlviz encoder-decoder's "
            "attention): there are no attention weights to show. Pick a dates-attention "
            "model in the model library, or open a .keras file that has one.")
    input_layout(model)


def encoded(model, text, *, vocabulary=None, memo=None) -> EncodedText:
    """``text`` encoded for ``model`` once per frame (its own memo key: a longer cap)."""
    if isinstance(text, EncodedText):
        return text
    if memo is not None and "attention_text" in memo:
        return memo["attention_text"]
    found = encode_text(model, text, vocabulary, max_tokens=MAX_TOKENS)
    if memo is not None:
        memo["attention_text"] = found
    return found


def keras_attention(model, text, *, vocabulary=None, layer=None, class_names=None,
                    memo=None, **_ignored) -> AttentionMap:
    """One attention layer's weights (every head) for ``text``, as the layer reports them.

    Args:
        model: a Functional or Sequential model with one sequence input.
        text: the typed text (or an ``EncodedText``).
        vocabulary: the model's ``Vocabulary``; None: ids typed as numbers.
        layer: path or name of the attention layer (default: the first).
        class_names: names of the output's classes, for ``output_text``.

    Raises:
        ProbeUnavailable: no attention layer, no graph, or not one sequence input.
        TextError: nothing to read, or text this model cannot read.
    """
    has_keras_attention(model)
    found = attention_layers(model)
    path, chosen = _choose(model, found, layer)
    sentence = encoded(model, text, vocabulary=vocabulary, memo=memo)
    x = padded(sentence, input_layout(model)[1])
    weights, outputs = layer_scores(model, chosen, x)
    weights = weights[0]   # (heads, queries, keys) of the one row
    notes = list(sentence.notes)
    weights, sources, queries = _labelled(weights, sentence.tokens, x.shape[1], path, notes)
    heads = weights.shape[0]
    names = ("attention",) if heads == 1 else tuple(f"head {h + 1}" for h in range(heads))
    return AttentionMap(model.name, sentence.text, path, score_of(chosen), sources, queries,
                        np.ascontiguousarray(weights, np.float32), names,
                        output_text=_answer(outputs, sentence.length, class_names),
                        layers=tuple(p for p, _l in found), notes=tuple(notes))


def _choose(model, found, layer):
    if layer is None:
        return found[0]
    for path, candidate in found:
        if layer in (path, candidate.name):
            return path, candidate
    names = ", ".join(p for p, _l in found)
    raise ProbeUnavailable(f"'{model.name}' has no attention layer {layer!r}; its attention "
                           f"layers are {names}")


def _labelled(weights, tokens, padded_length: int, path: str, notes: list):
    """Weights cut to the text's queries and keys, and the labels of both axes.

    Padding keys stay (labelled "<pad>") only where the layer gave them weight.
    """
    steps = len(tokens)
    queries, keys = weights.shape[1:]
    if queries == padded_length and queries > steps:
        weights, queries = weights[:, :steps], steps
    if keys == padded_length and keys > steps:
        if float(np.max(weights[:, :, steps:], initial=0.0)) < _MASKED:
            weights, keys = weights[:, :, :steps], steps
        else:
            share = float(weights[:, :, steps:].sum(axis=-1).mean())
            notes.append(f"{path} has no padding mask: {share:.0%} of its attention went to "
                         f"the {keys - steps} padding positions after the text (use "
                         "Embedding(mask_zero=True) to mask them)")
    return weights, _axis(tokens, keys, padded_length), _axis(tokens, queries, padded_length)


def _axis(tokens, length: int, padded_length: int) -> tuple[str, ...]:
    if length in (len(tokens), padded_length):
        labels = list(tokens[:length]) + ["<pad>"] * (length - len(tokens))
        return tuple(labels)
    return tuple(f"[{i}]" for i in range(length))   # positions: not one per token (pooled)


def _answer(outputs, steps: int, class_names) -> str:
    """The model's first output for the text, as a person reads it (top class or tags)."""
    if not outputs:
        return ""
    values = outputs[0][0]
    if values.dtype.kind != "f" or values.ndim not in (1, 2) or values.shape[-1] < 1:
        return ""
    if values.shape[-1] == 1:
        return " ".join(f"{float(v):.3g}" for v in values.reshape(-1)[:steps])
    rows = values.reshape(-1, values.shape[-1])
    if np.any(rows < -1e-6) or not np.allclose(rows.sum(axis=-1), 1.0, atol=1e-3):
        return ""   # not probabilities: nothing a person reads as an answer
    names = list(class_names or ())
    if len(names) != values.shape[-1]:
        names = [f"class {i}" for i in range(values.shape[-1])]
    if values.ndim == 1:
        best = int(np.argmax(values))
        return f"{names[best]} {float(values[best]):.1%}"
    return " ".join(names[i] for i in np.argmax(values[:steps], axis=-1))
