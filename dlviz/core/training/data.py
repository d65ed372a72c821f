"""Training data for a given model: loaded, fitted to its input, checked.

:func:`load_training_data` turns a :class:`~dlviz.core.training.config.DataSpec`
into a :class:`TrainingData` (a :class:`~dlviz.core.data.Dataset` with
``notes``) whose images already have the model's height, width and channels,
as float32 in [0, 1]. :func:`validate_training_data` refuses data that
cannot train (NaN pixels, one class, labels the model cannot output) before
any Keras call, with the reason.

The ``keras.datasets`` sets (MNIST, Fashion-MNIST, CIFAR-10) are read from
Keras's own cache, where ``keras.datasets.*.load_data`` keeps them, so a
download by either serves both; see :mod:`~dlviz.core.training.keras_datasets`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.data import Dataset, load_digits_split, load_image_folder, load_shapes_split
from dlviz.core.data.folders import DatasetError
from dlviz.core.training.config import DataSpec

_RESIZE_BATCH = 4096  # images per tf.image.resize call: bounds the peak memory
_TEST_FRACTION = 0.2
#: Generated shapes: data name -> (level, pictures when ``samples`` is not set).
#: The easy level gets more pictures: they are cheap and make it learnable.
SHAPE_SETS = {"shapes": ("easy", 3000), "shapes_hard": ("hard", 2000)}


class DataRejected(Exception):
    """Data that cannot train this model; ``str(error)`` says why."""

    user_message = True


class DatasetUnavailable(Exception):
    """A ``keras.datasets`` set is neither cached nor downloadable; ``str()`` says what to do."""

    user_message = True


@dataclass(frozen=True, eq=False, repr=False)
class TrainingData(Dataset):
    """A :class:`Dataset` plus what loading it changed or left out.

    Attributes:
        notes: one sentence each, e.g. "resized from 28x28 to 32x32",
            "skipped 2 unreadable files: a.txt (not an image) ...".
    """

    notes: tuple[str, ...] = ()


def validate_training_data(x, y, classes: int) -> None:
    """Refuse images and labels that cannot train a ``classes``-way classifier.

    Args:
        x: images, (N, H, W, C).
        y: integer class labels, (N,).
        classes: the width of the model's output layer.

    Raises:
        DataRejected: with the first problem found, said plainly.

    Example:
        >>> validate_training_data(np.zeros((2, 4, 4, 1)), np.array([0, 1]), 10)
    """
    x, y = np.asarray(x), np.asarray(y)
    if x.size == 0 or len(y) == 0:
        raise DataRejected("the training data is empty: there are no images to learn from")
    if x.ndim != 4:
        raise DataRejected(f"the inputs must be a batch of images (N, height, width, "
                           f"channels), but their shape is {x.shape}")
    if len(x) != len(y):
        raise DataRejected(f"there are {len(x)} images but {len(y)} labels; "
                           "every image needs exactly one label")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]  # CIFAR-style (N, 1) labels
    if y.ndim != 1:
        raise DataRejected(f"the labels must be one class number per image, but their "
                           f"shape is {y.shape}")
    if not np.issubdtype(x.dtype, np.number) or np.issubdtype(x.dtype, np.complexfloating):
        raise DataRejected(f"the images must hold real numbers, not {x.dtype}")
    if np.issubdtype(x.dtype, np.floating):
        bad = int(x.size - np.count_nonzero(np.isfinite(x)))
        if bad:
            images = int(np.count_nonzero(~np.isfinite(x).reshape(len(x), -1).all(axis=1)))
            raise DataRejected(f"the inputs contain {bad:,} NaN or infinite values "
                               f"(in {images:,} of {len(x):,} images); training on them "
                               "would make the loss NaN")
    _check_labels(y, classes)


def _check_labels(y: np.ndarray, classes: int) -> None:
    if y.dtype == bool or not np.issubdtype(y.dtype, np.number):
        raise DataRejected(f"the labels must be whole class numbers, not {y.dtype}")
    if np.issubdtype(y.dtype, np.floating):
        if not np.isfinite(y).all() or (y != np.round(y)).any():
            raise DataRejected("the labels must be whole class numbers (0, 1, 2, ...); "
                               "some are fractions, NaN or infinite")
    lo, hi = y.min(), y.max()
    if lo < 0 or hi >= classes:
        raise DataRejected(f"the labels run from {lo:g} to {hi:g}, but this model has "
                           f"{classes} outputs, so labels must lie in 0..{classes - 1}")
    found = np.unique(y)
    if len(found) < 2:
        raise DataRejected(f"every label is {found[0]:g}: a classifier needs at least "
                           "two classes to learn to tell apart")


def load_training_data(spec: DataSpec, input_shape, classes: int | None, *,
                       progress=None, vocabulary=None) -> TrainingData:
    """Load the data ``spec`` names, fitted to a model's input and outputs.

    Args:
        spec: which data ("digits", "shapes" (easy), "shapes_hard", "folder",
            "mnist", "fashion_mnist", "cifar10"; or text: "sentiment-en",
            "sentiment-vi", "tagging", "long", "text_file", which give a
            ``TextDataset`` of token ids), the folder or file, how many
            samples, seed.
        input_shape: the model's (height, width, channels); channels 1 or 3.
        classes: the width of the model's output layer; None for a library
            model, whose output layer is sized to the data.
        progress: called as ``progress(done, total)`` while a folder is read
            (files) or a ``keras.datasets`` file downloads (bytes; total may
            be None). Raising from it cancels.
        vocabulary: for text, the model's own ``Vocabulary`` (a file or a
            resumed run), so ids keep their meaning; None builds the data's.

    Returns:
        A :class:`TrainingData`: float32 (N, height, width, channels) images in
        [0, 1], int64 labels, train and test parts, and ``notes``.

    Raises:
        DataRejected: the data has more classes than the model has outputs,
            or fails :func:`validate_training_data`; also a folder that is
            not a dataset.
        DatasetUnavailable: a ``keras.datasets`` set is not cached and
            cannot be downloaded.

    Example:
        >>> data = load_training_data(DataSpec("digits"), (28, 28, 1), 10)  # doctest: +SKIP
        >>> data.input_shape  # doctest: +SKIP
        (28, 28, 1)
    """
    from dlviz.core.data.text_sets import TEXT_KINDS  # noqa: PLC0415

    if spec.kind in TEXT_KINDS:  # token ids for a sequence model, not images
        return _load_text(spec, classes, vocabulary)
    from dlviz.core.training.ctc_session import CTC_DATA, load_ctc_data  # noqa: PLC0415

    if spec.kind in CTC_DATA:  # pictures of strings, for a CRNN (labels: digit rows)
        return load_ctc_data(spec, input_shape, classes)
    from dlviz.core.training.caption_session import CAPTION_DATA, load_caption_data

    if spec.kind in CAPTION_DATA:  # captioned scenes, for a captioner (two inputs)
        return load_caption_data(spec, input_shape)
    height, width, channels = _target(input_shape)
    notes: list[str] = []
    dataset = _load(spec, (height, width, channels), progress, notes)
    if classes is not None and dataset.num_classes > classes:
        raise DataRejected(f"the {spec.kind} data has {dataset.num_classes} classes but "
                           f"this model has only {classes} outputs; choose a model "
                           f"with {dataset.num_classes} outputs or other data")
    if spec.samples and spec.kind not in SHAPE_SETS:
        dataset = _cap(dataset, spec.samples, spec.seed, notes)
    parts = [_fit(x, (height, width, channels), notes if i == 0 else None)
             for i, x in enumerate((dataset.x_train, dataset.x_test))]
    validate_training_data(parts[0], dataset.y_train,
                           dataset.num_classes if classes is None else classes)
    return TrainingData(parts[0], dataset.y_train.astype(np.int64), parts[1],
                        dataset.y_test.astype(np.int64), dataset.class_names, tuple(notes))


def _load_text(spec: DataSpec, classes: int | None, vocabulary=None):
    """A :class:`~dlviz.core.data.text_dataset.TextDataset` (``spec.kind`` in
    ``TEXT_KINDS``); ``vocabulary``: the model's own, when it has one."""
    from dlviz.core.data.text import TextError  # noqa: PLC0415
    from dlviz.core.data.text_sets import load_text_data  # noqa: PLC0415

    try:
        data = load_text_data(spec.kind, path=spec.path, samples=spec.samples,
                              seed=spec.seed, vocabulary=vocabulary)
    except TextError as exc:
        raise DataRejected(str(exc)) from exc
    if classes is not None and data.num_classes > classes:
        raise DataRejected(f"the {data.name} data has {data.num_classes} classes but this "
                           f"model has only {classes} outputs")
    return data


