"""The output layer sized to the data, before anything trains.

A library model (a ``ZooModel``) trained on data with another number of
classes is rebuilt with one output per class, and every layer whose weights
keep their shapes (all but the classifier) keeps its weights; the session
says so in its notes ("LeNet-5 rebuilt with 2 outputs for this data (was
10)"). A model file keeps its own output layer, so data with another number
of classes is refused before training, with the reason.
"""

from __future__ import annotations

from dlviz.core.training.data import DataRejected


def output_width(model) -> int | None:
    """How many classes ``model`` tells apart (its first output's last axis);
    None for a model not built yet or whose last axis has no fixed size."""
    outputs = getattr(model, "outputs", None)
    width = outputs[0].shape[-1] if outputs else None
    return int(width) if width is not None else None


def fit_head(model, zoo_model, dataset):
    """``(model, zoo_model, note)`` with as many outputs as ``dataset`` has classes.

    Args:
        model: the Keras model about to train.
        zoo_model: the library model ``model`` belongs to, or None for a
            model file (or a model from elsewhere).
        dataset: a ``Dataset``; ``num_classes`` is what the head must have.

    Returns:
        The same ``model`` and ``zoo_model`` and no note when the sizes
        agree; else a rebuilt model, its ``ZooModel`` and a note saying so.

    Raises:
        DataRejected: a model that is not a library model has another
            number of outputs than the data has classes, or the library
            model cannot be rebuilt for them.
    """
    want, have = int(dataset.num_classes), output_width(model)
    if have is None or want == have:
        return model, zoo_model, None
    if zoo_model is None or zoo_model.model is not model:
        names = ", ".join(dataset.class_names[:5]) + (", ..." if want > 5 else "")
        raise DataRejected(
            f"this model has {have} outputs but the data has {want} classes ({names}); "
            f"a model file keeps its own output layer, so train it on data with {have} "
            "classes, or pick a library model, whose output layer dlviz sizes to the data")
    resized = zoo_model.with_classes(want)
    try:
        resized.build()
    except (ValueError, TypeError) as exc:
        raise DataRejected(f"{zoo_model.title} cannot be rebuilt with {want} outputs for "
                           f"this data: {' '.join(str(exc).split())}") from exc
    kept = carry_weights(model, resized.model)
    note = f"{zoo_model.title} rebuilt with {want} outputs for this data (was {have})"
    if kept:
        note += "; its other layers keep their weights"
    return resized.model, resized, note


def carry_weights(old, new) -> int:
    """Copy each layer's weights from ``old`` to the layer of ``new`` with its name
    and weight shapes; returns how many layers with weights were copied."""
    copied = 0
    for layer in new.layers:
        if not layer.weights:
            continue
        try:
            source = old.get_layer(layer.name)
        except ValueError:
            continue
        weights = source.get_weights()
        if [w.shape for w in weights] == [tuple(w.shape) for w in layer.weights]:
            layer.set_weights(weights)
            copied += 1
    return copied
