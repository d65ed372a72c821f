"""Sentiment sentences in English and Vietnamese, generated from a seed.

Every sentence opens with its opinion and then goes on with 2-4 neutral
clauses (who did what where), so the words that decide the label sit 15-45
tokens before the end: a model that reads left to right must remember them.

The labels are built so that a bag of words cannot solve negation: a third
of each class is negated, the negations appear as often in positive as in
negative sentences, and a negated adjective means the opposite class, so
word counts point the wrong way on every negated sentence::

    positive   "the food was really good ..."     "the food was not bad at all ..."
    negative   "the food was terrible ..."        "the food was never enjoyable ..."
    neutral    "the food was average ..."         "the food was neither good nor bad ..."

("đồ ăn rất ngon", "đồ ăn không tệ chút nào", "đồ ăn không tốt cũng không tệ"
in Vietnamese.) A linear model on word counts sees "not" and "bad" in both
classes; only word order tells them apart.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.sentiment_grammar import GRAMMARS
from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

CLASS_NAMES = ("negative", "neutral", "positive")
NEGATIVE, NEUTRAL, POSITIVE = range(3)
#: Sentences are cut (rarely) or padded to this many tokens.
MAX_LENGTH = 80


def _pick(rng, options):
    return options[int(rng.integers(len(options)))]


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _opinion(rng, g, label: int, negated: bool) -> str:
    if label == NEUTRAL:
        if negated:
            return _pick(rng, g["mixed"]).format(p=_pick(rng, g["positive"]),
                                                 n=_pick(rng, g["negative"]))
        return _pick(rng, g["neutral"])
    plain = g["positive"] if label == POSITIVE else g["negative"]
    if not negated:
        return _join(_pick(rng, g["intensifiers"]), _pick(rng, plain))
    flipped = g["negative"] if label == POSITIVE else g["positive"]
    return _join(_pick(rng, g["negations"]), _pick(rng, flipped),
                 _pick(rng, g["negated_tails"]))


def _filler(rng, g) -> str:
    clauses = [_join(_pick(rng, g["connectives"]), _pick(rng, g["people"]),
                     _pick(rng, g["actions"]), _pick(rng, g["things"]), _pick(rng, g["times"]))
               for _ in range(int(rng.integers(2, 5)))]
    return " ".join(clauses)


def sentiment_texts(language: str = "en", n: int = 3000, seed: int = 0):
    """``(texts, labels, negated)``: ``n`` sentences, their classes (see
    :data:`CLASS_NAMES`) and whether each uses negation or mixed polarity.

    Classes are balanced, and a third of each class is negated (or mixed,
    for neutral): plain sentences teach each adjective's polarity first.

    Example:
        >>> texts, labels, negated = sentiment_texts("vi", n=3, seed=0)
        >>> len(texts), sorted(set(labels.tolist())) == [0, 1, 2]
        (3, True)
    """
    if language not in GRAMMARS:
        raise ValueError(f"language must be one of {', '.join(GRAMMARS)}, not {language!r}")
    g = GRAMMARS[language]
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    negated = (np.arange(n) // 3) % 3 == 2  # a third of each class
    order = rng.permutation(n)
    labels, negated = labels[order], negated[order]
    texts = []
    for label, neg in zip(labels, negated):
        lead = _pick(rng, g["leads"]) if rng.random() < 0.4 else ""
        opinion = _join(lead, _pick(rng, g["subjects"]), _pick(rng, g["copulas"]),
                        _opinion(rng, g, int(label), bool(neg)))
        texts.append(f"{opinion} , {_filler(rng, g)} .")
    return texts, labels.astype(np.int64), negated


#: What a token is, said per language (an English word is one token, not "syllables").
TOKEN_NOTES = {"en": "tokens are words and punctuation",
               "vi": "tokens are syllables ('học sinh' is two)"}


def load_sentiment(language: str = "en", n: int = 3000, seed: int = 0,
                   test_fraction: float = 0.2) -> TextDataset:
    """The sentences as a :class:`TextDataset` ("sentiment-en" or "sentiment-vi").

    The vocabulary holds every token of the training *and* test sentences
    (all generated from the same word lists), syllable tokens.
    """
    texts, labels, _ = sentiment_texts(language, n, seed)
    vocabulary = Vocabulary.build(texts)
    x = vocabulary.encode_batch(texts, MAX_LENGTH)
    return split_text_dataset(
        x, labels, CLASS_NAMES, vocabulary, texts=texts, seed=seed,
        test_fraction=test_fraction, name=f"sentiment-{language}",
        notes=(f"{n:,} generated {'English' if language == 'en' else 'Vietnamese'} "
               f"sentences (seeded); {TOKEN_NOTES[language]}",))