def _target(input_shape) -> tuple[int, int, int]:
    if len(tuple(input_shape)) == 1:  # token ids: a sequence model
        from dlviz.core.data.text_sets import TEXT_SETS  # noqa: PLC0415

        raise DataRejected(f"this is a sequence model: it reads text, not images; train "
                           f"it on {', '.join(TEXT_SETS)} or a .csv/.tsv file of "
                           "(text, label) rows")
    shape = tuple(input_shape)[-3:]
    if len(shape) != 3 or None in shape or shape[2] not in (1, 3):
        raise DataRejected(f"dlviz trains image classifiers with grey (1 channel) or RGB "
                           f"(3 channels) inputs of a fixed size; this model takes "
                           f"{tuple(input_shape)}")
    return int(shape[0]), int(shape[1]), int(shape[2])


def _load(spec: DataSpec, shape, progress, notes: list[str]) -> Dataset:
    height, width, channels = shape
    square = height if height == width else max(height, width)
    if spec.kind == "digits":
        return load_digits_split(size=square, test_fraction=_TEST_FRACTION, seed=spec.seed)
    if spec.kind in SHAPE_SETS:
        level, default_n = SHAPE_SETS[spec.kind]
        return load_shapes_split(n=spec.samples or default_n, size=max(square, 8),
                                 test_fraction=_TEST_FRACTION, seed=spec.seed, level=level)
    if spec.kind == "folder":
        return _load_folder(spec, shape, progress, notes)
    from dlviz.core.training import keras_datasets  # noqa: PLC0415 (only when asked)

    if spec.kind in keras_datasets.FILES:
        return keras_datasets.load(spec.kind, progress)
    raise DataRejected(f"unknown data {spec.kind!r}; choose digits, shapes, shapes_hard, "
                       "folder, mnist, fashion_mnist or cifar10")


