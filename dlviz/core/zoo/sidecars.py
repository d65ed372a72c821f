"""Reading the JSON sidecars of the models dlviz ships, one way for every kind.

Each shipped model is ``<name>.keras`` beside ``<name><suffix>``: ``.json``
for image classifiers, ``.text.json``, ``.seq2seq.json``, ``.ctc.json`` and
``.caption.json`` for the others. A kind's module says only how a sidecar's
fields become its info dataclass (``make_info``); finding, size-checking,
parsing and skipping broken files happen here, so that a missing folder, an
oversized or unreadable sidecar, a name that is not the file's or a missing
``.keras`` file leaves that model out and listing never raises (an install
without the resources still starts).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

Info = TypeVar("Info")

#: Sidecars larger than this are not read (they are a few hundred bytes).
MAX_SIDECAR = 64 * 1024


def models_dir() -> Path:
    """``resources/models`` at the repository root (as ``resources/samples``)."""
    return Path(__file__).resolve().parents[3] / "resources" / "models"


def read_sidecar(sidecar: Path, suffix: str,
                 make_info: Callable[[dict, Path], Info | None]) -> Info | None:
    """One sidecar's info, or None when it or its ``.keras`` file is not usable.

    Args:
        sidecar: the JSON file, named ``<name><suffix>``.
        suffix: e.g. ``".text.json"``.
        make_info: ``(meta, keras_path) -> info``; may return None to refuse,
            and may raise ``KeyError``/``ValueError``/``TypeError`` on a bad field.

    Example:
        >>> read_sidecar(Path("missing.ctc.json"), ".ctc.json", lambda m, p: m)  # None
    """
    sidecar = Path(sidecar)
    if not sidecar.name.endswith(suffix):
        return None
    name = sidecar.name[:-len(suffix)]
    path = sidecar.with_name(f"{name}.keras")
    try:
        if sidecar.stat().st_size > MAX_SIDECAR or not path.is_file():
            return None
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or str(meta["name"]) != name:
            return None
        return make_info(meta, path)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_sidecars(folder: str | Path | None, suffix: str,
                  make_info: Callable[[dict, Path], Info | None]) -> list[Info]:
    """Every usable ``*<suffix>`` sidecar's info in ``folder`` (default :func:`models_dir`).

    Note that ``*.json`` also matches ``x.ctc.json``; its name (``x.ctc``) is
    then not the sidecar's own ``name`` field, so the image list skips it.
    """
    root = Path(folder) if folder is not None else models_dir()
    try:
        sidecars = sorted(root.glob(f"*{suffix}"))
    except OSError:
        return []
    found = (read_sidecar(sidecar, suffix, make_info) for sidecar in sidecars)
    return [info for info in found if info is not None]


def pick_shipped(found: Iterable, name: str, what: str, script: str = ""):
    """The info called ``name`` among ``found``; ``KeyError`` lists those there are.

    Args:
        found: infos with a ``name`` attribute.
        what: the kind for the message, e.g. ``"shipped CRNN"``.
        script: the script that makes them, named in the message when given.
    """
    by_name = {info.name: info for info in found}
    try:
        return by_name[name]
    except KeyError:
        hint = f" (run {script})" if script else ""
        raise KeyError(f"no {what} {name!r}; there are: "
                       f"{', '.join(by_name) or 'none'}{hint}") from None


#: The sidecars that name a model's classes: image classifiers', text models',
#: a CRNN's (its alphabet, blank first).
CLASS_NAME_SUFFIXES = (".json", ".text.json", ".ctc.json")


def class_names_beside(path: str | Path, classes: int | None = None) -> tuple[str, ...] | None:
    """The class names the sidecar beside a ``.keras`` file opened by path records.

    A shipped model opened with File > Open (or moved with its sidecar) should
    say "positive", not "class 2". The sidecar must name the file (its
    ``name`` field is the file's stem) and, when ``classes`` is given, list
    exactly that many names: a stale or foreign sidecar gives None, never
    wrong names. Never raises.

    Example:
        >>> class_names_beside("resources/models/lenet5-digits.keras", 10)  # ('0', ..., '9')
    """
    path = Path(path)
    for suffix in CLASS_NAME_SUFFIXES:
        sidecar = path.with_name(path.stem + suffix)
        try:
            if sidecar.stat().st_size > MAX_SIDECAR:
                continue
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or str(meta["name"]) != path.stem:
                continue
            names = tuple(str(name) for name in meta["class_names"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if names and (classes is None or len(names) == classes):
            return names
    return None
