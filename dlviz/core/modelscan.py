"""Walk a Keras model config (plain JSON) for layers, risks and custom classes.

Keras 3 serialises every object as ``{"module", "class_name", "config",
"registered_name"}``; models keep their layers in a ``"layers"`` list and
wrappers keep theirs under ``"layer"``, ``"forward_layer"``, ``"cell"`` and
so on. ``scan`` reads only that JSON. ``unresolved`` is the one function
that imports Keras: it asks Keras's registries which classes it can build.

What counts as needing unsafe loading covers what Keras 3.15's safe mode
refuses, and more: a Python lambda anywhere (``"__lambda__"``), *any*
``Lambda`` layer whatever its function field holds (a Lambda naming
``keras.utils.get_file`` passed Keras's safe mode before 3.11 and 3.12:
CVE-2025-8747, CVE-2025-9906), a function from one of Keras's non-modelling
packages (``keras.utils``, ``keras.saving``, ``keras.config`` ...) anywhere,
a ``TFSMLayer``, a ``TorchModuleWrapper`` holding a pickled module, and
lookup layers that read a vocabulary file from outside the model file.
Risky classes are flagged wherever they sit in the config, not only in
layer lists. A class from a module
outside Keras is *not* an unsafe reason: Keras never imports such modules,
whatever ``safe_mode`` says, so it loads only when code installed here has
registered it (dlviz's own layers, say); otherwise it is unknown.

ProtectAI's ``modelscan`` package (0.8.8) was weighed as a second opinion
and not adopted: on ``.keras`` and ``.h5`` it flags ``Lambda`` layers only,
so it adds nothing here, misses ``TFSMLayer``, non-modelling functions,
escaping zip names and decompression bombs (it inflates a 300 MB
``config.json`` whole), and needs TensorFlow imported to scan a ``.keras``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

_SPECIAL = frozenset({
    "__keras_tensor__", "__tensor__", "__numpy__", "__bytes__",
    "__ellipsis__", "__slice__", "__typespec__",
})
_LAYER_LIST_KEYS = ("layers", "cells")
_LAYER_KEYS = ("layer", "forward_layer", "backward_layer", "cell")
_KERAS_PACKAGES = frozenset({"keras", "keras_hub", "keras_cv", "keras_nlp"})
_BUILTIN_MODULES = ("activations", "constraints", "initializers", "losses",
                    "metrics", "optimizers", "regularizers")
MAX_UNRESOLVED = 50
_VOCABULARY_LAYERS = frozenset({"StringLookup", "IntegerLookup", "TextVectorization"})
# Keras packages whose functions read, write, fetch or reconfigure things
# rather than compute: never part of a model.
_NON_MODELLING = frozenset({
    "utils", "saving", "config", "models", "callbacks", "preprocessing", "datasets",
    "export", "distribution", "backend", "legacy", "visualization",
})


@dataclass
class ConfigScan:
    """What ``scan`` found; ``objects`` are ``(entry, is_layer)`` pairs."""

    layer_counts: dict = field(default_factory=dict)
    unsafe_reasons: list = field(default_factory=list)
    custom_classes: dict = field(default_factory=dict)  # an ordered set: O(1) checks
    objects: list = field(default_factory=list)


def scan(config: dict) -> ConfigScan:
    """Scan a whole model config; the model itself is not counted as a layer.

    Only the architecture is scanned, not ``compile_config`` (losses and
    metrics): dlviz loads with ``compile=False``, and with ``compile=True``
    Keras's own safe mode still refuses lambdas there.
    """
    found = ConfigScan()
    _visit_object(config, found, owner=None, layer=True, count=False)
    return found


def unresolved(found: ConfigScan) -> list[str]:
    """Name the classes and functions in ``found`` that Keras cannot build here.

    Stops after ``MAX_UNRESOLVED`` names: one is enough to refuse the file,
    and each name may cost a failed import.
    """
    from dlviz.core.kerasenv import import_keras  # noqa: PLC0415

    keras = import_keras()
    import_dlviz_layers()
    missing: dict[str, None] = {}
    for entry, layer in found.objects:
        if entry.get("module") is None and not layer:
            continue  # legacy nested objects: Keras's own legacy lookup judges
        label = _label(entry)
        if label not in missing and not _resolves(keras, entry):
            missing[label] = None
            if len(missing) >= MAX_UNRESOLVED:
                break
    return list(missing)


def import_dlviz_layers() -> None:
    """Register dlviz's own custom layers with Keras, if that package exists."""
    try:
        importlib.import_module("dlviz.core.layers")
    except ModuleNotFoundError as e:
        if not (e.name or "").startswith("dlviz.core.layers"):
            raise


