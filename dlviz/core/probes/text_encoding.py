"""A typed sentence as what a recurrent model reads, whatever the model.

Three roads, picked from the model's input and what travels with it:

1. With a ``Vocabulary`` (a dlviz text model, or a ``.keras`` file that
   carries ``dlviz/vocabulary.json``): the text is tokenised as the training
   text was and each token becomes its id; unknown tokens read as ``<unk>``.
2. A model that reads token ids but came without a vocabulary (a person's
   own ``.keras`` file): nobody knows which word has which id, so the text
   is read as the ids themselves, typed as whole numbers ("4 17 2").
3. A model that reads vectors of numbers per step (a time series): each
   step is typed as its numbers, steps separated by ";" (one number per
   step may be separated by spaces).

Every refusal is a ``TextError`` that says what to type instead; nothing
else is raised for any string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from dlviz.core.data.text import TextError
from dlviz.core.probes.results import ProbeUnavailable

#: At most this many tokens are read; a longer text is cut (and says so):
#: a heatmap of more columns than a screen has pixels shows nothing.
MAX_TOKENS = 200

NO_VOCABULARY = ("this model carries no vocabulary, so dlviz cannot tell which id each word "
                 "has: type token ids as whole numbers (e.g. 4 17 2). To type words, train "
                 "the model in dlviz on a text dataset, or save it with dlviz "
                 "(SequenceClassifier.save keeps the vocabulary inside the .keras file)")


@dataclass(frozen=True, eq=False)
class EncodedText:
    """A sentence ready for a model: one batch row, its labels and notes."""

    text: str
    x: np.ndarray                 # (1, time) int32 ids, or (1, time, features) float32
    tokens: tuple[str, ...]       # one label per step
    notes: tuple[str, ...] = ()

    @property
    def length(self) -> int:
        return len(self.tokens)


def input_layout(model) -> tuple[str, int | None, int | None]:
    """("ids" or "features", fixed length or None, features or None) of ``model``'s input.

    Raises:
        ProbeUnavailable: the model has no single sequence input.
    """
    inputs = getattr(model, "inputs", None)
    if not inputs:
        raise ProbeUnavailable(f"'{model.name}' is not built: it has no inputs to read a "
                               "sentence into yet")
    if len(inputs) != 1:
        raise ProbeUnavailable(f"'{model.name}' has {len(inputs)} inputs; dlviz types a "
                               "sentence into models with one sequence input")
    shape = tuple(inputs[0].shape)
    length = None if len(shape) < 2 or shape[1] is None else int(shape[1])
    if len(shape) == 2:
        return "ids", length, None
    if len(shape) == 3 and shape[2] is not None:
        return "features", length, int(shape[2])
    raise ProbeUnavailable(f"'{model.name}' reads inputs of shape {shape[1:]}, not a sequence "
                           "of token ids (time,) or of vectors (time, features)")


def encode_text(model, text: str, vocabulary=None, *,
                max_tokens: int = MAX_TOKENS) -> EncodedText:
    """``text`` as ``model`` reads it (see the module's docstring); at most
    ``max_tokens`` tokens (the attention probe reads more than the gates).

    Raises:
        TextError: nothing to read, or text that cannot be read this way.
        ProbeUnavailable: the model has no single sequence input.
    """
    kind, length, features = input_layout(model)
    if kind == "features":
        return _fit(_features(text, features, max_tokens), length)
    if vocabulary is not None:
        return _fit(_words(text, vocabulary, max_tokens), length)
    return _fit(_ids(text, _id_count(model), max_tokens), length)


def _words(text: str, vocabulary, max_tokens: int = MAX_TOKENS) -> EncodedText:
    tokens = vocabulary.tokenize(text)
    if not tokens:
        raise TextError("there is nothing to read: type a sentence (at least one word)")
    tokens, notes = _cut(tokens, max_tokens)
    ids = vocabulary.ids(tokens)
    unknown = int(np.sum(ids == 1))
    if unknown == len(tokens):
        notes.append(f"none of these tokens is in the model's vocabulary ({len(vocabulary):,} "
                     "ids): every one reads as <unk>, so this shows what the model does "
                     "with unknown words")
    elif unknown:
        notes.append(f"{unknown} of {len(tokens)} tokens are not in the model's vocabulary "
                     "and read as <unk>")
    return EncodedText(text, ids[None, :].astype(np.int32), tuple(tokens), tuple(notes))


def _ids(text: str, count: int | None, max_tokens: int = MAX_TOKENS) -> EncodedText:
    pieces = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not pieces:
        raise TextError("there is nothing to read: type token ids as whole numbers "
                        "(e.g. 4 17 2)")
    if not all(re.fullmatch(r"\d{1,9}", p) for p in pieces):
        raise TextError(NO_VOCABULARY[0].upper() + NO_VOCABULARY[1:] + ".")
    ids = [int(p) for p in pieces]
    if count is not None and max(ids) >= count:
        raise TextError(f"id {max(ids)} is too large: this model's embedding has {count} "
                        f"ids (0 to {count - 1})")
    ids, notes = _cut(ids, max_tokens)
    notes.append("no vocabulary travels with this model: the text is read as token ids")
    return EncodedText(text, np.array([ids], np.int32), tuple(f"#{i}" for i in ids),
                       tuple(notes))


def _features(text: str, features: int, max_tokens: int = MAX_TOKENS) -> EncodedText:
    steps = [s for s in re.split(r"[;\n]+", text.strip()) if s.strip()]
    if features == 1 and len(steps) == 1:
        steps = steps[0].replace(",", " ").split()
    rows = []
    for step in steps:
        try:
            row = [float(v) for v in re.split(r"[\s,]+", step.strip()) if v]
        except ValueError:
            row = []
        if len(row) != features or not np.all(np.isfinite(row)):
            raise TextError(f"this model reads {features} number(s) per step, not words: type "
                            f"each step as {features} number(s), steps separated by ';' "
                            f"(e.g. {'; '.join([' '.join(['0.5'] * features)] * 2)})")
        rows.append(row)
    if not rows:
        raise TextError(f"there is nothing to read: type steps of {features} number(s), "
                        "separated by ';'")
    rows, notes = _cut(rows, max_tokens)
    return EncodedText(text, np.array([rows], np.float32),
                       tuple(f"t{t}" for t in range(len(rows))), tuple(notes))


def _cut(items: list, limit: int = MAX_TOKENS) -> tuple[list, list[str]]:
    if len(items) <= limit:
        return list(items), []
    return list(items[:limit]), [f"the first {limit} of {len(items):,} tokens are "
                                 "read; a longer text is cut, so split it"]


def _fit(encoded: EncodedText, length: int | None) -> EncodedText:
    """Cut or pad (with 0, the padding id) to a model's fixed length."""
    if length is None:
        return encoded
    x, tokens, notes = encoded.x, encoded.tokens, list(encoded.notes)
    if x.shape[1] > length:
        x, tokens = x[:, :length], tokens[:length]
        notes.append(f"this model reads exactly {length} steps: the text was cut to them")
    return EncodedText(encoded.text, x, tuple(tokens), tuple(notes))


def padded(encoded: EncodedText, length: int | None) -> np.ndarray:
    """``encoded.x`` padded at the end with zeros to ``length`` steps (a fixed-length model)."""
    x = encoded.x
    if length is None or x.shape[1] >= length:
        return x
    pad = [(0, 0), (0, length - x.shape[1])] + [(0, 0)] * (x.ndim - 2)
    return np.pad(x, pad)


def _id_count(model) -> int | None:
    """How many ids the model's first Embedding knows (None without one)."""
    for layer in _all_layers(model):
        if type(layer).__name__ == "Embedding":
            return int(layer.input_dim)
    return None


def _all_layers(model):
    for layer in getattr(model, "layers", ()):
        yield layer
        if hasattr(layer, "layers") and layer is not model:
            yield from _all_layers(layer)
