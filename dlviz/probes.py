"""Look inside a Keras model from a notebook or a script: plain inputs, dlviz's results.

The same probes the app runs (``dlviz.core.probes.registry``), taking a path,
a PIL image or a NumPy array, prepared as the app prepares a dropped image
(safe decoding, colour and size fitted to the model, the model's own pixel
scaling). Each returns the result type the app draws; every result can be
saved (``result.save("x.npz")``, read back with ``dlviz.probes.load``) and
shows itself as a picture in Jupyter (``_repr_png_``). Importing this module
loads neither Qt nor TensorFlow; the first probe call loads TensorFlow.

``model`` is a Keras model (Functional, or a built Sequential) or a dlviz
library model (``dlviz.core.zoo.create("lenet5")``), whose pixel scaling and
class names are then used. The text probes (``gates``, ``attention``,
``gradient_through_time``), ``ctc`` and ``caption`` also take a ``.keras`` path,
opened in safe mode (the text probes and ``caption`` with the vocabulary saved
inside it); ``lstm_gates``, ``gru_gates`` and ``rnn_states`` replay one layer on
the array it reads.

Example:
    >>> from dlviz import probes                                    # doctest: +SKIP
    >>> maps = probes.feature_maps(model, "cat.jpg")                # doctest: +SKIP
    >>> maps.predictions.heads[maps.predictions.primary][0].name   # doctest: +SKIP
    >>> probes.grad_cam(model, image_array, class_index=3)          # doctest: +SKIP
    >>> probes.gates("lstm-sentiment-en.keras", "not bad at all")   # doctest: +SKIP
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from dlviz.core.probes.registry import PROBES
from dlviz.core.probes.result_io import load as _load
from dlviz.core.probes.results import (
    DeadUnits,
    FeatureMaps,
    FilterBank,
    GradientNorms,
    Heatmap,
    Histograms,
    ImageAnalysis,
    Predictions,
    ProbeUnavailable,
)

__all__ = ["feature_maps", "predictions", "grad_cam", "saliency", "filters", "offered",
           "load", "gates", "gradient_through_time", "attention", "ctc", "caption", "lstm_gates", "gru_gates", "rnn_states", "ImageAnalysis", "FeatureMaps", "Predictions", "Heatmap", "FilterBank",
           "GradientNorms", "Histograms", "DeadUnits", "ProbeUnavailable"]


def feature_maps(model, image, *, layers=None, fit: str = "resize",
                 preprocessing: str | None = None, class_names=None) -> ImageAnalysis:
    """Every spatial layer's maps for one image, and the predictions (one forward pass).

    Args:
        model: a Keras model or a dlviz library model.
        image: a path, image bytes, a PIL image, or a NumPy array (H, W),
            (H, W, C) or (1, H, W, C): uint8/uint16 pixels, or floats in [0, 1].
        layers: layer names or paths to keep (default: every spatial layer).
        fit: "resize" (stretch) or "crop" (centre-crop to the model's aspect).
        preprocessing: the model's pixel scheme ("unit", "caffe", "tf",
            "torch"); default: the library model's own, else "unit".
        class_names: names of the classes (default: the library model's).

    Returns:
        ``ImageAnalysis``: ``.maps`` (``FeatureMaps``, a mosaic per layer) and
        ``.predictions`` (None when the model has no class output).
    """
    return _run("feature_maps", model, image, layers=layers, fit=fit,
                preprocessing=preprocessing, class_names=class_names)


def predictions(model, image, *, k: int = 5, fit: str = "resize",
                preprocessing: str | None = None, class_names=None) -> Predictions:
    """The top-``k`` classes of every class output for one image."""
    return _run("predictions", model, image, k=k, fit=fit, preprocessing=preprocessing,
                class_names=class_names)


def grad_cam(model, image, *, class_index: int | None = None, layer: str | None = None,
             fit: str = "resize", preprocessing: str | None = None,
             class_names=None) -> Heatmap:
    """Where the model looked for ``class_index`` (default: its top class): Grad-CAM.

    ``layer`` names the convolutional layer explained (default: the last
    one with spatial maps that feeds the class output).
    """
    return _run("grad_cam", model, image, class_index=class_index, layer=layer, fit=fit,
                preprocessing=preprocessing, class_names=class_names)


def saliency(model, image, *, class_index: int | None = None, fit: str = "resize",
             preprocessing: str | None = None, class_names=None) -> Heatmap:
    """How much each input pixel moves the class score: |d score / d pixel|."""
    return _run("saliency", model, image, class_index=class_index, fit=fit,
                preprocessing=preprocessing, class_names=class_names)


def filters(model, layer: str | None = None) -> FilterBank:
    """A convolution layer's kernels as one picture (default: the first convolution)."""
    keras_model, preprocessing, _names = _unwrap(model)
    return _compute("filters", keras_model, (), layer=layer,
                    channel_order="BGR" if preprocessing == "caffe" else "RGB")


def offered(model) -> dict[str, str | None]:
    """Each probe kind -> None when ``model`` offers it, else the reason in words."""
    keras_model = _unwrap(model)[0]
    return {name: kind.unavailable(keras_model) for name, kind in PROBES.items()}


def load(path):
    """A result that ``result.save(path)`` or ``dlviz maps --npz`` wrote."""
    return _load(path)


# -- text ------------------------------------------------------------------------


def gates(model, text: str, *, vocabulary=None):
    """Every recurrent layer's gates and states for ``text``: a ``SequenceGates``.

    Args:
        model: a Keras model, a dlviz library model or a ``.keras`` path.
        text: the sentence (NFC-normalised and tokenised as the app does).
        vocabulary: a ``Vocabulary``; None: the one that came with the model
            (token ids typed as numbers when there is none).
    """
    keras_model, found, class_names = _text_model(model)
    return _compute("gates", keras_model, text, vocabulary=vocabulary or found,
                    class_names=class_names)


def gradient_through_time(model, text: str, *, vocabulary=None):
    """How much each token moves the answer: a ``GradientThroughTime`` (see ``gates``)."""
    keras_model, found, _names = _text_model(model)
    return _compute("gradient_through_time", keras_model, text,
                    vocabulary=vocabulary or found)


def attention(model, text: str, *, vocabulary=None, layer: str | None = None):
    """Where the model looks in ``text``: an ``AttentionMap`` (weights per head,
    output tokens x source tokens).

    A dlviz encoder-decoder writes its output greedily and gives each written
    token's weights; a model with ``keras.layers.Attention``,
    ``AdditiveAttention`` or ``MultiHeadAttention`` is asked for the scores
    of ``layer`` (default: its first; ``result.layers`` lists them).

    Args:
        model: a Keras model, a dlviz library model or a ``.keras`` path.
        text: the sentence (token ids as numbers for a model without a vocabulary).
        vocabulary: a ``Vocabulary`` (``PairVocabulary`` for an encoder-decoder);
            None: the one that came with the model.
        layer: path or name of the attention layer (Keras attention layers).

    Example:
        >>> found = attention("dates-attention-additive.keras", "10/03/87")  # doctest: +SKIP
        >>> found.output_text, found.weights.shape                           # doctest: +SKIP
    """
    keras_model, found, class_names = _text_model(model)
    return _compute("attention", keras_model, text, vocabulary=vocabulary or found,
                    layer=layer, class_names=class_names)


def lstm_gates(layer, inputs, mask=None, initial_state=None):
    """i, f, g, o, c and h of a Keras ``LSTM`` at every step of ``inputs``
    (batch, time, features), replayed from its weights: a ``GateTrace``."""
    from dlviz.core.probes.gates import lstm_gates as replay

    return replay(layer, inputs, mask, initial_state)


def gru_gates(layer, inputs, mask=None, initial_state=None):
    """z, r, h̃ and h of a Keras ``GRU`` (either ``reset_after``): a ``GateTrace``."""
    from dlviz.core.probes.gates import gru_gates as replay

    return replay(layer, inputs, mask, initial_state)


def rnn_states(layer, inputs, mask=None, initial_state=None):
    """h of a Keras ``SimpleRNN`` at every step: a ``GateTrace``."""
    from dlviz.core.probes.gates import rnn_states as replay

    return replay(layer, inputs, mask, initial_state)


def ctc(model, image):
    """What a CRNN reads in ``image``: a ``CtcAlignment`` (each column's probabilities,
    the blank included, the best path and the string it collapses to).

    Args:
        model: a Keras CRNN, a dlviz library model or a ``.keras`` path.
        image: a path, PIL image or array of a digit string, any size, light
            ink on dark or dark ink on light.

    Example:
        >>> found = ctc("crnn-digit-strings.keras", "digits.png")   # doctest: +SKIP
        >>> found.text, found.path_text()                            # doctest: +SKIP
        ('86907', '-------8---6---9---0---77-------')
    """
    if isinstance(model, (str, Path)):
        from dlviz.core.kerasenv import import_keras
        from dlviz.core.modelio import load_model

        import_keras()
        keras_model, class_names = load_model(model), None
    else:
        keras_model, _preprocessing, class_names = _unwrap(model)
    pixels, name, notes = read_input(image)
    found = _compute("ctc", keras_model, pixels, class_names=class_names, source_name=name)
    if notes:
        from dataclasses import replace

        found = replace(found, notes=(*notes, *found.notes))
    return found


def caption(model, image, *, vocabulary=None, max_length: int | None = None):
    """What a captioner writes for ``image``: a ``Caption`` (its words, and per word
    the attention over the image's regions).

    Args:
        model: a Keras captioner, a dlviz library model or a ``.keras`` path
            (its caption words are inside it).
        image: a path, PIL image or array of a scene, any size.
        vocabulary: the caption ``Vocabulary``; None: the one that came with the model.
        max_length: at most this many words (default 20).

    Example:
        >>> found = caption("captions-shapes.keras", "scene.png")   # doctest: +SKIP
        >>> found.text, found.weights.shape                          # doctest: +SKIP
        ('a red circle above a blue square', (7, 8, 8))
    """
    keras_model, found, _class_names = _text_model(model)
    pixels, name, notes = read_input(image)
    result = _compute("caption", keras_model, pixels, vocabulary=vocabulary or found,
                      max_length=max_length, source_name=name)
    if notes:
        from dataclasses import replace

        result = replace(result, notes=(*notes, *result.notes))
    return result


def _text_model(model):
    """(keras model, vocabulary or None, class names or None) of any accepted model."""
    from dlviz.core.probes.text_probes import find_vocabulary

    if isinstance(model, (str, Path)):
        from dlviz.core.kerasenv import import_keras
        from dlviz.core.modelio import load_model

        import_keras()
        from dlviz.core.training.heads import output_width
        from dlviz.core.zoo.sidecars import class_names_beside

        keras_model = load_model(model)
        names = class_names_beside(model, output_width(keras_model))
        return keras_model, find_vocabulary(path=model), names
    keras_model, _preprocessing, class_names = _unwrap(model)
    vocabulary = find_vocabulary(model) if keras_model is not model else None
    return keras_model, vocabulary, class_names


# -- inputs ------------------------------------------------------------------------


def _unwrap(model):
    """(keras model, preprocessing, class names) of a Keras or dlviz library model."""
    inner = getattr(model, "model", None)
    if hasattr(model, "preprocessing") and hasattr(model, "build"):  # a library model
        if inner is None:
            model.build()
        return model.model, model.preprocessing, model.class_names
    return model, None, None


def read_input(image):
    """(float32 (H, W, C) pixels in [0, 1], name, notes) of any accepted input."""
    from dlviz.core.data import read_image

    if isinstance(image, (str, Path, bytes, bytearray)):
        loaded = read_image(bytes(image) if isinstance(image, bytearray) else image)
        name = Path(image).name if isinstance(image, (str, Path)) else "image"
        return loaded.array, name, tuple(loaded.notes)
    if hasattr(image, "save") and hasattr(image, "mode"):  # a PIL image
        # Through PNG, so alpha, 16-bit and palette pictures get the app's treatment.
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        loaded = read_image(buffer.getvalue(), name="PIL image")
        return loaded.array, "PIL image", tuple(loaded.notes)
    return _from_array(np.asarray(image)), "array", ()


def _from_array(array: np.ndarray) -> np.ndarray:
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    if array.ndim == 2:
        array = array[..., None]
    if array.ndim != 3 or array.shape[2] not in (1, 3, 4):
        raise ValueError(f"an image array is (H, W), (H, W, C) or (1, H, W, C) with 1, 3 "
                         f"or 4 channels, not {array.shape}")
    if array.dtype == np.uint8:
        pixels = array.astype(np.float32) / 255.0
    elif array.dtype == np.uint16:
        pixels = array.astype(np.float32) / 65535.0
    elif array.dtype == bool or np.issubdtype(array.dtype, np.floating):
        pixels = array.astype(np.float32)
        finite = pixels[np.isfinite(pixels)]
        if finite.size and (finite.min() < 0.0 or finite.max() > 1.0):
            raise ValueError("float pixels must lie in [0, 1] (divide 0..255 pixels by "
                             f"255); these span {finite.min():.3g} .. {finite.max():.3g}")
    else:
        raise ValueError(f"image arrays are uint8, uint16 or float in [0, 1], not {array.dtype}")
    if pixels.shape[2] == 4:  # composite over white, as the app does with alpha
        alpha = pixels[..., 3:]
        pixels = pixels[..., :3] * alpha + (1.0 - alpha)
    return np.ascontiguousarray(np.nan_to_num(pixels, nan=0.0))


def _run(name: str, model, image, *, preprocessing=None, class_names=None, **options):
    keras_model, own_preprocessing, own_names = _unwrap(model)
    pixels, source, notes = read_input(image)
    return _compute(name, keras_model, pixels, source_name=source, load_notes=notes,
                    preprocessing=preprocessing or own_preprocessing or "unit",
                    class_names=class_names if class_names is not None else own_names,
                    **options)


def _compute(name: str, model, value, **options):
    from dlviz.core.kerasenv import import_keras

    import_keras()  # quiet TensorFlow's start-up lines, as the app and CLI do
    kind = PROBES[name]
    reason = kind.unavailable(model)
    if reason is not None:
        raise ProbeUnavailable(reason)
    return kind.compute(model, value, **options)
