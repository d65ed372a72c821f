"""MACs and receptive field of every layer of a built Keras model.

Walks the model's own graph (each layer's inbound nodes), so branches,
shared layers and nested models are followed as Keras connects them. Nested
models are listed as their layers, one level deeper, and their own row
carries the sum of those layers. Runs on the engine thread (it reads Keras
objects) but does no TensorFlow work, so it takes milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlviz.core.costs.macs import layer_macs
from dlviz.core.costs.receptive_field import Field, reports_field, step


@dataclass(frozen=True)
class LayerCost:
    """What one layer costs, in the order ``summarize`` lists layers."""

    name: str
    macs: int | None  # None when the layer's shapes could not be read
    receptive_field: int | None  # conv and pooling layers only
    depth: int = 0


@dataclass(frozen=True)
class ModelCosts:
    """Every layer's cost, the model's total MACs, and what to know about them."""

    rows: tuple[LayerCost, ...]
    total_macs: int
    depth: int = 0  # layers that multiply, on the longest path from input to output
    notes: tuple[str, ...] = ()


def cost_class(layer) -> str:
    """The Keras class whose arithmetic a layer does (a subclass of Conv2D is a Conv2D)."""
    for cls in type(layer).__mro__:
        if cls.__module__.startswith("keras.") and cls.__name__ not in {"Layer", "Operation"}:
            return cls.__name__
        if cls.__name__ in {"Layer", "Operation"}:
            break
    return type(layer).__name__


# Layers with weights that only scale or look up: 0 MACs is their true count.
WEIGHTS_WITHOUT_MACS = {
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "Embedding",
    "PReLU", "Normalization",
}


def _shape(tensor) -> tuple:
    return tuple(tensor.shape)[1:]


def _node_key(node) -> int:
    return id(node)


class _Walker:
    """One pass over a model's layers, remembering each node's field."""

    def __init__(self) -> None:
        self.fields: dict[int, Field | None] = {}
        self.depths: dict[int, int] = {}  # node -> weight layers on the longest path to it
        self.notes: list[str] = []
        self.unknown_sizes = False

    def model(self, model, depth: int) -> tuple[list[LayerCost], int]:
        rows: list[LayerCost] = []
        total = 0
        for layer in model.layers:
            if getattr(layer, "layers", None):
                inner, inner_total = self.model(layer, depth + 1)
                self._nested_fields(layer, self._end_depth(layer))
                rows.append(LayerCost(layer.name, inner_total, None, depth))
                rows.extend(inner)
                total += inner_total
                continue
            cost = self.layer(layer, depth)
            rows.append(cost)
            total += cost.macs or 0
        return rows, total

    def layer(self, layer, depth: int) -> LayerCost:
        class_name = cost_class(layer)
        try:
            config = layer.get_config()
        except Exception:  # a custom layer without a config still gets a row
            config = {}
        macs: int | None = 0
        largest: int | None = None
        nodes = list(getattr(layer, "_inbound_nodes", ()))
        if not nodes:
            self.notes.append(f"{layer.name}: not connected in a graph, so its MACs are unknown.")
            return LayerCost(layer.name, None, None, depth)
        for node in nodes:
            inputs = [_shape(t) for t in node.input_tensors]
            output = _shape(node.output_tensors[0]) if node.output_tensors else ()
            if any(d is None for s in [*inputs, output] for d in s):
                self.unknown_sizes = True
            try:
                node_macs = layer_macs(class_name, config, inputs, output)
                macs += node_macs
            except (KeyError, TypeError, ValueError, IndexError):
                macs = None
                self.notes.append(f"{layer.name}: its settings could not be read, MACs unknown.")
                break
            incoming = [self.fields.get(_node_key(p)) for p in node.parent_nodes]
            field = step(class_name, config, incoming)
            self.fields[_node_key(node)] = field
            before = max((self.depths.get(_node_key(p), 0) for p in node.parent_nodes), default=0)
            self.depths[_node_key(node)] = before + (1 if macs and node_macs else 0)
            if field is not None and reports_field(class_name):
                largest = max(largest or 0, field.largest)
        if macs == 0 and layer.weights and class_name not in WEIGHTS_WITHOUT_MACS:
            self.notes.append(f"{layer.name} ({class_name}): dlviz does not know its "
                              "arithmetic, so it counts 0 MACs.")
        return LayerCost(layer.name, macs, largest, depth)

    def _output_node(self, model):
        operation, index, _ = model.outputs[0]._keras_history
        return operation._inbound_nodes[index]

    def _end_depth(self, model) -> int:
        try:
            return self.depths.get(_node_key(self._output_node(model)), 0)
        except (AttributeError, IndexError, ValueError, TypeError):
            return 0

    def _nested_fields(self, model, inner_depth: int) -> None:
        """The nested model's calls pass on the field and depth its own output ends with."""
        try:
            out_field = self.fields.get(_node_key(self._output_node(model)))
        except (AttributeError, IndexError, ValueError, TypeError):
            out_field = None
        for node in getattr(model, "_inbound_nodes", ()):
            self.fields[_node_key(node)] = out_field
            before = max((self.depths.get(_node_key(p), 0) for p in node.parent_nodes), default=0)
            self.depths[_node_key(node)] = before + inner_depth


def model_costs(model) -> ModelCosts:
    """MACs and receptive field of every layer, nested models expanded.

    Args:
        model: a built Functional or Sequential ``keras.Model``.

    Returns:
        A ``ModelCosts`` whose rows line up with ``summarize(model).rows``;
        ``total_macs`` counts each layer once (a nested model's row is the
        sum of its layers, not added again); ``depth`` counts the layers
        that multiply (conv, dense, recurrent) on the longest path, the way
        papers count VGG-16's 16 or ResNet-50's 50.

    Example:
        >>> model_costs(model).total_macs  # doctest: +SKIP
        15470000
    """
    walker = _Walker()
    rows, total = walker.model(model, 0)
    depth = max(walker.depths.values(), default=0)
    notes = list(walker.notes)
    if any(r.depth for r in rows):
        notes.append("A nested model's MACs are the sum of its layers.")
    if walker.unknown_sizes:
        notes.append("Some sizes are unknown (None): MACs there count one step or position.")
    return ModelCosts(tuple(rows), total, depth, tuple(notes))
