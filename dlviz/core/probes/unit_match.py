"""Select a span of tokens, find the units that stay on across it, and where else they do.

LSTMVis's select-and-match (Strobelt et al. 2017), live and on typed text:

1. ``select_units(trace, start, end)``: score each unit of one layer's state
   (the cell state c of an LSTM, h otherwise) by its *lowest* value over the
   tokens ``[start, end)``; the units whose score exceeds ``threshold`` are
   on across the whole span, ranked by score.
2. ``match_units(model, selection, sentences)``: replay that layer over a
   dataset (all sentences in a few batches, one compiled pass per batch) and
   return, per sentence, the spans where *every* selected unit exceeds the
   threshold, best first (score: the mean over the span of the weakest
   selected unit's value).

Both are pure functions of NumPy arrays and the model's current weights; no
preparation (LSTMVis precomputes every state into HDF5 files). Not a
registry kind: they need a span and a dataset, which a probe kind's
``compute(model, text)`` does not take.

Example:
    >>> found = PROBES["gates"].compute(model, "not bad", vocabulary=vocab)  # doctest: +SKIP
    >>> chosen = select_units(found.traces[0], 0, 2)                        # doctest: +SKIP
    >>> match_units(model, chosen, texts, vocabulary=vocab).matches[0]      # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.result_io import Stored
from dlviz.core.probes.results import Result

#: Default level a unit must stay above (LSTMVis's default too).
THRESHOLD = 0.3


@dataclass(frozen=True, eq=False)
class UnitSelection(Result):
    """The units of one layer whose state stays above ``threshold`` across a token span."""

    layer: str                  # the trace's layer path ("bi_lstm_1/backward")
    state: str                  # "c" (LSTM) or "h"
    start: int                  # the span, tokens [start, end)
    end: int
    tokens: tuple[str, ...]     # the span's tokens
    units: np.ndarray           # (k,) int32 selected units, best first
    scores: np.ndarray          # (k,) float32 each one's lowest value over the span
    ranking: np.ndarray         # (units,) int32 every unit, best first
    lowest: np.ndarray          # (units,) float32 every unit's lowest value over the span
    values: np.ndarray          # (k, span) float32 the selected units along the span
    threshold: float
    note: str = ""


@dataclass(frozen=True, eq=False)
class UnitMatch(Stored):
    """One span of one sentence where every selected unit is on."""

    sentence: int               # index in the searched sentences
    start: int
    end: int
    tokens: tuple[str, ...]     # the span's tokens
    score: float                # mean over the span of the weakest selected unit


@dataclass(frozen=True, eq=False)
class UnitMatches(Result):
    """Where else in a dataset the selected units fire together, best first."""

    selection: UnitSelection
    matches: tuple[UnitMatch, ...]
    searched: int               # sentences read
    found: int                  # spans found (``matches`` keeps the best ``limit``)
    note: str = ""


def default_state(trace) -> str:
    """The state LSTMVis reads: an LSTM's cell state c, else h."""
    return "c" if trace.kind == "lstm" else "h"


def select_units(trace, start: int, end: int, *, state: str | None = None,
                 threshold: float = THRESHOLD, top: int | None = 10) -> UnitSelection:
    """The units of ``trace`` (batch row 0) on across tokens ``[start, end)``.

    Raises:
        ValueError: an empty or out-of-range span, or a state the layer lacks.
    """
    state = state or default_state(trace)
    if state not in trace.gates:
        raise ValueError(f"{trace.layer} ({trace.kind}) has no state {state!r}; "
                         f"choose one of {', '.join(trace.gates)}")
    start, end = int(start), int(end)
    if not 0 <= start < end <= trace.time:
        raise ValueError(f"select at least one token within 0..{trace.time}: "
                         f"[{start}, {end}) is not a span of this sentence")
    span = np.asarray(trace.gates[state][0, start:end], np.float32)     # (span, units)
    lowest = span.min(axis=0)
    ranking = np.argsort(-lowest, kind="stable").astype(np.int32)
    chosen = ranking[lowest[ranking] > threshold]
    if top is not None:
        chosen = chosen[:max(int(top), 0)]
    note = "" if chosen.size else (
        f"no unit of {trace.layer} keeps {state} above {threshold:g} across these tokens; "
        "select fewer tokens or lower the threshold")
    tokens = tuple(trace.tokens[start:end]) if trace.tokens else \
        tuple(str(t) for t in range(start, end))
    return UnitSelection(trace.layer, state, start, end, tokens, chosen, lowest[chosen],
                         ranking, lowest, np.ascontiguousarray(span[:, chosen].T),
                         float(threshold), note)


def match_units(model, selection: UnitSelection, sentences, *, vocabulary=None,
                limit: int = 50, min_length: int = 1, batch_size: int = 500) -> UnitMatches:
    """The spans of ``sentences`` where every unit of ``selection`` exceeds its threshold.

    Args:
        model: the model the selection was made on (its current weights).
        selection: what ``select_units`` chose.
        sentences: the texts to search (e.g. a dataset's first 2,000).
        vocabulary: the model's ``Vocabulary`` (None: texts of token ids).
        limit: most matches returned (``found`` counts them all).
        min_length: shortest span kept, in tokens.
        batch_size: sentences replayed at once.
    """
    from dlviz.core.probes.unit_states import dataset_states

    sentences = list(sentences)
    if selection.units.size == 0:
        return UnitMatches(selection, (), len(sentences), 0, selection.note)
    states, mask, tokens, skipped = dataset_states(
        model, selection.layer, selection.state, sentences, vocabulary=vocabulary,
        units=selection.units, batch_size=batch_size)
    weakest = states.min(axis=-1)                                     # (n, time)
    on = (weakest > selection.threshold) & mask
    edges = np.diff(np.pad(on, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]          # same rows, same order as the starts
    keep = ends - starts >= max(int(min_length), 1)
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    sums = np.pad(np.cumsum(np.where(on, weakest, 0.0), axis=1, dtype=np.float64),
                  ((0, 0), (1, 0)))
    scores = (sums[rows, ends] - sums[rows, starts]) / (ends - starts)
    # Scores equal to 6 decimals tie (sums round differently): the longer span first.
    order = np.lexsort((-(ends - starts), -np.round(scores, 6)))[:max(int(limit), 0)]
    index = np.flatnonzero(~skipped)           # row -> sentence number
    matches = tuple(UnitMatch(int(index[rows[i]]), int(starts[i]), int(ends[i]),
                              tuple(tokens[rows[i]][starts[i]:ends[i]]), float(scores[i]))
                    for i in order)
    note = f"{int(skipped.sum())} sentence(s) could not be read and were left out" \
        if skipped.any() else ""
    return UnitMatches(selection, matches, len(sentences), int(len(rows)), note)
