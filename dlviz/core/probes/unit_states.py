"""One recurrent layer's states over a whole list of sentences, in a few batches.

What ``unit_match.match_units`` searches: every sentence encoded as the
model reads it, padded to one length, and the layer replayed over each batch
on exactly what it reads (``layer_inputs``: the Embedding's output and mask,
or the layer below's states). Sentences the model cannot read (empty, ids
out of range) are skipped and marked.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.text import TextError
from dlviz.core.probes.results import ProbeUnavailable


def direction_layer(model, path: str):
    """The layer (or a ``Bidirectional``'s forward/backward layer) a trace's path names."""
    from dlviz.core.probes.text_probes import recurrent_layers

    for name, layer in recurrent_layers(model):
        if path == name:
            return layer
        for direction in ("forward", "backward"):
            if path == f"{name}/{direction}":
                return getattr(layer, f"{direction}_layer")
    raise ProbeUnavailable(f"'{model.name}' has no recurrent layer {path!r}")


def encode_all(model, sentences, vocabulary=None):
    """``(x (n, time), lengths (n,), tokens, skipped (len(sentences),) bool)``."""
    from dlviz.core.probes.text_encoding import encode_text, input_layout

    rows, tokens, skipped = [], [], np.zeros(len(sentences), bool)
    for i, sentence in enumerate(sentences):
        try:
            encoded = encode_text(model, str(sentence), vocabulary)
        except TextError:
            skipped[i] = True
            continue
        rows.append(encoded.x[0])
        tokens.append(encoded.tokens)
    lengths = np.array([len(r) for r in rows], np.int64)
    fixed = input_layout(model)[1]
    time = fixed or (int(lengths.max()) if len(rows) else 0)
    shape = (len(rows), time) + (rows[0].shape[1:] if rows else ())
    x = np.zeros(shape, rows[0].dtype if rows else np.int32)
    for i, row in enumerate(rows):
        x[i, :len(row)] = row
    return x, lengths, tokens, skipped


def dataset_states(model, path: str, state: str, sentences, *, vocabulary=None, units=None,
                   batch_size: int = 500):
    """``(states (n, time, k), mask (n, time), tokens, skipped)`` of layer ``path``.

    ``units`` picks the units kept (None: all); ``mask`` is True on each
    sentence's own tokens; ``skipped`` marks the sentences left out.
    """
    from dlviz.core.probes.gates import sequence_traces
    from dlviz.core.probes.sequence_inputs import layer_inputs

    layer = direction_layer(model, path)
    x, lengths, tokens, skipped = encode_all(model, sentences, vocabulary)
    keep = slice(None) if units is None else np.asarray(units, np.int64)
    parts = []
    for begin in range(0, len(x), max(int(batch_size), 1)):
        inputs, mask = layer_inputs(model, layer, x[begin:begin + batch_size])
        (trace,) = sequence_traces(layer, inputs, mask, path=path)
        parts.append(trace.gates[state][:, :, keep])
    if parts:
        states = np.concatenate(parts)
    else:
        width = layer.cell.units if units is None else len(keep)
        states = np.zeros((0, x.shape[1], width), np.float32)
    mask = np.arange(x.shape[1])[None, :] < lengths[:, None]
    return states.astype(np.float32, copy=False), mask, tokens, skipped
