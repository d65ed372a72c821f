"""The model library: one class per architecture, each with the seven methods.

Importing this package does not import Keras; see ``registry``.
"""

from dlviz.core.zoo.registry import REGISTRY, ZooEntry, create, get_entry

__all__ = ["REGISTRY", "ZooEntry", "create", "get_entry"]
