"""Tagging sentences: a part-of-speech-like tag for every word, from templates.

Many words are both nouns and verbs ("book", "watch", "light", "play",
"park", "walk"): "they book a room" / "the book was old". Only the words
around them decide the tag, which is why a tagger reads both ways
(bidirectional). Sentences are generated from a seed; tags are a small set.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

TAGS = ("DET", "NOUN", "VERB", "ADJ", "ADV", "PRON", "ADP", "CONJ", "NUM", "AUX", "PART",
        "PUNCT")
MAX_LENGTH = 32

_AMBIGUOUS = ("book", "watch", "light", "play", "park", "walk", "work", "water", "run")
_LEX = {
    "DET": ("the", "a", "this", "that", "every"),
    "NOUN": ("dog", "teacher", "room", "window", "garden", "letter", "river", "car",
             "song", "city", "child", "table", *_AMBIGUOUS),
    "VERB": ("see", "like", "need", "find", "carry", "open", "clean", "love", "paint",
             *_AMBIGUOUS),
    "ADJ": ("old", "small", "red", "quiet", "new", "happy", "long", "bright"),
    "ADV": ("quickly", "often", "today", "slowly", "again", "carefully"),
    "PRON": ("i", "we", "they", "you"),
    "ADP": ("in", "near", "behind", "under", "after", "with"),
    "CONJ": ("and", "but", "because", "while"),
    "NUM": ("two", "three", "five", "many"),
    "PLURAL": ("dogs", "teachers", "children", "friends", "workers", "players"),
}


def _word(rng, tag):
    options = _LEX[tag]
    return options[int(rng.integers(len(options)))], "NOUN" if tag == "PLURAL" else tag


def _noun_phrase(rng) -> list[tuple[str, str]]:
    phrase = [_word(rng, "DET")]
    if rng.random() < 0.4:
        phrase.append(_word(rng, "ADJ"))
    return phrase + [_word(rng, "NOUN")]


def _clause(rng) -> list[tuple[str, str]]:
    roll = rng.random()
    if roll < 0.3:
        subject = [_word(rng, "PRON")]
    elif roll < 0.6:
        subject = [_word(rng, "NUM"), _word(rng, "PLURAL")]
    else:
        subject = [("the", "DET"), _word(rng, "PLURAL")]
    verb = [_word(rng, "VERB")]
    if rng.random() < 0.25:
        verb = [("do", "AUX"), ("not", "PART"), *verb]
    clause = subject + verb + _noun_phrase(rng)
    if rng.random() < 0.4:
        clause += [_word(rng, "ADP"), *_noun_phrase(rng)]
    if rng.random() < 0.3:
        clause.append(_word(rng, "ADV"))
    return clause


def _sentence(rng) -> list[tuple[str, str]]:
    if rng.random() < 0.3:  # "the book was old": an ambiguous word as the subject
        words = [*_noun_phrase(rng), ("was", "AUX"), _word(rng, "ADJ")]
    else:
        words = _clause(rng)
    if rng.random() < 0.35:
        words += [_word(rng, "CONJ"), *_clause(rng)]
    return words + [(".", "PUNCT")]


def tagging_sentences(n: int = 3000, seed: int = 0) -> list[list[tuple[str, str]]]:
    """``n`` sentences, each a list of ``(word, tag)`` pairs (tags from :data:`TAGS`)."""
    rng = np.random.default_rng(seed)
    return [_sentence(rng) for _ in range(n)]


def load_tagging(n: int = 3000, seed: int = 0, test_fraction: float = 0.2) -> TextDataset:
    """The sentences as a :class:`TextDataset` with ``task="tag"``: ``y`` is (N, T),
    the tag number of each token (0 on padding, which the model masks)."""
    sentences = tagging_sentences(n, seed)
    texts = [" ".join(w for w, _ in s) for s in sentences]
    vocabulary = Vocabulary.build(texts)
    x = vocabulary.encode_batch(texts, MAX_LENGTH)
    y = np.zeros(x.shape, dtype=np.int64)
    for i, sentence in enumerate(sentences):
        tags = [TAGS.index(t) for _, t in sentence][:MAX_LENGTH]
        y[i, :len(tags)] = tags
    return split_text_dataset(
        x, y, TAGS, vocabulary, texts=texts, seed=seed, test_fraction=test_fraction,
        task="tag", name="tagging",
        notes=(f"{n:,} generated English sentences with a tag per word (seeded)",))
