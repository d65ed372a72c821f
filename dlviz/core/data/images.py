"""Safe image loading: every picture that enters dlviz comes through here.

Images are untrusted input (dropped files, downloaded folders), so loading
follows a fixed protocol:

1. Check the file itself: it exists, is a file, is not empty, is not bigger
   than ``max_bytes``. Read it once into memory.
2. Identify it with Pillow, trying only the allowed formats' decoders, and
   name the real format when it is something else (by content, never by the
   file's extension alone).
3. Refuse pictures with more than ``max_pixels`` pixels before decoding, and
   treat Pillow's ``DecompressionBombWarning`` as an error, only inside
   this call (the warning filters are restored afterwards, and
   ``ImageFile.LOAD_TRUNCATED_IMAGES`` is never touched).
4. Force the full decode with ``load()`` so truncated and damaged data fail
   here, with a clear message, not later inside a model.
5. Turn the first frame upright (EXIF orientation) and into float32 [0, 1]
   (:mod:`dlviz.core.data.pixels`), keeping notes of what was done.

``warnings.catch_warnings`` changes interpreter-wide state on Python < 3.14,
so two threads loading at the same instant can see each other's filters; in
dlviz images are decoded on one thread at a time.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from dlviz.core.data.image_errors import (ALLOWED_FORMATS, ImageLoadError, bomb_pixels,
                                          looks_allowed, megabytes, pixel_count,
                                          sniff_format)
from dlviz.core.data.pixels import (UnsupportedModeError, fit_image, pil_to_float,
                                    to_channels)

__all__ = ["ALLOWED_FORMATS", "DEFAULT_MAX_BYTES", "ImageLoadError", "LoadedImage",
           "fit_image", "load_image", "read_image", "to_channels"]

DEFAULT_MAX_BYTES = 200 * 1000 * 1000
# Phone cameras write multi-picture JPEGs, which Pillow names "MPO".
_ALIASES = {"MPO": "JPEG"}
_BOMBS = (Image.DecompressionBombWarning, Image.DecompressionBombError)
_UPRIGHT = {2: "mirrored", 3: "rotated 180°", 4: "flipped upside down",
            5: "mirrored and rotated", 6: "rotated 90° clockwise",
            7: "mirrored and rotated", 8: "rotated 90° anticlockwise"}


@dataclass(frozen=True, eq=False)
class LoadedImage:
    """A decoded picture and what was done to it on the way.

    Attributes:
        array: float32 (H, W, 3) or (H, W, 1) in [0, 1], upright.
        format: the format found in the data ("PNG", "JPEG", ...).
        original_size: (height, width) of the upright picture at full size
            (the array's size, kept here once the array has been resized).
        original_mode: Pillow's pixel mode of the stored image ("I;16", ...).
        n_frames: frames in the file; only the first is in ``array``.
        notes: sentences for the person, e.g. "first of 12 frames".
    """

    array: np.ndarray
    format: str
    original_size: tuple[int, int]
    original_mode: str
    n_frames: int
    notes: tuple[str, ...]


def load_image(source, *, mode: str = "RGB", **limits) -> np.ndarray:
    """Load an image file or bytes as float32 pixels in [0, 1].

    Args:
        source: a path (str or Path) or the file's bytes.
        mode: "RGB" for (H, W, 3) or "L" for grey (H, W, 1).
        **limits: ``name``, ``max_bytes``, ``max_pixels`` as in :func:`read_image`.

    Returns:
        The upright first frame as a float32 array.

    Raises:
        ImageLoadError: the file cannot be used; ``str(error)`` says why.

    Example:
        >>> load_image("photo.jpg").shape  # doctest: +SKIP
        (480, 640, 3)
    """
    return read_image(source, mode=mode, **limits).array


def read_image(source, *, mode: str = "RGB", name: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES,
               max_pixels: int | None = None) -> LoadedImage:
    """Load an image and say what was done to it (see the module protocol).

    Args:
        source: a path (str or Path) or the file's bytes.
        mode: "RGB" or "L" (grey).
        name: what messages call the image; defaults to the file name, or
            "the file" for bytes.
        max_bytes: larger files are refused without being read.
        max_pixels: larger pictures are refused before decoding; None means
            Pillow's ``Image.MAX_IMAGE_PIXELS`` at call time. Pillow's own
            limit still applies too, so this can only make loading stricter.

    Returns:
        A :class:`LoadedImage`.

    Raises:
        ImageLoadError: the file cannot be used; ``str(error)`` says why.
    """
    if mode not in ("RGB", "L"):
        raise ValueError(f"mode must be 'RGB' or 'L', got {mode!r}")
    data, path, name = _read_bytes(source, name, max_bytes)
    limit = Image.MAX_IMAGE_PIXELS if max_pixels is None else max_pixels
    try:
        with _pillow_warnings() as warned:
            image = _decode(data, name, path, limit)
    except ImageLoadError:
        raise
    except _BOMBS as exc:
        raise ImageLoadError.make("decompression_bomb", name, path,
                                  pixel_count(bomb_pixels(exc)),
                                  pixel_count(Image.MAX_IMAGE_PIXELS)) from exc
    except MemoryError as exc:
        raise ImageLoadError.make("out_of_memory", name, path) from exc
    except Exception as exc:  # any other decoder failure is damaged data
        raise _damaged(exc, name, path) from exc
    notes = list(image.notes) + warned[:3] + _name_mismatch(path, image.format)
    array = to_channels(image.array, 3 if mode == "RGB" else 1)
    return LoadedImage(array, image.format, image.original_size, image.original_mode,
                       image.n_frames, tuple(dict.fromkeys(notes)))


@contextlib.contextmanager
def _pillow_warnings():
    """Bomb warnings become errors; Pillow's data warnings become notes.

    Pillow reports oddities in a file (corrupt EXIF, say) as UserWarning;
    they belong in the notes shown with the picture. Any other warning (a
    deprecation, a NumPy overflow) is passed on unchanged once the original
    filters are back, so tests with warnings-as-errors still see it.
    """
    notes: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield notes
    finally:
        for warning in caught:
            if issubclass(warning.category, UserWarning):
                notes.append(f"Pillow warned: {str(warning.message).strip()}")
            else:
                warnings.warn_explicit(warning.message, warning.category,
                                       warning.filename, warning.lineno)


def _read_bytes(source, name: str | None, max_bytes: int):
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, path, name = bytes(source), None, name or "the file"
    else:
        path = Path(os.fspath(source))
        name = name or path.name or str(path)
        try:
            info = path.stat()
        except FileNotFoundError:
            raise ImageLoadError.make("missing", name, path) from None
        except OSError as exc:
            raise ImageLoadError.make("unreadable", name, path, exc.strerror) from exc
        if stat.S_ISDIR(info.st_mode):
            raise ImageLoadError.make("is_directory", name, path)
        if not stat.S_ISREG(info.st_mode):  # reading a pipe would wait forever
            raise ImageLoadError.make("not_a_file", name, path)
        if info.st_size > max_bytes:
            raise ImageLoadError.make("too_large", name, path, megabytes(info.st_size),
                                      megabytes(max_bytes))
        try:
            with open(path, "rb") as file:
                data = file.read(max_bytes + 1)  # +1: notice a file still growing
        except OSError as exc:
            raise ImageLoadError.make("unreadable", name, path, exc.strerror) from exc
    if not data:
        raise ImageLoadError.make("empty", name, path)
    if len(data) > max_bytes:
        raise ImageLoadError.make("too_large", name, path, megabytes(len(data)),
                                  megabytes(max_bytes))
    return data, path, name


def _decode(data: bytes, name: str, path: Path | None, limit: int | None) -> LoadedImage:
    try:
        image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
    except UnidentifiedImageError:
        raise _unidentified(data, name, path) from None
    with image:
        found = _ALIASES.get(image.format, image.format)
        if found not in ALLOWED_FORMATS:
            raise ImageLoadError.make("format_not_allowed", name, path, found)
        width, height = image.size
        if limit is not None and width * height > limit:
            raise ImageLoadError.make("decompression_bomb", name, path,
                                      pixel_count(width * height, image.size),
                                      pixel_count(limit))
        # Pillow's TIFF reader turns the picture upright itself while loading
        # and then drops the tag, so read it first to be able to say so.
        pre_turned = getattr(image, "tag_v2", {}).get(ExifTags.Base.Orientation)
        image.load()
        notes: list[str] = []
        upright = _upright(image, notes, pre_turned)
        try:
            array, converted = pil_to_float(upright)
        except UnsupportedModeError:
            raise ImageLoadError.make("unsupported_mode", name, path, image.mode) from None
        n_frames = _count_frames(image, notes)
        return LoadedImage(array, found, array.shape[:2], image.mode, n_frames,
                           tuple(notes + converted))


def _upright(image: Image.Image, notes: list[str], pre_turned) -> Image.Image:
    """Apply the EXIF orientation that cameras write instead of rotating."""
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
        turned = ImageOps.exif_transpose(image) if orientation in _UPRIGHT else image
    except Exception:  # damaged EXIF must not cost the picture itself
        notes.append("its EXIF data is damaged, so its orientation was not applied")
        return image
    done = orientation if orientation in _UPRIGHT else pre_turned
    if done in _UPRIGHT:
        notes.append(f"turned upright by its EXIF orientation ({_UPRIGHT[done]})")
    return turned


def _count_frames(image: Image.Image, notes: list[str]) -> int:
    # Counting GIF frames decodes them all, so a damaged later frame shows up
    # only here; the first frame is already safely converted by now.
    try:
        n_frames = max(1, int(getattr(image, "n_frames", 1)))
    except Exception:
        notes.append("first frame only (the later frames are damaged)")
        return 1
    if n_frames > 1:
        notes.append(f"first of {n_frames} frames")
    return n_frames


def _unidentified(data: bytes, name: str, path: Path | None) -> ImageLoadError:
    if looks_allowed(data):
        return ImageLoadError.make("corrupt", name, path)
    found = sniff_format(data)
    if found is None:
        try:  # only to name the format: headers are parsed, nothing decoded
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as other:
                    found = other.format
        except Exception:
            found = None
    if found is None:
        return ImageLoadError.make("not_an_image", name, path)
    return ImageLoadError.make("format_not_allowed", name, path, found)


def _damaged(exc: Exception, name: str, path: Path | None) -> ImageLoadError:
    truncated = isinstance(exc, EOFError) or "truncated" in str(exc).lower()
    return ImageLoadError.make("truncated" if truncated else "corrupt", name, path)


def _name_mismatch(path: Path | None, found: str) -> list[str]:
    if path is None:
        return []
    suffix = path.suffix.lower()
    # The plugins Pillow loads first (PNG, JPEG, GIF, BMP, ...) name their
    # suffixes; ``registered_extensions`` imports every other plugin first
    # (~40 ms, on the way to the app's first picture), so only for others.
    named = Image.EXTENSION.get(suffix) or Image.registered_extensions().get(suffix)
    if named is None or _ALIASES.get(named, named) == found:
        return []
    return [f"named {path.suffix} but holds {found} data"]
