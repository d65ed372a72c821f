"""Custom Keras layers used by the model library.

Importing this package registers every layer with Keras's serialisation
(package ``dlviz``), so models that use them reload with ``safe_mode=True``.
"""

from dlviz.core.layers.attention import ScoreAttention
from dlviz.core.layers.caption_regions import ImageRegions
from dlviz.core.layers.grouped_conv import GroupedConv2D
from dlviz.core.layers.lrn import LocalResponseNormalization

__all__ = ["GroupedConv2D", "ImageRegions", "LocalResponseNormalization", "ScoreAttention"]
