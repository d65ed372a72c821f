"""Is this Keras model that library architecture, and with which options?

``ZooModel.load`` reads a file through the safe loader and then asks
:func:`match_options`: it builds the architecture at the file's input shape
and class count with the options given (or, when none are given, with each
variant the model library lists for that class, e.g. LeNet-5 classic and
modern) and compares the two layer by layer (class, activation, weight
shapes). The first variant that matches gives the loaded object its
options, so a later ``build`` (or a head resized to new data) makes the same
variant; none matching refuses the file, naming the first difference.
"""

from __future__ import annotations

import inspect

from dlviz.core.prescan import ModelFileError


def layer_rows(model) -> list[tuple]:
    """One ``(class, activation, weight shapes)`` row per layer of ``model``."""
    rows = []
    for layer in model.layers:
        activation = getattr(getattr(layer, "activation", None), "__name__", None)
        shapes = tuple(tuple(int(d) for d in w.shape) for w in layer.weights)
        rows.append((type(layer).__name__, activation, shapes))
    return rows


def library_variants(cls) -> list[dict]:
    """The option sets the model library lists for ``cls``, the plain one first."""
    from dlviz.core.zoo.registry import REGISTRY

    variants = [{}]
    for entry in REGISTRY.values():
        if (f"dlviz.core.zoo.{entry.module}", entry.class_name) != (cls.__module__,
                                                                   cls.__name__):
            continue
        options = {k: v for k, v in entry.kwargs.items() if k not in ("input_shape", "classes")}
        if options not in variants:
            variants.append(options)
    return variants


def match_options(cls, model, path, options: dict) -> dict:
    """Constructor keyword arguments under which ``cls`` builds ``model``'s architecture.

    Args:
        cls: a ``ZooModel`` subclass.
        model: the loaded ``keras.Model``.
        path: the file it came from (for the message).
        options: constructor options the caller gave; ``input_shape`` and
            ``classes``, when given, must be the file's.

    Returns:
        ``{"input_shape", "classes", **options}`` for ``cls(...)`` (and
        ``weights="random"`` for ``keras.applications`` wrappers: the
        weights are the file's).

    Raises:
        ModelFileError: kind ``wrong_architecture``, saying how the file differs.
    """
    name = str(getattr(path, "name", path)).replace("\\", "/").rsplit("/", 1)[-1]
    shape = tuple(int(d) if d is not None else None for d in model.inputs[0].shape[1:])
    classes = int(model.outputs[0].shape[-1])
    options = dict(options)
    for key, have in (("input_shape", shape), ("classes", classes)):
        asked = options.pop(key, None)
        if asked is not None and (tuple(asked) if key == "input_shape" else int(asked)) != have:
            raise ModelFileError("wrong_architecture", path,
                                 f"{name} has {key.replace('_', ' ')} {_text(have)}, "
                                 f"not {_text(asked)} as asked")
    reasons = []
    for variant in ([options] if options else library_variants(cls)):
        kwargs = {"input_shape": shape, "classes": classes, **variant}
        if "weights" in inspect.signature(cls.__init__).parameters:
            kwargs["weights"] = "random"  # the file's weights, not a download, to compare
        reason = _difference(cls, kwargs, model)
        if reason is None:
            return kwargs
        reasons.append(reason)
    hint = "" if options else (
        "; if it was built with other options, pass them to load "
        f"(e.g. {cls.__name__}.load(path, option=value))")
    raise ModelFileError("wrong_architecture", path,
                         f"{name} is not a {cls.title} ({model.name}: {reasons[0]}){hint}")


def _difference(cls, kwargs: dict, model) -> str | None:
    """None when ``cls(**kwargs)`` builds ``model``'s layers, else the first difference."""
    try:
        reference = cls(**kwargs).build()
    except Exception as exc:  # noqa: BLE001 - any refusal means "not this architecture"
        return f"{cls.title} cannot be built for its input {_text(kwargs['input_shape'])}: " \
               + (" ".join(str(exc).split())[:200] or type(exc).__name__)
    have, want = layer_rows(model), layer_rows(reference)
    for i, (a, b) in enumerate(zip(have, want)):
        if a != b:
            return (f"layer {i} is {model.layers[i].name} ({_row(a)}) where "
                    f"{cls.title} has {reference.layers[i].name} ({_row(b)})")
    if len(have) != len(want):
        return f"{len(have)} layers where {cls.title} has {len(want)}"
    return None


def _row(row: tuple) -> str:
    kind, activation, shapes = row
    parts = [kind]
    if activation:
        parts.append(activation)
    if shapes:
        parts.append("weights " + ", ".join(_text(s) for s in shapes))
    return ", ".join(parts)


def _text(value) -> str:
    if isinstance(value, tuple):
        return "x".join(str(d) for d in value)
    return str(value)
