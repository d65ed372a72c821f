"""A CNN's feature map as a list of image regions, each knowing where it is.

An image captioner attends over the regions of its encoder's last feature
map (8x8 for a 64x64 scene): region ``k`` is the cell at row ``k // cols``,
column ``k % cols``. A convolution's features say *what* is in a cell but
hardly *where* the cell is, and a caption needs both ("above", "left of"),
so each region gets a learned position vector added (like a Transformer's
learned position embeddings).
"""

from __future__ import annotations

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="dlviz")
class ImageRegions(keras.layers.Layer):
    """(B, rows, cols, C) -> (B, rows * cols, C): regions row by row, plus a position each.

    Args:
        positions: add a learned vector per region (False: the plain feature map).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
        >>> regions = ImageRegions(name="regions")(feature_map)  # doctest: +SKIP
        >>> regions.shape  # (None, 64, 64) for an 8x8x64 map        # doctest: +SKIP
    """

    def __init__(self, positions: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.positions = bool(positions)

    def build(self, input_shape):
        _, rows, cols, channels = input_shape
        if rows is None or cols is None:
            raise ValueError("ImageRegions needs a feature map of fixed rows and columns "
                             "(give the model a fixed image size)")
        self.grid = (int(rows), int(cols))
        if self.positions:
            self.position = self.add_weight(shape=(rows * cols, int(channels)),
                                            initializer="zeros", name="position")

    def call(self, inputs):
        rows, cols = self.grid
        regions = ops.reshape(inputs, (-1, rows * cols, ops.shape(inputs)[-1]))
        if self.positions:
            regions = regions + self.position
        return regions

    def compute_output_shape(self, input_shape):
        batch, rows, cols, channels = input_shape
        return (batch, None if rows is None or cols is None else rows * cols, channels)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(positions=self.positions)
        return config
