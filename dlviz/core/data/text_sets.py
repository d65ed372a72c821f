"""Every text set dlviz trains on, by name: generated ones and a person's file.

``load_text_data("sentiment-en")`` and the others return a
:class:`~dlviz.core.data.text_dataset.TextDataset`; ``dlviz train --data`` and
``training.data.load_training_data`` both come here for text. A model that
already has a vocabulary (a file, a resumed run) passes it, so its ids keep
their meaning; otherwise each set builds its own and the library model's
embedding is sized to it. :func:`check_sequence_data` refuses, before any
Keras call, ids or labels the model cannot take.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dlviz.core.data.pair_dataset import PAIR_SETS
from dlviz.core.data.text import TextError
from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

#: Data names -> what they are (``dlviz train --data``).
TEXT_SETS = {
    "sentiment-en": "English sentiment sentences (generated, 3,000)",
    "sentiment-vi": "Vietnamese sentiment sentences (generated, 3,000)",
    "tagging": "English sentences with a tag per word (generated, 3,000)",
    "long": "long-dependency task: the first of 100 tokens sets the class (2,000)",
    **PAIR_SETS,  # sentence pairs for encoder-decoders (a PairDataset)
}
#: The ``DataSpec.kind`` of a person's CSV/TSV file.
TEXT_FILE = "text_file"
TEXT_KINDS = (*TEXT_SETS, TEXT_FILE)
RUN_VOCABULARY = "vocabulary.json"


def load_text_data(kind: str, *, path=None, samples: int | None = None, seed: int = 0,
                   vocabulary: Vocabulary | None = None) -> TextDataset:
    """The text set ``kind`` (see :data:`TEXT_KINDS`), encoded with ``vocabulary``
    when given (the model's own), else with the set's own.

    Args:
        samples: sentences to generate (or to keep, for a file); None: the default.

    Raises:
        TextError: an unknown name or a file that cannot be read (the message
            says why).
    """
    from dlviz.core.data.long_dependency import load_long_dependency
    from dlviz.core.data.sentiment import load_sentiment
    from dlviz.core.data.tagging import load_tagging
    from dlviz.core.data.text_files import load_text_file

    if kind in PAIR_SETS:  # an encoder-decoder's data; ``vocabulary``: its PairVocabulary
        from dlviz.core.data.pair_dataset import load_pair_data

        return load_pair_data(kind, samples=samples, seed=seed, vocabulary=vocabulary)
    if vocabulary is not None and not isinstance(vocabulary, Vocabulary):
        raise TextError(f"this encoder-decoder learns from sentence pairs; train it on "
                        f"{', '.join(PAIR_SETS)}, not on {kind}")
    if kind in ("sentiment-en", "sentiment-vi"):
        data = load_sentiment(kind[-2:], n=samples or 3000, seed=seed)
    elif kind == "tagging":
        data = load_tagging(n=samples or 3000, seed=seed)
    elif kind == "long":
        data = load_long_dependency(n=samples or 2000, seed=seed)
    elif kind == TEXT_FILE:
        if not path:
            raise TextError("choose a .csv or .tsv file of (text, label) rows first")
        data = load_text_file(path, vocabulary=vocabulary, seed=seed)
        return _capped(data, samples, seed)
    else:
        raise TextError(f"unknown text data {kind!r}; choose {', '.join(TEXT_SETS)} "
                        "or a .csv/.tsv file")
    return data if vocabulary is None else reencode(data, vocabulary)


def reencode(data: TextDataset, vocabulary: Vocabulary) -> TextDataset:
    """``data`` with its ids mapped through ``vocabulary`` (unknown tokens -> 1)."""
    if vocabulary == data.vocabulary:
        return data
    mapping = vocabulary.ids(data.vocabulary.tokens)
    mapping[0] = 0  # padding stays padding
    unknown = float(np.mean(mapping[2:] == 1)) if len(mapping) > 2 else 0.0
    note = (f"encoded with the model's own vocabulary ({len(vocabulary):,} tokens); "
            f"{unknown:.0%} of this data's tokens are unknown to it")
    return TextDataset(mapping[data.x_train], data.y_train, mapping[data.x_test],
                       data.y_test, data.class_names, vocabulary=vocabulary, task=data.task,
                       name=data.name, notes=(*data.notes, note), test_texts=data.test_texts)


def _capped(data: TextDataset, samples: int | None, seed: int) -> TextDataset:
    if not samples or samples >= len(data.y_train):
        return data
    keep = np.sort(np.random.default_rng(seed).permutation(len(data.y_train))[:samples])
    return TextDataset(data.x_train[keep], data.y_train[keep], data.x_test, data.y_test,
                       data.class_names, vocabulary=data.vocabulary, task=data.task,
                       name=data.name, test_texts=data.test_texts,
                       notes=(*data.notes, f"using {samples:,} of {len(data.y_train):,} "
                                           "training sentences"))


def check_sequence_data(data: TextDataset, classes: int, vocabulary_size: int | None,
                        task: str | None = None) -> str | None:
    """None when ``data`` can train a model with ``classes`` outputs and an
    embedding of ``vocabulary_size`` rows (None: any), else why not."""
    if data.x_train.size == 0:
        return "the training data is empty: there are no sentences to learn from"
    if not np.issubdtype(data.x_train.dtype, np.integer) or data.x_train.ndim != 2:
        return f"text must be token ids (N, length), not {data.x_train.dtype} {data.x_train.shape}"
    if task is not None and task != data.task:
        have = "a tag per token" if data.task == "tag" else "a label per sentence"
        pick = "tagger" if data.task == "tag" else "classifier"
        return f"the {data.name} data has {have}; pick a {pick} for it"
    if vocabulary_size is not None and int(data.x_train.max()) >= vocabulary_size:
        return (f"the data uses token ids up to {int(data.x_train.max())}, but the model's "
                f"embedding has only {vocabulary_size} rows")
    if data.num_classes > classes:
        return (f"the {data.name} data has {data.num_classes} classes but this model has "
                f"only {classes} outputs")
    if len(np.unique(data.y_train)) < 2:
        return "every label is the same: a model needs at least two classes to tell apart"
    return None


def write_run_vocabulary(run_dir, vocabulary) -> Path:
    """Store a run's vocabulary (a ``Vocabulary`` or an encoder-decoder's
    ``PairVocabulary``) beside its checkpoints (atomically)."""
    from dlviz.core.training.rundir_files import write_json_atomic

    return write_json_atomic(Path(run_dir) / RUN_VOCABULARY, vocabulary.to_dict())


def read_run_vocabulary(run_dir):
    """The vocabulary a text run was trained with (a ``PairVocabulary`` for an
    encoder-decoder's run); None for an image run."""
    from dlviz.core.data.pair_vocabulary import vocabulary_from_json

    path = Path(run_dir) / RUN_VOCABULARY
    if not path.is_file():
        return None
    try:
        return vocabulary_from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TextError(f"{path}: the run's vocabulary cannot be read ({exc})") from None
