"""GoogLeNet / Inception v1 (Szegedy et al., 2014).

Nine Inception blocks with the filter numbers of the paper's table 1, a
7x7/2 stem, local response normalisation (optional) and two auxiliary
classifiers after blocks 4a and 4d. The Keras model has three softmax
outputs named ``main``, ``aux1`` and ``aux2``. Training weighs their losses
1.0, 0.3, 0.3 as in the paper; ``predict`` returns the average of the three
(``predict_heads`` keeps each one inspectable).

Small inputs (side under 128 px, e.g. the 32x32 "mini" preset) get a
gentler stem: conv1 is 3x3 with stride 1 and the first max pooling is left
out, so 32x32 images reach block 3a at 16x16 and block 5b at 4x4. They
also default to ``width_divisor=4``: every convolution and the auxiliary
heads are 4x narrower (the same blocks, branches and names, about 1/16 of
the multiply-adds), so an epoch on the bundled digits takes seconds on a
CPU instead of minutes. ``width_divisor=1`` keeps table 1's numbers.

Every ReLU layer starts from He initialisation (see ``inception.INIT``):
without batch normalisation, Keras's default left the loss at ln(classes).
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers

from dlviz.core.layers import LocalResponseNormalization
from dlviz.core.zoo.base import ZooModel
from dlviz.core.zoo.inception import INIT, InceptionSpec, auxiliary_head, inception_block

#: Table 1 of the paper: #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj.
TABLE1 = {
    "3a": InceptionSpec(64, 96, 128, 16, 32, 32),
    "3b": InceptionSpec(128, 128, 192, 32, 96, 64),
    "4a": InceptionSpec(192, 96, 208, 16, 48, 64),
    "4b": InceptionSpec(160, 112, 224, 24, 64, 64),
    "4c": InceptionSpec(128, 128, 256, 24, 64, 64),
    "4d": InceptionSpec(112, 144, 288, 32, 64, 64),
    "4e": InceptionSpec(256, 160, 320, 32, 128, 128),
    "5a": InceptionSpec(256, 160, 320, 32, 128, 128),
    "5b": InceptionSpec(384, 192, 384, 48, 128, 128),
}
#: Output names, in the order of ``model.outputs``, and their loss weights.
HEADS = {"main": 1.0, "aux1": 0.3, "aux2": 0.3}
#: Inputs with a side below this get the small-input stem.
SMALL_INPUT = 128


class GoogLeNet(ZooModel):
    """Inception v1 with its two auxiliary classifiers.

    Args:
        input_shape: (height, width, channels); 224x224x3 in the paper.
        classes: number of output classes (1000 for ImageNet).
        lrn: apply local response normalisation (layers ``norm1`` after
            the first pooling and ``norm2`` after conv2), True as in the
            paper's figure 3.
        dropout: dropout rate before the main classifier (0.4).
        width_divisor: divide every filter count (stem, table 1, auxiliary
            heads) by this: 1, or 4 for small inputs.

    Example:
        >>> net = GoogLeNet(input_shape=(32, 32, 3), classes=10)  # doctest: +SKIP
        >>> net.predict_heads(x)["average"].shape  # doctest: +SKIP
        (8, 10)
    """

    title = "GoogLeNet"
    kind = "CNN"
    default_input_shape = (224, 224, 3)
    default_classes = 1000

    def _divisor(self) -> int:
        small = min(self.input_shape[:2]) < SMALL_INPUT
        return int(self.options.get("width_divisor", 4 if small else 1))

    def _stem(self, x):
        small = min(self.input_shape[:2]) < SMALL_INPUT
        lrn = bool(self.options.get("lrn", True))
        d = self._divisor()
        if small:
            x = layers.Conv2D(64 // d, 3, padding="same", activation="relu",
                              kernel_initializer=INIT, name="conv1")(x)
        else:
            x = layers.Conv2D(64 // d, 7, strides=2, padding="same", activation="relu",
                              kernel_initializer=INIT, name="conv1")(x)
            x = layers.MaxPooling2D(3, strides=2, padding="same", name="pool1")(x)
        if lrn:
            x = LocalResponseNormalization(name="norm1")(x)
        x = layers.Conv2D(64 // d, 1, activation="relu", kernel_initializer=INIT,
                          name="conv2_reduce")(x)
        x = layers.Conv2D(192 // d, 3, padding="same", activation="relu",
                          kernel_initializer=INIT, name="conv2")(x)
        if lrn:
            x = LocalResponseNormalization(name="norm2")(x)
        return layers.MaxPooling2D(3, strides=2, padding="same", name="pool2")(x)

    def _build(self):
        """Create the Functional model with outputs [main, aux1, aux2].

        Returns:
            A ``keras.Model`` named ``googlenet``.
        """
        inputs = keras.Input(shape=self.input_shape, name="input")
        x = self._stem(inputs)
        d = self._divisor()
        aux = []
        for block, spec in TABLE1.items():
            spec = InceptionSpec(*(max(1, n // d) for n in spec))
            if block in ("4a", "5a"):
                x = layers.MaxPooling2D(3, strides=2, padding="same",
                                        name=f"pool{block[0]}")(x)
            x = inception_block(x, spec, f"inception_{block}")
            if block in ("4a", "4d"):
                aux.append(auxiliary_head(x, self.classes, f"aux{len(aux) + 1}",
                                          width_divisor=d))
        # Global pooling equals the paper's 7x7/1 average pooling on 224 px
        # inputs and adapts to any other size.
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dropout(float(self.options.get("dropout", 0.4)),
                           name="dropout")(x)
        main = layers.Dense(self.classes, activation="softmax", name="main")(x)
        return keras.Model(inputs, [main, *aux], name="googlenet")

    def _compile_args(self) -> dict:
        scce = "sparse_categorical_crossentropy"
        return {"loss": {h: scce for h in HEADS},
                "loss_weights": dict(HEADS),
                "metrics": {h: ["accuracy"] for h in HEADS}}

    def _targets(self, y):
        # The same labels supervise all three heads.
        return {h: y for h in HEADS}

    def predict_heads(self, x, batch_size: int = 32) -> dict:
        """Class probabilities of each head and of their average.

        Args:
            x: images, shape (N, H, W, C).
            batch_size: images per forward pass.

        Returns:
            ``{"main", "aux1", "aux2", "average"}`` -> array (N, classes).
        """
        model = self._require_model()
        outputs = model.predict(x, batch_size=batch_size, verbose=0)
        heads = dict(zip(model.output_names, outputs))
        heads["average"] = np.mean([heads[h] for h in HEADS], axis=0)
        return heads

    def predict(self, x, batch_size: int = 32):
        """Average of the three heads' probabilities, shape (N, classes)."""
        return self.predict_heads(x, batch_size=batch_size)["average"]

    def test(self, x, y, batch_size: int = 32) -> dict[str, float]:
        """Keras's per-head losses and accuracies, plus ``accuracy``.

        ``accuracy`` is that of ``predict`` (the averaged heads), the number
        a person compares with single-output models; ``main_accuracy``,
        ``aux1_accuracy`` and ``aux2_accuracy`` are each head's own.

        Returns:
            Flat dict of metric name -> value.
        """
        result = super().test(x, y, batch_size=batch_size)
        guesses = np.argmax(self.predict(x, batch_size=batch_size), axis=-1)
        result["accuracy"] = float(np.mean(guesses == np.asarray(y).reshape(-1)))
        return result
