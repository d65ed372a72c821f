"""Captions of shape scenes as token ids: the vocabulary and teacher-forcing arrays.

A captioner reads the image and ``target_in`` (``<start>`` + the caption's
words) and must give ``target_out`` (the words + ``<end>``) at every step.
The vocabulary holds every word a scene caption can use (so it does not
depend on which scenes were drawn) plus ``<start>`` and ``<end>``; it travels
inside the model's ``.keras`` file (:mod:`dlviz.core.zoo.sequence_io`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.shape_scenes import (
    RELATIONS,
    SCENE_COLOURS,
    SCENE_SHAPES,
    VIETNAMESE,
    Scene,
    check_language,
    generate_scenes,
)
from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import Vocabulary

#: Offset between the seeds of training and held-out scenes: never the same scenes.
TEST_SEED_OFFSET = 1_000_003


def caption_vocabulary(language: str = "en") -> Vocabulary:
    """Every word of the scene captions in ``language``, after ``<start>`` and ``<end>``.

    Example:
        >>> vocab = caption_vocabulary("en")
        >>> vocab.tokens[:6]
        ('<pad>', '<unk>', '<start>', '<end>', 'a', 'red')
    """
    check_language(language)
    phrases = [*SCENE_COLOURS, *SCENE_SHAPES, *RELATIONS]
    if language == "vi":
        phrases = ["một", *(VIETNAMESE[p] for p in phrases)]
    else:
        phrases = ["a", *phrases]
    words = [w for phrase in phrases for w in phrase.split()]
    return Vocabulary([START, END, *words], level="word")


def caption_ids(caption: str, vocabulary: Vocabulary) -> np.ndarray:
    """The ids of a caption's words; ``TextError`` names any word the vocabulary lacks."""
    tokens = vocabulary.tokenize(caption)
    unknown = [t for t in tokens if t not in vocabulary]
    if unknown:
        raise TextError(f"the caption vocabulary has no {', '.join(map(repr, unknown[:3]))}")
    return vocabulary.ids(tokens)


def encode_captions(captions: Sequence[str], vocabulary: Vocabulary,
                    length: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(target_in, target_out)`` int32 (N, length + 1), zero-padded at the end.

    ``target_in`` is ``<start>`` + words, ``target_out`` is words + ``<end>``:
    step t reads word t - 1 and must write word t.
    """
    start, end = (int(i) for i in vocabulary.ids([START, END]))
    rows = [caption_ids(c, vocabulary) for c in captions]
    length = int(length if length is not None else max((len(r) for r in rows), default=0))
    target_in = np.zeros((len(rows), length + 1), np.int32)
    target_out = np.zeros((len(rows), length + 1), np.int32)
    for i, row in enumerate(rows):
        row = row[:length]
        target_in[i, 0] = start
        target_in[i, 1:len(row) + 1] = row
        target_out[i, :len(row)] = row
        target_out[i, len(row)] = end
    return target_in, target_out


def caption_words(ids, vocabulary: Vocabulary) -> list[str]:
    """Written ids as words: up to ``<end>``, ``<start>`` and padding left out."""
    words = []
    for token in vocabulary.decode(ids):
        if token == END:
            break
        if token != START:
            words.append(token)
    return words


@dataclass(frozen=True)
class SceneCaptions:
    """Captioned scenes ready for teacher forcing; held-out scenes drawn from another seed."""

    x_train: tuple[np.ndarray, np.ndarray]   # (images, target_in)
    y_train: np.ndarray                      # target_out
    x_test: tuple[np.ndarray, np.ndarray]
    y_test: np.ndarray
    vocabulary: Vocabulary
    train_scenes: tuple[Scene, ...]
    test_scenes: tuple[Scene, ...]
    language: str = "en"
    notes: tuple[str, ...] = ()     # what loading it for training noted, for people

    @property
    def name(self) -> str:
        return f"scenes-{self.language}"

    @property
    def class_names(self) -> tuple[str, ...]:
        """What each output means: the caption words, by id (a training session's
        "classes" are the words it may write)."""
        return self.vocabulary.tokens

    @property
    def num_classes(self) -> int:
        return len(self.vocabulary)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train[0].shape[1:])


def load_scene_captions(train: int = 2000, test: int = 300, *, size: int = 64,
                        language: str = "en", seed: int = 0) -> SceneCaptions:
    """Training and held-out captioned scenes (see :class:`SceneCaptions`).

    Example:
        >>> data = load_scene_captions(8, 4)
        >>> data.x_train[0].shape, data.x_train[1].shape == data.y_train.shape
        ((8, 64, 64, 3), True)
    """
    vocabulary = caption_vocabulary(language)
    parts = []
    for n, part_seed in ((train, seed), (test, seed + TEST_SEED_OFFSET)):
        images, scenes = generate_scenes(n, size=size, seed=part_seed)
        captions = [s.caption(language) for s in scenes]
        target_in, target_out = encode_captions(captions, vocabulary,
                                                caption_length(language))
        parts.append(((images, target_in), target_out, tuple(scenes)))
    (x_train, y_train, s_train), (x_test, y_test, s_test) = parts
    return SceneCaptions(x_train, y_train, x_test, y_test, vocabulary, s_train, s_test,
                         language)


def caption_length(language: str = "en") -> int:
    """Words in the longest caption ``language`` can have: every array's length."""
    from dlviz.core.data.shape_scenes import SceneObject

    things = [SceneObject(s, c, (0.0, 0.0), 1.0) for s in SCENE_SHAPES for c in SCENE_COLOURS]
    return max(len(Scene(a, r, b).caption(language).split())
               for a in things for b in things for r in RELATIONS)
