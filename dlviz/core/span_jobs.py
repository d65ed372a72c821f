"""Select a span of the typed sentence, and find where else its units fire: engine jobs.

The workspace keeps the last sentence's gates (``Workspace.text_analysis``);
``select_span`` picks the units on across a span of one of its traces
(``unit_match.select_units``: NumPy only, well under a millisecond), and
``match_span`` replays that layer over the sentences the model was trained
on, to show where else the same units stay on (``unit_match.match_units``).

Which sentences: the sentiment set in the model's language (the first 2,000
of the 3,000 ``dlviz train --data sentiment-en|vi`` generates; the tagging
set's for a shipped tagger), known from a
shipped model's sidecar (also beside a ``.keras`` file opened by path) or, for
any other model with a vocabulary, from the set whose words it knows far
better; otherwise the sentences typed so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dlviz.core.probes.results import Result
from dlviz.core.probes.unit_match import UnitMatches, match_units, select_units

#: Sentences of the model's dataset searched for matches.
SEARCHED = 2000
#: Matches shown (``UnitMatches.found`` counts all of them).
SHOWN = 30


@dataclass(frozen=True, eq=False)
class SpanMatches(Result):
    """``UnitMatches`` with the sentences they were found in, ready to show."""

    found: UnitMatches
    texts: tuple[str, ...]                 # each match's whole sentence
    sentence_tokens: tuple[tuple[str, ...], ...]   # ... and its tokens
    source: str                            # what was searched, in words


def span_trace(analysis, layer: str, text: str | None = None):
    """The trace of ``layer`` in the last sentence's gates (``TextAnalysis``).

    ``text``: the sentence the span was selected in; a newer one read since
    (typing went on) makes the span meaningless, and says so.
    """
    gates = None if analysis is None else analysis.results.get("gates")
    if gates is None:
        raise ValueError("type a sentence first: a span is selected in its gates")
    if text is not None and analysis.text != text:
        raise ValueError("the sentence changed since the span was selected: select it again")
    for trace in gates.traces:
        if trace.layer == layer:
            return trace
    raise ValueError(f"the last sentence's gates have no layer {layer!r}")


def select_span(analysis, layer: str, start: int, end: int, text: str | None = None):
    """``UnitSelection`` of tokens ``[start, end)`` of ``layer`` in the last sentence."""
    return select_units(span_trace(analysis, layer, text), start, end)


def match_span(model, analysis, layer: str, start: int, end: int, *, vocabulary=None,
               zoo_model=None, typed=(), source="", text=None) -> SpanMatches:
    """Where else the units of a span fire together (see the module's docstring)."""
    from dlviz.core.probes.text_encoding import encode_text

    selection = select_span(analysis, layer, start, end, text)
    sentences, searched = searched_sentences(zoo_model, vocabulary, typed, source)
    # As long as the selection at least (LSTMVis's default): one word alike says little.
    found = match_units(model, selection, sentences, vocabulary=vocabulary, limit=SHOWN,
                        min_length=end - start)
    texts = tuple(sentences[m.sentence] for m in found.matches)
    tokens = tuple(encode_text(model, text, vocabulary).tokens for text in texts)
    return SpanMatches(found, texts, tokens, searched)


def searched_sentences(zoo_model, vocabulary, typed=(), source="") -> tuple[list[str], str]:
    """``(sentences, what they are)``: the model's dataset, else the sentences typed.

    ``source`` is the model's file path (or registry name): a shipped model's
    sidecar beside the file names its data.
    """
    language = _language(zoo_model, vocabulary, source)
    # The set as the model was trained on it: generated sets differ with their size.
    size = _set_size(zoo_model, source)
    if language == "tagging":
        from dlviz.core.data.tagging import tagging_sentences

        texts = [" ".join(w for w, _tag in s) for s in tagging_sentences(size, seed=0)]
        return texts[:SEARCHED], f"the first {SEARCHED:,} sentences of the tagging set"
    if language is not None:
        texts = list(_sentiment(language, size))
        return texts, f"the first {len(texts):,} sentences of sentiment-{language}"
    typed = list(dict.fromkeys(t for t in typed if t.strip()))
    return typed, (f"the {len(typed)} sentence(s) typed so far (no dataset is known for "
                   "this model; train it on a text set to search that)")


def _language(zoo_model, vocabulary, source="") -> str | None:
    """"en" or "vi" when the model reads a sentiment set, "tagging", else None."""
    info = getattr(zoo_model, "info", None) or _sidecar(source)
    data = getattr(info, "data", "")
    if data in ("sentiment-en", "sentiment-vi"):
        return data[-2:]
    if data == "tagging":
        return data
    if data or vocabulary is None:   # trained on something else, or reads ids
        return None
    from dlviz.core.data.sentiment import sentiment_texts

    shares = {}
    for language in ("en", "vi"):
        sample = sentiment_texts(language, n=30, seed=0)[0]
        shares[language] = sum(map(vocabulary.unknown_share, sample)) / len(sample)
    best, other = sorted(shares, key=shares.get)
    # Clearly one language's words (a few of the set's words may be new to it).
    return best if shares[best] < 0.5 and shares[other] > 2 * shares[best] else None


@lru_cache(maxsize=4)
def _sentiment(language: str, size: int) -> tuple[str, ...]:
    """The first sentences of a sentiment set, generated once (0.1 s per 3,000)."""
    from dlviz.core.data.sentiment import sentiment_texts

    return tuple(sentiment_texts(language, n=size, seed=0)[0][:SEARCHED])


def _set_size(zoo_model, source, default: int = 3000) -> int:
    """Sentences the model's set was generated with: its sidecar's train + test
    sentences for a shipped model, else ``dlviz train``'s default."""
    import json
    from pathlib import Path

    from dlviz.core.zoo.sequence_trained import SIDECAR

    info = getattr(zoo_model, "info", None)
    path = Path(info.path) if info is not None else Path(str(source or ""))
    if path.suffix != ".keras":
        return default
    try:
        meta = json.loads(path.with_name(path.stem + SIDECAR).read_text(encoding="utf-8"))
        return int(meta["train_sentences"]) + int(meta["test_sentences"])
    except (OSError, ValueError, KeyError, TypeError):
        return default


def _sidecar(source):
    """The ``.text.json`` sidecar of a shipped model file opened by path, or None."""
    from pathlib import Path

    from dlviz.core.zoo.sequence_trained import SIDECAR, read_text_sidecar

    path = Path(str(source or ""))
    if path.suffix != ".keras":
        return None
    sidecar = path.with_name(path.stem + SIDECAR)
    return read_text_sidecar(sidecar)
