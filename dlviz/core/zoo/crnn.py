"""CRNN: a small CNN, its feature map's columns as time steps, a BiLSTM, CTC.

The handwriting recogniser of Shi, Bai and Yao (2015) at classroom size:

``image`` (32x128 grey) -> three conv blocks (``block1_conv`` .. ``block3_pool``;
the last pools height only, so 128 columns become 32 time steps) ->
``columns`` (each of the 32 columns of the 4x64 map as one vector of 256) ->
``column_dense`` -> ``bi_lstm`` (reads the columns both ways) ->
``ctc_predictions`` (a softmax over the blank and the 10 digits per column).

It is trained with CTC loss (:func:`ctc_loss_from_probabilities`): the sum over
every alignment of the string to the 32 columns, so no one marks where each
digit is. Class 0 is the CTC blank, as in Keras (``keras.losses.CTC``).

Example:
    >>> net = CRNN()                                       # doctest: +SKIP
    >>> net.build().output_shape                           # doctest: +SKIP
    (None, 32, 11)
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data.digit_strings import CTC_DIGIT_CLASSES, HEIGHT, WIDTH
from dlviz.core.zoo.base import ZooModel

#: Name of the per-column softmax layer (the probe reads its output).
OUTPUT_LAYER = "ctc_predictions"


def ctc_loss_from_probabilities(y_true, y_pred):
    """Keras's CTC loss for a model whose output is already a softmax.

    ``keras.losses.ctc`` wants logits and applies a log-softmax itself; the
    log of a softmax is its own log-softmax, so passing ``log(p)`` gives the
    exact loss of the probabilities ``p``.

    Args:
        y_true: int (batch, max_len) label rows, padded with 0 (the blank).
        y_pred: float (batch, time, classes) per-column probabilities.
    """
    import keras

    log_p = keras.ops.log(keras.ops.clip(y_pred, 1e-7, 1.0))
    return keras.losses.ctc(keras.ops.cast(y_true, "int32"), log_p)


class CRNN(ZooModel):
    """Convolutional recurrent network for strings in pictures, trained with CTC.

    Args:
        input_shape: (height, width, channels); width a multiple of 4.
        classes: per-column outputs *including* the blank (11: blank and 0-9).
        units: LSTM units per direction.
        filters: channels of the three conv blocks.

    Example:
        >>> net = CRNN(units=32)                            # doctest: +SKIP
        >>> net.train(data.x_train, data.y_train, epochs=1)  # doctest: +SKIP
    """

    title = "CRNN (CNN + BiLSTM + CTC)"
    kind = "CRNN"
    default_input_shape = (HEIGHT, WIDTH, 1)
    default_classes = len(CTC_DIGIT_CLASSES)
    class_names = CTC_DIGIT_CLASSES
    blank_index = 0

    def __init__(self, input_shape=None, classes=None, *, units: int = 64,
                 filters: tuple = (32, 64, 64), **options):
        filters = tuple(int(f) for f in filters)
        if len(filters) != 3:
            raise ValueError(f"filters must name 3 conv blocks' channels, not {filters}")
        super().__init__(input_shape, classes, units=int(units), filters=filters, **options)
        if self.classes < 2:
            raise ValueError("a CRNN needs the blank and at least one symbol (classes >= 2)")
        if self.classes != len(CTC_DIGIT_CLASSES):
            self.class_names = (CTC_DIGIT_CLASSES[0],
                                *(f"class {k}" for k in range(1, self.classes)))

    def _build(self):
        import keras
        from keras import layers

        height, width, channels = self.input_shape
        if height is None or width is None or height % 8 or width % 4:
            raise ValueError(f"a CRNN reads a fixed height that is a multiple of 8 and a "
                             f"width that is a multiple of 4, not {height}x{width}")
        f1, f2, f3 = self.options["filters"]
        inputs = keras.Input(shape=(height, width, channels), name="image")
        x = inputs
        for k, (f, pool) in enumerate(((f1, (2, 2)), (f2, (2, 2)), (f3, (2, 1))), start=1):
            x = layers.Conv2D(f, 3, padding="same", activation="relu",
                              name=f"block{k}_conv")(x)
            x = layers.MaxPooling2D(pool, name=f"block{k}_pool")(x)
        # (h, w, c) -> (w, h, c) -> (w, h*c): one feature vector per image column.
        x = layers.Permute((2, 1, 3), name="columns")(x)
        x = layers.Reshape((width // 4, (height // 8) * f3), name="column_features")(x)
        x = layers.Dense(self.options["units"], activation="relu", name="column_dense")(x)
        x = layers.Bidirectional(layers.LSTM(self.options["units"], return_sequences=True,
                                             name="lstm"), name="bi_lstm")(x)
        outputs = layers.Dense(self.classes, activation="softmax", name=OUTPUT_LAYER)(x)
        return keras.Model(inputs, outputs, name="crnn")

    def _compile_args(self) -> dict:
        return {"loss": ctc_loss_from_probabilities}

    # -- 6. load: the options are read off the file's layers ------------------------
    @classmethod
    def load(cls, path, *, trust_sha256: str | None = None, compile: bool = False,
             **options) -> "CRNN":
        """Read a CRNN file in safe mode; ``units`` and ``filters`` come from its layers
        (given, they must match). A file of another architecture is refused, saying how."""
        from dlviz.core.modelio import load_model
        from dlviz.core.zoo.architecture import match_options

        model = load_model(path, trust_sha256=trust_sha256, compile=compile)
        found = {**_options_of(model), **options}
        obj = cls(**match_options(cls, model, path, found))
        obj.model = model
        return obj

    # -- 4. test: strings, not only the loss ---------------------------------------
    def read(self, x, batch_size: int = 64) -> list[str]:
        """The best-path string of each picture in ``x`` (N, H, W, C)."""
        from dlviz.core.probes.ctc import best_path_text

        probabilities = self.predict(x, batch_size=batch_size)
        return [best_path_text(p, self.class_names, self.blank_index) for p in probabilities]

    def test(self, x, y, batch_size: int = 64) -> dict[str, float]:
        """CTC loss, exact-string accuracy and character error rate on ``(x, y)``.

        Args:
            y: label rows as :func:`~dlviz.core.data.digit_strings.encode_label`.
        """
        from dlviz.core.data.digit_strings import decode_label
        from dlviz.core.probes.ctc import character_error_rate

        result = super().test(x, y, batch_size=batch_size)
        read, truth = self.read(x, batch_size), [decode_label(row) for row in y]
        result["string_accuracy"] = float(np.mean([a == b for a, b in zip(read, truth)]))
        result["character_error_rate"] = character_error_rate(read, truth)
        return result


def _options_of(model) -> dict:
    """``units`` and ``filters`` of a CRNN-shaped model ({} for another architecture)."""
    try:
        filters = tuple(int(model.get_layer(f"block{k}_conv").filters) for k in (1, 2, 3))
        return {"filters": filters, "units": int(model.get_layer("column_dense").units)}
    except (ValueError, AttributeError):
        return {}
