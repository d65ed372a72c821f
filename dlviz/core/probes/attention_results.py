"""What the attention probe returns: one attention layer's weights for a typed text.

The same result serves dlviz's encoder-decoder models (one head: the output
tokens it generated, greedily, against the source tokens) and the attention
layers of models people bring (``keras.layers.Attention``,
``AdditiveAttention``, ``MultiHeadAttention``: one matrix per head, queries
against keys). Rows are queries (output tokens), columns are keys (source
tokens); each row sums to 1 over the unmasked keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import Result

#: The course's four score functions, for titles and hover text.
SCORE_FORMULAS = {
    "dot": "e = hᵀh̄ (dot)",
    "general": "e = hᵀWh̄ (general, Luong)",
    "additive": "e = vᵀtanh(W₁h + W₂h̄) (additive, Bahdanau)",
    "cosine": "e = β·cos(h, h̄) (content-based; β learned, to sharpen)",
    "keras_dot": "e = qᵀk (keras.layers.Attention)",
    "keras_additive": "e = vᵀtanh(q + k) (keras.layers.AdditiveAttention)",
    "multi_head": "e = qᵀk/√d per head (keras.layers.MultiHeadAttention)",
}


@dataclass(frozen=True, eq=False)
class AttentionMap(Result):
    """One attention layer's weights over the source tokens, per output token and head.

    Example:
        >>> found = PROBES["attention"].compute(model, "ngày 10 tháng 3 năm 1987",
        ...                                     vocabulary=vocab)      # doctest: +SKIP
        >>> found.output_text                     # '1987-03-10'  doctest: +SKIP
        >>> found.weights.shape                   # (heads, outputs, sources)  doctest: +SKIP
    """

    model: str                          # the model's name
    text: str                           # what was typed
    layer: str                          # path of the attention layer shown
    score: str                          # a key of SCORE_FORMULAS
    source_tokens: tuple[str, ...]      # keys, along x
    output_tokens: tuple[str, ...]      # queries, along y (generated tokens for seq2seq)
    weights: np.ndarray                 # (heads, outputs, sources) float32, rows sum to 1
    head_names: tuple[str, ...]         # one per head ("attention" for a single head)
    output_text: str = ""               # the decoded output, as a person reads it
    layers: tuple[str, ...] = ()        # every attention layer of the model (to choose from)
    notes: tuple[str, ...] = ()         # for people: unknown words, text cut short, ...

    @property
    def heads(self) -> int:
        return int(self.weights.shape[0])

    def head(self, index: int = 0) -> np.ndarray:
        """The (outputs, sources) weights of one head."""
        return self.weights[index]

    def strongest_source(self, head: int = 0) -> np.ndarray:
        """For each output token, the index of the source token it weighs most."""
        return np.argmax(self.weights[head], axis=-1)
