"""Architectures in and out of Keras: its model config JSON, models, and building.

``to_config_json`` writes, in pure Python, the JSON ``model.to_json()`` writes
for the built model (so a saved architecture opens in Keras, Netron and
other viewers); ``from_json`` and ``from_model`` read one back. Only
``build`` and ``from_model`` touch Keras (call them on the engine thread).
"""

from __future__ import annotations

import json
from dataclasses import replace

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.inference import infer

# Layers with no build() of their own: Keras writes no build_config for them.
_NO_BUILD_CONFIG = {
    "InputLayer", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D",
    "GlobalMaxPooling2D", "Dropout", "Activation", "ReLU", "LeakyReLU", "ELU",
    "Softmax", "Reshape",
}

# The call arguments Keras records for a new layer of these types.
_RNN_CALL = {"training": False, "mask": None}
_CALL_KWARGS = {
    "BatchNormalization": {"mask": None}, "Dropout": {"training": False},
    "Softmax": {"mask": None}, "SimpleRNN": _RNN_CALL, "LSTM": _RNN_CALL, "GRU": _RNN_CALL,
    "Bidirectional": {"mask": None},
}

# What every layer entry has; anything else (a nested model's compile_config) is kept as is.
_ENTRY_KEYS = {"module", "class_name", "config", "registered_name", "build_config", "name",
               "inbound_nodes"}


def _tensor(name: str, shape, dtype: str) -> dict:
    return {"class_name": "__keras_tensor__",
            "config": {"shape": list(shape), "dtype": dtype, "keras_history": [name, 0, 0]}}


def _ends(names) -> list:
    """Keras writes one input/output as ``[name, 0, 0]``, several as a list of those."""
    ends = [[n, 0, 0] for n in names]
    return ends[0] if len(ends) == 1 else ends


def _dtype(spec: LayerSpec) -> str:
    if spec.class_name == "InputLayer":
        return str(spec.config.get("dtype", "float32"))
    policy = spec.config.get("dtype")
    if isinstance(policy, dict):
        policy = policy.get("config", {}).get("name")
    return "float32" if policy in (None, "mixed_float16", "mixed_bfloat16") else str(policy)


def to_config(arch: Architecture) -> dict:
    """The Functional model config of ``arch`` as a dict (see ``to_config_json``).

    Raises:
        ValueError: a layer has a problem (its row's error is the message).
    """
    if not any(s.class_name == "InputLayer" for s in arch.layers):
        raise ValueError("the network has no Input layer yet; add one first")
    rows = {r.name: r for r in infer(arch)}
    for spec in arch.layers:
        if rows[spec.name].error:
            raise ValueError(f"layer {spec.name!r}: {rows[spec.name].error}")
    dtypes = {}
    layers = []
    for spec in arch.layers:
        dtypes[spec.name] = _dtype(spec)
        entry = {"module": spec.keras.get("module", "keras.layers"),
                 "class_name": spec.class_name,
                 "config": {**spec.config, "name": spec.name},
                 "registered_name": spec.keras.get("registered_name")}
        if spec.class_name == "InputLayer":
            entry["config"].setdefault("batch_shape", list(rows[spec.name].output_shape))
        shapes = [list(rows[i].output_shape) for i in spec.inputs]
        has_build = spec.keras.get("build_config",
                                   spec.class_name not in _NO_BUILD_CONFIG)
        if isinstance(has_build, dict):
            entry["build_config"] = has_build
        elif has_build and shapes:
            entry["build_config"] = {"input_shape": shapes[0] if len(shapes) == 1 else shapes}
        entry.update(spec.keras.get("extra", {}))
        entry["name"] = spec.name
        tensors = [_tensor(i, rows[i].output_shape, dtypes[i]) for i in spec.inputs]
        if tensors:
            args = [tensors[0]] if len(tensors) == 1 else [tensors]
            kwargs = spec.keras.get("kwargs", _CALL_KWARGS.get(spec.class_name, {}))
            entry["inbound_nodes"] = [{"args": args, "kwargs": dict(kwargs)}]
        else:
            entry["inbound_nodes"] = []
        layers.append(entry)
    inputs = [s.name for s in arch.layers if s.class_name == "InputLayer"]
    return {"module": "keras.src.models.functional", "class_name": "Functional",
            "config": {"name": arch.name, "trainable": True, "layers": layers,
                       "input_layers": _ends(inputs),
                       "output_layers": _ends(arch.output_names())},
            "registered_name": "Functional", "build_config": {"input_shape": None}}


