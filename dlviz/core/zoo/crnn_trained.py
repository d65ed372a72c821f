"""The CRNN dlviz ships already trained on digit strings.

``resources/models/crnn-digit-strings.keras`` with its sidecar
``crnn-digit-strings.ctc.json`` (made by ``scripts/make_crnn_model.py``,
deterministic): the class names (blank first), the exact-string accuracy
and character error rate on strings of unseen digit drawings, the command.
The ``.ctc.json`` suffix keeps it out of the image classifiers' list
(``trained.py`` reads ``<name>.json``); this module lists it instead, as a
:class:`TrainedCRNN`, so it trains with CTC loss like any CRNN.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlviz.core.zoo.crnn import CRNN
from dlviz.core.zoo.sidecars import pick_shipped, read_sidecars

SUFFIX = ".ctc.json"


@dataclass(frozen=True)
class TrainedCrnnInfo:
    """What a shipped CRNN's sidecar says."""

    name: str
    title: str
    class_names: tuple[str, ...]
    input_shape: tuple[int, int, int]
    string_accuracy: float
    character_error_rate: float
    units: int
    filters: tuple[int, ...]
    command: str
    sha256: str
    path: Path

    @property
    def description(self) -> str:
        return (f"{self.title}: reads 1-6 handwritten digits; {self.string_accuracy:.1%} of "
                f"strings of unseen drawings read exactly, {self.character_error_rate:.1%} "
                f"character errors. Made by `{self.command}`.")


def trained_crnn_models(folder=None) -> list[TrainedCrnnInfo]:
    """The shipped CRNNs whose sidecar and ``.keras`` file are both there (never raises)."""
    return read_sidecars(folder, SUFFIX, _info)


def _info(meta: dict, path: Path) -> TrainedCrnnInfo:
    return TrainedCrnnInfo(
        str(meta["name"]), str(meta["title"]), tuple(meta["class_names"]),
        tuple(int(d) for d in meta["input_shape"]), float(meta["string_accuracy"]),
        float(meta["character_error_rate"]), int(meta["units"]),
        tuple(int(f) for f in meta["filters"]), str(meta["command"]),
        str(meta["sha256"]).lower(), path)


class TrainedCRNN(CRNN):
    """A shipped CRNN, opened in safe mode (hash checked first), trained with CTC.

    Example:
        >>> net = TrainedCRNN(trained="crnn-digit-strings")   # doctest: +SKIP
        >>> net.build(); net.read(images)                     # doctest: +SKIP
    """

    kind = "Trained"

    def __init__(self, input_shape=None, classes=None, *, trained: str, folder=None,
                 **options):
        info = pick_shipped(trained_crnn_models(folder), trained, "shipped CRNN",
                            "scripts/make_crnn_model.py")
        super().__init__(info.input_shape, len(info.class_names), units=info.units,
                         filters=info.filters)
        self.options["trained"] = trained
        self.info = info
        self.title = info.title
        self.class_names = info.class_names
        self.weights = str(info.path)

    def _build(self):
        """Open the file in safe mode (no code from it runs), hash checked first."""
        from dlviz.core.zoo.trained import load_shipped

        return load_shipped(self.info.path, self.info.sha256, "scripts/make_crnn_model.py")

    def with_classes(self, classes: int) -> CRNN:
        """A plain CRNN of the same shape with ``classes`` outputs (not built)."""
        return CRNN(self.input_shape, int(classes), units=self.options["units"],
                    filters=self.options["filters"])
