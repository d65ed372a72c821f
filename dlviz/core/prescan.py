"""Look inside a ``.keras`` or ``.h5`` model file without running anything.

A Keras model file is code as well as numbers: a ``Lambda`` layer stores
Python bytecode, a ``TFSMLayer`` loads an external SavedModel. ``prescan``
reads the file's JSON architecture and reports what is in it *without
deserialising a single object*, so the GUI can show a model and ask before
loading it unsafely. It never imports Keras or TensorFlow (h5py only, and
only for ``.h5`` files); ``resolve_classes=True`` imports Keras (and only
Keras's own modules) to check which classes this machine can build. Every
byte of JSON it reads passes the caps in ``prescan_caps`` first, so a small
crafted file cannot make it use hundreds of MB; ``prescan_zip`` and
``prescan_h5`` read the two formats.

Example:
    >>> report = prescan("model.keras")          # doctest: +SKIP
    >>> print(report.describe())                 # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dlviz.core import modelscan
from dlviz.core.prescan_errors import RESAVE as _RESAVE
from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.prescan_h5 import read_h5
from dlviz.core.prescan_zip import read_zip

MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")
_FOREIGN = {
    ".pt": "a PyTorch file", ".pth": "a PyTorch file", ".ckpt": "a checkpoint",
    ".onnx": "an ONNX file", ".pb": "a TensorFlow graph file",
    ".tflite": "a TensorFlow Lite file", ".pkl": "a pickle file",
    ".safetensors": "a safetensors weights file", ".npz": "a NumPy archive",
}
_OPENS = "dlviz opens Keras models saved as .keras (or legacy .h5)"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PrescanReport:
    """What a model file holds, read from its JSON architecture only."""

    path: str
    sha256: str
    format: str  # "keras" (v3 zip) or "h5" (legacy HDF5)
    model_name: str
    model_class: str
    keras_version: str | None
    layer_counts: dict = field(hash=False)  # class name -> count, nested too
    unsafe_reasons: tuple[str, ...]
    unknown_classes: tuple[str, ...]
    custom_classes: tuple[str, ...] = ()  # defined outside Keras
    classes_resolved: bool = False  # True when unknown_classes was checked

    @property
    def needs_unsafe(self) -> bool:
        return bool(self.unsafe_reasons)

    def describe(self) -> str:
        """Several lines for a person: format, model, layers, safety."""
        kind = "Keras v3 (.keras zip)" if self.format == "keras" else "legacy HDF5 (.h5)"
        saved = f", saved by Keras {self.keras_version}" if self.keras_version else ""
        total = sum(self.layer_counts.values())
        lines = [
            f"File: {Path(self.path).name} — {kind}{saved}",
            f"SHA-256: {self.sha256}",
            f"Model: '{clip(self.model_name)}' ({clip(self.model_class)}), {total} layers",
        ]
        counts = [f"  {clip(name)} × {n}" for name, n in self.layer_counts.items()]
        lines += _first(counts, "  … and {} more kinds of layer")
        if self.custom_classes:
            lines.append("Classes from outside Keras: " + ", ".join(
                _first(self.custom_classes, "… and {} more")))
        if self.unknown_classes:
            lines.append("Not installed here (cannot load): " + ", ".join(
                _first(self.unknown_classes, "… and {} more")))
        elif not self.classes_resolved:
            lines.append("Installed classes: not checked yet")
        if self.needs_unsafe:
            lines.append("Needs unsafe loading, which runs code from the file:")
            lines += [f"  - {reason}" for reason in _first(self.unsafe_reasons, "… and {} more")]
        else:
            lines.append("Safety: loads in safe mode (no code from the file runs)")
        return "\n".join(lines)


def _first(items, rest: str, limit: int = 30) -> list[str]:
    # A crafted file can hold 100,000 kinds of layer; a person reads 30.
    items = list(items)
    shown = [clip(str(item)) for item in items[:limit]]
    if len(items) > limit:
        shown.append(rest.format(f"{len(items) - limit:,}"))
    return shown


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters: names in a crafted file can be MB long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_sha256(path) -> str:
    """Return the hex SHA-256 of a regular file's bytes."""
    digest = hashlib.sha256()
    with _open_regular(Path(path)) as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def prescan(path, *, resolve_classes: bool = False) -> PrescanReport:
    """Report what a model file holds without deserialising anything.

    Args:
        path: a ``.keras``, ``.h5`` or ``.hdf5`` file.
        resolve_classes: also import Keras (and dlviz's own layers) to list
            the classes this machine cannot build in ``unknown_classes``.
            Without it the scan stays Keras-free and ``unknown_classes`` is
            empty with ``classes_resolved`` False.

    Returns:
        A ``PrescanReport``; ``sha256`` is of the very bytes scanned.

    Raises:
        ModelFileError: kinds ``missing``, ``not_a_file``, ``empty``,
            ``corrupt``, ``not_keras``, ``unsupported_format``.
    """
    with snapshot(path) as (copy, sha):
        return scan_copy(path, copy, sha, resolve_classes=resolve_classes)


