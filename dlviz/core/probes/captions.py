"""A captioner's greedy caption of an image, and where each word looked.

dlviz's captioners (:class:`~dlviz.core.zoo.captioner.ShapeCaptioner`) read
``image`` and ``target_in`` (``<start>`` and the words written so far) and
give, at every step, the probabilities of the next word. Their decoder is
causal, so running the model on ``<start> w1 .. w(t-1)`` gives at its last
step exactly what it computes when writing ``w_t``: the word probabilities
and the attention weights over the image's regions. Greedy decoding takes
the likeliest word (never padding or ``<start>``), appends it and runs
again, until ``<end>`` or ``max_length``.

Example:
    >>> found = caption(model, scene, vocabulary=vocab)   # doctest: +SKIP
    >>> found.text                                         # doctest: +SKIP
    'a red circle above a blue square'
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.text_vocabulary import PAD_ID, UNK_ID
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.step_decoder import NotStepwise, decode_checked

INPUT_NAMES = ("image", "target_in")
#: Words written at most when the caller gives no limit.
DEFAULT_MAX_LENGTH = 20
# One compiled (probabilities, weights) pass per model, kept while the model
# lives; it shares the model's layers, so it reads the current weights.
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def attention_layer(model):
    """The model's ``ScoreAttention`` layer, or None."""
    for layer in getattr(model, "layers", ()):
        if type(layer).__name__ == "ScoreAttention":
            return layer
    return None


def check_captioner(model) -> None:
    """Raise ``ProbeUnavailable`` (saying why) unless ``model`` is a captioner with
    attention: inputs ``image`` (batch, h, w, 3) and ``target_in``, a ScoreAttention layer."""
    inputs = getattr(model, "inputs", None) or ()
    names = tuple(getattr(t, "name", "").split(":")[0] for t in inputs)
    if names != INPUT_NAMES:
        shown = ", ".join(f"'{n}'" for n in names) or "no input"
        raise ProbeUnavailable(
            f"'{getattr(model, 'name', 'model')}' writes no captions: a captioner reads two "
            f"inputs, 'image' and 'target_in' (the words so far), and this one reads {shown}. "
            "Pick captions-shapes (or the shape captioner) in the model library")
    shape = tuple(inputs[0].shape)
    if len(shape) != 4 or shape[3] not in (1, 3) or None in shape[1:3]:
        raise ProbeUnavailable(f"'{model.name}' takes 'image' of shape {shape[1:]}, not a "
                               "fixed-size grey or RGB picture")
    if attention_layer(model) is None:
        raise ProbeUnavailable(f"'{model.name}' has no ScoreAttention layer, so there is no "
                               "attention over the image to show")


def region_grid(model) -> tuple[int, int]:
    """(rows, cols) of the regions the attention reads: the ``ImageRegions`` layer's
    grid, else a square when the number of regions is one, else one row."""
    for layer in model.layers:
        if type(layer).__name__ == "ImageRegions" and hasattr(layer, "grid"):
            return tuple(int(v) for v in layer.grid)
    regions = int(attention_layer(model).output[1].shape[-1])
    side = math.isqrt(regions)
    return (side, side) if side * side == regions else (1, regions)


def _extractor(model):
    if model not in _EXTRACTORS:
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        tf = import_tensorflow()
        weights = attention_layer(model).output[1]
        both = import_keras().Model(model.inputs, [model.outputs[0], weights])
        image = tf.TensorSpec((None, *model.inputs[0].shape[1:]), tf.float32)
        ids = tf.TensorSpec((None, None), tf.int32)
        _EXTRACTORS[model] = tf.function(
            lambda picture, target_in: both([picture, target_in], training=False),
            input_signature=(image, ids))
    return _EXTRACTORS[model]


def _start_end(vocabulary) -> tuple[int, int]:
    if vocabulary is None or not hasattr(vocabulary, "tokens"):
        raise ProbeUnavailable("this captioner came without its word list; open the .keras "
                               "file dlviz saved (the words are inside it)")
    start, end = (int(i) for i in vocabulary.ids([START, END]))
    if UNK_ID in (start, end):
        raise ProbeUnavailable("the caption vocabulary has no <start> or <end> word, so "
                               "dlviz cannot tell the decoder to begin or see it stop")
    return start, end


def scene_vocabulary(model):
    """``(vocabulary, notes)`` for a captioner that came without its words: the shape
    scenes' caption words when the model writes exactly as many (dlviz's scene
    vocabularies are fixed, so a captioner trained on them uses these ids)."""
    from dlviz.core.data.scene_captions import caption_vocabulary
    from dlviz.core.data.shape_scenes import LANGUAGES

    width = int(model.outputs[0].shape[-1])
    for language in LANGUAGES:
        vocabulary = caption_vocabulary(language)
        if len(vocabulary) == width:
            return vocabulary, (f"the model came without its word list; it writes "
                                f"{width} words, as many as the {language} shape-scene "
                                "captions, so their words are used",)
    return None, ()


