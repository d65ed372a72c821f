"""LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998).

The layer names follow the paper's figure 2: C1, S2, C3, S4, C5, F6 and the
output layer. Two simplifications are the ones every textbook makes: S2 and
S4 are plain average pooling (the paper's subsampling layers also had a
trainable coefficient and bias per map), C3 connects to all six S2 maps (the
paper's table 1 used a sparse connection scheme) and the output is a softmax
layer instead of Euclidean RBF units. With those, the canonical network has
61,706 parameters.
"""

from __future__ import annotations

import keras
from keras import layers

from dlviz.core.zoo.base import ZooModel


class LeNet5(ZooModel):
    """LeNet-5: two convolution/subsampling stages and three dense stages.

    Args:
        input_shape: (height, width, channels); 32x32x1 in the paper.
        classes: number of output classes (10 digits in the paper).
        modern: if True, use ReLU and max pooling (today's choices) instead
            of tanh and average pooling. The parameter count is the same.

    Example:
        >>> net = LeNet5(modern=True)  # doctest: +SKIP
        >>> net.build().count_params()  # doctest: +SKIP
        61706
    """

    title = "LeNet-5"
    kind = "CNN"
    default_input_shape = (32, 32, 1)
    default_classes = 10

    def _build(self):
        """Create the Functional model.

        Returns:
            A ``keras.Model`` named ``lenet5`` (or ``lenet5_modern``).
        """
        modern = bool(self.options.get("modern", False))
        act = "relu" if modern else "tanh"
        pool = layers.MaxPooling2D if modern else layers.AveragePooling2D

        inputs = keras.Input(shape=self.input_shape, name="input")
        # "valid" padding: C1 turns 32x32 into 28x28 feature maps, as in 1998.
        x = layers.Conv2D(6, 5, activation=act, name="c1_conv")(inputs)
        x = pool(2, name="s2_pool")(x)
        x = layers.Conv2D(16, 5, activation=act, name="c3_conv")(x)
        x = pool(2, name="s4_pool")(x)
        # C5 is a convolution whose 5x5 kernel covers the whole 5x5 map, so
        # it behaves as a dense layer on 32x32 inputs but stays a convolution
        # (with feature maps to look at) on larger ones.
        x = layers.Conv2D(120, 5, activation=act, name="c5_conv")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(84, activation=act, name="f6_dense")(x)
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="predictions")(x)
        name = "lenet5_modern" if modern else "lenet5"
        return keras.Model(inputs, outputs, name=name)