@contextlib.contextmanager
def snapshot(path) -> Iterator[tuple[Path, str]]:
    """Copy a model file once into a private folder, hashing as it goes.

    Yields ``(copy_path, sha256)``. Scanning and loading the copy means a
    file swapped on disk after the hash cannot slip past the check
    (time-of-check to time-of-use). The copy's suffix follows its content,
    since Keras picks its loader by suffix.
    """
    path = Path(path)
    _check_suffix(path)
    folder = Path(tempfile.mkdtemp(prefix="dlviz-model-"))  # mode 0700
    try:
        raw = folder / "model.bin"
        digest = hashlib.sha256()
        with _open_regular(path) as src, open(raw, "wb") as dst:
            try:
                for chunk in iter(lambda: src.read(_CHUNK), b""):
                    digest.update(chunk)
                    dst.write(chunk)
            except OSError as e:  # a failing disk, or no room for the copy
                raise ModelFileError(
                    "load_failed", path, f"{path.name} could not be read: {e.strerror or e}"
                ) from e
        if raw.stat().st_size == 0:
            raise ModelFileError(
                "empty", path, f"{path.name} is empty (0 bytes); the save "
                "probably failed, so save the model again"
            )
        fmt = _sniff(path, raw)
        copy = raw.rename(folder / ("model.keras" if fmt == "keras" else "model.h5"))
        yield copy, digest.hexdigest()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def scan_copy(path, copy: Path, sha: str, *, resolve_classes: bool) -> PrescanReport:
    """Build the report for ``copy`` (a ``snapshot``), naming it ``path``."""
    path = Path(path)
    if copy.suffix == ".keras":
        config, version = read_zip(path, copy)
        fmt = "keras"
    else:
        config, version = read_h5(path, copy)
        fmt = "h5"
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        raise ModelFileError(
            "not_keras", path, f"{path.name} holds no Keras model architecture "
            f"(its model config has no class_name); {_RESAVE}"
        )
    try:
        found = modelscan.scan(config)
        unknown = modelscan.unresolved(found) if resolve_classes else ()
    except RecursionError:
        raise ModelFileError(
            "corrupt", path, f"{path.name} has an absurdly deeply nested config; {_RESAVE}"
        ) from None
    inner = config.get("config")
    name = inner.get("name") if isinstance(inner, dict) else None
    return PrescanReport(
        path=str(path), sha256=sha, format=fmt,
        model_name=str(name or path.stem), model_class=config["class_name"],
        keras_version=version, layer_counts=found.layer_counts,
        unsafe_reasons=tuple(found.unsafe_reasons), unknown_classes=tuple(unknown),
        custom_classes=tuple(found.custom_classes), classes_resolved=resolve_classes,
    )


def _check_suffix(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in MODEL_SUFFIXES or path.is_dir() or not path.exists():
        return  # folders and missing paths get their own message on open
    what = _FOREIGN.get(suffix) or (
        f"a {suffix} file" if suffix else "a file without an extension"
    )
    raise ModelFileError("unsupported_format", path, f"{path.name} is {what}; {_OPENS}")


@contextlib.contextmanager
def _open_regular(path: Path):
    # O_NONBLOCK: opening a FIFO must not hang; fstat then checks the very
    # file that was opened, not whatever the path points to a moment later.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ModelFileError(
            "missing", path, f"{path.name} was not found; check the path: {path}"
        ) from None
    except IsADirectoryError:
        raise _folder_error(path) from None
    except PermissionError:
        if path.is_dir():  # Windows cannot open folders at all
            raise _folder_error(path) from None
        raise ModelFileError(
            "load_failed", path, f"{path.name} cannot be read: permission denied"
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise _folder_error(path)
        raise ModelFileError("not_a_file", path, f"{path.name} is not a regular file; {_OPENS}")
    with os.fdopen(fd, "rb") as f:
        yield f


def _folder_error(path: Path) -> ModelFileError:
    if (path / "saved_model.pb").exists():
        what = "a TensorFlow SavedModel folder, not a model file"
    else:
        what = "a folder, not a model file"
    return ModelFileError("not_a_file", path, f"{path.name} is {what}; {_OPENS}")


def _sniff(path: Path, raw: Path) -> str:
    with open(raw, "rb") as f:
        head = f.read(512)
    if head.startswith(_ZIP_MAGIC):
        return "keras"
    if head.startswith(_HDF5_MAGIC) or (
        path.suffix.lower() != ".keras" and _is_hdf5_with_userblock(raw)
    ):
        return "h5"
    try:
        head.decode("utf-8")
        looks = "it contains plain text"
    except UnicodeDecodeError:
        looks = "it is neither a zip archive nor an HDF5 file"
    raise ModelFileError(
        "not_keras", path, f"{path.name} is not a Keras model file ({looks}); "
        "was another file renamed?"
    )


def _is_hdf5_with_userblock(raw: Path) -> bool:
    # HDF5 allows its signature at 512, 1024, 2048 ... after a user block.
    with open(raw, "rb") as f:
        offset = 512
        while offset < min(raw.stat().st_size, 1 << 20):
            f.seek(offset)
            if f.read(8) == _HDF5_MAGIC:
                return True
            offset *= 2
    return False