def _visit(node, found: ConfigScan, owner, lambda_noted: bool) -> None:
    if isinstance(node, list):
        for item in node:
            _visit(item, found, owner, lambda_noted)
    elif isinstance(node, dict):
        if _is_object(node):
            _visit_object(node, found, owner, layer=False, lambda_noted=lambda_noted)
        else:
            for value in node.values():
                _visit(value, found, owner, lambda_noted)


def _is_object(node: dict) -> bool:
    return isinstance(node.get("class_name"), str) and "config" in node


def _visit_object(entry, found, owner, *, layer, count=True, lambda_noted=False):
    cls = entry["class_name"]
    if cls == "__lambda__":
        if not lambda_noted:
            where = f"layer '{owner}'" if owner else "the model config"
            found.unsafe_reasons.append(
                f"{where} stores a Python lambda, which runs arbitrary code"
            )
        return
    if cls in _SPECIAL:
        return
    config = entry["config"]
    name = owner
    if layer:
        name = _layer_name(entry)
        if count:
            found.layer_counts[cls] = found.layer_counts.get(cls, 0) + 1
    reason = _layer_risk(cls, _layer_name(entry), config) or _function_risk(entry, owner)
    if reason:
        found.unsafe_reasons.append(reason)
        lambda_noted = lambda_noted or cls == "Lambda"
    found.objects.append((entry, layer))
    custom = _custom_label(entry)
    if custom:
        found.custom_classes[custom] = None
    if isinstance(config, list):  # Keras 2.2-era Sequential: config is the layer list
        config = {"layers": config}
    if not isinstance(config, dict):
        return
    for key, value in config.items():
        if key in _LAYER_LIST_KEYS and isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and _is_object(item):
                    _visit_object(item, found, name, layer=True, lambda_noted=lambda_noted)
                else:
                    _visit(item, found, name, lambda_noted)
        elif key in _LAYER_KEYS and isinstance(value, dict) and _is_object(value):
            _visit_object(value, found, name, layer=True, lambda_noted=lambda_noted)
        else:
            _visit(value, found, name, lambda_noted)


def _layer_name(entry: dict) -> str:
    config = entry.get("config")
    name = entry.get("name") or (config.get("name") if isinstance(config, dict) else None)
    return str(name or entry["class_name"])


def _layer_risk(cls: str, name: str, config) -> str | None:
    if cls == "Lambda":
        return _lambda_risk(name, config)
    if not isinstance(config, dict):
        return None
    if cls == "TFSMLayer":
        return (f"TFSMLayer '{name}' loads the external SavedModel "
                f"'{config.get('filepath')}', which can run arbitrary code")
    if cls == "TorchModuleWrapper" and "module" in config:
        return (f"TorchModuleWrapper '{name}' unpickles a PyTorch module, "
                "which can run arbitrary code")
    if cls in _VOCABULARY_LAYERS and isinstance(config.get("vocabulary"), str):
        return (f"{cls} layer '{name}' reads the file '{config['vocabulary']}' "
                "from outside the model file")
    return None


