"""Small models dlviz ships already trained on its bundled data.

``resources/models/`` holds, for each, a ``<name>.keras`` file and a
``<name>.json`` sidecar saying what it is: the library architecture, the
dataset, the class names, the test accuracy reached and the command that
made it (``scripts/make_trained_models.py``, deterministic). The model
library lists them first ("Trained models"), so a newcomer's first drop
shows a model that knows something; random and ImageNet weights stay one
click away.

Listing reads only the JSON sidecars (no Keras); opening goes through
:func:`dlviz.core.modelio.load_model` in safe mode, after checking the
file's SHA-256 against the sidecar's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.zoo.base import ZooModel
from dlviz.core.zoo.sidecars import models_dir, pick_shipped, read_sidecars

__all__ = ["TrainedInfo", "TrainedModel", "first_example", "file_sha256", "load_shipped",
           "models_dir", "trained_info", "trained_models"]


@dataclass(frozen=True)
class TrainedInfo:
    """What a shipped model's sidecar says about it."""

    name: str                 # e.g. "vgg16-mini-shapes"
    title: str                # e.g. "VGG-16 mini, trained on shapes"
    architecture: str         # the library name it was built from, e.g. "vgg16-mini"
    data: str                 # the dataset name, e.g. "shapes"
    class_names: tuple[str, ...]
    input_shape: tuple[int, int, int]
    test_accuracy: float
    command: str
    sha256: str
    path: Path                # the .keras file
    order: int = 99           # the library lists lower first
    sample: str = ""          # a file in resources/samples it recognises

    @property
    def description(self) -> str:
        return (f"{self.title}: {len(self.class_names)} classes "
                f"({', '.join(self.class_names)}), {self.test_accuracy:.1%} right on the "
                f"held-out {self.data} images. Made by `{self.command}`.")


def trained_models(folder: str | Path | None = None) -> list[TrainedInfo]:
    """The shipped models whose sidecar and ``.keras`` file are both there.

    A missing folder, a missing file or an unreadable sidecar leaves that
    model out; listing never raises (an install without the resources still
    starts).

    Example:
        >>> [m.name for m in trained_models()]  # doctest: +SKIP
        ['vgg16-mini-shapes', 'lenet5-digits']
    """
    found = read_sidecars(folder, ".json", _info)
    return sorted(found, key=lambda i: (i.order, i.name))


def _info(meta: dict, path: Path) -> TrainedInfo | None:
    info = TrainedInfo(
        name=str(meta["name"]), title=str(meta["title"]),
        architecture=str(meta["architecture"]), data=str(meta["data"]),
        class_names=tuple(str(c) for c in meta["class_names"]),
        input_shape=tuple(int(d) for d in meta["input_shape"]),
        test_accuracy=float(meta["test_accuracy"]), command=str(meta["command"]),
        sha256=str(meta["sha256"]).lower(), path=path, order=int(meta.get("order", 99)),
        sample=str(meta.get("sample", "")))
    if len(info.input_shape) != 3 or len(info.class_names) < 2:
        return None
    return info


def trained_info(name: str, folder: str | Path | None = None) -> TrainedInfo:
    """The shipped model called ``name``; ``KeyError`` lists those there are."""
    return pick_shipped(trained_models(folder), name, "shipped trained model")


def first_example(samples, fallback: str) -> tuple[str, Path | None]:
    """What the window opens on: the first shipped model with its own sample.

    Args:
        samples: the gallery's sample paths.
        fallback: the library name to use when no shipped model (or none of
            their samples) is there.

    Returns:
        ``(library name, sample path)``: a trained model and the sample its
        sidecar names, else ``fallback`` and the first sample (or None).
    """
    samples = [Path(p) for p in samples]
    by_name = {p.name: p for p in samples}
    for info in trained_models():
        if info.sample in by_name:
            return info.name, by_name[info.sample]
    return fallback, (samples[0] if samples else None)


def load_shipped(path: Path, sha256: str, script: str):
    """Open a shipped model in safe mode after checking its hash against its sidecar's.

    Raises:
        ModelFileError: ``load_failed`` when the file is not the one its sidecar
            describes (the message names ``script``, which makes it again).
    """
    from dlviz.core.modelio import load_model

    if file_sha256(path) != sha256:
        raise ModelFileError("load_failed", path,
                             f"{path.name} is not the file its sidecar describes (its "
                             f"SHA-256 differs); run {script} again")
    return load_model(path)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class TrainedModel(ZooModel):
    """A shipped trained model, opened in safe mode, with its class names.

    Args:
        trained: the model's name (see :func:`trained_models`).
        folder: where to look (default :func:`models_dir`; tests).
        input_shape, classes: optional; when given they must be the file's.

    Example:
        >>> net = TrainedModel(trained="lenet5-digits")  # doctest: +SKIP
        >>> net.build(); net.class_names[:3]  # doctest: +SKIP
        ('0', '1', '2')
    """

    kind = "Trained"

    def __init__(self, input_shape=None, classes=None, *, trained: str, folder=None,
                 **options):
        info = trained_info(trained, folder)
        for key, have, asked in (("input shape", info.input_shape, input_shape),
                                 ("classes", len(info.class_names), classes)):
            if asked is not None and (tuple(asked) if key == "input shape"
                                      else int(asked)) != have:
                raise ValueError(f"{info.name} has {key} {have}, not {asked}: a trained "
                                 f"model keeps its own; pick {info.architecture} to build "
                                 "another")
        super().__init__(info.input_shape, len(info.class_names), trained=trained,
                         **options)
        self.info = info
        self.title = info.title
        self.class_names = info.class_names
        self.weights = str(info.path)  # "weights from <file>" in the app's note

    def _build(self):
        """Open the file in safe mode (no code from it runs), hash checked first."""
        return load_shipped(self.info.path, self.info.sha256, "scripts/make_trained_models.py")

    def with_classes(self, classes: int) -> ZooModel:
        """The architecture it was trained from, with ``classes`` outputs (not built).

        Training it on data with another number of classes keeps every layer
        but the classifier (the session copies their weights over).
        """
        from dlviz.core.zoo.registry import get_entry

        return get_entry(self.info.architecture).create(
            input_shape=self.input_shape, classes=int(classes))
