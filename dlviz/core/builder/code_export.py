"""An architecture as a runnable Keras script (Functional API, layer names kept)."""

from __future__ import annotations

import keyword
import re

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.inference import infer

_SKIP = {"name"}
# Settings where None is not Keras's default, so None must be written out.
_NONE_MEANS_SOMETHING = {"merge_mode", "backward_layer"}


def _variable(name: str, taken: set[str]) -> str:
    """A Python identifier for a layer's output tensor, unique in the script."""
    var = re.sub(r"\W", "_", name) or "x"
    if var[0].isdigit() or keyword.iskeyword(var) or var in {"keras", "model", "build_model"}:
        var = f"x_{var}"
    base, n = var, 2
    while var in taken:
        var, n = f"{base}_{n}", n + 1
    taken.add(var)
    return var


def _value(value, imports: set[str]) -> str:
    """Python source for a config value; serialised Keras objects become constructors."""
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        if value["class_name"] == "DTypePolicy":
            return repr(value["config"].get("name", "float32"))
        module = value.get("module") or "keras.layers"
        if module.startswith("keras"):
            path = module if module in ("keras", "keras.layers", "keras.initializers",
                                        "keras.regularizers", "keras.constraints") else "keras.layers"
            return f"{path}.{value['class_name']}({_kwargs(value['config'], imports)})"
        imports.add(f"from {module} import {value['class_name']}")
        return f"{value['class_name']}({_kwargs(value['config'], imports)})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_value(v, imports)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v, imports) for v in value) + "]"
    return repr(value)


def _kwargs(config: dict, imports: set[str]) -> str:
    parts = []
    for key, value in config.items():
        if key in _SKIP or (key == "trainable" and value is True):
            continue
        if value is None and key not in _NONE_MEANS_SOMETHING:
            continue  # Keras's default; leaving it out keeps the script readable
        if key == "dtype" and _value(value, imports) == "'float32'":
            continue
        parts.append(f"{key}={_value(value, imports)}")
    return ", ".join(parts)


def _constructor(spec: LayerSpec, imports: set[str]) -> str:
    module = spec.keras.get("module") or "keras.layers"
    if spec.class_name in ("Functional", "Sequential"):  # a nested model: Keras rebuilds it
        entry = {"module": module, "class_name": spec.class_name,
                 "config": spec.config, "registered_name": spec.keras.get("registered_name")}
        return f"keras.saving.deserialize_keras_object({entry!r})"
    if module.startswith("keras"):
        cls = f"keras.layers.{spec.class_name}"
    else:  # a dlviz layer (LRN, GroupedConv2D): import it from its module
        imports.add(f"from {module} import {spec.class_name}")
        cls = spec.class_name
    settings = _kwargs(spec.config, imports)
    return f"{cls}({settings + ', ' if settings else ''}name={spec.name!r})"


def _returns_states(spec: LayerSpec) -> bool:
    """Whether the layer's call gives a list (its output, then its final states, or
    what a layer taken from a model gave besides: attention's scores)."""
    if spec.keras.get("outputs"):
        return True
    inner = spec.config.get("layer") if spec.class_name == "Bidirectional" else None
    config = inner.get("config", {}) if isinstance(inner, dict) else spec.config
    return bool(config.get("return_state"))


def _wrapped(line: str) -> str:
    """A long layer line with one setting per line (the script is for reading)."""
    if len(line) <= 99 or "(" not in line:
        return line
    head, _, rest = line.partition("(")
    call, _, applied = rest.rpartition(")(")
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(call):  # split at top-level commas only
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(call[start:i].strip())
            start = i + 1
    parts.append(call[start:].strip())
    inner = "".join(f"\n        {p}," for p in parts)
    return f"{head}({inner}\n    )({applied}"


def python_code(arch: Architecture) -> str:
    """A script that builds ``arch`` with ``keras.layers`` and prints its summary.

    Args:
        arch: the architecture (it should infer without errors).

    Returns:
        Python source defining ``build_model()``; run as a script it builds
        the model and prints ``model.summary()``.

    Raises:
        ValueError: a layer has a problem (named, with its row's reason).

    Example:
        >>> exec(python_code(arch), ns := {}); ns["build_model"]().count_params()  # doctest: +SKIP
    """
    if not any(s.class_name == "InputLayer" for s in arch.layers):
        raise ValueError("the network has no Input layer yet; add one first")
    broken = next((row for row in infer(arch) if row.error), None)
    if broken is not None:  # a script that stops with a Keras error helps nobody
        raise ValueError(f"layer {broken.name!r}: {broken.error}")
    imports: set[str] = set()
    taken: set[str] = set()
    tensors: dict[str, str] = {}
    body = []
    for spec in arch.layers:
        var = _variable(spec.name, taken)
        if spec.class_name == "InputLayer":
            shape = list(spec.config.get("batch_shape") or [None, *spec.config.get("shape", [])])
            dtype = spec.config.get("dtype", "float32")
            body.append(f"    {var} = keras.Input(shape={tuple(shape[1:])!r}, "
                        f"dtype={dtype!r}, name={spec.name!r})")
        else:
            ins = [tensors[i] for i in spec.inputs if i in tensors]
            arg = ins[0] if len(ins) == 1 else "[" + ", ".join(ins) + "]"
            extra = "".join(f", {k}={v!r}" for k, v in spec.keras.get("kwargs", {}).items())
            first = "[0]" if _returns_states(spec) else ""   # the states are not linked
            body.append(_wrapped(f"    {var} = {_constructor(spec, imports)}({arg}{extra}){first}"))
        tensors[spec.name] = var
    inputs = [tensors[s.name] for s in arch.layers if s.class_name == "InputLayer"]
    outputs = [tensors[n] for n in arch.output_names() if n in tensors]

    def listed(names):
        return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"

    head = [f'"""{arch.name}: written by dlviz\'s builder. Run: python {arch.name}.py"""',
            "", "import keras", *sorted(imports), "", "",
            "def build_model():",
            f'    """The {arch.name} network, layer names as in the builder."""']
    tail = [f"    return keras.Model(inputs={listed(inputs)}, outputs={listed(outputs)}, "
            f"name={arch.name!r})", "", "",
            'if __name__ == "__main__":', "    build_model().summary()", ""]
    return "\n".join(head + body + tail)
