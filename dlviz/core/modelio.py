"""Open and save Keras model files safely.

Loading, step by step:

1. Copy the file once into a private folder, hashing the bytes as they go
   (``prescan.snapshot``); everything below reads that copy, so the file
   checked is the file loaded.
2. Pre-scan the copy's JSON architecture and ask Keras which classes it
   cannot build; unknown classes stop here (``unknown_layer``).
3. If the scan found code that only unsafe loading runs (a ``Lambda``, ...)
   and the caller did not pass ``trust_sha256`` equal to this file's
   SHA-256, stop (``needs_unsafe``) without handing Keras anything. The GUI
   shows ``error.report.describe()`` and, if the person agrees, calls again
   with ``trust_sha256=error.report.sha256``.
4. Load with ``safe_mode`` passed on the call *and* set as Keras's safe-mode
   scope: Keras 3.15 lets a thread's ``enable_unsafe_deserialization()``
   override ``safe_mode=True`` on the call for ``.keras`` files. The scope
   is private to Keras; where it cannot be found, files that need unsafe
   loading are refused (``unsafe_unavailable``), consent or not, and safe
   files load with the pre-scan as their guard.

Saving writes a temporary file beside the target and swaps it in with
``os.replace``, so the previous file is never damaged.

Example:
    >>> try:                                            # doctest: +SKIP
    ...     model = load_model("net.keras")
    ... except ModelFileError as e:
    ...     if e.kind == "needs_unsafe" and ask(e.report.describe()):
    ...         model = load_model("net.keras", trust_sha256=e.report.sha256)
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
from pathlib import Path

from dlviz.core.atomic_files import fsync_folder
from dlviz.core.kerasenv import import_keras
from dlviz.core.modelscan import import_dlviz_layers
from dlviz.core.prescan import (
    MODEL_SUFFIXES,
    ModelFileError,
    PrescanReport,
    clip,
    file_sha256,
    prescan,
    scan_copy,
    snapshot,
)

__all__ = ["ModelFileError", "PrescanReport", "file_sha256", "load_model",
           "prescan", "save_atomically", "save_model"]

_UNKNOWN = re.compile(  # Keras 3.15's wordings for a class it cannot find
    r"Could not locate (?:class|function) '([^']+)'"
    r"|Unknown [\w ]+: '([^']+)'"
    r"|Could not deserialize '(?:[\w.]+\.)?([^'.]+)' because it is not a KerasSaveable"
)


def load_model(path, *, trust_sha256: str | None = None, compile: bool = False):
    """Load a ``.keras``/``.h5`` model, in safe mode unless this file is trusted.

    Args:
        path: the model file.
        trust_sha256: the SHA-256 a person agreed to load unsafely; unsafe
            loading happens only when it equals the hash of the bytes loaded.
        compile: restore the training configuration too.

    Returns:
        The ``keras.Model``.

    Raises:
        ModelFileError: any prescan kind, or ``unknown_layer``,
            ``needs_unsafe`` (``report`` says why and which hash to trust)
            or ``load_failed``.
    """
    name = Path(path).name
    with snapshot(path) as (copy, sha):
        report = scan_copy(path, copy, sha, resolve_classes=True)
        if report.unknown_classes:
            raise _unknown_error(path, report, report.unknown_classes)
        trusted = trust_sha256 is not None and str(trust_sha256).strip().lower() == sha
        scope = _find_safe_mode_scope()
        if report.needs_unsafe and scope is None:
            raise ModelFileError(
                "unsafe_unavailable", path,
                f"{name} needs unsafe loading ({_reasons(report)}), but this "
                "Keras has no safe-mode switch where dlviz looks for it, so dlviz cannot keep "
                "unsafe loading to this one file and refuses it; install Keras 3.15 "
                "(pip install 'keras~=3.15.1') or a dlviz release that knows this Keras",
                report,
            )
        if report.needs_unsafe and not trusted:
            raise ModelFileError(
                "needs_unsafe", path,
                f"{name} needs unsafe loading, which runs code stored in the file: "
                + _reasons(report)
                + ". Load it only if you trust where it came from",
                report,
            )
        keras = import_keras()
        import_dlviz_layers()
        safe = not trusted
        try:
            with scope(safe) if scope is not None else contextlib.nullcontext():
                return keras.saving.load_model(copy, compile=compile, safe_mode=safe)
        except Exception as e:
            raise _load_error(path, report, e) from e


def save_model(model, path) -> Path:
    """Save ``model`` to ``path`` atomically; the old file survives any failure.

    Args:
        model: a ``keras.Model``.
        path: a ``.keras`` file (or legacy ``.h5``); parent folders are made.

    Returns:
        ``path`` as a ``Path``.

    Raises:
        ModelFileError: ``unsupported_format`` or ``not_a_file`` for a bad
            target, ``save_failed`` when Keras or the disk fails.
    """
    path = Path(path)
    if path.suffix.lower() not in MODEL_SUFFIXES:
        raise ModelFileError(
            "unsupported_format", path,
            f"{path.name}: dlviz saves models as .keras files (or legacy .h5)",
        )
    if path.is_dir():
        raise ModelFileError("not_a_file", path, f"{path.name} is a folder; choose a file name")
    keras = import_keras()
    return save_atomically(path, lambda tmp: keras.saving.save_model(model, tmp))


def save_atomically(path, write) -> Path:
    """Call ``write(tmp)`` to write a model file beside ``path``, then swap it in.

    The temporary file is forced to disk before ``os.replace``, so ``path``
    holds the old file or the whole new one, even after a crash; a failed
    write removes the temporary file and leaves the old file as it was.
    ``save_model`` writes through Keras; the run writer's checkpoints write
    a copy of the model's contents on its disk thread (``checkpoint_copy``).

    Args:
        path: the ``.keras`` (or ``.h5``) file; parent folders are made.
        write: writes the whole file at the ``Path`` it is given.

    Returns:
        ``path`` as a ``Path``.

    Raises:
        ModelFileError: ``save_failed`` when ``write`` or the disk fails.
    """
    path = Path(path)
    # Keras picks its format by suffix, so the temporary name keeps it.
    tmp = path.with_name(f".{path.stem}.saving-{secrets.token_hex(4)}{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except BaseException as e:
        _remove(tmp)
        if not isinstance(e, Exception):
            raise
        kept = "the previous file is unchanged" if path.exists() else "nothing was written"
        raise ModelFileError(
            "save_failed", path, f"could not save {path.name}: {_one_line(e)}; {kept}"
        ) from e
    fsync_folder(path.parent)
    return path


def _reasons(report: PrescanReport, limit: int = 3) -> str:
    reasons = report.unsafe_reasons
    more = f"; and {len(reasons) - limit:,} more" if len(reasons) > limit else ""
    return "; ".join(clip(reason) for reason in reasons[:limit]) + more


def _find_safe_mode_scope():
    """Keras's ``SafeModeScope`` class, or None where Keras moved it."""
    try:
        from keras.src.saving.serialization_lib import SafeModeScope  # noqa: PLC0415
    except ImportError:
        return None
    return SafeModeScope


