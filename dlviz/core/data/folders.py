"""A person's own image folder as a dataset: one subfolder per class.

    pets/
      cat/  img001.jpg  img002.png ...
      dog/  ...

A structural problem (no such folder, fewer than two classes, a class with no
usable picture) stops the load with a :class:`DatasetError` that says what to
fix. A single bad file does not: it is skipped, and the reason (the
:class:`~dlviz.core.data.images.ImageLoadError` message) is kept so the app
can list what was left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dlviz.core.data.dataset import Dataset, split_dataset
from dlviz.core.data.images import ImageLoadError, load_image
from dlviz.core.data.pixels import fit_image

# Folders and files that operating systems and zip tools leave behind.
_JUNK = {"__MACOSX", "Thumbs.db", "desktop.ini"}


class DatasetError(Exception):
    """A dataset that cannot be used as a whole; ``str(error)`` says why.

    Attributes:
        reason: "missing", "not_a_folder", "no_classes", "one_class" or
            "empty_class".
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, eq=False)
class FolderLoad:
    """Everything read from an image folder, before any train/test split.

    Attributes:
        x: float32 (N, H, W, C) in [0, 1].
        y: int64 (N,) class indices.
        class_names: the subfolder names, sorted.
        paths: the file of each image, in the order of ``x``.
        skipped: (file, reason) for every file that was left out.
    """

    x: np.ndarray
    y: np.ndarray
    class_names: tuple[str, ...]
    paths: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]

    def split(self, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
        """A stratified train/test :class:`Dataset` of the loaded images."""
        return split_dataset(self.x, self.y, self.class_names,
                             test_fraction=test_fraction, seed=seed)


def load_image_folder(root, size: tuple[int, int], channels: int = 3, *,
                      fit: str = "resize", max_per_class: int | None = None,
                      progress_callback=None) -> FolderLoad:
    """Load every picture under ``root``, labelled by its class subfolder.

    Files are read in sorted order (subfolders of a class folder included), so
    the same folder always gives the same arrays. Hidden files and folders
    (names starting with ".") and system leftovers are ignored.

    Args:
        root: the folder holding one subfolder per class.
        size: (height, width) every image is brought to.
        channels: 3 for RGB or 1 for grey.
        fit: "resize" stretches to ``size``; "crop" centre-crops to its aspect
            ratio first (see :func:`~dlviz.core.data.pixels.fit_image`).
        max_per_class: read at most this many files of each class.
        progress_callback: called as ``progress_callback(done, total)`` after
            each file, e.g. to move a progress bar.

    Returns:
        A :class:`FolderLoad`; call ``.split()`` for a train/test Dataset.

    Raises:
        DatasetError: the folder cannot be a dataset (see its ``reason``).

    Example:
        >>> load = load_image_folder("pets", size=(64, 64))  # doctest: +SKIP
        >>> load.class_names, len(load.skipped)  # doctest: +SKIP
        (('cat', 'dog'), 1)
    """
    if channels not in (1, 3):
        raise ValueError(f"channels must be 1 or 3, got {channels}")
    root = Path(root)
    classes, stray = _class_folders(root)
    files = {name: _image_files(root / name)[:max_per_class] for name in classes}
    total, done = sum(len(f) for f in files.values()), 0
    images, labels, paths = [], [], []
    skipped = [(path, "not inside a class subfolder, so it has no label") for path in stray]
    for label, name in enumerate(classes):
        loaded_before = len(images)
        for path in files[name]:
            try:
                pixels = load_image(path, mode="RGB" if channels == 3 else "L")
            except ImageLoadError as exc:
                skipped.append((path, str(exc)))
            else:
                images.append(fit_image(pixels, size, mode=fit))
                labels.append(label)
                paths.append(path)
            done += 1
            if progress_callback is not None:
                progress_callback(done, total)
        if len(images) == loaded_before:
            raise _empty_class(root / name, len(files[name]), skipped)
    return FolderLoad(np.stack(images), np.array(labels, dtype=np.int64), tuple(classes),
                      tuple(paths), tuple(skipped))


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in _JUNK


def _class_folders(root: Path) -> tuple[list[str], list[Path]]:
    """Sorted class names and the stray files beside them in ``root``."""
    if not root.exists():
        raise DatasetError("missing", f"{root} does not exist; check the path")
    if not root.is_dir():
        raise DatasetError("not_a_folder", f"{root} is a file, not a folder; pick a "
                           "folder that holds one subfolder per class")
    entries = sorted(p for p in root.iterdir() if _visible(p))
    classes = [p.name for p in entries if p.is_dir()]
    stray = [p for p in entries if p.is_file()]
    if not classes:
        found = "has files but no class subfolders" if stray else "is empty"
        raise DatasetError("no_classes", f"{root} {found}; put each class's images "
                           "in its own subfolder (e.g. cat/ and dog/)")
    if len(classes) == 1:
        raise DatasetError("one_class", f"{root} has only one class ({classes[0]}); "
                           "a classifier needs at least two classes, each in its "
                           "own subfolder")
    return classes, stray


def _image_files(folder: Path) -> list[Path]:
    """Every visible file under ``folder``, in a fixed (sorted) order."""
    found = []
    # os.walk does not follow symbolic links to folders, so a link loop
    # cannot make the walk endless.
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _visible(Path(d)))
        found += [Path(parent, n) for n in sorted(names) if _visible(Path(n))]
    return found


def _empty_class(folder: Path, n_files: int, skipped: list) -> DatasetError:
    if n_files == 0:
        detail = "it has no files"
    else:
        detail = f"none of its {n_files} files could be read; first: {skipped[-n_files][1]}"
    return DatasetError("empty_class", f"class folder {folder.name} has no usable "
                        f"images ({detail})")
