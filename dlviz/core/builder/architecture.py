"""A network as plain data: named layers, each naming the layers it reads.

No Keras here: the builder edits these frozen values on the GUI thread, and
``inference.infer`` says live what each layer's shape and cost would be.
Every edit returns a new ``Architecture`` (the old one stays for undo).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace as dc_replace

from dlviz.core.builder.layer_types import LAYER_TYPES, MERGE_TYPES

__all__ = ["LayerSpec", "Architecture", "LAYER_TYPES", "MERGE_TYPES", "EditError"]


class EditError(ValueError):
    """An edit that cannot be applied (unknown name, a name taken twice)."""


@dataclass(frozen=True)
class LayerSpec:
    """One layer: its unique name, Keras class name, Keras config, input layers.

    ``inputs`` names earlier layers (empty for the input layer; two or more
    for Add/Concatenate). ``keras`` keeps what Keras wrote for a layer taken
    from a model (module, registered name, and for layers the builder cannot
    compute, ``output_shape`` / ``trainable`` / ``non_trainable`` as Keras
    computed them); it is empty for layers made in the builder.

    Example:
        >>> LayerSpec("conv1", "Conv2D", {"filters": 8, "kernel_size": [3, 3]}, ("image",))
        ... # doctest: +ELLIPSIS
        LayerSpec(name='conv1', ...)
    """

    name: str
    class_name: str
    config: dict = field(default_factory=dict, compare=True)
    inputs: tuple[str, ...] = ()
    keras: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        if self.class_name == "Input":  # keras.Input makes an InputLayer
            object.__setattr__(self, "class_name", "InputLayer")
        object.__setattr__(self, "inputs", tuple(self.inputs))
        if self.config.get("name") != self.name:  # Keras keeps the name in the config too
            object.__setattr__(self, "config", {**self.config, "name": self.name})

    @property
    def editable(self) -> bool:
        """Whether the builder knows this layer type (else it is kept as Keras built it)."""
        return self.class_name in LAYER_TYPES

    @staticmethod
    def new(class_name: str, name: str, inputs=(), **settings) -> "LayerSpec":
        """A layer of a builder type with its default config, ``settings`` on top."""
        config = copy.deepcopy(LAYER_TYPES[class_name])
        config.update(settings)
        return LayerSpec(name, class_name, config, tuple(inputs))


@dataclass(frozen=True)
class Architecture:
    """The layers of a network in order (each reads only earlier ones).

    ``outputs`` names the model's output layers; empty means the layers no
    other layer reads, in order.

    Example:
        >>> arch = Architecture((LayerSpec.new("InputLayer", "image"),), "mine")
        >>> arch = arch.add(LayerSpec.new("Flatten", "flat"))
        >>> [s.name for s in arch.layers]
        ['image', 'flat']
    """

    layers: tuple[LayerSpec, ...] = ()
    name: str = "model"
    outputs: tuple[str, ...] = ()

    # ---- look-up -------------------------------------------------------
    def names(self) -> list[str]:
        return [s.name for s in self.layers]

    def index(self, name: str) -> int:
        for i, spec in enumerate(self.layers):
            if spec.name == name:
                return i
        raise EditError(f"there is no layer named {name!r}; pick one of the table's names")

    def layer(self, name: str) -> LayerSpec:
        return self.layers[self.index(name)]

    def output_names(self) -> tuple[str, ...]:
        """The model's outputs: ``outputs`` if set, else the layers nobody reads."""
        present = set(self.names())
        kept = tuple(n for n in self.outputs if n in present)
        if kept:
            return kept
        read = {i for s in self.layers for i in s.inputs}
        return tuple(s.name for s in self.layers if s.name not in read)

    def unique_name(self, base: str) -> str:
        """``base`` in snake case, with ``_2``, ``_3``... when already taken."""
        # Keras's own snake case: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d.
        stem = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", base)
        stem = re.sub(r"([a-z])([A-Z])", r"\1_\2", stem).lower()
        stem = re.sub(r"\W", "_", stem).removesuffix("_layer") or "layer"
        taken = set(self.names())
        if stem not in taken:
            return stem
        n = 2
        while f"{stem}_{n}" in taken:
            n += 1
        return f"{stem}_{n}"

    # ---- edits ---------------------------------------------------------
    def add(self, spec: LayerSpec, after: str | None = None) -> "Architecture":
        """Insert ``spec`` after layer ``after`` (default: at the end).

        A spec without inputs (other than an input layer) reads the layer
        before it, and the layers that read that one now read ``spec``
        (inserting into a chain keeps the chain).
        """
        if spec.name in self.names():
            raise EditError(f"a layer named {spec.name!r} already exists; choose another name")
        at = len(self.layers) if after is None else self.index(after) + 1
        prev = self.layers[at - 1].name if at > 0 else None
        layers = list(self.layers)
        if not spec.inputs and spec.class_name != "InputLayer" and prev is not None:
            spec = dc_replace(spec, inputs=(prev,))
            if after is not None:  # splice into the chain: readers of prev read spec
                layers = [_rewire(s, prev, spec.name) for s in layers]
        layers.insert(at, spec)
        return dc_replace(self, layers=tuple(layers))

    def remove(self, name: str) -> "Architecture":
        """Drop a layer; the layers that read it read its first input instead."""
        gone = self.layer(name)
        heir = gone.inputs[0] if gone.inputs else None
        layers = []
        for s in self.layers:
            if s.name == name:
                continue
            if name in s.inputs:
                ins = tuple(heir if i == name else i for i in s.inputs if heir or i != name)
                s = dc_replace(s, inputs=tuple(dict.fromkeys(ins)))
            layers.append(s)
        outputs = tuple(heir if o == name else o for o in self.outputs if heir or o != name)
        return dc_replace(self, layers=tuple(layers), outputs=tuple(o for o in outputs if o))

    def move(self, name: str, index: int) -> "Architecture":
        """Move a layer to position ``index`` of the new order, rewiring both places.

        A chain layer leaves its place (its readers read its input) and is
        spliced in after the layer now at ``index - 1``. A merge layer
        (Add, Concatenate) keeps the inputs people picked for it and its readers
        keep reading it: only its place changes, so a row that now comes before
        one of its inputs says so, and moving it back restores every link.
        """
        spec = self.layer(name)
        if len(spec.inputs) > 1:
            layers = [s for s in self.layers if s.name != name]
            layers.insert(max(0, min(index, len(layers))), spec)
            return dc_replace(self, layers=tuple(layers))
        rest = self.remove(name)
        index = max(0, min(index, len(rest.layers)))
        bare = dc_replace(spec, inputs=())
        if index == 0:
            return dc_replace(rest, layers=(bare, *rest.layers))
        return rest.add(bare, after=rest.layers[index - 1].name)

    def replace(self, name: str, config: dict | None = None, *,
                class_name: str | None = None, inputs=None,
                new_name: str | None = None) -> "Architecture":
        """The same network with one layer's config (or type, inputs, name) changed."""
        old = self.layer(name)
        spec = LayerSpec(new_name or name, class_name or old.class_name,
                         dict(old.config if config is None else config),
                         tuple(old.inputs if inputs is None else inputs),
                         _kept_keras(old, class_name, config))
        layers = [spec if s.name == name else s for s in self.layers]
        outputs = self.outputs
        if new_name and new_name != name:
            if new_name in self.names():
                raise EditError(f"a layer named {new_name!r} already exists; choose another name")
            layers = [_rewire(s, name, new_name) for s in layers]
            outputs = tuple(new_name if o == name else o for o in outputs)
        return dc_replace(self, layers=tuple(layers), outputs=outputs)


def _rewire(spec: LayerSpec, old: str, new: str) -> LayerSpec:
    if old not in spec.inputs:
        return spec
    return dc_replace(spec, inputs=tuple(new if i == old else i for i in spec.inputs))


def _kept_keras(old: LayerSpec, class_name: str | None, config: dict | None) -> dict:
    """What Keras said of ``old`` that still holds after the edit.

    Its module stays while its type does; the shape and counts Keras computed
    go once its settings change (inference recomputes them).
    """
    if class_name and class_name != old.class_name:
        return {}
    if config is None:
        return old.keras
    return {k: v for k, v in old.keras.items() if k in ("module", "registered_name", "kwargs")}
