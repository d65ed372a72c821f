"""The small text models dlviz ships already trained (``resources/models``).

Each is a ``<name>.keras`` file (its vocabulary inside) and a
``<name>.text.json`` sidecar in the image models' format (name, title,
architecture, data, class names, test accuracy, command, SHA-256) plus what
text needs (task, token kind, vocabulary size, accuracy on negated sentences
beside a bag of words'); ``scripts/make_trained_text_models.py`` writes them.
The model library lists them with the trained image models, so a sentence
typed in the first minute meets a model that has learned something.

Listing reads only the sidecars (no Keras); opening checks the file's
SHA-256 against its sidecar, then loads it in safe mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlviz.core.zoo.sequence import SequenceClassifier
from dlviz.core.zoo.sidecars import pick_shipped, read_sidecar, read_sidecars

SIDECAR = ".text.json"


@dataclass(frozen=True)
class TrainedTextInfo:
    """What a shipped text model's sidecar says about it."""

    name: str
    title: str
    architecture: str       # the library preset it was built from, e.g. "lstm-sentiment"
    data: str               # e.g. "sentiment-vi"
    task: str               # "classify" or "tag"
    class_names: tuple[str, ...]
    test_accuracy: float
    command: str
    sha256: str
    path: Path
    order: int = 99
    tokens: str = ""
    units: int = 32
    embedding_dim: int = 32

    @property
    def description(self) -> str:
        return (f"{self.title}: {len(self.class_names)} "
                f"{'tags' if self.task == 'tag' else 'classes'}, "
                f"{self.test_accuracy:.1%} right on held-out {self.data} sentences; "
                f"{self.tokens}. Made by `{self.command}`.")


def trained_text_models(folder=None) -> list[TrainedTextInfo]:
    """The shipped text models whose sidecar and file are both there (never raises)."""
    found = read_sidecars(folder, SIDECAR, _info)
    return sorted(found, key=lambda i: (i.order, i.name))


def read_text_sidecar(sidecar: Path) -> TrainedTextInfo | None:
    """One ``<name>.text.json`` sidecar's info, or None when it is not usable."""
    return read_sidecar(sidecar, SIDECAR, _info)


def _info(meta: dict, path: Path) -> TrainedTextInfo | None:
    info = TrainedTextInfo(
        name=str(meta["name"]), title=str(meta["title"]),
        architecture=str(meta["architecture"]), data=str(meta["data"]),
        task=str(meta["task"]), class_names=tuple(str(c) for c in meta["class_names"]),
        test_accuracy=float(meta["test_accuracy"]), command=str(meta["command"]),
        sha256=str(meta["sha256"]).lower(), path=path, order=int(meta.get("order", 99)),
        tokens=str(meta.get("tokens", "")), units=int(meta.get("units", 32)),
        embedding_dim=int(meta.get("embedding_dim", 32)))
    if info.task not in ("classify", "tag") or len(info.class_names) < 2:
        return None
    return info


def trained_text_info(name: str, folder=None) -> TrainedTextInfo:
    """The shipped text model ``name``; ``KeyError`` lists those there are."""
    return pick_shipped(trained_text_models(folder), name, "shipped trained text model")


class TrainedSequenceModel(SequenceClassifier):
    """A shipped trained classifier or tagger, with its vocabulary and class names.

    Example:
        >>> net = TrainedSequenceModel(trained="lstm-sentiment-vi")  # doctest: +SKIP
        >>> net.predict_text("phim không tệ chút nào").argmax()  # doctest: +SKIP
        2
    """

    kind = "Trained"

    def __init__(self, input_shape=None, classes=None, *, trained: str, folder=None,
                 **options):
        from dlviz.core.zoo.registry import get_entry
        from dlviz.core.zoo.sequence_io import read_vocabulary

        info = trained_text_info(trained, folder)
        if classes is not None and int(classes) != len(info.class_names):
            raise ValueError(f"{info.name} has {len(info.class_names)} classes, not {classes}: "
                             f"a trained model keeps its own; pick {info.architecture} "
                             "to build another")
        vocabulary = read_vocabulary(info.path)
        self.task = info.task
        preset = {k: v for k, v in get_entry(info.architecture).kwargs.items()
                  if k in ("cell", "layers", "bidirectional")}
        super().__init__(input_shape, len(info.class_names), vocabulary=vocabulary,
                         units=info.units, embedding_dim=info.embedding_dim,
                         trained=trained, **{**preset, **options})
        self.info = info
        self.title = info.title
        self.class_names = info.class_names
        self.weights = str(info.path)

    def _build(self):
        """Open the file in safe mode (no code from it runs), hash checked first."""
        from dlviz.core.zoo.trained import load_shipped

        return load_shipped(self.info.path, self.info.sha256, "scripts/make_trained_text_models.py")

    def _preset(self, **kwargs):
        from dlviz.core.zoo.registry import get_entry

        keep = {k: self.options[k] for k in ("units", "embedding_dim") if k in self.options}
        return get_entry(self.info.architecture).create(**keep, **kwargs)

    def with_classes(self, classes: int):
        """The preset it was trained from, same vocabulary, ``classes`` outputs."""
        return self._preset(classes=int(classes), vocabulary=self.vocabulary)

    def with_vocabulary(self, vocabulary, classes: int | None = None):
        """The preset it was trained from, reading ``vocabulary`` (new weights)."""
        return self._preset(classes=classes or self.classes, vocabulary=vocabulary)