def to_config_json(arch: Architecture) -> str:
    """Keras's model config JSON for ``arch``: ``keras.models.model_from_json`` loads it.

    Example:
        >>> text = to_config_json(arch)  # doctest: +SKIP
        >>> keras.models.model_from_json(text).count_params()  # doctest: +SKIP
    """
    return json.dumps(to_config(arch))


def _tensor_names(args) -> list[str]:
    """Names of the layers whose tensors appear in a node's args, in order."""
    if isinstance(args, dict):
        if args.get("class_name") == "__keras_tensor__":
            return [args["config"]["keras_history"][0]]
        return []
    if isinstance(args, (list, tuple)):
        return [n for a in args for n in _tensor_names(a)]
    return []


def _tensor_refs(args) -> list[tuple[str, int]]:
    """(layer name, output index) of every tensor in a node's args, in order."""
    if isinstance(args, dict):
        if args.get("class_name") == "__keras_tensor__":
            history = args["config"]["keras_history"]
            return [(history[0], int(history[2]) if len(history) > 2 else 0)]
        return []
    if isinstance(args, (list, tuple)):
        return [ref for a in args for ref in _tensor_refs(a)]
    return []


def _lost_links(node: dict) -> dict:
    """What of a call the builder cannot keep: a layer's second output read, or a
    tensor passed by keyword (an LSTM's ``initial_state``); a mask is rebuilt by Keras."""
    lost = {}
    other = [(name, index) for name, index in _tensor_refs(node.get("args", [])) if index]
    if other:
        lost["other_output"] = other[0]
    tensors = {key: _tensor_names(value) for key, value in node.get("kwargs", {}).items()
               if key != "mask"}
    tensors = {key: names for key, names in tensors.items() if names}
    if tensors:
        key, names = next(iter(tensors.items()))
        lost["second_input"] = (key, list(dict.fromkeys(names)))
    return lost


def _output_refs(ends) -> list[tuple[str, int]]:
    """(layer, output index) of a config's ``output_layers`` ([n, 0, i] or a list of them)."""
    if not ends:
        return []
    ends = [ends] if isinstance(ends[0], str) else ends
    return [(e[0], int(e[2]) if len(e) > 2 else 0) for e in ends]


def _mark(arch: Architecture, name: str, facts: dict) -> Architecture:
    layers = tuple(replace(s, keras={**s.keras, **facts}) if s.name == name else s
                   for s in arch.layers)
    return replace(arch, layers=layers)


def _names(ends) -> tuple[str, ...]:
    if ends and isinstance(ends[0], str):
        return (ends[0],)
    return tuple(e[0] for e in ends or [])


def from_config(config: dict, facts: dict | None = None) -> Architecture:
    """An ``Architecture`` from a Keras Functional (or Sequential) model config dict.

    Op layers Keras records only to carry a mask (``NotEqual`` after an
    Embedding with ``mask_zero``) are left out: the rebuilt model recreates
    the mask by itself. ``facts`` maps layer names to what Keras computed
    (shapes, counts) for layers the builder has no rule for.
    """
    body = config.get("config", config)
    entries = body.get("layers", [])
    if config.get("class_name") == "Sequential" or (entries and "inbound_nodes" not in entries[0]):
        return _from_sequential(body, facts or {})
    facts = facts or {}
    read = {n for e in entries for node in e.get("inbound_nodes", [])
            for n in _tensor_names(node.get("args", []))}
    read |= set(_names(body.get("output_layers")))
    specs = []
    for e in entries:
        name = e.get("name") or e["config"].get("name")
        module = e.get("module") or ""
        if module.startswith("keras.src.ops") and name not in read:
            continue  # a mask helper nobody reads as data
        nodes = e.get("inbound_nodes", [])
        inputs = tuple(_tensor_names(nodes[0].get("args", []))) if nodes else ()
        build_config = e.get("build_config")
        if isinstance(build_config, dict) and build_config.get("input_shape") is None:
            keep = build_config  # a nested model's: not a shape the builder recomputes
        else:
            keep = "build_config" in e
        keras = {"module": e.get("module"), "registered_name": e.get("registered_name"),
                 "build_config": keep, **facts.get(name, {}),
                 "extra": {k: v for k, v in e.items() if k not in _ENTRY_KEYS}}
        kwargs = nodes[0].get("kwargs", {}) if nodes else {}
        # Plain call arguments (training=False) stay; a mask tensor is rebuilt by Keras.
        keras["kwargs"] = {k: v for k, v in kwargs.items() if not _tensor_names(v)}
        if len(nodes) > 1:
            keras["shared"] = len(nodes)
        if nodes:
            keras.update(_lost_links(nodes[0]))
        specs.append(LayerSpec(name, e["class_name"], dict(e.get("config", {})), inputs, keras))
    arch = Architecture(tuple(specs), body.get("name", "model"))
    outputs = _names(body.get("output_layers"))
    for name, index in _output_refs(body.get("output_layers")):
        if index:   # the model gives a layer's second output: a link the builder cannot keep
            arch = _mark(arch, name, {"model_output": index})
    # Outputs are kept only where they are not simply the unread layers, so that
    # a layer added at the end becomes the output, as people expect.
    return arch if outputs == arch.output_names() else replace(arch, outputs=outputs)