def greedy_captions(model, images, vocabulary, max_length: int = DEFAULT_MAX_LENGTH,
                    jit_compile: bool = False):
    """Greedy decoding of a batch of images at once.

    dlviz's captioners are decoded in one compiled call (the image's regions
    once, then the decoder's cell word by word: :mod:`step_decoder`); another
    model, or one whose step-wise pass ever disagreed with the whole model,
    by running the whole model on the growing caption once per word.

    Args:
        model: a captioner (:func:`check_captioner`).
        images: float32 (N, h, w, c) already at the model's input size.
        vocabulary: its caption :class:`Vocabulary`.
        max_length: words written at most (``<end>`` included).
        jit_compile: compile the step-wise decode with XLA (for a picture
            captioned again and again, as live frames do).

    Returns:
        ``(ids (N, T) int32, weights (N, T, regions) float32, probabilities (N, T))``:
        row n's words up to its first ``<end>`` (later steps are still filled).
    """
    start, end = _start_end(vocabulary)
    images = np.asarray(images, np.float32)
    try:
        return decode_checked(model, _extractor(model), images, start, end, max_length,
                              jit_compile)
    except NotStepwise:
        return whole_model_captions(model, images, start, end, max_length)


def whole_model_captions(model, images, start: int, end: int, max_length: int):
    """Greedy captions by running the whole model on ``<start> w1 .. w(t-1)``
    once per word (any captioner; what a step-wise decode must equal).

    Returns:
        As :func:`greedy_captions`.
    """
    extractor = _extractor(model)
    written = np.zeros((len(images), 0), np.int32)
    weights, chosen = [], []
    done = np.zeros(len(images), bool)
    for _ in range(max(1, int(max_length))):
        target_in = np.concatenate([np.full((len(images), 1), start, np.int32), written], 1)
        probabilities, attention = extractor(images, target_in)
        scores = np.array(probabilities[:, -1], dtype=np.float64)
        scores[:, [PAD_ID, start]] = -np.inf  # never written: padding, or a second start
        token = np.argmax(scores, axis=-1).astype(np.int32)
        written = np.concatenate([written, token[:, None]], 1)
        weights.append(np.asarray(attention, np.float32)[:, -1])
        chosen.append(np.take_along_axis(np.asarray(probabilities[:, -1]), token[:, None], 1)[:, 0])
        done |= token == end
        if done.all():
            break
    return written, np.stack(weights, 1), np.stack(chosen, 1).astype(np.float32)


def fit_scene(model, image) -> tuple[np.ndarray, tuple[str, ...]]:
    """``image`` (H, W[, C]) float in [0, 1] or uint8, fitted to the model's input.

    Returns:
        ``(picture (h, w, c) float32, notes)``.
    """
    from dlviz.core.data import fit_image, to_channels

    height, width, channels = (int(d) for d in model.inputs[0].shape[1:])
    pixels = np.asarray(image)
    if pixels.dtype == np.uint8:
        pixels = pixels.astype(np.float32) / 255.0
    if pixels.ndim not in (2, 3) or (pixels.ndim == 3 and pixels.shape[2] not in (1, 3, 4)) \
            or 0 in pixels.shape:
        raise ValueError(f"a picture is (H, W) or (H, W, 1|3|4) pixels, not {pixels.shape}")
    pixels = to_channels(np.asarray(pixels, np.float32), channels)
    notes = []
    if pixels.shape[:2] != (height, width):
        notes.append(f"resized {pixels.shape[1]}x{pixels.shape[0]} -> {width}x{height}")
        pixels = fit_image(pixels, (height, width), mode="resize")
    return np.clip(pixels, 0, 1).astype(np.float32), tuple(notes)


def caption(model, image, *, vocabulary, max_length: int | None = None,
            source_name: str = "", jit_compile: bool | None = None, **options) -> Caption:
    """The greedy caption of ``image`` and, per word, the attention over its regions.

    Args:
        model: a captioner with attention (:func:`check_captioner`).
        image: float32 (H, W[, C]) in [0, 1] (any size: resized to the model's).
        vocabulary: the model's caption :class:`Vocabulary`.
        max_length: at most this many words (default 20).
        source_name: what to call the picture.
        jit_compile: decode with XLA (:func:`greedy_captions`). None: when the
            caller is a live frame (it passes a ``memo``), which captions the
            same pinned picture every time, so XLA's one-time compile pays off.
        **options: ``memo`` is read as said; the other kinds' options are ignored.

    Returns:
        A :class:`Caption`; ``notes`` say how the picture was fitted and when
        the model never wrote ``<end>``.

    Raises:
        ProbeUnavailable: not a captioner, or no usable vocabulary (says why).
    """
    check_captioner(model)
    picture, notes = fit_scene(model, image)
    if vocabulary is None:   # e.g. a run's checkpoint: the scene captions' words may fit
        vocabulary, found = scene_vocabulary(model)
        notes += found
    limit = DEFAULT_MAX_LENGTH if max_length is None else int(max_length)
    if jit_compile is None:
        jit_compile = options.get("memo") is not None
    ids, weights, probabilities = greedy_captions(model, picture[None], vocabulary, limit,
                                                  jit_compile)
    _start, end = _start_end(vocabulary)
    ids = ids[0].tolist()
    ended = end in ids
    count = ids.index(end) if ended else len(ids)
    if not ended:
        notes += (f"the model did not write <end> within {limit} words, so its caption is "
                  "cut there (an untrained model, or a picture unlike its training scenes)",)
    rows, cols = region_grid(model)
    shown = picture if picture.shape[2] == 3 else np.repeat(picture, 3, axis=2)
    return Caption(image=shown, words=tuple(vocabulary.tokens[i] for i in ids[:count]),
                   weights=weights[0, :count].reshape(count, rows, cols),
                   grid=(rows, cols), probabilities=probabilities[0, :count],
                   ended=ended, source_name=source_name, notes=tuple(notes))
