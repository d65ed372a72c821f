"""MobileNet v1 (Howard et al., 2017), as ``keras.applications.MobileNet``.

Each block is a depthwise 3x3 convolution (one filter per input channel)
followed by a pointwise 1x1 convolution that mixes channels, each with
batch normalisation and ReLU6. Against a standard 3x3 convolution with N
output channels this costs 1/N + 1/3² of the multiply-adds. The width
multiplier ``alpha`` thins every layer.

Names, order and weight shapes equal ``keras.applications.MobileNet`` (a
test checks it) except for the two weightless layers Keras leaves with
generated names: ``global_average_pooling`` and ``reshape_preds`` here.
alpha=1 at 224x224x3 with 1000 classes: 4,253,864 parameters.

Any input of at least 32x32 works unchanged (the overall stride is 32), so
the 32x32 "mini" preset is the canonical network on small images.
"""

from __future__ import annotations

import keras
from keras import layers

from dlviz.core.zoo.base import ZooModel
from dlviz.core.zoo.resnet import MINI_BN_MOMENTUM

#: Inputs with a side below this train with faster batch-norm statistics.
SMALL_INPUT = 128

#: (pointwise filters, stride) of depthwise-separable blocks 1..13.
BLOCKS = ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
          (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1))


def separable_block(x, filters, block_id, strides=1, depth_multiplier=1, momentum=0.99):
    """Depthwise 3x3 -> BN -> ReLU6 -> pointwise 1x1 -> BN -> ReLU6.

    Args:
        x: input tensor.
        filters: output channels of the pointwise convolution (alpha applied).
        block_id: 1..13; layers are named ``conv_dw_<id>``, ``conv_pw_<id>``.
        strides: 1, or 2 to halve the map.
        depth_multiplier: depthwise outputs per input channel.
        momentum: of the batch normalisations' moving statistics.

    Returns:
        The block's output tensor.
    """
    if strides != 1:
        # Pad bottom/right only, then "valid": Keras's (and TF-Slim's)
        # arithmetic, which the ImageNet weights were trained with.
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(x)
    x = layers.DepthwiseConv2D(3, strides=strides,
                               padding="same" if strides == 1 else "valid",
                               depth_multiplier=depth_multiplier, use_bias=False,
                               name=f"conv_dw_{block_id}")(x)
    x = layers.BatchNormalization(momentum=momentum, name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(filters, 1, padding="same", use_bias=False,
                      name=f"conv_pw_{block_id}")(x)
    x = layers.BatchNormalization(momentum=momentum, name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)


class MobileNet(ZooModel):
    """MobileNet v1 with ``keras.applications`` layer names.

    Args:
        input_shape: (height, width, channels); 224x224x3 in the paper. Each
            side must be at least 32.
        classes: number of output classes (1000 for ImageNet).
        alpha: width multiplier (1.0; the paper also uses 0.75, 0.5, 0.25).
        depth_multiplier: resolution multiplier of the depthwise layers (1).
        dropout: dropout rate before the classifier (1e-3, as Keras).
        bn_momentum: momentum of every batch normalisation's moving mean
            and variance (0.99 as Keras, or 0.9 for inputs under 128 px,
            see :data:`dlviz.core.zoo.resnet.MINI_BN_MOMENTUM`).

    Example:
        >>> MobileNet(alpha=0.5).build().count_params()  # doctest: +SKIP
        1342536
    """

    title = "MobileNet"
    kind = "CNN"
    default_input_shape = (224, 224, 3)
    default_classes = 1000

    def _build(self):
        """Create the Functional model.

        Returns:
            A ``keras.Model`` named ``mobilenet_<alpha>``.
        """
        alpha = float(self.options.get("alpha", 1.0))
        depth_multiplier = int(self.options.get("depth_multiplier", 1))
        dropout = float(self.options.get("dropout", 1e-3))
        small = min(self.input_shape[:2]) < SMALL_INPUT
        momentum = float(self.options.get("bn_momentum", MINI_BN_MOMENTUM if small else 0.99))

        inputs = keras.Input(shape=self.input_shape, name="input")
        x = layers.Conv2D(int(32 * alpha), 3, strides=2, padding="same",
                          use_bias=False, name="conv1")(inputs)
        x = layers.BatchNormalization(momentum=momentum, name="conv1_bn")(x)
        x = layers.ReLU(6.0, name="conv1_relu")(x)
        for block_id, (filters, strides) in enumerate(BLOCKS, start=1):
            x = separable_block(x, int(filters * alpha), block_id, strides,
                                depth_multiplier, momentum)
        # The classifier is a 1x1 convolution on the pooled 1x1 map, as in
        # Keras, so ImageNet weights of shape (1, 1, 1024, 1000) fit.
        x = layers.GlobalAveragePooling2D(keepdims=True,
                                          name="global_average_pooling")(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(self.classes, 1, padding="same", name="conv_preds")(x)
        x = layers.Reshape((self.classes,), name="reshape_preds")(x)
        outputs = layers.Activation("softmax", name="predictions")(x)
        return keras.Model(inputs, outputs, name=f"mobilenet_{alpha:0.2f}")
