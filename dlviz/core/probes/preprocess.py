"""An image fitted to a model's input: size, colour and the model's preprocessing.

Step by step:

1. Read the model's input shape (h, w, c); a model that does not take one
   image (rank 4) cannot be probed with pictures.
2. Convert the colour: grey <-> RGB, as the model's channel count needs.
3. Fit the size: resize (stretch) or centre-crop then resize. A model that
   takes any size keeps the picture's, scaled down to ``MAX_FREE_SIDE``.
4. Apply the model's own preprocessing (``PREPROCESSING``) to the batch,
   keeping the [0, 1] picture for display.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data import fit_image, to_channels
from dlviz.core.probes.graph import require_graph
from dlviz.core.probes.results import PreparedInput, ProbeUnavailable

#: Longest side kept for models that accept any size.
MAX_FREE_SIDE = 512
#: ImageNet statistics (RGB order) used by the "caffe" and "torch" schemes.
IMAGENET_MEAN_255 = np.array([123.68, 116.779, 103.939], np.float32)
IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], np.float32)
#: How each scheme maps [0, 1] pixels, for people.
PREPROCESSING = {
    "unit": "pixels in [0, 1]",
    "caffe": "BGR, 0..255 minus the ImageNet mean (Caffe / keras VGG16, ResNet50)",
    "tf": "pixels scaled to [-1, 1] (keras MobileNet, InceptionV3)",
    "torch": "[0, 1] minus the ImageNet mean, divided by its standard deviation",
}
_COLOURS = {1: "grey", 3: "RGB"}


def image_input_shape(model) -> tuple:
    """(height, width, channels) of the model's one image input.

    Height or width is None when the model takes any size.

    Raises:
        ProbeUnavailable: no graph, several inputs, or an input that is not
            an image (rank other than 4, or not 1 or 3 channels).
    """
    graph = require_graph(model)
    if len(graph.inputs) != 1:
        raise ProbeUnavailable(f"'{model.name}' takes {len(graph.inputs)} inputs; feature "
                               "maps need a model that takes one image")
    shape = tuple(graph.inputs[0].shape)
    if len(shape) != 4:
        raise ProbeUnavailable(
            f"'{model.name}' takes input of shape {_shape_text(shape)}, not images "
            "(batch, height, width, channels), so it has no feature maps to show")
    if shape[3] not in _COLOURS:
        raise ProbeUnavailable(f"'{model.name}' takes images with {shape[3]} channels; "
                               "dlviz can feed it grey (1) or RGB (3) pictures only")
    return shape[1:]


def prepare_input(model, image, *, fit: str = "resize",
                  preprocessing: str = "unit") -> PreparedInput:
    """Fit an image to a model's input, as the module's protocol says.

    Args:
        model: a Functional or built Sequential Keras model.
        image: float (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) in [0, 1]
            (e.g. from ``read_image``), or uint8 0..255.
        fit: "resize" (stretch to the input size) or "crop" (centre-crop to
            the input's aspect ratio first, so nothing is distorted).
        preprocessing: "unit", "caffe", "tf" or "torch" (see
            ``PREPROCESSING``); a library model's own is ``zoo.preprocessing``.

    Returns:
        A ``PreparedInput`` whose ``note`` says what was done.

    Raises:
        ProbeUnavailable: the model does not take an image.
        ValueError: an unknown ``fit`` or ``preprocessing``.

    Example:
        >>> p = prepare_input(vgg, load_image("cat.jpg"))  # doctest: +SKIP
        >>> p.batch.shape, p.note  # doctest: +SKIP
        ((1, 224, 224, 3), 'resized 640x480 -> 224x224 (aspect not kept)')
    """
    if preprocessing not in PREPROCESSING:
        raise ValueError(f"preprocessing must be one of {sorted(PREPROCESSING)}, "
                         f"got {preprocessing!r}")
    if fit not in ("resize", "crop"):
        raise ValueError(f"fit must be 'resize' or 'crop', got {fit!r}")
    height, width, channels = image_input_shape(model)
    pixels = np.asarray(image)
    if pixels.dtype == np.uint8:
        pixels = pixels.astype(np.float32) / 255.0
    if pixels.ndim == 2:
        pixels = pixels[..., np.newaxis]
    if pixels.ndim != 3 or pixels.shape[-1] not in (1, 3, 4) or 0 in pixels.shape:
        raise ValueError(f"expected an (H, W) or (H, W, 1|3|4) image, got {pixels.shape}")
    notes = []
    have = 3 if pixels.shape[-1] == 4 else pixels.shape[-1]
    pixels = to_channels(pixels, channels)
    if have != channels:
        notes.append(f"converted {_COLOURS[have]} -> {_COLOURS[channels]}")
    size, size_note = _target_size(pixels.shape[:2], (height, width), fit)
    if size != pixels.shape[:2]:
        pixels = fit_image(pixels, size, mode=fit)
    notes.insert(0, size_note)
    shown = np.ascontiguousarray(pixels, dtype=np.float32)
    batch = scale_pixels(shown, preprocessing)[np.newaxis]
    return PreparedInput(batch=batch, shown=shown, note=", ".join(notes),
                         preprocessing=preprocessing)


def scale_pixels(pixels: np.ndarray, preprocessing: str) -> np.ndarray:
    """Map [0, 1] pixels (..., 1 or 3) to what a model expects.

    Grey pictures use the mean of the three ImageNet channel statistics.

    Example:
        >>> scale_pixels(np.ones((1, 1, 3), np.float32), "tf").ravel().tolist()
        [1.0, 1.0, 1.0]
    """
    grey = pixels.shape[-1] == 1
    if preprocessing == "unit":
        return pixels.astype(np.float32, copy=True)
    if preprocessing == "tf":
        return (pixels * 2.0 - 1.0).astype(np.float32)
    if preprocessing == "caffe":
        mean = IMAGENET_MEAN_255.mean(keepdims=True) if grey else IMAGENET_MEAN_255
        scaled = pixels * np.float32(255.0) - mean
        return np.ascontiguousarray(scaled if grey else scaled[..., ::-1], dtype=np.float32)
    if preprocessing == "torch":
        mean = IMAGENET_MEAN.mean(keepdims=True) if grey else IMAGENET_MEAN
        std = IMAGENET_STD.mean(keepdims=True) if grey else IMAGENET_STD
        return ((pixels - mean) / std).astype(np.float32)
    raise ValueError(f"unknown preprocessing {preprocessing!r}")


def _target_size(have: tuple, want: tuple, fit: str) -> tuple[tuple[int, int], str]:
    """The (height, width) to fit to, and the sentence that says so."""
    src_h, src_w = have
    height, width = want
    if height is None or width is None:
        scale = min(1.0, MAX_FREE_SIDE / max(src_h, src_w))
        # A fixed side stays fixed; a free side follows the picture's aspect.
        if height is None and width is None:
            height, width = max(1, round(src_h * scale)), max(1, round(src_w * scale))
        elif height is None:
            height = max(1, round(src_h * width / src_w))
        else:
            width = max(1, round(src_w * height / src_h))
        if (height, width) == (src_h, src_w):
            return (height, width), f"kept {src_w}x{src_h} (the model takes any size)"
        return (height, width), (f"scaled {src_w}x{src_h} -> {width}x{height} "
                                 "(the model takes any size)")
    if (src_h, src_w) == (height, width):
        return (height, width), f"{width}x{height}, used as is"
    same_aspect = src_w * height == src_h * width
    if fit == "crop" and not same_aspect:
        return (height, width), f"centre-cropped {src_w}x{src_h} and resized -> {width}x{height}"
    aspect = "" if same_aspect else " (aspect not kept)"
    return (height, width), f"resized {src_w}x{src_h} -> {width}x{height}{aspect}"


def _shape_text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
