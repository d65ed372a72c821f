"""Reading a CRNN's output: best-path CTC decoding and the ``ctc`` probe.

Best-path (greedy) decoding, step by step:

1. take the likeliest class of each column (the *path*), e.g. ``- 1 1 - - 5 -``;
2. merge runs of the same class (``- 1 - 5 -``): one symbol written across
   several columns is one symbol;
3. drop the blanks (``1 5``). A blank between two equal symbols keeps them
   apart: ``1 - 1`` reads "11", ``1 1`` reads "1".

NumPy only, so notebooks and tests can check it against
``keras.ops.ctc_decode(strategy="greedy")``.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.ctc_prepare import CtcInputError, prepare_ctc_image
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.results import ProbeUnavailable

__all__ = ["CtcInputError", "best_path", "best_path_text", "character_error_rate",
           "check_ctc_model", "collapse_path", "ctc_alignment"]


def collapse_path(path, blank_index: int = 0) -> list[int]:
    """Merge repeated classes, then drop blanks.

    Example:
        >>> collapse_path([0, 2, 2, 0, 0, 6, 0, 6])
        [2, 6, 6]
    """
    out, previous = [], None
    for k in (int(v) for v in np.asarray(path).ravel()):
        if k != previous and k != blank_index:
            out.append(k)
        previous = k
    return out


def best_path(probabilities, blank_index: int = 0) -> tuple[np.ndarray, list[int]]:
    """``(path, labels)``: the likeliest class per column and its collapsed labels.

    Args:
        probabilities: (T, classes) scores per column (probabilities or logits:
            the argmax is the same).
        blank_index: the CTC blank's class.

    Example:
        >>> p = np.eye(3)[[0, 1, 1, 0, 1, 2, 2]]
        >>> best_path(p)[1]
        [1, 1, 2]
    """
    scores = np.asarray(probabilities)
    if scores.ndim != 2 or scores.shape[1] < 2:
        raise ValueError(f"expected (time, classes) scores, got shape {scores.shape}")
    path = np.argmax(scores, axis=-1).astype(np.int64)
    return path, collapse_path(path, blank_index)


def best_path_text(probabilities, class_names, blank_index: int = 0) -> str:
    """The string the best path reads, each class written by its name."""
    return "".join(str(class_names[k]) for k in best_path(probabilities, blank_index)[1])


def edit_distance(a, b) -> int:
    """Levenshtein distance: insertions, deletions and substitutions from ``a`` to ``b``."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def character_error_rate(read, truth) -> float:
    """Edits needed to turn every read string into its truth, per true character.

    Example:
        >>> character_error_rate(["12", "7"], ["123", "7"])
        0.25
    """
    edits = sum(edit_distance(a, b) for a, b in zip(read, truth))
    return edits / max(1, sum(len(t) for t in truth))


def check_ctc_model(model) -> None:
    """Raise ``ProbeUnavailable`` unless ``model`` reads one image into (time, classes).

    A CTC model has one image input and one output of shape (batch, time,
    classes): a score per class (the blank included) for each column.
    """
    from dlviz.core.probes.graph import require_graph
    from dlviz.core.probes.preprocess import image_input_shape

    shape = image_input_shape(model)
    if None in shape[:2]:
        raise ProbeUnavailable(f"'{model.name}' takes images of any size; the CTC view "
                               "needs a CRNN with a fixed input height and width")
    outputs = require_graph(model).outputs
    out = tuple(outputs[0].shape)
    if len(outputs) != 1 or len(out) != 3 or (out[-1] or 0) < 2:
        shown = ", ".join(str(tuple(t.shape)[1:]) for t in outputs)
        raise ProbeUnavailable(
            f"'{model.name}' gives outputs of shape {shown}, not one (time steps, classes) "
            "output with a CTC blank, so it reads no strings; pick a CRNN such as "
            "crnn-digit-strings")


def _class_names(classes: int, given) -> tuple[str, ...]:
    from dlviz.core.data.digit_strings import CTC_DIGIT_CLASSES

    if given is not None and len(given) == classes:
        return tuple(str(c) for c in given)
    if classes == len(CTC_DIGIT_CLASSES):
        return CTC_DIGIT_CLASSES
    return ("blank", *(f"class {k}" for k in range(1, classes)))


def _as_probabilities(scores: np.ndarray) -> np.ndarray:
    """Rows kept when they are probabilities, else softmax of logits."""
    if np.all(scores >= 0) and np.allclose(scores.sum(axis=-1), 1.0, atol=1e-3):
        return scores.astype(np.float32)
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (shifted / shifted.sum(axis=-1, keepdims=True)).astype(np.float32)


def ctc_alignment(model, image, *, class_names=None, blank_index: int = 0,
                  source_name: str = "", **_options) -> CtcAlignment:
    """Read ``image`` with a CRNN: per-column probabilities, best path, string.

    Args:
        model: a Keras model with one image input and a (time, classes) output.
        image: float32 (H, W) or (H, W, C) in [0, 1], any size, light ink on
            dark or dark ink on light (inverted to what the model learned).
        class_names: a name per class (default: blank and digits for 11 classes).
        blank_index: the blank's class (0, as in Keras's CTC).
        source_name: what to call the image.

    Returns:
        A :class:`CtcAlignment`.

    Raises:
        ProbeUnavailable: the model is not a CTC reader (says why).
        CtcInputError: the image has no ink (says what to do).
    """
    from dlviz.core.probes.graph import call_model

    check_ctc_model(model)
    batch, shown, notes = prepare_ctc_image(model, image)
    scores = np.asarray(call_model(model, batch)[0])[0]
    probabilities = _as_probabilities(scores)
    names = _class_names(probabilities.shape[1], class_names)
    if not 0 <= blank_index < len(names):
        raise ValueError(f"blank_index {blank_index} is not one of {len(names)} classes")
    path, labels = best_path(probabilities, blank_index)
    return CtcAlignment(image=shown, probabilities=probabilities, class_names=names,
                        blank_index=int(blank_index), path=path,
                        text="".join(names[k] for k in labels), source_name=source_name,
                        notes=tuple(notes))
