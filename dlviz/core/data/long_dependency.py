"""The long-dependency task: the first token sets the class, noise follows.

Each sequence is a class marker ("alpha", "beta", ...) and then ``length - 1``
noise tokens drawn uniformly from a small noise vocabulary that no class
prefers. Only the first token tells the classes apart, so a recurrent model
must carry it through every step to the last. A SimpleRNN's gradient through
100+ steps vanishes and it stays at chance; an LSTM's cell state (or a GRU's
update gate) keeps it, and both learn the task in a few epochs. That is the
textbook argument for gates, measured (tests/core/test_long_dependency_slow.py).

Sequences are generated from a seed, never shipped.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

MARKERS = ("alpha", "beta", "gamma", "delta")
NOISE = tuple(f"n{i}" for i in range(20))


def long_dependency_texts(n: int = 2000, length: int = 100, classes: int = 2,
                          seed: int = 0, noise: int = len(NOISE)
                          ) -> tuple[list[str], np.ndarray]:
    """``(texts, labels)``: ``n`` space-separated sequences of ``length`` tokens.

    Example:
        >>> texts, labels = long_dependency_texts(n=2, length=4, seed=1)
        >>> [t.split()[0] for t in texts] == [MARKERS[y] for y in labels]
        True
    """
    if not 2 <= classes <= len(MARKERS):
        raise ValueError(f"classes must be 2..{len(MARKERS)}, not {classes}")
    if length < 2:
        raise ValueError(f"length must be at least 2 (a marker and noise), not {length}")
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % classes
    rng.shuffle(labels)
    if not 1 <= noise <= len(NOISE):
        raise ValueError(f"noise must be 1..{len(NOISE)} kinds of token, not {noise}")
    steps = rng.integers(0, noise, size=(n, length - 1))
    texts = [" ".join((MARKERS[y], *(NOISE[j] for j in row)))
             for y, row in zip(labels, steps)]
    return texts, labels.astype(np.int64)


def load_long_dependency(n: int = 2000, length: int = 100, classes: int = 2,
                         seed: int = 0, test_fraction: float = 0.2,
                         noise: int = len(NOISE)) -> TextDataset:
    """The task as a :class:`TextDataset` of (n, length) token ids.

    The vocabulary is fixed (markers, then noise tokens), so every seed and
    size encodes a token with the same id.
    """
    texts, labels = long_dependency_texts(n, length, classes, seed, noise)
    vocabulary = Vocabulary((*MARKERS[:classes], *NOISE))
    x = vocabulary.encode_batch(texts, length)
    return split_text_dataset(
        x, labels, MARKERS[:classes], vocabulary, texts=texts, seed=seed,
        test_fraction=test_fraction, task="classify", name="long",
        notes=(f"long-dependency task: the first of {length} tokens sets the class",))
