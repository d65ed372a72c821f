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
from dlviz.core.data.sentiment_shapes import grammar_words, sentence
from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

CLASS_NAMES = ("negative", "neutral", "positive")
NEGATIVE, NEUTRAL, POSITIVE = range(3)
#: Sentences are cut (rarely) or padded to this many tokens.
MAX_LENGTH = 80


def sentiment_records(language: str = "en", n: int = 3000, seed: int = 0):
    """``(texts, labels, negated, frames)``: as :func:`sentiment_texts`, and the
    frame of each sentence ("long": the opinion first, then 2-4 neutral
    clauses; "short": the opinion alone; "late": the opinion last)."""
    if language not in GRAMMARS:
        raise ValueError(f"language must be one of {', '.join(GRAMMARS)}, not {language!r}")
    g = GRAMMARS[language]
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    negated = (np.arange(n) // 3) % 3 == 2  # a third of each class
    order = rng.permutation(n)
    labels, negated = labels[order], negated[order]
    texts, frames = [], []
    for label, neg in zip(labels, negated):
        text, frame = sentence(rng, g, int(label), bool(neg), language == "vi")
        texts.append(text)
        frames.append(frame)
    return texts, labels.astype(np.int64), negated, frames


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
    return sentiment_records(language, n, seed)[:3]


#: What a token is, said per language (an English word is one token, not "syllables").
TOKEN_NOTES = {"en": "tokens are words and punctuation",
               "vi": "tokens are syllables ('học sinh' is two)"}


def load_sentiment(language: str = "en", n: int = 3000, seed: int = 0,
                   test_fraction: float = 0.2) -> TextDataset:
    """The sentences as a :class:`TextDataset` ("sentiment-en" or "sentiment-vi").

    The vocabulary holds every token of the word lists (so every token of
    the training *and* test sentences, even for a small ``n``), most
    frequent in the sentences first; syllable tokens.
    """
    texts, labels, _ = sentiment_texts(language, n, seed)
    vocabulary = Vocabulary.build([*texts, *grammar_words(GRAMMARS[language])])
    x = vocabulary.encode_batch(texts, MAX_LENGTH)
    return split_text_dataset(
        x, labels, CLASS_NAMES, vocabulary, texts=texts, seed=seed,
        test_fraction=test_fraction, name=f"sentiment-{language}",
        notes=(f"{n:,} generated {'English' if language == 'en' else 'Vietnamese'} "
               f"sentences (seeded); {TOKEN_NOTES[language]}",))
