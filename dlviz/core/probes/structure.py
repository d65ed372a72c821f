"""Which layers have feature maps, and where each sits in the architecture.

A layer has feature maps when its output is 4-D, (N, H, W, C). Its *block*
and *role* say where it sits, so the views can group an Inception block's
four branches and a ResNet block's shortcut and residual branch. Both come
from the layer names the zoo and ``keras.applications`` use:

- GoogLeNet: ``inception_3a_1x1``, ``inception_3a_3x3_reduce``,
  ``inception_3a_3x3``, ``inception_3a_5x5_reduce``, ``inception_3a_5x5``,
  ``inception_3a_pool``, ``inception_3a_pool_proj``, ``inception_3a_output``
  -> block ``inception_3a``; roles "1x1 branch", "3x3 branch",
  "5x5 branch", "pool branch", "merge".
- ResNet: ``conv2_block1_0_conv``/``_bn`` (the projection shortcut),
  ``conv2_block1_1_conv`` ... ``conv2_block1_3_bn`` (the residual branch),
  ``conv2_block1_add`` and ``conv2_block1_out`` -> block ``conv2_block1``;
  roles "shortcut", "residual", "merge".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlviz.core.probes.graph import require_graph, walk_layers

_INCEPTION = re.compile(r"(?P<block>inception_[0-9a-z]+)_(?P<part>1x1|3x3_reduce|3x3|"
                        r"5x5_reduce|5x5|pool_proj|pool|output)")
_INCEPTION_ROLES = {"1x1": "1x1 branch", "3x3_reduce": "3x3 branch", "3x3": "3x3 branch",
                    "5x5_reduce": "5x5 branch", "5x5": "5x5 branch", "pool": "pool branch",
                    "pool_proj": "pool branch", "output": "merge"}
_RESNET = re.compile(r"(?P<block>conv\d+_block\d+)_(?:(?P<branch>\d+)_[a-z]+|"
                     r"(?P<merge>add|out))")


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
        role: "1x1 branch", "3x3 branch", "5x5 branch", "pool branch",
            "shortcut", "residual", "merge", or None.
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


def block_and_role(name: str) -> tuple[str | None, str | None]:
    """The (block, role) a layer's name places it in, or (None, None).

    Example:
        >>> block_and_role("inception_4a_5x5_reduce")
        ('inception_4a', '5x5 branch')
        >>> block_and_role("conv3_block1_0_bn")
        ('conv3_block1', 'shortcut')
    """
    found = _INCEPTION.fullmatch(name)
    if found:
        return found["block"], _INCEPTION_ROLES[found["part"]]
    found = _RESNET.fullmatch(name)
    if found:
        if found["merge"]:
            return found["block"], "merge"
        return found["block"], "shortcut" if found["branch"] == "0" else "residual"
    return None, None


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
    spatial, other = [], []
    for path, layer, depth in walk_layers(model):
        shape = output_shape(layer)
        if shape is not None and len(shape) == 4:
            block, role = block_and_role(layer.name)
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