def _load_folder(spec: DataSpec, shape, progress, notes: list[str]) -> Dataset:
    if not spec.path:
        raise DataRejected("choose an image folder (one subfolder per class) first")
    try:
        load = load_image_folder(spec.path, shape[:2], channels=shape[2],
                                 progress_callback=progress)
    except DatasetError as exc:
        raise DataRejected(str(exc)) from exc
    if load.skipped:
        shown = "; ".join(f"{p.name} ({why})" for p, why in load.skipped[:5])
        more = f"; and {len(load.skipped) - 5} more" if len(load.skipped) > 5 else ""
        notes.append(f"skipped {len(load.skipped)} file(s) that could not be used: "
                     f"{shown}{more}")
    return load.split(_TEST_FRACTION, spec.seed)


def _cap(dataset: Dataset, samples: int, seed: int, notes: list[str]) -> Dataset:
    """At most ``samples`` training images (a seeded random choice); the test
    part is cut in the same proportion."""
    n_train = len(dataset.y_train)
    if samples >= n_train:
        return dataset
    rng = np.random.default_rng(seed)
    n_test = max(1, round(len(dataset.y_test) * samples / n_train))
    train = np.sort(rng.permutation(n_train)[:samples])
    test = np.sort(rng.permutation(len(dataset.y_test))[:n_test])
    notes.append(f"using {samples:,} of {n_train:,} training images")
    return Dataset(dataset.x_train[train], dataset.y_train[train], dataset.x_test[test],
                   dataset.y_test[test], dataset.class_names)


def _fit(x: np.ndarray, shape, notes: list[str] | None) -> np.ndarray:
    """Images of any size, grey or RGB, uint8 or float -> float32 ``shape`` in [0, 1]."""
    height, width, channels = shape
    if x.dtype == np.uint8:
        x = x.astype(np.float32) / 255.0
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 3:
        x = x[..., np.newaxis]
    have = x.shape[1:3]
    if have != (height, width):
        if notes is not None:
            notes.append(f"images resized from {have[0]}x{have[1]} to {height}x{width}")
        x = _resize(x, (height, width))
    if x.shape[-1] != channels:
        if notes is not None:
            notes.append("grey images repeated into RGB" if channels == 3
                         else "colour images converted to grey")
        from dlviz.core.data import to_channels  # noqa: PLC0415

        x = to_channels(x, channels)
    return np.ascontiguousarray(x, dtype=np.float32)


def _resize(x: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Resize a batch with TensorFlow (antialiased when shrinking), in chunks."""
    from dlviz.core.kerasenv import import_tensorflow  # noqa: PLC0415

    tf = import_tensorflow()
    # Antialiasing only matters when shrinking, and costs about 10x.
    shrink = size[0] < x.shape[1] or size[1] < x.shape[2]
    out = np.empty((len(x), *size, x.shape[-1]), np.float32)
    for start in range(0, len(x), _RESIZE_BATCH):
        part = tf.image.resize(x[start:start + _RESIZE_BATCH], size, method="bilinear",
                               antialias=shrink)
        out[start:start + _RESIZE_BATCH] = part.numpy()
    return np.clip(out, 0.0, 1.0, out=out)
