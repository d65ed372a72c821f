"""What a training session does differently for an encoder-decoder on sentence pairs.

The session treats a :class:`~dlviz.core.data.pair_dataset.PairDataset` as
sequence data (``text_session.py`` calls in here), so a library model's
embeddings follow the data's :class:`PairVocabulary` and the run directory
keeps it. What differs from a classifier:

- the model reads two inputs, ``source`` and ``target_in`` (teacher
  forcing), and writes a token per step; the data is checked against both
  embeddings and the output before anything trains;
- padding is masked by the model's embeddings (``mask_zero``) through the
  decoder to its ``next_token`` output, so Keras leaves it out of the loss
  and the accuracy by itself (accuracy is the share of target tokens right);
- the live "attention" kind shows the pinned sentence (a person's, else the
  test part's longest source sentence, ``PairDataset.sample_text``); the gate
  and gradient-through-time kinds read one input and are off, with reasons.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.training.data import DataRejected


def is_pair_model(model) -> bool:
    """True for a model that reads (source ids, decoder input ids) and writes a
    token per step: an encoder-decoder trained with teacher forcing."""
    inputs, outputs = getattr(model, "inputs", None), getattr(model, "outputs", None)
    return (bool(inputs) and len(inputs) == 2 and all(len(t.shape) == 2 for t in inputs)
            and bool(outputs) and len(outputs) == 1 and len(outputs[0].shape) == 3)


def refuse_mismatch(model, data) -> None:
    """Raise ``DataRejected`` when pairs meet a one-input model, or the other way round."""
    from dlviz.core.data.pair_dataset import PAIR_SETS, is_pair_data

    pairs, reads_pairs = is_pair_data(data), is_pair_model(model)
    if pairs and not reads_pairs:
        raise DataRejected(f"the {data.name} data is sentence pairs for an encoder-decoder "
                           "(two inputs: the source and the target so far); this model "
                           "reads one input. Pick an encoder-decoder with attention in the "
                           "model library")
    if reads_pairs and not pairs:
        raise DataRejected(f"this encoder-decoder learns from sentence pairs; train it on "
                           f"{', '.join(PAIR_SETS)}, not on {data.name or 'this data'}")


def vocabulary_note(title: str, data) -> str:
    """The note when a library encoder-decoder is rebuilt for the data's vocabularies."""
    vocabulary = data.vocabulary
    return (f"{title} reads and writes the {data.name} vocabularies "
            f"({len(vocabulary.source):,} source and {len(vocabulary.target):,} target "
            "tokens)")


def check_pair_model(model, data) -> None:
    """Raise ``DataRejected`` when the ids of ``data`` do not fit ``model``."""
    refuse_mismatch(model, data)
    source, target_in = data.x_train
    if len(data.y_train) == 0:
        raise DataRejected("the training data is empty: there are no sentence pairs to "
                           "learn from")
    rows = _source_rows(model)
    if rows is not None and source.size and int(source.max()) >= rows:
        raise DataRejected(f"the data uses source ids up to {int(source.max())}, but the "
                           f"model's source embedding has only {rows} rows")
    width = int(model.outputs[0].shape[-1])
    highest = int(max(target_in.max(initial=0), data.y_train.max(initial=0)))
    if highest >= width:
        raise DataRejected(f"the data uses target ids up to {highest}, but the model "
                           f"writes only {width} tokens")


def _source_rows(model) -> int | None:
    """Rows of the source embedding (named so, else the first); None without one."""
    for layer in model.layers:
        if layer.name == "source_embedding":
            return int(layer.input_dim)
    for layer in model.layers:
        if type(layer).__name__ == "Embedding":
            return int(layer.input_dim)
    return None


def pair_probe_batch(x, y, size: int = 16, seed: int = 0):
    """A fixed sample of ``size`` pairs: ``((source, target_in), target_out)``."""
    if len(y) <= size:
        return x, y
    chosen = np.sort(np.random.default_rng(seed).permutation(len(y))[:size])
    return tuple(part[chosen] for part in x), y[chosen]
