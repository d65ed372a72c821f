"""ResNet-50 (He, Zhang, Ren and Sun, 2015), as ``keras.applications.ResNet50``.

A 7x7/2 stem and 3x3/2 max pooling, then four stages of bottleneck blocks
(1x1 reduce, 3x3, 1x1 expand x4, each followed by batch normalisation). The
first block of each stage is a *convolutional block*: its shortcut is a 1x1
projection (with stride 2 from stage 3 on) because the shape changes; the
other blocks are *identity blocks* whose shortcut is the input itself. The
stride sits in the first 1x1 convolution, as in the original Caffe model
and Keras (not in the 3x3, as in "ResNet v1.5").

Names, order and weight shapes equal ``keras.applications.ResNet50`` (a
test checks it), so its ImageNet weights fit. 224x224x3 with 1000 classes:
25,636,712 parameters.

Small inputs (side under 128 px, e.g. the 32x32 "mini" preset) default to
``width_divisor=4``: every stage is 4x narrower (the same blocks and names,
about 1/16 of the weights), so it trains and saves quickly on a CPU.
"""

from __future__ import annotations

import keras
from keras import layers

from dlviz.core.zoo.base import ZooModel

#: (name, bottleneck filters, blocks, stride of the first block).
STAGES = (("conv2", 64, 3, 1), ("conv3", 128, 4, 2),
          ("conv4", 256, 6, 2), ("conv5", 512, 3, 2))
#: Batch-normalisation epsilon of the Caffe model, kept by Keras.
BN_EPSILON = 1.001e-5
#: Inputs with a side below this get the small-input defaults.
SMALL_INPUT = 128
#: Batch-norm momentum of the small-input defaults. Keras's 0.99 keeps about
#: 37 % of the statistics of 100 steps ago, when the weights were quite
#: different: after the few hundred steps of a lesson, the moving statistics
#: that inference uses do not match the activations, and validation stays at
#: chance while training accuracy climbs. 0.9 forgets in about 20 steps.
MINI_BN_MOMENTUM = 0.9


def _conv_bn(x, filters, kernel, name, strides=1, padding="valid", momentum=0.99,
             gamma="ones"):
    x = layers.Conv2D(filters, kernel, strides=strides, padding=padding,
                      name=f"{name}_conv")(x)
    return layers.BatchNormalization(axis=-1, epsilon=BN_EPSILON, momentum=momentum,
                                     gamma_initializer=gamma, name=f"{name}_bn")(x)


def _bottleneck(x, shortcut, filters, name, strides=1, momentum=0.99, zero_gamma=False):
    """1x1 reduce -> 3x3 -> 1x1 expand, added to ``shortcut``, then ReLU.

    ``zero_gamma`` starts the last batch norm's scale at 0, so the block
    starts as its shortcut (Goyal et al., 2017): a deep ResNet then trains
    like a shallow one at first, and much faster from scratch.
    """
    x = _conv_bn(x, filters, 1, f"{name}_1", strides=strides, momentum=momentum)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = _conv_bn(x, filters, 3, f"{name}_2", padding="same", momentum=momentum)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = _conv_bn(x, 4 * filters, 1, f"{name}_3", momentum=momentum,
                 gamma="zeros" if zero_gamma else "ones")
    x = layers.Add(name=f"{name}_add")([shortcut, x])
    return layers.Activation("relu", name=f"{name}_out")(x)


def conv_block(x, filters, name, strides=2, momentum=0.99, zero_gamma=False):
    """Bottleneck block whose shortcut is a 1x1 projection (``name_0_*``).

    Args:
        x: input tensor.
        filters: bottleneck width; the block outputs ``4 * filters`` channels.
        name: block name, e.g. ``conv3_block1``.
        strides: stride of the projection and of the first 1x1 convolution.
        momentum: of the batch normalisations' moving statistics.
        zero_gamma: start the residual branch's last scale at 0.

    Returns:
        The block's output tensor.
    """
    shortcut = _conv_bn(x, 4 * filters, 1, f"{name}_0", strides=strides,
                        momentum=momentum)
    return _bottleneck(x, shortcut, filters, name, strides=strides, momentum=momentum,
                       zero_gamma=zero_gamma)


def identity_block(x, filters, name, momentum=0.99, zero_gamma=False):
    """Bottleneck block whose shortcut is its input, unchanged.

    Args:
        x: input tensor with ``4 * filters`` channels.
        filters: bottleneck width.
        name: block name, e.g. ``conv3_block2``.
        momentum: of the batch normalisations' moving statistics.
        zero_gamma: start the residual branch's last scale at 0.

    Returns:
        The block's output tensor.
    """
    return _bottleneck(x, x, filters, name, momentum=momentum, zero_gamma=zero_gamma)


class ResNet50(ZooModel):
    """ResNet-50 v1 with ``keras.applications`` layer names.

    Args:
        input_shape: (height, width, channels); 224x224x3 in the paper. Each
            side must be at least 32 (overall stride 32).
        classes: number of output classes (1000 for ImageNet).
        width_divisor: divide every stage's width by this (1, or 4 for
            small inputs). The stem keeps its 64 filters.
        bn_momentum: momentum of every batch normalisation's moving mean
            and variance (0.99 as Keras, or 0.9 for small inputs).
        zero_gamma: start each block's last batch-norm scale at 0, so every
            block starts as its shortcut (False as Keras, True for small
            inputs: the mini preset then learns in a few epochs from scratch).

    Example:
        >>> ResNet50().build().count_params()  # doctest: +SKIP
        25636712
    """

    title = "ResNet-50"
    kind = "CNN"
    default_input_shape = (224, 224, 3)
    default_classes = 1000

    def _build(self):
        """Create the Functional model.

        Returns:
            A ``keras.Model`` named ``resnet50``.
        """
        small = min(self.input_shape[:2]) < SMALL_INPUT
        divisor = int(self.options.get("width_divisor", 4 if small else 1))
        momentum = float(self.options.get("bn_momentum", MINI_BN_MOMENTUM if small else 0.99))
        zero = bool(self.options.get("zero_gamma", small))

        inputs = keras.Input(shape=self.input_shape, name="input")
        # Explicit padding (not "same") reproduces Caffe's and Keras's
        # arithmetic exactly: 224 -> 112 -> 56.
        x = layers.ZeroPadding2D(3, name="conv1_pad")(inputs)
        x = _conv_bn(x, 64, 7, "conv1", strides=2, momentum=momentum)
        x = layers.Activation("relu", name="conv1_relu")(x)
        x = layers.ZeroPadding2D(1, name="pool1_pad")(x)
        x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
        for stage, filters, blocks, strides in STAGES:
            filters //= divisor
            x = conv_block(x, filters, f"{stage}_block1", strides=strides,
                           momentum=momentum, zero_gamma=zero)
            for i in range(2, blocks + 1):
                x = identity_block(x, filters, f"{stage}_block{i}", momentum=momentum,
                                   zero_gamma=zero)
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="predictions")(x)
        return keras.Model(inputs, outputs, name="resnet50")
