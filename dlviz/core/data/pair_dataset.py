"""Sentence pairs for an encoder-decoder: the text counterpart of ``Dataset`` for seq2seq.

An encoder-decoder reads two inputs while it learns (teacher forcing): the
source ids and the target so far, and must write the target one step ahead::

    x = (source_ids (N, Ts), target_in (N, Tt))   <start> + target
    y = target_out (N, Tt)                        target + <end>

all int32, padded with 0 at the end (the model's embeddings mask the
padding, in its layers and in the loss). :func:`load_pair_data` makes the
sets dlviz trains seq2seq models on, by name (:data:`PAIR_SETS`): written
dates to ISO dates (:mod:`~dlviz.core.data.dates`) and the English <->
Vietnamese phrase task (:mod:`~dlviz.core.data.phrases`).

Example:
    >>> data = load_pair_data("phrases-en-vi", samples=200)
    >>> data.x_train[0].shape[0] == data.y_train.shape[0] == 160
    True
    >>> data.input_names
    ('source', 'target_in')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.data.pair_vocabulary import PairVocabulary, encode_pairs
from dlviz.core.data.text import TextError

#: Data names -> what they are (``dlviz train --data``, the training panel).
PAIR_SETS = {
    "dates": "Dates in English and Vietnamese to ISO dates (generated, 6,000)",
    "dates-en": "English dates to ISO dates (generated, 4,000)",
    "dates-vi": "Vietnamese dates to ISO dates (generated, 4,000)",
    "phrases-en-vi": "English phrases to Vietnamese (generated, 6,000)",
    "phrases-vi-en": "Vietnamese phrases to English (generated, 6,000)",
}
_DEFAULT_SAMPLES = {"dates": 6000, "dates-en": 4000, "dates-vi": 4000,
                    "phrases-en-vi": 6000, "phrases-vi-en": 6000}
#: Tokens the decoder writes: characters for an ISO date, words for a phrase.
_TARGET_LEVEL = {"dates": "char", "phrases": "word"}
TEST_FRACTION = 0.2


@dataclass(frozen=True, eq=False, repr=False)
class PairDataset:
    """Source and target token ids, split into train and test, with their vocabulary.

    Attributes:
        x_train: ``(source_ids, target_in)``, int32 (N, Ts) and (N, Tt).
        y_train: ``target_out``, int32 (N, Tt); 0 where ``target_in`` is padding.
        x_test, y_test: the same for the test part (M rows).
        vocabulary: the :class:`PairVocabulary` the ids come from.
        name: the data's name ("dates", "phrases-en-vi", ...).
        notes: one sentence each about how it was made or read.
        test_pairs: the test part's (source, target) texts, in ``x_test``'s order.
    """

    x_train: tuple[np.ndarray, np.ndarray]
    y_train: np.ndarray
    x_test: tuple[np.ndarray, np.ndarray]
    y_test: np.ndarray
    vocabulary: PairVocabulary
    name: str = ""
    notes: tuple[str, ...] = ()
    test_pairs: tuple[tuple[str, str], ...] = ()

    #: What the model is asked to do (a tagger's "tag", a classifier's "classify").
    task = "translate"
    #: The model's input names, in the order of ``x``.
    input_names = ("source", "target_in")

    def __post_init__(self):
        for (source, target_in), target_out, part in ((self.x_train, self.y_train, "train"),
                                                     (self.x_test, self.y_test, "test")):
            if not len(source) == len(target_in) == len(target_out):
                raise ValueError(f"{part}: {len(source)} sources, {len(target_in)} decoder "
                                 f"inputs and {len(target_out)} targets")
            if target_in.shape != target_out.shape:
                raise ValueError(f"{part}: target_in {target_in.shape} and target_out "
                                 f"{target_out.shape} differ")

    @property
    def class_names(self) -> tuple[str, ...]:
        """The target tokens: what the ``next_token`` softmax chooses among."""
        return tuple(self.vocabulary.target.tokens)

    @property
    def num_classes(self) -> int:
        return len(self.vocabulary.target)

    @property
    def source_length(self) -> int:
        return int(self.x_train[0].shape[1])

    @property
    def target_length(self) -> int:
        return int(self.y_train.shape[1])

    @property
    def sample_text(self) -> str:
        """The live attention's sentence until one is typed: the longest source of
        the test part (the first of them), so a phrase shows its word order moving
        (a time, a place, adjectives), not "the boy reads three letters"."""
        sources = [source for source, _target in self.test_pairs]
        return max(sources, key=lambda text: len(text.split()), default="")

    def rows(self, part: str, index) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """``(x, y)`` of the rows ``index`` of ``part`` ("train" or "test")."""
        (source, target_in), target_out = ((self.x_train, self.y_train) if part == "train"
                                           else (self.x_test, self.y_test))
        return (source[index], target_in[index]), target_out[index]

    def __repr__(self) -> str:
        return (f"PairDataset({self.name!r}, train={len(self.y_train)}, "
                f"test={len(self.y_test)}, source length {self.source_length}, "
                f"target length {self.target_length}, {self.vocabulary!r})")


def is_pair_data(dataset) -> bool:
    """True for an encoder-decoder's data (a :class:`PairDataset`)."""
    return isinstance(dataset, PairDataset)


