"""Transfer learning: which layers learn, and how much dropout they get.

Feature extraction freezes a pretrained backbone and trains only the new
head; fine-tuning unfreezes (some of) it. Keras 3 runs a frozen
BatchNormalization layer in inference mode (its moving statistics stay
put), which is what fine-tuning wants.

A model's own trainable flags (a file saved with frozen layers) are kept
unless a freezing choice is made: training with default settings changes
no flag.

Keras traces its train step with the trainable variables and the dropout
rates of that moment. So both functions here drop the model's compiled
step functions, and the next ``fit`` traces them again; change trainable
flags before ``compile`` (or compile again), because the optimizer keeps
slots only for the variables it first saw.
"""

from __future__ import annotations

import weakref

from dlviz.core.kerasenv import import_keras


def trainable_summary(model) -> tuple[int, int]:
    """(trainable, non-trainable) parameter counts of ``model``."""
    trainable = sum(int(_size(v)) for v in model.trainable_weights)
    frozen = sum(int(_size(v)) for v in model.non_trainable_weights)
    return trainable, frozen


def apply_freezing(model, *, freeze_first: int = 0, freeze_backbone: bool = False,
                   unfreeze: bool = False) -> tuple[str, ...]:
    """Freeze the first layers and/or every nested model, on the model's own flags.

    The model's ``trainable`` flags as they were when this function first
    saw it (a user's file may come with frozen layers) are the starting
    point of every call, so a call without a choice leaves them as they are
    and undoes earlier calls.

    Args:
        model: a built Keras model.
        freeze_first: freeze this many of the model's own layers, counted
            from the input (input layers are not counted).
        freeze_backbone: freeze every layer that is itself a model (a
            ``keras.applications`` backbone inside a Functional model).
        unfreeze: start from every layer trainable instead of the model's
            own flags (fine-tuning the whole of a partly frozen file).

    Returns:
        Notes saying what was frozen and the trainable parameter count.

    Example:
        >>> apply_freezing(model, freeze_first=2)  # doctest: +SKIP
        ('froze the first 2 layers: conv1, pool1', 'trainable parameters: 1,234 of 61,706')
    """
    if freeze_first < 0:
        raise ValueError(f"freeze_first must be 0 or more, got {freeze_first}")
    keras = import_keras()
    layers = own_layers(model)
    _restore_own_flags(model)
    if unfreeze:
        for layer in (model, *all_layers(model)):
            layer.trainable = True
    notes = []
    first = layers[:freeze_first]
    nested = [layer for layer in layers if isinstance(layer, keras.Model)]
    for layer in first + (nested if freeze_backbone else []):
        layer.trainable = False
    if first:
        more = (f" (the model has only {len(layers)}, so all of them)"
                if freeze_first > len(layers) else "")
        notes.append(f"froze the first {len(first)} layers{more}: "
                     + ", ".join(layer.name for layer in first))
    if freeze_backbone:
        notes.append("froze the backbone: " + ", ".join(layer.name for layer in nested)
                     if nested else "no backbone (nested model) to freeze")
    if not first and not freeze_backbone:
        frozen_layers = _frozen_names(model, keras)
        if not frozen_layers:
            notes.append("every layer is trainable")  # "fine-tuning" misled on fresh weights
        else:
            notes.append("kept the model's own frozen layers: " + ", ".join(frozen_layers))
    trainable, frozen = trainable_summary(model)
    if frozen:   # all of them: the training header says how many already
        notes.append(f"trainable parameters: {trainable:,} of {trainable + frozen:,}")
    _forget_compiled_steps(model)
    return tuple(notes)


def _frozen_names(model, keras) -> list[str]:
    if not model.trainable:
        return [model.name]
    names = []
    for layer in own_layers(model):
        if isinstance(layer, keras.Model):
            names += _frozen_names(layer, keras)
        elif not layer.trainable:
            names.append(layer.name)
    return names


#: model -> its trainable flags when ``apply_freezing`` first saw it: the
#: model's own, then each layer's depth first (parents before children).
_OWN_FLAGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _restore_own_flags(model) -> None:
    # Changing a layer's flag sets it on every layer inside it too, so
    # restoring parents before their children gives back each layer's own.
    layers = [model, *all_layers(model)]
    flags = _OWN_FLAGS.get(model)
    if flags is None or len(flags) != len(layers):
        _OWN_FLAGS[model] = tuple(bool(layer.trainable) for layer in layers)
        return
    for layer, flag in zip(layers, flags):
        if layer.trainable != flag:
            layer.trainable = flag


def set_dropout(model, rate: float) -> int:
    """Set the rate of every Dropout layer (nested models included).

    Args:
        model: a Keras model.
        rate: share of units dropped while training, in [0, 1).

    Returns:
        How many Dropout layers were changed (0 if the model has none).
    """
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout rate must be at least 0 and below 1, got {rate}")
    keras = import_keras()
    changed = 0
    for layer in all_layers(model):
        if isinstance(layer, keras.layers.Dropout):
            layer.rate = float(rate)
            if rate > 0 and not hasattr(layer, "seed_generator"):
                _add_seed_generator(keras, layer)
            changed += 1
    if changed:
        _forget_compiled_steps(model)
    return changed


def own_layers(model) -> list:
    """The model's top-level layers, without input layers."""
    keras = import_keras()
    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def all_layers(model):
    """Every layer, descending into nested models, depth first."""
    keras = import_keras()
    for layer in own_layers(model):
        yield layer
        if isinstance(layer, keras.Model):
            yield from all_layers(layer)


def _forget_compiled_steps(model) -> None:
    # fit() / evaluate() / predict() make (and trace) these again when None.
    for name in ("train_function", "test_function", "predict_function"):
        if getattr(model, name, None) is not None:
            setattr(model, name, None)


def _add_seed_generator(keras, layer) -> None:
    # Keras gives a Dropout layer made with rate 0 no random seed state, and
    # its call would then fail. A built layer refuses new state unless its
    # tracker is unlocked for a moment.
    tracker = getattr(layer, "_tracker", None)
    if tracker is not None:
        tracker.unlock()
    try:
        layer.seed_generator = keras.random.SeedGenerator(layer.seed)
    finally:
        if tracker is not None:
            tracker.lock()


def _size(variable) -> int:
    size = 1
    for dim in variable.shape:
        size *= int(dim)
    return size
