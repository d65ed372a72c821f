"""The date models with attention dlviz ships already trained, one per score function.

``resources/models/dates-attention-<score>.keras`` (the ``PairVocabulary``
inside) with its sidecar ``dates-attention-<score>.seq2seq.json``, made by
``scripts/make_attention_models.py`` (deterministic): the score, sizes, the
share of held-out dates written exactly right, the share of the day's,
month's and year's characters whose strongest weight falls on that part of
the source ("alignment"), the command, the SHA-256. The ``.seq2seq.json``
suffix keeps it out of the image and text models' lists; this module lists
it instead, as a :class:`TrainedSeq2Seq`, so a typed date meets a model that
has learned something in the first minute.

Listing reads only the sidecars (no Keras); opening checks the file's
SHA-256, then loads it in safe mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlviz.core.zoo.seq2seq import Seq2SeqAttention
from dlviz.core.zoo.sidecars import pick_shipped, read_sidecars

SUFFIX = ".seq2seq.json"


@dataclass(frozen=True)
class TrainedSeq2SeqInfo:
    """What a shipped encoder-decoder's sidecar says."""

    name: str
    title: str
    architecture: str       # the library preset, "dates-attention"
    score: str
    data: str
    exact_match: float
    alignment: float
    units: int
    embedding_dim: int
    command: str
    sha256: str
    path: Path
    order: int = 99

    @property
    def description(self) -> str:
        return (f"{self.title}: writes dates typed in English or Vietnamese as ISO "
                f"(1987-03-10); {self.exact_match:.1%} of held-out dates exactly right, "
                f"{self.alignment:.1%} of day, month and year characters look hardest at "
                f"that part of the source. Made by `{self.command}`.")


def trained_seq2seq_models(folder=None) -> list[TrainedSeq2SeqInfo]:
    """The shipped encoder-decoders whose sidecar and file are both there (never raises)."""
    found = read_sidecars(folder, SUFFIX, _info)
    return sorted(found, key=lambda i: (i.order, i.name))


def _info(meta: dict, path: Path) -> TrainedSeq2SeqInfo:
    return TrainedSeq2SeqInfo(
        str(meta["name"]), str(meta["title"]), str(meta["architecture"]),
        str(meta["score"]), str(meta["data"]), float(meta["exact_match"]),
        float(meta["alignment"]), int(meta["units"]), int(meta["embedding_dim"]),
        str(meta["command"]), str(meta["sha256"]).lower(), path,
        int(meta.get("order", 99)))


def trained_seq2seq_info(name: str, folder=None) -> TrainedSeq2SeqInfo:
    """The shipped encoder-decoder ``name``; ``KeyError`` lists those there are."""
    return pick_shipped(trained_seq2seq_models(folder), name, "shipped encoder-decoder",
                        "scripts/make_attention_models.py")


class TrainedSeq2Seq(Seq2SeqAttention):
    """A shipped date model with attention, its pair vocabulary read from its file.

    Example:
        >>> net = TrainedSeq2Seq(trained="dates-attention-additive")  # doctest: +SKIP
        >>> net.translate("ngày 10 tháng 3 năm 1987")                 # doctest: +SKIP
        '1987-03-10'
    """

    kind = "Trained"

    def __init__(self, input_shape=None, classes=None, *, trained: str, folder=None,
                 **options):
        from dlviz.core.zoo.registry import get_entry
        from dlviz.core.zoo.sequence_io import read_vocabulary

        info = trained_seq2seq_info(trained, folder)
        vocabulary = read_vocabulary(info.path)
        preset = {k: v for k, v in get_entry(info.architecture).kwargs.items()
                  if k in ("cell", "bidirectional", "bridge")}
        super().__init__(input_shape, classes, vocabulary=vocabulary, units=info.units,
                         embedding_dim=info.embedding_dim, score=info.score,
                         trained=trained, **{**preset, **options})
        self.info = info
        self.title = info.title
        self.weights = str(info.path)

    def _build(self):
        """Open the file in safe mode (no code from it runs), hash checked first."""
        from dlviz.core.zoo.trained import load_shipped

        return load_shipped(self.info.path, self.info.sha256, "scripts/make_attention_models.py")

    def _preset(self, **kwargs) -> Seq2SeqAttention:
        options = {k: v for k, v in self.options.items()
                   if k not in ("trained", "vocabulary", "source_vocabulary_size")}
        return Seq2SeqAttention(self.input_shape, **options, **kwargs)

    def with_vocabulary(self, vocabulary, classes: int | None = None) -> Seq2SeqAttention:
        """The preset it was trained from, reading and writing ``vocabulary`` (new weights)."""
        return self._preset(vocabulary=vocabulary)

    def with_classes(self, classes: int) -> Seq2SeqAttention:
        """The preset it was trained from, writing ``classes`` target ids (new weights)."""
        return self._preset(classes=int(classes),
                            source_vocabulary_size=self.options["source_vocabulary_size"])
