"""Which layers have feature maps, and where each sits in the architecture.

A layer has feature maps when its output is 4-D, (N, H, W, C). Its *block*
and *role* (from ``blocks``) say where it sits, so the views can group an
Inception block's four branches and a ResNet block's shortcut and residual
branch.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlviz.core.probes.blocks import block_and_role, graph_blocks, named_blocks
from dlviz.core.probes.graph import require_graph, traced_graph, walk_layers

__all__ = ["LayerInfo", "block_and_role", "find_layer", "other_layers", "output_shape",
           "spatial_layers"]
_MERGES = ("Concatenate", "Add")


@dataclass(frozen=True)
class LayerInfo:
    """One layer with a spatial output, as the layer list shows it.

    Attributes:
        path: unique within the model: "block1_conv1", or
            "resnet50/conv2_block1_out" inside a nested model.
        name: the layer's own name.
        type: its class name ("Conv2D").
        depth: models around it (0 = the top-level model).
        block: its structural group ("inception_3a", "conv2_block1") or None.
        role: "1x1 branch", "3x3 branch", "5x5 branch" (any "NxN branch"),
            "pool branch", "shortcut", "residual", "merge", or None.
        shape: (height, width, channels) of one output; None where the
            model takes any size.
    """

    path: str
    name: str
    type: str
    depth: int
    block: str | None = None
    role: str | None = None
    shape: tuple = ()


def output_shape(layer) -> tuple | None:
    """The shape of ``layer``'s (single) output, batch axis included, or None."""
    try:
        output = layer.output
    except (AttributeError, ValueError, RuntimeError):
        return None  # never called: no output to speak of
    shape = getattr(output, "shape", None)
    return None if shape is None else tuple(shape)


def _outline(model):
    require_graph(model)
    walked = list(walk_layers(model))
    labels = named_blocks({path: layer.name for path, layer, _depth in walked})
    if any(type(layer).__name__ in _MERGES and path not in labels
           for path, layer, _depth in walked):
        found = graph_blocks(traced_graph(model), {p: layer for p, layer, _d in walked})
        labels = {**found, **labels}
    spatial, other = [], []
    for path, layer, depth in walked:
        shape = output_shape(layer)
        if shape is not None and len(shape) == 4:
            block, role = labels.get(path, (None, None))
            spatial.append(LayerInfo(path, layer.name, type(layer).__name__, depth,
                                     block, role, shape[1:]))
        else:
            other.append(path)
    return spatial, other


def spatial_layers(model) -> list[LayerInfo]:
    """Every layer with a 4-D output (N, H, W, C), nested models expanded.

    Args:
        model: a Functional or built Sequential Keras model.

    Returns:
        One ``LayerInfo`` per layer, in model order; a nested model's
        layers stand where the nested model stands.

    Raises:
        ProbeUnavailable: a subclassed model or an unbuilt Sequential model
            (``str(error)`` says which and what to do).

    Example:
        >>> [i.path for i in spatial_layers(vgg)][:2]  # doctest: +SKIP
        ['block1_conv1', 'block1_conv2']
    """
    return _outline(model)[0]


def other_layers(model) -> list[str]:
    """Paths of the layers without a spatial output (Flatten, Dense, ...).

    Raises:
        ProbeUnavailable: as :func:`spatial_layers`.
    """
    return _outline(model)[1]


def find_layer(model, path: str):
    """The Keras layer at ``path`` ("name" or "outer/inner"), or KeyError."""
    for candidate, layer, _depth in walk_layers(model):
        if candidate == path:
            return layer
    raise KeyError(path)
