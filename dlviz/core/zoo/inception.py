"""Building blocks of GoogLeNet: the Inception module and the auxiliary head.

Kept apart from ``googlenet.py`` so each file reads on one screen, and so
later Inception-style models can reuse them.
"""

from __future__ import annotations

from typing import NamedTuple

from keras import layers


class InceptionSpec(NamedTuple):
    """One row of table 1 of Szegedy et al. (2014): filters per branch."""

    n1x1: int
    n3x3_reduce: int
    n3x3: int
    n5x5_reduce: int
    n5x5: int
    pool_proj: int

    @property
    def out_channels(self) -> int:
        """Channels of the concatenated output (the table's "depth")."""
        return self.n1x1 + self.n3x3 + self.n5x5 + self.pool_proj


#: Weight initialisation of every ReLU layer (He et al., 2015). Keras's
#: default (Glorot) roughly halves the signal's variance at each of
#: GoogLeNet's 22 ReLU layers, so without batch normalisation the softmax
#: sees an almost constant input and the loss stays near ln(classes).
INIT = "he_uniform"


def _conv(x, filters, kernel, name):
    # Every convolution in GoogLeNet, the reductions included, has a ReLU.
    return layers.Conv2D(filters, kernel, padding="same", activation="relu",
                         kernel_initializer=INIT, name=name)(x)


def inception_block(x, spec: InceptionSpec, name: str):
    """Four parallel branches (1x1; 1x1->3x3; 1x1->5x5; pool->1x1), concatenated.

    The 1x1 "reduce" convolutions shrink the channel count before the
    expensive 3x3 and 5x5 convolutions; the pool projection keeps the
    pooling branch from growing the output depth.

    Args:
        x: input tensor (channels last).
        spec: filters of each branch, from table 1 of the paper.
        name: block name, e.g. ``inception_3a``; layers are named
            ``inception_3a_1x1``, ``inception_3a_3x3_reduce``, ...,
            ``inception_3a_output``.

    Returns:
        The concatenated tensor with ``spec.out_channels`` channels.
    """
    b1 = _conv(x, spec.n1x1, 1, f"{name}_1x1")
    b3 = _conv(x, spec.n3x3_reduce, 1, f"{name}_3x3_reduce")
    b3 = _conv(b3, spec.n3x3, 3, f"{name}_3x3")
    b5 = _conv(x, spec.n5x5_reduce, 1, f"{name}_5x5_reduce")
    b5 = _conv(b5, spec.n5x5, 5, f"{name}_5x5")
    bp = layers.MaxPooling2D(3, strides=1, padding="same", name=f"{name}_pool")(x)
    bp = _conv(bp, spec.pool_proj, 1, f"{name}_pool_proj")
    return layers.Concatenate(axis=-1, name=f"{name}_output")([b1, b3, b5, bp])


def auxiliary_head(x, classes: int, name: str, width_divisor: int = 1):
    """The auxiliary classifier attached after inception 4a and 4d.

    5x5/3 average pooling, 1x1 convolution with 128 filters, a dense layer
    of 1024 units, dropout 0.7 and a softmax over the classes. During
    training its loss (weight 0.3) pushes gradient into the middle of the
    network; at prediction dlviz averages it with the main output.

    Args:
        x: the inception block's output.
        classes: number of output classes.
        name: head name (``aux1`` or ``aux2``); also the output's name.
        width_divisor: divide the 128 filters and 1024 units by this.

    Returns:
        The head's softmax output tensor.
    """
    # 14x14 maps (224 px input) pool to 4x4 as in the paper; smaller maps
    # get a window no larger than themselves so the head still has output.
    side = min(int(x.shape[1]), int(x.shape[2]))
    pool = min(5, side)
    x = layers.AveragePooling2D(pool, strides=min(3, pool),
                                name=f"{name}_avg_pool")(x)
    x = _conv(x, 128 // width_divisor, 1, f"{name}_conv")
    x = layers.Flatten(name=f"{name}_flatten")(x)
    x = layers.Dense(1024 // width_divisor, activation="relu", kernel_initializer=INIT,
                     name=f"{name}_fc")(x)
    x = layers.Dropout(0.7, name=f"{name}_dropout")(x)
    return layers.Dense(classes, activation="softmax", name=name)(x)
