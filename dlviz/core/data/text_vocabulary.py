"""Token <-> id, with the tokeniser settings, stored as JSON beside a model.

Id 0 is padding (an ``Embedding(mask_zero=True)`` masks it), id 1 stands
for every token the vocabulary does not know. A model carries its
vocabulary (``dlviz/vocabulary.json`` inside its ``.keras`` file, see
:mod:`dlviz.core.zoo.sequence_io`), so a sentence typed later is encoded
exactly as the training sentences were.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from dlviz.core.data.text import TextError, check_options, tokenize

PAD, UNK = "<pad>", "<unk>"
PAD_ID, UNK_ID = 0, 1
FORMAT = "dlviz-vocabulary"
#: A vocabulary JSON larger than this is refused (a 50,000-token one is ~1 MB).
MAX_JSON_BYTES = 16 * 1024 * 1024


class EmptyText(TextError):
    """Text with no tokens at all, where a sentence is needed."""


class Vocabulary:
    """The tokens a model knows, in id order, and how text becomes tokens.

    Args:
        tokens: the known tokens, without ``<pad>`` and ``<unk>`` (they get
            ids 0 and 1; the first token here gets id 2). Duplicates are
            dropped, the first kept.
        level, segmentation: as for :func:`~dlviz.core.data.text.tokenize`.

    Example:
        >>> vocab = Vocabulary.build(["not bad at all", "bad"])
        >>> vocab.encode("not bad, really").tolist()
        [3, 2, 1, 1]
    """

    def __init__(self, tokens: Sequence[str] = (), level: str = "word",
                 segmentation: str = "syllable"):
        check_options(level, segmentation)
        self.level, self.segmentation = level, segmentation
        known = [PAD, UNK]
        known += [t for t in dict.fromkeys(str(t) for t in tokens) if t not in (PAD, UNK)]
        if any(not t for t in known):
            raise TextError("a vocabulary token cannot be empty")
        self.tokens: tuple[str, ...] = tuple(known)
        self._ids = {t: i for i, t in enumerate(self.tokens)}

    @classmethod
    def build(cls, texts: Iterable[str], *, level: str = "word",
              segmentation: str = "syllable", max_size: int | None = None,
              min_count: int = 1) -> "Vocabulary":
        """The tokens of ``texts``, most frequent first (ties: first seen first).

        Args:
            max_size: at most this many ids in all (padding and unknown
                included); None for every token.
            min_count: leave out tokens seen fewer times.
        """
        counts: Counter = Counter()
        for text in texts:
            counts.update(tokenize(text, level, segmentation))
        order = [t for t, n in counts.most_common() if n >= min_count]
        if max_size is not None:
            order = order[:max(0, int(max_size) - 2)]
        return cls(order, level, segmentation)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self._ids

    def __eq__(self, other) -> bool:
        return (isinstance(other, Vocabulary) and self.tokens == other.tokens
                and (self.level, self.segmentation) == (other.level, other.segmentation))

    __hash__ = None  # mutable-looking container semantics: not a dict key

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} ids, level={self.level!r})"

    def tokenize(self, text: str) -> list[str]:
        """``text`` split as this vocabulary's training text was."""
        return tokenize(text, self.level, self.segmentation)

    def ids(self, tokens: Iterable[str]) -> np.ndarray:
        """Ids of ``tokens``; unknown ones get :data:`UNK_ID`."""
        return np.array([self._ids.get(t, UNK_ID) for t in tokens], dtype=np.int32)

    def encode(self, text: str) -> np.ndarray:
        """The ids of ``text``'s tokens, int32 (possibly empty)."""
        return self.ids(self.tokenize(text))

    def encode_sentence(self, text: str, max_length: int | None = None):
        """``(ids (1, T), tokens)`` of a sentence for a model to read.

        Raises:
            EmptyText: the text has no tokens (empty, or only white space).
        """
        tokens = self.tokenize(text)
        if not tokens:
            raise EmptyText("there is nothing to read: type a sentence (at least one word)")
        if max_length is not None:
            tokens = tokens[:max_length]
        return self.ids(tokens)[np.newaxis, :], tokens

    def encode_batch(self, texts: Iterable[str], length: int) -> np.ndarray:
        """Texts as an int32 (N, length) array: cut after ``length`` tokens,
        padded with 0 at the end."""
        rows = [self.encode(text)[:length] for text in texts]
        out = np.zeros((len(rows), int(length)), dtype=np.int32)
        for i, row in enumerate(rows):
            out[i, :len(row)] = row
        return out

    def decode(self, ids: Iterable[int]) -> list[str]:
        """The tokens of ``ids`` (padding left out; ids out of range are ``<unk>``)."""
        return [self.tokens[i] if 0 <= i < len(self.tokens) else UNK
                for i in (int(j) for j in ids) if i != PAD_ID]

    def unknown_share(self, text: str) -> float:
        """The share of ``text``'s tokens this vocabulary does not know (0 when empty)."""
        tokens = self.tokenize(text)
        return sum(t not in self._ids for t in tokens) / len(tokens) if tokens else 0.0

    # -- JSON ---------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": 1, "level": self.level,
                "segmentation": self.segmentation, "tokens": list(self.tokens)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data) -> "Vocabulary":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TextError("this is not a dlviz vocabulary (no 'format': "
                            f"'{FORMAT}' entry)")
        tokens = data.get("tokens")
        if (not isinstance(tokens, list) or tokens[:2] != [PAD, UNK]
                or not all(isinstance(t, str) for t in tokens)):
            raise TextError("the vocabulary's token list is damaged (it must start with "
                            f"{PAD} and {UNK} and hold only text)")
        if len(set(tokens)) != len(tokens):
            raise TextError("the vocabulary lists a token twice, so its ids are ambiguous")
        return cls(tokens[2:], str(data.get("level", "word")),
                   str(data.get("segmentation", "syllable")))

    @classmethod
    def from_json(cls, text: str | bytes) -> "Vocabulary":
        """Read :meth:`to_json`'s output; :class:`TextError` on anything else."""
        if len(text) > MAX_JSON_BYTES:
            raise TextError(f"the vocabulary is larger than {MAX_JSON_BYTES:,} bytes")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise TextError(f"the vocabulary is not valid JSON: {exc}") from None
        return cls.from_dict(data)
