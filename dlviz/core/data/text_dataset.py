"""Token-id sequences with their vocabulary: the text counterpart of ``Dataset``.

``x_train``/``x_test`` are int32 (N, T) token ids, padded with 0 at the end.
For a classifier (``task="classify"``) labels are (N,) class numbers; for a
tagger (``task="tag"``) they are (N, T), one tag per token, 0 on padding
(the model's mask keeps padding out of the loss and the accuracy).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.data.dataset import Dataset, stratified_split
from dlviz.core.data.text_vocabulary import Vocabulary

TASKS = ("classify", "tag")


@dataclass(frozen=True, eq=False, repr=False)
class TextDataset(Dataset):
    """A :class:`Dataset` of token ids, plus how to read new text.

    Attributes:
        vocabulary: the :class:`Vocabulary` the ids come from.
        task: "classify" (a label per sequence) or "tag" (a label per token).
        name: the data's name ("sentiment-en", a file name, ...).
        notes: one sentence each about how it was made or read.
        test_texts: the test part's sentences, in ``x_test``'s order.
    """

    vocabulary: Vocabulary | None = None
    task: str = "classify"
    name: str = ""
    notes: tuple[str, ...] = ()
    test_texts: tuple[str, ...] = ()

    def __post_init__(self):
        super().__post_init__()
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, not {self.task!r}")

    @property
    def sequence_length(self) -> int:
        return int(self.x_train.shape[1])

    def __repr__(self) -> str:
        return (f"TextDataset({self.name!r}, {self.task}, train={self.x_train.shape}, "
                f"test={self.x_test.shape}, vocabulary={len(self.vocabulary or ())}, "
                f"classes={list(self.class_names)})")


def is_sequence_data(dataset) -> bool:
    """True for token-id data (a :class:`TextDataset`, or an encoder-decoder's
    :class:`~dlviz.core.data.pair_dataset.PairDataset`), False for images."""
    from dlviz.core.data.pair_dataset import is_pair_data

    return isinstance(dataset, TextDataset) or is_pair_data(dataset)


def split_text_dataset(x: np.ndarray, y: np.ndarray, class_names, vocabulary: Vocabulary,
                       *, texts=(), seed: int = 0, test_fraction: float = 0.2,
                       task: str = "classify", name: str = "", notes=()) -> TextDataset:
    """Split ids and labels into a :class:`TextDataset` (stratified for classes)."""
    y = np.asarray(y, dtype=np.int64)
    if task == "classify":
        train, test = stratified_split(y, test_fraction, seed)
    else:
        order = np.random.default_rng(seed).permutation(len(y))
        n_test = int(round(len(y) * test_fraction))
        train, test = order[n_test:], order[:n_test]
    texts = list(texts)
    test_texts = tuple(texts[i] for i in test) if texts else ()
    return TextDataset(x[train], y[train], x[test], y[test], tuple(class_names),
                       vocabulary=vocabulary, task=task, name=name, notes=tuple(notes),
                       test_texts=test_texts)
