"""VGG-16 (Simonyan and Zisserman, 2014), configuration D.

Thirteen 3x3 convolutions in five blocks, each block closed by 2x2 max
pooling, then three dense layers. Two stacked 3x3 convolutions see a 5x5
window with 2 * 9 = 18 weights per channel pair instead of 25 (72 %), and
add a ReLU between them. The layer names are those of
``keras.applications.VGG16`` so that its ImageNet weights can be loaded into
this model by name. 224x224x3 with 1000 classes: 138,357,544 parameters.

For small inputs (side of 64 px or less, e.g. the 32x32 "mini" preset) the
defaults make every convolution 4x narrower and the dense layers 256 wide,
so it trains on a CPU; the blocks and names are unchanged.
"""

from __future__ import annotations

import keras
from keras import layers

from dlviz.core.zoo.base import ZooModel

#: (filters, convolutions) of each block in configuration D.
BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
#: Inputs with a side up to this get the small-input defaults.
SMALL_INPUT = 64
#: Weight initialisation of the ReLU layers (He et al., 2015): variance 2/fan_in
#: keeps the signal's scale through 15 ReLU layers. Keras's default (Glorot,
#: about 1/fan_in here) halves it at every layer, so the softmax sees a
#: constant input and the loss stays at ln 10 = 2.302 from the first step.
INIT = "he_uniform"


class VGG16(ZooModel):
    """VGG-16 with ``keras.applications`` layer names.

    Args:
        input_shape: (height, width, channels); 224x224x3 in the paper. Each
            side must be at least 32 (five 2x2 poolings).
        classes: number of output classes (1000 for ImageNet).
        width_divisor: divide every convolution's filter count by this
            (1, or 4 for small inputs).
        fc_units: units of fc1 and fc2 (4096, or 256 for small inputs).

    Example:
        >>> VGG16().build().count_params()  # doctest: +SKIP
        138357544
    """

    title = "VGG-16"
    kind = "CNN"
    default_input_shape = (224, 224, 3)
    default_classes = 1000

    def _settings(self) -> dict:
        small = min(self.input_shape[:2]) <= SMALL_INPUT
        defaults = dict(width_divisor=4 if small else 1,
                        fc_units=256 if small else 4096, init=INIT)
        return {**defaults, **self.options}

    def _build(self):
        """Create the Functional model.

        Returns:
            A ``keras.Model`` named ``vgg16``.
        """
        s = self._settings()
        inputs = keras.Input(shape=self.input_shape, name="input")
        x = inputs
        for block, (filters, convs) in enumerate(BLOCKS, start=1):
            for i in range(1, convs + 1):
                x = layers.Conv2D(filters // s["width_divisor"], 3,
                                  padding="same", activation="relu",
                                  kernel_initializer=s["init"],
                                  name=f"block{block}_conv{i}")(x)
            x = layers.MaxPooling2D(2, strides=2, name=f"block{block}_pool")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(s["fc_units"], activation="relu",
                         kernel_initializer=s["init"], name="fc1")(x)
        x = layers.Dense(s["fc_units"], activation="relu",
                         kernel_initializer=s["init"], name="fc2")(x)
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="predictions")(x)
        return keras.Model(inputs, outputs, name="vgg16")
