"""Each layer's structural block and role: from its name, else from the graph.

Names come first, because the zoo and ``keras.applications`` name their
layers by block:

- GoogLeNet: ``inception_3a_1x1``, ``inception_3a_3x3_reduce``,
  ``inception_3a_3x3``, ``inception_3a_5x5_reduce``, ``inception_3a_5x5``,
  ``inception_3a_pool``, ``inception_3a_pool_proj``, ``inception_3a_output``
  -> block ``inception_3a``; roles "1x1 branch", "3x3 branch",
  "5x5 branch", "pool branch", "merge".
- ResNet: ``conv2_block1_0_conv``/``_bn`` (the projection shortcut),
  ``conv2_block1_1_conv`` ... ``conv2_block1_3_bn`` (the residual branch),
  ``conv2_block1_add``/``_out`` -> block ``conv2_block1``; roles "shortcut",
  "residual", "merge". Only blocks that have such a merge count (DenseNet
  uses the same names for something else).

Layers the names leave open are found in the graph: a Concatenate or Add
whose inputs come back, through chains of single-input layers, from one
fork. Each chain is a branch: an Add's shorter chain is its "shortcut", the
longer its "residual"; a Concatenate's chains are named by their pooling or
their widest kernel ("pool branch", "3x3 branch", ...), as in Keras's
InceptionV3 (``mixed0`` ...). Long chains (not a block) are left alone.
"""

from __future__ import annotations

import re

_INCEPTION = re.compile(r"(?P<block>inception_[0-9a-z]+)_(?P<part>1x1|3x3_reduce|3x3|"
                        r"5x5_reduce|5x5|pool_proj|pool|output)")
_INCEPTION_ROLES = {"1x1": "1x1 branch", "3x3_reduce": "3x3 branch", "3x3": "3x3 branch",
                    "5x5_reduce": "5x5 branch", "5x5": "5x5 branch", "pool": "pool branch",
                    "pool_proj": "pool branch", "output": "merge"}
_RESNET = re.compile(r"(?P<block>conv\d+_block\d+)_(?:(?P<branch>\d+)_[a-z]+|"
                     r"(?P<merge>add|out))")
#: Longest chain of layers still taken for a branch of one block.
MAX_BRANCH = 20


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


def named_blocks(names: dict) -> dict:
    """{path: (block, role)} from layer names ({path: name}), merge-checked."""
    found = {path: block_and_role(name) for path, name in names.items()}
    merged = {(path.rpartition("/")[0], block) for path, (block, role) in found.items()
              if role == "merge"}
    return {path: (block, role) for path, (block, role) in found.items()
            if block and (path.rpartition("/")[0], block) in merged}


def graph_blocks(traced, layers: dict) -> dict:
    """{path: (block, role)} of the merges found in a traced graph.

    Args:
        traced: the model's ``graph.TracedGraph``.
        layers: {path: Keras layer}.
    """
    producer, inputs, consumers = {}, {}, {}
    for path, tensor in traced.recorded.items():
        history = getattr(tensor, "_keras_history", None)
        if history is None:
            continue
        producer[id(tensor)] = path
        inputs[path] = list(history[0]._inbound_nodes[history[1]].input_tensors)
        for source in inputs[path]:
            consumers[id(source)] = consumers.get(id(source), 0) + 1
    found = {}
    for path, layer in layers.items():
        kind = type(layer).__name__
        if kind not in ("Concatenate", "Add") or len(inputs.get(path, ())) < 2:
            continue
        branches = [_chain(t, producer, inputs, consumers) for t in inputs[path]]
        if any(b is None for b in branches) or not any(branches) or \
                (kind == "Concatenate" and not all(branches)):
            continue
        block = path.rpartition("/")[2]
        roles = (_add_roles(branches) if kind == "Add"
                 else [_branch_role([layers[p] for p in b]) for b in branches])
        for branch, role in zip(branches, roles):
            found.update({p: (block, role) for p in branch if p not in found})
        found[path] = (block, "merge")
    return found


def _chain(tensor, producer, inputs, consumers) -> list[str] | None:
    """Paths from ``tensor`` back to the fork (exclusive); None if too long."""
    chain = []
    while id(tensor) in producer and consumers.get(id(tensor), 0) == 1:
        path = producer[id(tensor)]
        chain.append(path)
        if len(chain) > MAX_BRANCH:
            return None
        if len(inputs[path]) != 1:
            break
        tensor = inputs[path][0]
    return chain


def _add_roles(branches: list[list[str]]) -> list[str]:
    shortest = min(range(len(branches)), key=lambda i: len(branches[i]))
    return ["shortcut" if i == shortest and len(branches) == 2 else "residual"
            for i in range(len(branches))]


def _branch_role(layers: list) -> str | None:
    if any("Pooling" in type(layer).__name__ for layer in layers):
        return "pool branch"
    sizes = [max(layer.kernel_size) for layer in layers if hasattr(layer, "kernel_size")]
    return f"{max(sizes)}x{max(sizes)} branch" if sizes else None
