"""The image captioner dlviz ships already trained on shape scenes.

``resources/models/captions-shapes.keras`` (the caption vocabulary inside)
with its sidecar ``captions-shapes.caption.json``, made by
``scripts/make_caption_model.py`` (deterministic): sizes, the share of
unseen scenes captioned exactly, the share of shape words whose strongest
attention falls on that shape, the command, the SHA-256. The
``.caption.json`` suffix keeps it out of the other trained lists; this
module lists it as a :class:`TrainedCaptioner`, so a dropped scene meets a
model that has learnt something in the first minute.

Listing reads only the sidecars (no Keras); opening checks the file's
SHA-256, then loads it in safe mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlviz.core.zoo.captioner import ShapeCaptioner
from dlviz.core.zoo.sidecars import pick_shipped, read_sidecars

SUFFIX = ".caption.json"


@dataclass(frozen=True)
class TrainedCaptionerInfo:
    """What a shipped captioner's sidecar says."""

    name: str
    title: str
    language: str
    input_shape: tuple[int, int, int]
    filters: tuple[int, ...]
    units: int
    embedding_dim: int
    score: str
    exact_captions: float
    shape_attention: float
    command: str
    sha256: str
    path: Path

    @property
    def description(self) -> str:
        return (f"{self.title}: drop a scene of two shapes and read its caption, and where "
                f"each word looked; {self.exact_captions:.1%} of unseen scenes captioned "
                f"exactly, {self.shape_attention:.1%} of shape words look hardest at their "
                f"shape. Made by `{self.command}`.")


def trained_captioners(folder=None) -> list[TrainedCaptionerInfo]:
    """The shipped captioners whose sidecar and ``.keras`` file are both there (never raises)."""
    found = read_sidecars(folder, SUFFIX, _info)
    return sorted(found, key=lambda info: (info.language != "en", info.name))  # English first


def _info(meta: dict, path: Path) -> TrainedCaptionerInfo:
    return TrainedCaptionerInfo(
        str(meta["name"]), str(meta["title"]), str(meta["language"]),
        tuple(int(d) for d in meta["input_shape"]),
        tuple(int(f) for f in meta["filters"]), int(meta["units"]),
        int(meta["embedding_dim"]), str(meta["score"]),
        float(meta["exact_captions"]), float(meta["shape_attention"]),
        str(meta["command"]), str(meta["sha256"]).lower(), path)


def trained_captioner_info(name: str, folder=None) -> TrainedCaptionerInfo:
    """The shipped captioner ``name``; ``KeyError`` lists those there are."""
    return pick_shipped(trained_captioners(folder), name, "shipped captioner",
                        "scripts/make_caption_model.py")


class TrainedCaptioner(ShapeCaptioner):
    """A shipped captioner, its vocabulary read from its file, opened in safe mode.

    Example:
        >>> net = TrainedCaptioner(trained="captions-shapes")   # doctest: +SKIP
        >>> net.caption(scene)                                   # doctest: +SKIP
        'a red circle above a blue square'
    """

    kind = "Trained"

    def __init__(self, input_shape=None, classes=None, *, trained: str, folder=None,
                 **options):
        from dlviz.core.zoo.sequence_io import read_vocabulary

        info = trained_captioner_info(trained, folder)
        super().__init__(info.input_shape, classes, vocabulary=read_vocabulary(info.path),
                         filters=info.filters, units=info.units,
                         embedding_dim=info.embedding_dim, score=info.score,
                         trained=trained, **options)
        self.info = info
        self.title = info.title
        self.weights = str(info.path)

    def _build(self):
        """Open the file in safe mode (no code from it runs), hash checked first."""
        from dlviz.core.zoo.trained import load_shipped

        return load_shipped(self.info.path, self.info.sha256, "scripts/make_caption_model.py")

    def _preset(self, **kwargs) -> ShapeCaptioner:
        options = {k: v for k, v in self.options.items()
                   if k not in ("trained", "vocabulary", "language")}
        return ShapeCaptioner(self.input_shape, **options, **kwargs)

    def with_vocabulary(self, vocabulary, classes: int | None = None) -> ShapeCaptioner:
        """The architecture it was trained as, writing ``vocabulary`` (new weights)."""
        return self._preset(vocabulary=vocabulary)

    def with_classes(self, classes: int) -> ShapeCaptioner:
        """The architecture it was trained as, writing ``classes`` ids (new weights)."""
        return self._preset(classes=int(classes))
