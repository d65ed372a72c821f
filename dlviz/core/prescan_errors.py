"""The one error type of model files, and the refusals the pre-scan shares."""

from __future__ import annotations

from pathlib import Path

RESAVE = "re-save it from Keras"
_ATTACK = ("Real Keras models stay far below it, so the file is damaged or was made "
           "to attack; do not open it, and get the model again from where it came from")


class ModelFileError(Exception):
    """A model file that cannot be opened, with a one-line reason.

    Attributes:
        kind: ``missing``, ``not_a_file``, ``empty``, ``corrupt``,
            ``not_keras``, ``unsupported_format``, ``too_large`` (over a
            pre-scan cap), ``unknown_layer``, ``needs_unsafe``,
            ``unsafe_unavailable`` (this Keras offers no way to limit unsafe
            loading to one file), ``load_failed`` or ``save_failed``.
        path: the file as given.
        report: the ``PrescanReport`` when the file got that far, else None
            (for ``needs_unsafe`` it holds the SHA-256 to consent to).
    """

    def __init__(self, kind: str, path, message: str, report=None):
        super().__init__(message)
        self.kind = kind
        self.path = str(path)
        self.report = report


def over_cap(path, detail) -> ModelFileError:
    """Refuse a file over a pre-scan cap; ``detail`` names the cap and limit."""
    return ModelFileError(
        "too_large", path, f"{Path(path).name} was refused before loading: {detail}. {_ATTACK}"
    )


def hostile(path, detail: str) -> ModelFileError:
    """Refuse a file holding what Keras never writes (``detail`` says what)."""
    return ModelFileError(
        "corrupt", path, f"{Path(path).name} was refused before loading: {detail}, which "
        f"Keras never writes. The file is damaged or was made to attack; do not open it, "
        "and get the model again from where it came from"
    )


def bad_json(path, where: str) -> ModelFileError:
    """Refuse a file whose architecture is not valid JSON."""
    return ModelFileError(
        "corrupt", path, f"{Path(path).name} is corrupt (its {where} is not valid JSON); {RESAVE}"
    )
