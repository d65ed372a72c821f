"""What a training session does differently for token-id sequences.

The session (``session.py``) calls these when its data is a
:class:`~dlviz.core.data.text_dataset.TextDataset`: a library model's
embedding follows the data's vocabulary (rebuilt, with a note, like its
output layer follows the classes), the data is checked against the model
before anything trains, and the fixed probe batch is drawn without looking
at per-token labels. There is no image augmentation, no pixel scaling and
no probe picture for text; padding (id 0) is masked by the model's
``Embedding(mask_zero=True)``, in its layers and in the loss.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.text_sets import check_sequence_data
from dlviz.core.training.data import DataRejected


def model_task(model, zoo_model=None) -> str:
    """"tag" for a model with an output per step (batch, time, tags), else "classify"."""
    task = getattr(zoo_model, "task", None)
    if task is not None:
        return task
    return "tag" if len(model.outputs[0].shape) == 3 else "classify"


def embedding_rows(model) -> int | None:
    """Rows of the model's first Embedding (the ids it can read); None without one."""
    for layer in model.layers:
        if type(layer).__name__ == "Embedding":
            return int(layer.input_dim)
    return None


def training_vocabulary(zoo_model, own):
    """The vocabulary to encode a model's training text with (None: the data's own).

    Args:
        zoo_model: the library model, or None for a model file or a run's checkpoint.
        own: the vocabulary the model came with (inside its ``.keras`` file, a
            shipped trained model's, a resumed run's ``vocabulary.json``).

    Returns:
        ``own``, so the trained weights keep their meaning; None for a library
        preset, whose embedding follows the data's vocabulary (:func:`fit_vocabulary`).
    """
    if zoo_model is not None and getattr(zoo_model, "kind", None) != "Trained":
        return None
    return own


def fit_vocabulary(model, zoo_model, data):
    """``(model, zoo_model, notes)``: a library model reading ``data``'s vocabulary.

    A library model with another vocabulary is rebuilt for the data's (its
    embedding and the layers after it are new weights); a model file keeps
    its own embedding and the data must fit it (see :func:`check_sequence_model`).
    """
    from dlviz.core.training.pair_session import (check_pair_model, refuse_mismatch,
                                                  vocabulary_note)

    refuse_mismatch(model, data)  # sentence pairs and encoder-decoders go together
    pairs = getattr(data, "task", "") == "translate"
    vocabulary = data.vocabulary
    if (zoo_model is None or zoo_model.model is not model or vocabulary is None
            or not hasattr(zoo_model, "with_vocabulary")
            or getattr(zoo_model, "vocabulary", None) == vocabulary):
        if pairs:  # kept as it is: say which ids do not fit before the output's width
            check_pair_model(model, data)
        return model, zoo_model, ()
    rebuilt = zoo_model.with_vocabulary(vocabulary, data.num_classes)
    rebuilt.build()
    if pairs:
        return rebuilt.model, rebuilt, (vocabulary_note(zoo_model.title, data),)
    return rebuilt.model, rebuilt, (f"{zoo_model.title} reads the {data.name} vocabulary "
                                    f"({len(vocabulary):,} tokens)",)


def check_sequence_model(model, zoo_model, data, classes: int) -> None:
    """Raise ``DataRejected`` when ``data`` cannot train ``model``."""
    from dlviz.core.training.pair_session import check_pair_model, refuse_mismatch

    refuse_mismatch(model, data)
    if getattr(data, "task", "") == "translate":  # sentence pairs: two inputs
        check_pair_model(model, data)
        return
    if len(model.inputs) != 1 or len(model.inputs[0].shape) != 2:
        raise DataRejected(f"the {data.name} data is text (token ids), but this model "
                           f"takes {tuple(model.inputs[0].shape[1:])} inputs; pick a "
                           "sequence model")
    reason = check_sequence_data(data, classes, embedding_rows(model),
                                 model_task(model, zoo_model))
    if reason is not None:
        raise DataRejected(reason)


def sequence_probe_batch(x: np.ndarray, y: np.ndarray, size: int = 16, seed: int = 0):
    """A fixed sample of ``size`` sequences (labels may be per token; ``x`` may be
    an encoder-decoder's ``(source, target_in)``)."""
    if isinstance(x, tuple):
        from dlviz.core.training.pair_session import pair_probe_batch

        return pair_probe_batch(x, y, size, seed)
    if len(x) <= size:
        return x, y
    chosen = np.sort(np.random.default_rng(seed).permutation(len(x))[:size])
    return x[chosen], y[chosen]
