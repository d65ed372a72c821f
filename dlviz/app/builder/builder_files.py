"""Reading and writing the builder's files, with messages a student can act on.

An architecture is saved as Keras's own model config JSON (what
``model.to_json()`` writes), so the file opens in Keras and in other viewers;
"Export code" writes a runnable Keras script. No Keras is imported here:
both directions are plain text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

#: A config bigger than this is not an architecture someone wrote (ResNet-50's is ~0.3 MB).
MAX_BYTES = 20_000_000
#: Saved models (weights inside) open as the current model, not in the builder.
SAVED_MODEL_SUFFIXES = {".keras", ".h5", ".hdf5"}


class ArchitectureFileError(Exception):
    """A file could not be read or written; the message names it and the next step."""

    user_message = True


translate = QCoreApplication.translate


def read_architecture(path: str | os.PathLike):
    """The ``Architecture`` in a Keras model config JSON file.

    Raises:
        ArchitectureFileError: missing, too big, not JSON, or not a Keras model
            config; the message says which and what to open instead.
    """
    from dlviz.core.builder.keras_io import from_json

    name = Path(path).name
    if Path(path).suffix.lower() in SAVED_MODEL_SUFFIXES:
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "{0} is a saved model, not a model config: open it with File > Open model…, "
            "then press \"From current model\" here.").format(name))
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise ArchitectureFileError(translate(
                "BuilderFiles",
                "{0} is too big for a model config; open the .json that "
                "model.to_json() writes.").format(name))
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "{0} could not be read ({1}); check the file and open it again.").format(
            name, type(exc).__name__)) from exc
    try:
        json.loads(text)
    except ValueError as exc:
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "{0} is not JSON (line {1}): open a Keras model config, the text that "
            "model.to_json() writes (a .keras or .h5 model opens with File > Open model)."
        ).format(name, getattr(exc, "lineno", "?"))) from exc
    try:
        return from_json(text)
    except Exception as exc:  # noqa: BLE001 - any refusal becomes a message
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "{0} is not a Keras model config the builder can open: {1}").format(
            name, " ".join(str(exc).split())[:300])) from exc


def _write_atomically(path: str | os.PathLike, text: str) -> None:
    target = Path(path)
    temp = target.with_name(target.name + ".part")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "{0} could not be written ({1}); choose another folder.").format(
            target.name, exc.strerror or type(exc).__name__)) from exc


def write_architecture(arch, path: str | os.PathLike) -> None:
    """Save ``arch`` as Keras model config JSON at ``path`` (atomically)."""
    from dlviz.core.builder.keras_io import to_config_json

    try:
        text = to_config_json(arch)
    except Exception as exc:  # noqa: BLE001
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "This network cannot be saved yet: {0}").format(" ".join(str(exc).split())[:300])
        ) from exc
    _write_atomically(path, text)


def write_code(arch, path: str | os.PathLike) -> None:
    """Write a runnable Keras script building ``arch`` at ``path`` (atomically)."""
    from dlviz.core.builder.code_export import python_code

    try:
        text = python_code(arch)
    except Exception as exc:  # noqa: BLE001
        raise ArchitectureFileError(translate(
            "BuilderFiles",
            "No script could be written for this network: {0}").format(
            " ".join(str(exc).split())[:300])) from exc
    _write_atomically(path, text)
