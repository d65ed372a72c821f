"""The sample images bundled in ``resources/samples/`` (see its README).

They are the app's own files, written by ``scripts/make_samples.py``; the
gallery shows them so the drop-an-image feature works on first launch.
"""

from __future__ import annotations

import re
from pathlib import Path

#: File name endings the gallery lists (everything the script writes).
SAMPLE_SUFFIXES = (".png", ".jpg", ".jpeg")
_ORDER_PREFIX = re.compile(r"^\d+[_-]")


def samples_dir() -> Path:
    """Where the samples live: ``resources/samples`` at the repository root.

    The package sits at ``<root>/dlviz``, both in a checkout and in an
    editable install, so the folder is found relative to this file.
    """
    return Path(__file__).resolve().parents[3] / "resources" / "samples"


def sample_images(folder: str | Path | None = None) -> list[Path]:
    """The sample image files, in gallery order (by file name).

    Args:
        folder: look here instead of :func:`samples_dir` (tests, packagers).

    Returns:
        Paths of the image files; ``[]`` when the folder is missing or holds
        none (e.g. an install without the resources), never an error.

    Example:
        >>> [p.name for p in sample_images()][:1]  # doctest: +SKIP
        ['01_landscape.jpg']
    """
    root = Path(folder) if folder is not None else samples_dir()
    try:
        files = [p for p in root.iterdir()
                 if p.suffix.lower() in SAMPLE_SUFFIXES and p.is_file()]
    except OSError:  # missing, not a folder, or unreadable
        return []
    return sorted(files, key=lambda p: p.name)


def sample_label(path: str | Path) -> str:
    """A short caption for a sample: ``01_shape_star.jpg`` -> ``shape star``."""
    stem = _ORDER_PREFIX.sub("", Path(path).stem)
    return stem.replace("_", " ")
