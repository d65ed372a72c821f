"""Top-k classes of each output head, with class names when they are known.

A *class head* is an output of shape (batch, classes) with at least two
classes. Rows that are not probabilities (negative values, or not summing
to 1) are logits and go through a softmax first. GoogLeNet's three heads
(``main``, ``aux1``, ``aux2``) are shown each and averaged, as GoogLeNet
predicts; the average is the primary head.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.graph import call_model, require_graph
from dlviz.core.probes.results import ClassScore, PreparedInput, Predictions, ProbeUnavailable

#: Name of the lone head of a single-output model, and of the averaged head.
SINGLE, AVERAGE = "output", "average"


def output_names(model) -> list[str]:
    """Names of the model's outputs, in the order of ``model.outputs``."""
    graph = require_graph(model)
    names = list(getattr(graph, "output_names", None) or [])
    if len(names) != len(graph.outputs):
        names = [f"output_{i}" for i in range(len(graph.outputs))]
    return names


def class_heads(names: list[str], shapes: list[tuple]) -> tuple[list[tuple[str, int]], bool]:
    """Which outputs are class heads, what to call them, and whether to average.

    Args:
        names: the model's output names.
        shapes: the outputs' shapes, batch axis included.

    Returns:
        ``([(head name, output index), ...], average)``. A model with one
        output calls its head "output". ``average`` is True for auxiliary
        heads in the GoogLeNet manner: several heads with the same classes,
        one of them named ``aux...``.

    Example:
        >>> class_heads(["main", "aux1"], [(1, 10), (1, 10)])
        ([('main', 0), ('aux1', 1)], True)
    """
    heads = [(SINGLE if len(names) == 1 else name, i)
             for i, (name, shape) in enumerate(zip(names, shapes))
             if len(shape) == 2 and (shape[-1] or 0) >= 2]
    sizes = {shapes[i][-1] for _name, i in heads}
    average = (len(heads) > 1 and len(sizes) == 1
               and any(name.startswith("aux") for name, _i in heads))
    return heads, average


def is_probability(row: np.ndarray) -> bool:
    """True when ``row`` already is a probability vector (softmax output)."""
    return bool(np.all(row >= 0) and abs(float(np.sum(row, dtype=np.float64)) - 1.0) < 1e-3)


def to_probabilities(row: np.ndarray) -> np.ndarray:
    """``row`` as float32 probabilities: kept if it is one, else softmax of logits."""
    row = np.asarray(row, dtype=np.float64)
    if is_probability(row):
        return row.astype(np.float32)
    shifted = np.exp(row - row.max())
    return (shifted / shifted.sum()).astype(np.float32)


def class_name(index: int, class_names=None) -> str:
    """The class's name, or "class N" when names are unknown."""
    if class_names is not None and 0 <= index < len(class_names):
        return str(class_names[index])
    return f"class {index}"


def predictions(model, prepared: PreparedInput, *, class_names=None, k: int = 5,
                names_source: str | None = None, outputs=None) -> Predictions:
    """Top-``k`` classes of every class head for one prepared image.

    Args:
        model: a Functional or built Sequential Keras model.
        prepared: the image, from ``prepare_input``.
        class_names: one name per class, or None ("class N" is used). Names
            whose count differs from the model's classes are not used.
        k: classes per head.
        names_source: where the names come from ("ImageNet", "dataset");
            None guesses: 1000 names are ImageNet's. "index only" when no
            names are used.
        outputs: the model's outputs for ``prepared`` when already computed
            (``ActivationExtractor`` returns them), to skip a forward pass.

    Returns:
        ``Predictions``: heads best first, the primary head ("output", the
        first head, or "average"), and each head's full probability vector.

    Raises:
        ProbeUnavailable: no output is a class vector (e.g. a regression or
            an image-to-image model).

    Example:
        >>> p = predictions(lenet, prepare_input(lenet, digit))  # doctest: +SKIP
        >>> p.heads[p.primary][0]  # doctest: +SKIP
        ClassScore(index=7, name='class 7', probability=0.93)
    """
    names = output_names(model)
    if outputs is None:
        outputs = call_model(model, prepared.batch)
    arrays = [np.asarray(o) for o in outputs]
    heads, average = class_heads(names, [a.shape for a in arrays])
    if not heads:
        shapes = ", ".join(str(tuple(a.shape[1:])) for a in arrays)
        raise ProbeUnavailable(f"'{model.name}' has no class output to rank: its outputs "
                               f"have shapes {shapes}, not one score per class")
    probabilities = {name: to_probabilities(arrays[i][0]) for name, i in heads}
    if average:
        probabilities[AVERAGE] = np.mean(list(probabilities.values()), axis=0,
                                         dtype=np.float32)
    classes = len(next(iter(probabilities.values())))
    usable = class_names is not None and len(class_names) == classes
    names_used = class_names if usable else None
    if not usable:
        names_source = "index only"
    elif names_source is None:
        names_source = "ImageNet" if classes == 1000 else "dataset"
    top = {}
    for head, probs in probabilities.items():
        best = np.argsort(-probs, kind="stable")[:max(1, k)]
        top[head] = tuple(ClassScore(int(i), class_name(int(i), names_used), float(probs[i]))
                          for i in best)
    primary = AVERAGE if average else heads[0][0]
    return Predictions(heads=top, primary=primary, names_source=names_source,
                       probabilities=probabilities)
