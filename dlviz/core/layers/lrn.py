"""Local response normalisation across channels, as in AlexNet (2012).

Krizhevsky et al. divide each activation by the energy of its neighbours
along the channel axis::

    b[x, y, i] = a[x, y, i] / (k + alpha * sum_j a[x, y, j] ** 2) ** beta

where ``j`` runs over the ``size`` channels centred on ``i`` (clipped at the
edges). The paper uses size=5, k=2, alpha=1e-4, beta=0.75. Unlike Caffe, the
paper does not divide ``alpha`` by ``size``; neither does this layer.
"""

from __future__ import annotations

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="dlviz")
class LocalResponseNormalization(keras.layers.Layer):
    """Normalise each activation by the sum of squares of nearby channels.

    Args:
        size: number of channels in the window (odd; 5 in AlexNet). The
            window spans ``size // 2`` channels on each side, i.e.
            TensorFlow's ``depth_radius``.
        k: additive bias in the denominator (2 in AlexNet).
        alpha: scale of the sum of squares (1e-4 in AlexNet).
        beta: exponent of the denominator (0.75 in AlexNet).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Returns:
        A layer whose output has the shape of its (channels-last) input.

    Example:
        >>> lrn = LocalResponseNormalization(name="conv1_norm")  # doctest: +SKIP
        >>> y = lrn(x)  # same shape as x  # doctest: +SKIP
    """

    def __init__(self, size: int = 5, k: float = 2.0, alpha: float = 1e-4,
                 beta: float = 0.75, **kwargs):
        super().__init__(**kwargs)
        if size < 1 or size % 2 == 0:
            raise ValueError(f"size must be a positive odd number, got {size}")
        self.size = int(size)
        self.k = float(k)
        self.alpha = float(alpha)
        self.beta = float(beta)

    @property
    def depth_radius(self) -> int:
        """Channels on each side of the centre (TensorFlow's name for it)."""
        return self.size // 2

    def call(self, inputs):
        squares = ops.square(inputs)
        r = self.depth_radius
        # Zero-padding the channel axis makes the window "clip at the edges"
        # without special cases; summing `size` shifted slices is cheap for
        # the small windows LRN uses and works on every Keras backend.
        pad = [[0, 0]] * (len(inputs.shape) - 1) + [[r, r]]
        padded = ops.pad(squares, pad)
        channels = ops.shape(inputs)[-1]
        window = padded[..., 0:channels]
        for offset in range(1, self.size):
            window = window + padded[..., offset:offset + channels]
        return inputs / ops.power(self.k + self.alpha * window, self.beta)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(size=self.size, k=self.k, alpha=self.alpha, beta=self.beta)
        return config
