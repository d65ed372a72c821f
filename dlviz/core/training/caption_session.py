"""What training does differently for an image captioner on shape scenes.

``load_training_data`` hands "scenes", "scenes-en" and "scenes-vi" here
(:func:`load_caption_data`); the session (``session.py``) asks
:func:`is_caption_data`, rebuilds a library captioner for the data's
language (:func:`fit_caption_vocabulary`), checks the model with
:func:`check_caption_training` instead of the classifier checks and takes
its probe scene and batch from :func:`caption_probe`. What differs from a
classifier:

- the model reads two inputs, ``image`` and ``target_in`` (teacher
  forcing), and writes a word per step; padding is masked by its word
  embedding (``mask_zero``), so Keras leaves it out of the loss and the
  accuracy (the share of caption words right);
- no image augmentation: a flipped scene would need "left of" and "right of"
  swapped in its caption;
- the live "caption" kind writes the pinned scene's caption with the
  current weights (a held-out scene unless a person dropped one), so the
  words, and where each looks, sharpen as it trains.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.training.data import DataRejected

#: Data kinds for captioners, with what the app's data box calls them.
CAPTION_DATA = {"scenes": "Shape scenes with English captions (generated)",
                "scenes-en": "Shape scenes with English captions (generated)",
                "scenes-vi": "Shape scenes with Vietnamese captions (generated)"}
#: Scenes generated when ``samples`` is not set: (train, test).
DEFAULT_SCENES = (3000, 300)


def is_caption_data(dataset) -> bool:
    from dlviz.core.data.scene_captions import SceneCaptions

    return isinstance(dataset, SceneCaptions)


def is_caption_model(model) -> bool:
    """Whether ``model`` writes captions (inputs ``image`` and ``target_in``, attention)."""
    from dlviz.core.probes.captions import check_captioner
    from dlviz.core.probes.results import ProbeUnavailable

    try:
        check_captioner(model)
    except (ProbeUnavailable, ValueError, AttributeError, TypeError):
        return False
    return True


def refuse_mismatch(model, data) -> None:
    """Raise ``DataRejected`` when scenes meet a model that writes no captions, or a
    captioner meets other data."""
    scenes, writes = is_caption_data(data), is_caption_model(model)
    if scenes and not writes:
        raise DataRejected(f"the {data.name} data is captioned scenes for a captioner (two "
                           "inputs: the picture and the words so far); this model is not "
                           "one. Pick captions-shapes or the shape captioner in the model "
                           "library")
    if writes and not scenes:
        raise DataRejected(f"this captioner learns from captioned scenes; train it on "
                           f"scenes-en or scenes-vi, not on "
                           f"{getattr(data, 'name', '') or 'this data'}")


def load_caption_data(spec, input_shape):
    """Generated captioned scenes at the model's image size (``SceneCaptions``)."""
    from dlviz.core.data.scene_captions import load_scene_captions

    shape = tuple(input_shape)
    if len(shape) != 3 or shape[0] != shape[1] or shape[2] != 3 or not shape[0] \
            or shape[0] < 32:
        raise DataRejected(f"shape scenes are square RGB pictures for a captioner; this "
                           f"model takes {shape}: pick the shape captioner from the library")
    train = int(spec.samples or DEFAULT_SCENES[0])
    test = max(50, train // 10)
    language = "vi" if spec.kind == "scenes-vi" else "en"
    return load_scene_captions(train, test, size=int(shape[0]), language=language,
                               seed=spec.seed)


def fit_caption_vocabulary(model, zoo_model, data):
    """``(model, zoo_model, notes)`` writing the data's caption words.

    A library captioner with another vocabulary (another language) is
    rebuilt for the data's (fresh weights, a note says so); a model file
    keeps its own words and is checked by :func:`check_caption_training`.
    """
    have = getattr(zoo_model, "vocabulary", None)
    if zoo_model is None or zoo_model.model is not model or have == data.vocabulary:
        return model, zoo_model, []
    rebuilt = zoo_model.with_vocabulary(data.vocabulary)
    rebuilt.build()
    return rebuilt.model, rebuilt, [f"{zoo_model.title} now writes the {data.name} captions' "
                                    f"{len(data.vocabulary)} words (new weights)"]


def check_caption_training(model, data) -> None:
    """Raise ``DataRejected`` unless ``model`` is a captioner the scenes fit."""
    from dlviz.core.probes.captions import check_captioner
    from dlviz.core.probes.results import ProbeUnavailable

    try:
        check_captioner(model)
    except ProbeUnavailable as exc:
        raise DataRejected(f"the {data.name} data is captioned pictures for a captioner; "
                           f"{exc}") from None
    images, target_in = data.x_train
    want = tuple(int(d) for d in model.inputs[0].shape[1:])
    if tuple(images.shape[1:]) != want:
        raise DataRejected(f"the scenes are {images.shape[1:]} but the model reads "
                           f"{want} pictures")
    width = int(model.outputs[0].shape[-1])
    highest = int(max(target_in.max(initial=0), data.y_train.max(initial=0)))
    if highest >= width:
        raise DataRejected(f"the captions use word ids up to {highest}, but the model "
                           f"writes only {width} words; open a captioner trained on "
                           f"{data.name}, or pick the shape captioner from the library")


def caption_probe(data, x, y, size: int = 16, seed: int = 0):
    """``(image, name, probe_x, probe_y)``: the first held-out scene, and a fixed
    sample of ``size`` training scenes for the gradient probes."""
    image = data.x_test[0][0]
    name = f"held-out scene 0 ({data.test_scenes[0].caption(data.language)})"
    if len(y) > size:
        chosen = np.sort(np.random.default_rng(seed).permutation(len(y))[:size])
        x, y = tuple(part[chosen] for part in x), y[chosen]
    return image, name, x, y
