"""What a training run is asked to do: plain frozen settings, no Keras.

The GUI's training panel, the ``dlviz train`` command and the tests all
build a ``TrainingConfig``; the session turns it into Keras calls on the
engine thread. A run directory stores it as JSON (``to_dict``/``from_dict``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from dlviz.core.data.text_sets import TEXT_FILE, TEXT_KINDS

OPTIMIZERS = ("sgd", "adam", "rmsprop")
IMAGE_DATASETS = ("digits", "shapes", "shapes_hard", "folder", "mnist", "fashion_mnist",
                  "cifar10")
#: Token-id sets for sequence models (``data.text_sets``): generated ones and a CSV/TSV file.
TEXT_DATASETS = TEXT_KINDS
DATASETS = IMAGE_DATASETS + TEXT_DATASETS
#: Epochs and learning rate with which a library sequence model learns each text set
#: (the shipped text models and the slow learning tests train at 0.01; at
#: Keras's 0.001 the LSTM is still near chance after five epochs of sentiment).
TEXT_DEFAULTS = {
    "sentiment-en": {"epochs": 10, "learning_rate": 0.01},
    "sentiment-vi": {"epochs": 10, "learning_rate": 0.01},
    "tagging": {"epochs": 5, "learning_rate": 0.01},
    "long": {"epochs": 8, "learning_rate": 0.01},
    TEXT_FILE: {"epochs": 10, "learning_rate": 0.01},
    # Sentence pairs for encoder-decoders: a date model passes 0.99 validation
    # accuracy by its fourth epoch at 0.01 (dlviz train, 4,320 pairs).
    **{name: {"epochs": 10, "learning_rate": 0.01}
       for name in ("dates", "dates-en", "dates-vi", "phrases-en-vi", "phrases-vi-en")},
    # Pictures, not text, but a CRNN wants its own pace: the shipped one reads
    # most strings by its sixth epoch at 0.002 (scripts/make_crnn_model.py).
    "digit-strings": {"epochs": 8, "learning_rate": 0.002},
}


def is_text_data(kind: str) -> bool:
    """True for the data kinds that are token ids (a sequence model's)."""
    return kind in TEXT_DATASETS


def suggested_settings(kind: str) -> dict:
    """``TrainingConfig`` fields that make a fresh model learn data ``kind``.

    Example:
        >>> suggested_settings("tagging")["learning_rate"]
        0.01
        >>> suggested_settings("digits") == {"epochs": 5, "learning_rate": 0.001}
        True
    """
    if kind in TEXT_DEFAULTS:
        return dict(TEXT_DEFAULTS[kind])
    return {"epochs": TrainingConfig.epochs, "learning_rate": TrainingConfig.learning_rate}


@dataclass(frozen=True)
class DataSpec:
    """Where the training images (or sentences) come from.

    ``kind`` is one of ``DATASETS``; ``path`` is the folder for "folder", or
    the CSV/TSV file for "text_file"; ``samples`` caps how many images or
    sentences are generated or used (None: all, or a default for generated
    shapes and text sets).
    """

    kind: str = "digits"
    path: str | None = None
    samples: int | None = None
    seed: int = 0


@dataclass(frozen=True)
class AugmentConfig:
    """Data augmentation as Keras preprocessing layers; 0 switches one off.

    scale: RandomZoom factor; rotation: RandomRotation factor (fraction of a
    full turn); translation: RandomTranslation fraction; brightness and
    contrast: RandomBrightness / RandomContrast factors; noise: GaussianNoise
    standard deviation (on [0, 1] pixels).
    """

    scale: float = 0.0
    rotation: float = 0.0
    translation: float = 0.0
    brightness: float = 0.0
    contrast: float = 0.0
    noise: float = 0.0

    @property
    def enabled(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class TrainingConfig:
    """Every setting of one training run."""

    data: DataSpec = field(default_factory=DataSpec)
    optimizer: str = "adam"           # one of OPTIMIZERS
    learning_rate: float = 1e-3
    momentum: float = 0.9             # SGD only
    batch_size: int = 32
    epochs: int = 5
    validation_split: float = 0.1     # of the training part
    dropout: float | None = None      # sets every Dropout layer's rate when given
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    freeze_first: int = 0             # freeze the first k layers (transfer learning)
    freeze_backbone: bool = False     # freeze every nested model (feature extraction)
    unfreeze: bool = False            # all layers trainable first, not the model's own flags
    mixed_precision: bool = False     # GPU only; ignored with a note on CPU
    distribute: bool = False          # MirroredStrategy when several devices are visible
    probe_budget: float = 0.02        # share of training wall time live views may use
    #                                   (probes, their events and run writes: live views at
    #                                   most ~1.02x bare fit, benchmarks/live_overhead.py)
    seed: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainingConfig":
        data = dict(data)
        data["data"] = DataSpec(**data.get("data", {}))
        data["augment"] = AugmentConfig(**data.get("augment", {}))
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