def _load_error(path, report: PrescanReport, error: Exception) -> ModelFileError:
    text = str(error)
    if "safe_mode=False" in text or "enable_unsafe_deserialization" in text:
        # Keras's safe mode caught something the prescan did not list.
        return ModelFileError(
            "needs_unsafe", path, f"{Path(path).name} needs unsafe loading "
            f"(Keras refused in safe mode: {_one_line(error)})", report,
        )
    names = [next(filter(None, groups)) for groups in _UNKNOWN.findall(text)]
    if names:
        return _unknown_error(path, report, list(dict.fromkeys(names)))
    return ModelFileError(
        "load_failed", path, f"Keras could not load {Path(path).name}: {_one_line(error)}", report
    )


def _unknown_error(path, report, names) -> ModelFileError:
    shown = ", ".join(clip(name, 80) for name in names[:10])
    if len(names) > 10:
        shown += f" and {len(names) - 10:,} more"
    return ModelFileError(
        "unknown_layer", path,
        f"{Path(path).name} uses classes that are not installed here: {shown}; "
        "it opens only where the code defining them is imported and registered "
        "with keras.saving.register_keras_serializable",
        report,
    )


def _one_line(error: BaseException, limit: int = 300) -> str:
    text = str(error)
    # Keras nests the real cause after "Exception encountered:" (with a config dump before).
    text = text.rsplit("Exception encountered:", 1)[-1]
    text = " ".join(text.split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _remove(tmp: Path) -> None:
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()

