"""Why an image could not be loaded, in words a student can act on.

Each failure has a short ``reason`` code (for code and tests) and a message
that names the file, says what is wrong and what to do about it.
"""

from __future__ import annotations

import re
from pathlib import Path

ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")
_ALLOWED_TEXT = ", ".join(ALLOWED_FORMATS)

_MESSAGES = {
    "missing": "{name} does not exist; check the path or pick the file again",
    "is_directory": "{name} is a folder, not an image file; pick an image inside it "
                    "(or load the folder as a dataset)",
    "not_a_file": "{name} is not an ordinary file (a device or pipe); pick an image file",
    "unreadable": "{name} cannot be read ({detail}); check that you may open it",
    "empty": "{name} is empty (0 bytes); re-save or re-download it",
    "too_large": "{name} is {detail}, more than the limit of {limit}; "
                 "make a smaller copy",
    "format_not_allowed": "{name} is in {detail} format, which dlviz does not open; "
                          "save it as one of " + _ALLOWED_TEXT,
    "not_an_image": "{name} is not an image (its contents match no picture format); "
                    "pick a " + _ALLOWED_TEXT + " file",
    "truncated": "{name} is truncated (the file ends early); re-save or re-download it",
    "corrupt": "{name} is damaged (its picture data cannot be decoded); "
               "re-save or re-download it",
    "decompression_bomb": "{name} is {detail}, over the safety limit of {limit}; a "
                          "picture this big may be a 'decompression bomb' made to "
                          "exhaust memory, so make a smaller copy if you trust it",
    "unsupported_mode": "{name} uses the {detail} pixel mode, which dlviz cannot "
                        "convert; save it as an ordinary RGB or greyscale image",
    "out_of_memory": "{name} needs more memory to decode than is free; close other "
                     "programs or make a smaller copy",
}

#: Every ``ImageLoadError.reason``.
REASONS = tuple(_MESSAGES)
#: Every message as an English template ({name}, {detail}, {limit}): the window
#: translates by these (the core itself never imports Qt).
TEMPLATES = tuple(_MESSAGES.values())


class ImageLoadError(Exception):
    """An image file that cannot be turned into pixels, and why.

    ``str(error)`` is the message to show the person.

    Attributes:
        reason: one of :data:`REASONS`, e.g. ``"truncated"``.
        path: the file, or None when the image came as bytes.

    Example:
        >>> str(ImageLoadError.make("empty", "photo.jpg"))
        'photo.jpg is empty (0 bytes); re-save or re-download it'
    """

    def __init__(self, reason: str, message: str, path: Path | None = None):
        super().__init__(message)
        self.reason = reason
        self.path = path

    @classmethod
    def make(cls, reason: str, name: str, path: Path | None = None,
             detail: str = "", limit: str = "") -> ImageLoadError:
        """Build the error with its standard message for ``reason``."""
        message = _MESSAGES[reason].format(name=name, detail=detail, limit=limit)
        return cls(reason, message, path)


def megabytes(n_bytes: int) -> str:
    """A byte count as people read it, e.g. '201.3 MB'."""
    return f"{n_bytes / 1e6:.1f} MB"


def pixel_count(n_pixels: int | None, size: tuple[int, int] | None = None) -> str:
    """A pixel count as people read it, with the size when known."""
    if n_pixels is None:
        return "very large"
    text = f"{n_pixels:,} pixels"
    return f"{size[0]}x{size[1]} = {text}" if size else text


def bomb_pixels(exc: Exception) -> int | None:
    """The pixel count from Pillow's decompression-bomb message, if it says."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return int(found.group(1)) if found else None


# Signatures of common non-images that Pillow cannot identify, so the
# message can say what the file is, not only what it is not.
_SIGNATURES = ((b"%PDF", "PDF"), (b"\x89HDF", "HDF5"))
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"heim", b"heis")


# First bytes of the allowed formats: a file that starts like one but that
# Pillow cannot identify has a damaged or cut-off header.
_ALLOWED_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a",
                  b"BM", b"II*\x00", b"MM\x00*")


def looks_allowed(data: bytes) -> bool:
    """Whether the data starts like a PNG, JPEG, GIF, BMP, TIFF or WEBP file."""
    is_webp = data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    return is_webp or data.startswith(_ALLOWED_MAGIC)


def sniff_format(data: bytes) -> str | None:
    """Name a well-known non-allowed format from the first bytes, or None."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "HEIC (iPhone photo)"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG (vector drawing)"
    return None
