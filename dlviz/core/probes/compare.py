"""SimpleRNN, LSTM and GRU side by side on one sentence: their states and gradient through time.

``compare_cells(sentence, models)`` reads the same sentence with each model
(e.g. the three library classifiers trained on the same data), takes the
hidden state h of each one's first recurrent layer (forward direction) and
the size of the loss gradient at each token. A SimpleRNN's gradient fades
towards the first tokens; a trained LSTM's or GRU's does not.

The result draws itself through the generic picture of ``pictures.py``: one
heatmap per cell kind (units x tokens) and one of the gradients (one row per
model, each relative to its strongest token).

Example:
    >>> found = compare_cells("not bad", [rnn, lstm, gru], vocabulary=vocab)  # doctest: +SKIP
    >>> found.gradient[:, 0]       # the first token's share, per model  doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable, Result

#: The cell kinds compared, in drawing order.
CELLS = ("simple_rnn", "lstm", "gru")


@dataclass(frozen=True, eq=False)
class CellComparison(Result):
    """One sentence through models of different cells: h and gradient through time."""

    text: str
    tokens: tuple[str, ...]
    models: tuple[str, ...]          # model names, in the order of ``kinds`` and rows
    kinds: tuple[str, ...]           # each model's cell: "simple_rnn", "lstm" or "gru"
    layers: tuple[str, ...]          # the recurrent layer read in each model
    h_simple_rnn: np.ndarray | None  # (units, time) float32 hidden state, None when absent
    h_lstm: np.ndarray | None
    h_gru: np.ndarray | None
    gradient: np.ndarray             # (models, time) float32, each row relative to its peak
    gradient_norms: np.ndarray       # (models, time) float32, the norms themselves
    first_token_share: dict          # model name -> the first token's relative gradient
    notes: tuple[str, ...] = ()

    def hidden(self, kind: str) -> np.ndarray | None:
        """The (units, time) hidden states of the ``kind`` model, or None."""
        return getattr(self, f"h_{kind}")


def compare_cells(sentence: str, models, *, vocabulary=None) -> CellComparison:
    """Each model's h and gradient through time for ``sentence`` (see the module's docstring).

    Args:
        sentence: the text, read by every model.
        models: Keras models, at most one per cell kind (SimpleRNN, LSTM, GRU).
        vocabulary: the ``Vocabulary`` they read (one for all, or one per model).

    Raises:
        ProbeUnavailable: a model without recurrent layer or gradient.
        ValueError: no model, or two of the same cell kind.
        TextError: a sentence that cannot be read.
    """
    from dlviz.core.probes.text_probes import gradient_steps, sequence_gates

    models = list(models)
    if not models:
        raise ValueError("compare at least one model (a SimpleRNN, an LSTM, a GRU)")
    vocabularies = list(vocabulary) if isinstance(vocabulary, (list, tuple)) else \
        [vocabulary] * len(models)
    hidden: dict[str, np.ndarray] = {}
    rows, kinds, layers, notes, tokens = [], [], [], [], None
    for model, words in zip(models, vocabularies, strict=True):
        found = sequence_gates(model, sentence, vocabulary=words)
        trace = found.traces[0]
        if trace.kind in hidden:
            raise ValueError(f"two models with {trace.kind} cells: compare one of each kind")
        if tokens is not None and found.tokens != tokens:
            raise ValueError(f"{model.name} reads the sentence as other tokens than "
                             f"{models[0].name}; give them the same vocabulary")
        tokens = found.tokens
        hidden[trace.kind] = np.ascontiguousarray(trace.gates["h"][0].T)
        kinds.append(trace.kind)
        layers.append(trace.layer)
        notes += [f"{model.name}: {n}" for n in found.notes]
        try:
            rows.append(gradient_steps(model, sentence, vocabulary=words).norms[0])
        except ProbeUnavailable as exc:
            raise ProbeUnavailable(f"{model.name}: {exc}") from None
    norms = np.asarray(rows, np.float32)
    peak = norms.max(axis=1, keepdims=True)
    relative = np.divide(norms, peak, out=np.zeros_like(norms), where=peak > 0)
    names = tuple(m.name for m in models)
    return CellComparison(
        sentence, tuple(tokens), names, tuple(kinds), tuple(layers),
        hidden.get("simple_rnn"), hidden.get("lstm"), hidden.get("gru"), relative, norms,
        {name: float(row[0]) if row.size else 0.0 for name, row in zip(names, relative)},
        tuple(notes))
