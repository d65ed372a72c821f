"""AlexNet (Krizhevsky, Sutskever and Hinton, 2012).

The paper split the network over two GPUs; the layers whose inputs stayed on
one GPU (conv2, conv4, conv5) are grouped convolutions with ``groups=2``,
while conv3 and the dense layers saw both halves. ReLU everywhere, local
response normalisation after conv1 and conv2, overlapping 3x3/2 max pooling
and dropout 0.5 in fc6 and fc7. On 227x227x3 inputs with 1000 classes the
network has 60,965,224 parameters (the paper's "60 million").

For small inputs (side under 128 px, e.g. the 32x32 "mini" preset) the
defaults change so that the network still has feature maps left after three
poolings and trains on a CPU: conv1 becomes 5x5 with stride 1 and "same"
padding, every convolution is 4x narrower and fc6/fc7 have 512 units. The
layer pattern (LRN, grouped convolutions, overlapping pooling) is kept.
"""

from __future__ import annotations

import keras
from keras import layers

from dlviz.core.layers import GroupedConv2D, LocalResponseNormalization
from dlviz.core.zoo.base import ZooModel

#: Filters of conv1..conv5 in the paper (both GPUs together).
FILTERS = (96, 256, 384, 384, 256)
#: Inputs with a side below this get the small-input defaults.
SMALL_INPUT = 128
#: Weight initialisation of every ReLU layer (He et al., 2015). With Keras's
#: default (Glorot) and the two LRN layers, the signal reaching fc8 on the
#: generated shapes was 1/100 of conv1's, and the loss stayed at ln(classes).
INIT = "he_uniform"


class AlexNet(ZooModel):
    """AlexNet with LRN and grouped convolutions.

    Args:
        input_shape: (height, width, channels); 227x227x3 in the paper.
        classes: number of output classes (1000 for ImageNet).
        conv1_kernel: kernel side of conv1 (11, or 5 for small inputs).
        conv1_strides: stride of conv1 (4, or 1 for small inputs).
        width_divisor: divide every convolution's filter count by this
            (1, or 4 for small inputs); must keep the counts even for the
            two groups.
        fc_units: units of fc6 and fc7 (4096, or 512 for small inputs).
        dropout: dropout rate after fc6 and fc7 (0.5).

    Example:
        >>> AlexNet().build().count_params()  # doctest: +SKIP
        60965224
    """

    title = "AlexNet"
    kind = "CNN"
    default_input_shape = (227, 227, 3)
    default_classes = 1000

    def _settings(self) -> dict:
        small = min(self.input_shape[:2]) < SMALL_INPUT
        defaults = dict(conv1_kernel=5 if small else 11,
                        conv1_strides=1 if small else 4,
                        width_divisor=4 if small else 1,
                        fc_units=512 if small else 4096,
                        dropout=0.5)
        return {**defaults, **self.options}

    def _build(self):
        """Create the Functional model.

        Returns:
            A ``keras.Model`` named ``alexnet``.
        """
        s = self._settings()
        f1, f2, f3, f4, f5 = (n // s["width_divisor"] for n in FILTERS)
        # On the canonical 227 px input conv1 is "valid" (227 -> 55 as in the
        # paper); with stride 1 on small inputs "same" keeps the map size.
        conv1_padding = "same" if s["conv1_strides"] == 1 else "valid"

        inputs = keras.Input(shape=self.input_shape, name="input")
        x = layers.Conv2D(f1, s["conv1_kernel"], strides=s["conv1_strides"],
                          padding=conv1_padding, activation="relu",
                          kernel_initializer=INIT, name="conv1")(inputs)
        x = LocalResponseNormalization(name="conv1_norm")(x)
        x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
        x = GroupedConv2D(f2, 5, padding="same", groups=2, activation="relu",
                          kernel_initializer=INIT, name="conv2")(x)
        x = LocalResponseNormalization(name="conv2_norm")(x)
        x = layers.MaxPooling2D(3, strides=2, name="pool2")(x)
        # conv3 is the one convolution that crossed between the two GPUs.
        x = layers.Conv2D(f3, 3, padding="same", activation="relu",
                          kernel_initializer=INIT, name="conv3")(x)
        x = GroupedConv2D(f4, 3, padding="same", groups=2, activation="relu",
                          kernel_initializer=INIT, name="conv4")(x)
        x = GroupedConv2D(f5, 3, padding="same", groups=2, activation="relu",
                          kernel_initializer=INIT, name="conv5")(x)
        x = layers.MaxPooling2D(3, strides=2, name="pool5")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(s["fc_units"], activation="relu", kernel_initializer=INIT,
                         name="fc6")(x)
        x = layers.Dropout(s["dropout"], name="fc6_dropout")(x)
        x = layers.Dense(s["fc_units"], activation="relu", kernel_initializer=INIT,
                         name="fc7")(x)
        x = layers.Dropout(s["dropout"], name="fc7_dropout")(x)
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="fc8")(x)
        return keras.Model(inputs, outputs, name="alexnet")
