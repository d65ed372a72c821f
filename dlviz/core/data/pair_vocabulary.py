"""The two vocabularies of an encoder-decoder model: what it reads, what it writes.

A sequence-to-sequence model reads source tokens (words of a typed date or
phrase) and writes target tokens one at a time (the characters of an ISO
date, or the words of a translation), starting from ``<start>`` and stopping
at ``<end>``. :class:`PairVocabulary` keeps both :class:`Vocabulary` objects
and travels inside the model's ``.keras`` file in the same member as a
classifier's vocabulary (``dlviz/vocabulary.json``), with its own format
name, ``"dlviz-pair-vocabulary"``; :func:`vocabulary_from_json` reads either.

Towards code written for one vocabulary (encoding a typed sentence, counting
unknown words) a ``PairVocabulary`` behaves as its source vocabulary.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import numpy as np

from dlviz.core.data.text import SPACE, TextError
from dlviz.core.data.text_vocabulary import MAX_JSON_BYTES, FORMAT as SINGLE_FORMAT
from dlviz.core.data.text_vocabulary import Vocabulary

FORMAT = "dlviz-pair-vocabulary"
START, END = "<start>", "<end>"


class PairVocabulary:
    """A source vocabulary (read) and a target vocabulary (written).

    Args:
        source: the tokens the encoder reads.
        target: the tokens the decoder writes; must hold ``<start>`` and
            ``<end>`` (:meth:`build` puts them at ids 2 and 3).

    Example:
        >>> pairs = [("10 March 1987", "1987-03-10")]
        >>> vocab = PairVocabulary.build(pairs, target_level="char")
        >>> vocab.source.tokenize("10/03/87")
        ['10', '/', '03', '/', '87']
        >>> vocab.target_text(vocab.target.encode("1987-03-10"))
        '1987-03-10'
    """

    def __init__(self, source: Vocabulary, target: Vocabulary):
        if not isinstance(source, Vocabulary) or not isinstance(target, Vocabulary):
            raise TypeError("a PairVocabulary is made of two Vocabulary objects")
        missing = [t for t in (START, END) if t not in target]
        if missing:
            raise TextError(f"the target vocabulary lacks {' and '.join(missing)}, which a "
                            "decoder needs to begin and to stop writing")
        self.source, self.target = source, target
        self.start_id = int(target.ids([START])[0])
        self.end_id = int(target.ids([END])[0])

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, str]], *, source_level: str = "word",
              target_level: str = "char", segmentation: str = "syllable",
              max_size: int | None = None) -> "PairVocabulary":
        """Both vocabularies from ``(source text, target text)`` pairs.

        Args:
            source_level, target_level: "word" or "char" (dates: words in,
                characters out, so "1987" read as one token is written digit
                by digit).
            max_size: at most this many ids in each (None: every token).
        """
        pairs = list(pairs)
        source = Vocabulary.build((s for s, _ in pairs), level=source_level,
                                  segmentation=segmentation, max_size=max_size)
        target = Vocabulary.build((t for _, t in pairs), level=target_level,
                                  segmentation=segmentation,
                                  max_size=None if max_size is None else max_size - 2)
        target = Vocabulary([START, END, *target.tokens[2:]], target.level,
                            target.segmentation)
        return cls(source, target)

    # -- as a single (source) vocabulary ----------------------------------------
    def __len__(self) -> int:
        """Ids of the source vocabulary (what an encoder's embedding holds)."""
        return len(self.source)

    def __eq__(self, other) -> bool:
        return (isinstance(other, PairVocabulary) and self.source == other.source
                and self.target == other.target)

    __hash__ = None

    def __repr__(self) -> str:
        return (f"PairVocabulary(source {len(self.source)} ids, {self.source.level}; "
                f"target {len(self.target)} ids, {self.target.level})")

    @property
    def level(self) -> str:
        return self.source.level

    @property
    def segmentation(self) -> str:
        return self.source.segmentation

    def tokenize(self, text: str) -> list[str]:
        """``text`` split as the source texts were."""
        return self.source.tokenize(text)

    def ids(self, tokens: Iterable[str]) -> np.ndarray:
        return self.source.ids(tokens)

    def encode(self, text: str) -> np.ndarray:
        return self.source.encode(text)

    def encode_sentence(self, text: str, max_length: int | None = None):
        """``(ids (1, T), tokens)`` of a source sentence (``EmptyText`` when empty)."""
        return self.source.encode_sentence(text, max_length)

    def unknown_share(self, text: str) -> float:
        return self.source.unknown_share(text)

    # -- the target side -----------------------------------------------------------
    def target_text(self, ids: Iterable[int]) -> str:
        """Target ids as a person reads them: up to ``<end>``, ``<start>`` left out,
        characters joined (the space token as a space), words joined by spaces."""
        tokens = []
        for token in self.target.decode(ids):
            if token == END:
                break
            if token != START:
                tokens.append(token)
        if self.target.level == "char":
            return "".join(" " if t == SPACE else t for t in tokens)
        return " ".join(tokens)

    # -- JSON ----------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": 1, "source": self.source.to_dict(),
                "target": self.target.to_dict()}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data) -> "PairVocabulary":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TextError(f"this is not a dlviz pair vocabulary (no 'format': '{FORMAT}')")
        return cls(Vocabulary.from_dict(data.get("source")),
                   Vocabulary.from_dict(data.get("target")))

    @classmethod
    def from_json(cls, text: str | bytes) -> "PairVocabulary":
        """Read :meth:`to_json`'s output; :class:`TextError` on anything else."""
        found = vocabulary_from_json(text)
        if not isinstance(found, cls):
            raise TextError(f"this is a single vocabulary, not a '{FORMAT}'")
        return found