def pair_dataset(pairs, *, vocabulary: PairVocabulary | None = None, name: str = "",
                 target_level: str = "word", seed: int = 0,
                 test_fraction: float = TEST_FRACTION, notes=()) -> PairDataset:
    """(source, target) text pairs encoded and split into a :class:`PairDataset`.

    Args:
        pairs: ``(source text, target text)`` tuples.
        vocabulary: the model's own (its ids keep their meaning); None builds
            one from ``pairs`` (source words, target ``target_level`` tokens).
        test_fraction: share of the pairs held out as the test part.

    Raises:
        TextError: no pairs, or no source or target tokens at all.
    """
    pairs = [(str(s), str(t)) for s, t in pairs]
    if not pairs:
        raise TextError("there are no sentence pairs to learn from")
    notes = list(notes)
    if vocabulary is None:
        vocabulary = PairVocabulary.build(pairs, target_level=target_level)
    else:
        unknown = float(np.mean([vocabulary.unknown_share(s) for s, _ in pairs]))
        notes.append(f"encoded with the model's own vocabulary ({len(vocabulary.source):,} "
                     f"source and {len(vocabulary.target):,} target tokens); "
                     f"{unknown:.0%} of the source tokens are unknown to it")
    source, target_in, target_out = encode_pairs(pairs, vocabulary)
    if source.shape[1] == 0 or target_out.shape[1] < 2:
        raise TextError("the sentence pairs have no tokens to read or to write")
    order = np.random.default_rng(seed).permutation(len(pairs))
    n_test = int(round(len(pairs) * test_fraction)) if len(pairs) > 1 else 0
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    return PairDataset((source[train], target_in[train]), target_out[train],
                       (source[test], target_in[test]), target_out[test], vocabulary,
                       name=name, notes=tuple(notes),
                       test_pairs=tuple(pairs[i] for i in test))


def load_pair_data(kind: str, *, samples: int | None = None, seed: int = 0,
                   vocabulary: PairVocabulary | None = None) -> PairDataset:
    """The generated pair set ``kind`` (a key of :data:`PAIR_SETS`).

    Args:
        samples: pairs to generate (train and test together); None: the default.
        vocabulary: the model's own :class:`PairVocabulary`, so its ids keep
            their meaning; None builds the data's own.

    Raises:
        TextError: an unknown name, or ``vocabulary`` is not a pair vocabulary.
    """
    if kind not in PAIR_SETS:
        raise TextError(f"unknown sentence-pair data {kind!r}; choose "
                        f"{', '.join(PAIR_SETS)}")
    if vocabulary is not None and not isinstance(vocabulary, PairVocabulary):
        raise TextError(f"the {kind} data trains encoder-decoder models, whose vocabulary "
                        "has a source and a target side; this model has a single "
                        "vocabulary: pick an encoder-decoder in the model library")
    n = int(samples or _DEFAULT_SAMPLES[kind])
    if kind.startswith("dates"):
        from dlviz.core.data.dates import date_pairs

        language = {"dates": "both", "dates-en": "en", "dates-vi": "vi"}[kind]
        pairs, level = date_pairs(n, language=language, seed=seed), _TARGET_LEVEL["dates"]
    else:
        from dlviz.core.data.phrases import phrase_pairs

        pairs = phrase_pairs(n, direction=kind.removeprefix("phrases-"), seed=seed)
        level = _TARGET_LEVEL["phrases"]
    return pair_dataset(pairs, vocabulary=vocabulary, name=kind, target_level=level,
                        seed=seed)