def _lambda_risk(name: str, config) -> str:
    # Every Lambda needs consent: what it calls is chosen by the file.
    if not isinstance(config, dict):
        return f"Lambda layer '{name}' calls code chosen by the file"
    if _has_lambda(config) or "lambda" in (config.get("function_type"),
                                           config.get("output_shape_type")):
        return f"Lambda layer '{name}' runs arbitrary Python code stored in the file"
    fn = config.get("function")
    if isinstance(fn, dict) and isinstance(fn.get("config"), str):
        target = _function_name(fn)
    elif isinstance(fn, str):  # legacy .h5, function_type "function"
        module = config.get("module")
        target = f"{module}.{fn}" if isinstance(module, str) and module else fn
    else:
        return f"Lambda layer '{name}' calls code chosen by the file"
    return (f"Lambda layer '{name}' calls the function {target!r}, chosen by the file "
            "(any Lambda can run code, so dlviz asks first)")


def _function_risk(entry: dict, owner) -> str | None:
    if entry["class_name"] != "function" or not isinstance(entry.get("config"), str):
        return None
    target = _function_name(entry)
    parts = target.split(".")
    if parts[0] != "keras":  # keras_hub and friends keep activations in their utils
        return None
    inner = parts[2:] if len(parts) > 2 and parts[1] == "src" else parts[1:]
    if len(inner) < 2 or inner[0] not in _NON_MODELLING:
        return None
    where = f"layer '{owner}'" if owner else "the model config"
    return (f"{where} calls {target}, which is not a modelling function "
            "(it can fetch, write or change settings)")


def _function_name(entry: dict) -> str:
    module, fn = entry.get("module"), entry["config"]
    return f"{module}.{fn}" if isinstance(module, str) and module not in ("", "builtins") else fn


def _has_lambda(node) -> bool:
    if isinstance(node, dict):
        return node.get("class_name") == "__lambda__" or any(
            _has_lambda(v) for v in node.values()
        )
    if isinstance(node, list):
        return any(_has_lambda(v) for v in node)
    return False


def _custom_label(entry: dict) -> str | None:
    module, reg = entry.get("module"), entry.get("registered_name")
    if isinstance(reg, str) and ">" in reg:
        return reg
    if isinstance(module, str) and module != "builtins" and (
        module.split(".")[0] not in _KERAS_PACKAGES
    ):
        return f"{module}.{_label(entry)}"
    return None


def _label(entry: dict) -> str:
    reg = entry.get("registered_name")
    if isinstance(reg, str) and ">" in reg:
        return reg
    if entry["class_name"] == "function" and isinstance(entry.get("config"), str):
        return entry["config"]
    return entry["class_name"]


def _resolves(keras, entry: dict) -> bool:
    get = keras.saving.get_registered_object
    cls, module, reg = entry["class_name"], entry.get("module"), entry.get("registered_name")
    if cls == "function":
        fn = entry.get("config")
        if not isinstance(fn, str):
            return False
        if get(fn) is not None or (isinstance(reg, str) and get(reg) is not None):
            return True
        if module == "builtins":
            return any(_in_keras_module(f"keras.{m}", fn) for m in _BUILTIN_MODULES)
        return _in_keras_module(module, fn)
    if get(reg if isinstance(reg, str) else cls) is not None:
        return True
    if module is None:  # legacy .h5 layer: looked up among Keras's layers by name
        return cls in ("Functional", "Model", "Sequential") or hasattr(keras.layers, cls)
    return _in_keras_module(module, cls)


def _in_keras_module(module, name: str) -> bool:
    # Like Keras itself, import only modules of Keras's own packages.
    if not isinstance(module, str) or module.split(".")[0] not in _KERAS_PACKAGES:
        return False
    try:
        mod = importlib.import_module(module)
    except Exception:  # noqa: BLE001  (absent or broken package: not buildable)
        return False
    return getattr(mod, name, None) is not None