def vocabulary_from_json(text: str | bytes) -> Vocabulary | PairVocabulary:
    """A :class:`Vocabulary` or a :class:`PairVocabulary`, as its format says.

    Raises:
        TextError: not JSON, too large, or neither format (the message says which).
    """
    if len(text) > MAX_JSON_BYTES:
        raise TextError(f"the vocabulary is larger than {MAX_JSON_BYTES:,} bytes")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise TextError(f"the vocabulary is not valid JSON: {exc}") from None
    if isinstance(data, dict) and data.get("format") == FORMAT:
        return PairVocabulary.from_dict(data)
    if isinstance(data, dict) and data.get("format") == SINGLE_FORMAT:
        return Vocabulary.from_dict(data)
    raise TextError(f"this is not a dlviz vocabulary (no 'format': '{SINGLE_FORMAT}' or "
                    f"'{FORMAT}' entry)")


def encode_pairs(pairs: Sequence[tuple[str, str]], vocabulary: PairVocabulary, *,
                 source_length: int | None = None, target_length: int | None = None):
    """Pairs as int32 arrays for teacher forcing, padded with 0 at the end.

    Args:
        pairs: ``(source text, target text)``.
        vocabulary: the model's :class:`PairVocabulary`.
        source_length: columns of ``source_ids`` (None: the longest source);
            longer sources are cut.
        target_length: target tokens kept (None: the longest target); the
            arrays below have one column more (``<start>`` / ``<end>``).

    Returns:
        ``(source_ids (N, Ts), target_in (N, Tt + 1), target_out (N, Tt + 1))``:
        ``target_in`` is ``<start>`` + target, ``target_out`` is target +
        ``<end>``, so step t of the decoder reads token t - 1 and must write
        token t.

    Example:
        >>> vocab = PairVocabulary.build([("10 March 1987", "1987-03-10")])
        >>> x, t_in, t_out = encode_pairs([("10 March 1987", "1987-03-10")], vocab)
        >>> x.tolist(), t_in[0, 1:].tolist() == t_out[0, :-1].tolist()
        ([[2, 3, 4]], True)
    """
    sources = [vocabulary.source.encode(s) for s, _ in pairs]
    targets = [vocabulary.target.encode(t) for _, t in pairs]
    ts = int(source_length if source_length is not None
             else max((len(s) for s in sources), default=0))
    tt = int(target_length if target_length is not None
             else max((len(t) for t in targets), default=0))
    source_ids = np.zeros((len(pairs), ts), np.int32)
    target_in = np.zeros((len(pairs), tt + 1), np.int32)
    target_out = np.zeros((len(pairs), tt + 1), np.int32)
    for i, (s, t) in enumerate(zip(sources, targets)):
        s, t = s[:ts], t[:tt]
        source_ids[i, :len(s)] = s
        target_in[i, 0] = vocabulary.start_id
        target_in[i, 1:len(t) + 1] = t
        target_out[i, :len(t)] = t
        target_out[i, len(t)] = vocabulary.end_id
    return source_ids, target_in, target_out