def _from_sequential(body: dict, facts: dict) -> Architecture:
    specs = []
    for e in body.get("layers", []):
        cfg = dict(e.get("config", {}))
        name = cfg.get("name") or e.get("name")
        inputs = (specs[-1].name,) if specs else ()
        specs.append(LayerSpec(name, e["class_name"], cfg, inputs,
                               {"module": e.get("module"),
                                "registered_name": e.get("registered_name"),
                                **facts.get(name, {})}))
    return Architecture(tuple(specs), body.get("name", "model"))


def from_json(text: str) -> Architecture:
    """An ``Architecture`` from the JSON ``model.to_json()`` (or ``to_config_json``) wrote.

    Raises:
        ValueError: the text is not JSON or not a Keras model config.
    """
    try:
        config = json.loads(text)
    except json.JSONDecodeError as bad:
        raise ValueError(f"this file is not JSON ({bad.msg}, line {bad.lineno}); "
                         f"open a file written by model.to_json() or the builder") from None
    if not isinstance(config, dict) or "config" not in config or \
            "layers" not in (config.get("config") or {}):
        raise ValueError("this JSON is not a Keras model config (no 'config' with "
                         "'layers'); open a file written by model.to_json() or the builder")
    return from_config(config)


def _count(weights) -> int:
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def _shape(tensor) -> list | None:
    try:
        return [None if d is None else int(d) for d in tensor.shape]
    except (AttributeError, TypeError, ValueError):
        return None


def from_model(model) -> Architecture:
    """An ``Architecture`` of a built Keras model (a zoo model, an opened file).

    Layers the builder has no rule for keep the shape and parameter counts
    Keras computed, so their rows stay right until something above them changes.
    """
    facts = {}
    for layer in model.layers:
        try:
            several = isinstance(layer.output, (list, tuple)) and len(layer.output) > 1
            # A layer with several outputs (attention with its weights) is its first
            # one here, as the layers reading it read; a row reading another says so.
            out = _shape(layer.output[0] if several else layer.output)
            ins = layer.input if isinstance(layer.input, (list, tuple)) else [layer.input]
            facts[layer.name] = {"output_shape": out,
                                 **({"outputs": len(layer.output)} if several else {}),
                                 "input_shapes": [_shape(t) for t in ins],
                                 "trainable": _count(layer.trainable_weights),
                                 "non_trainable": _count(layer.non_trainable_weights)}
        except (AttributeError, ValueError):
            continue  # a layer used twice: no single shape
    return from_config(json.loads(model.to_json()), facts)


def with_keras_defaults(arch: Architecture) -> Architecture:
    """``arch`` with every setting written out as Keras writes it (needs Keras).

    A layer added in the builder carries only the settings people chose;
    after this, ``to_config_json`` is exactly ``build(arch).to_json()``
    (less the training settings), e.g. before saving a file for other tools.
    """
    return from_model(build(arch))


def build(arch: Architecture):
    """A fresh ``keras.Model`` (random weights) of ``arch``; needs Keras (engine thread).

    Raises:
        ValueError: a layer has a problem; the message names it and says why.
    """
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    import dlviz.core.layers  # noqa: F401  (registers dlviz's layers for loading)

    return keras.models.model_from_json(to_config_json(arch))
