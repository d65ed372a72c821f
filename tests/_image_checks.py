"""Checks on the pictures tests write or grab: the right size, and something drawn.

A test that only checks that a PNG exists passes for a blank window, a
transposed picture or a view that drew nothing. These helpers read the pixels
back so a test can say what the picture must show.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def read_png(path) -> np.ndarray:
    """The pixels of the PNG at ``path`` as (height, width, 3) uint8 RGB."""
    path = Path(path)
    assert path.is_file(), f"{path} was not written"
    with Image.open(path) as image:
        assert image.format == "PNG", f"{path} is {image.format}, not PNG"
        return np.asarray(image.convert("RGB"))


def grab_pixels(widget) -> np.ndarray:
    """What ``widget`` shows now, as (height, width, 3) uint8 RGB (via ``grab``)."""
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height, line = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, count=line * height).reshape(height, line)
    return rows[:, :width * 3].reshape(height, width, 3).copy()


def distinct_colours(pixels: np.ndarray) -> int:
    """How many different RGB colours ``pixels`` holds."""
    flat = pixels.reshape(-1, 3).astype(np.uint32)
    return len(np.unique(flat[:, 0] << 16 | flat[:, 1] << 8 | flat[:, 2]))


def assert_not_blank(pixels: np.ndarray, *, min_std: float = 12.0, min_colours: int = 64,
                     what: str = "picture") -> None:
    """``pixels`` shows a drawing, not one flat colour with a few labels on it."""
    std = float(pixels.std())
    colours = distinct_colours(pixels)
    assert std > min_std, f"{what} is nearly blank: pixel std {std:.1f} <= {min_std}"
    assert colours > min_colours, f"{what} has only {colours} colours (<= {min_colours})"


def assert_png_shows_something(path, size: tuple[int, int] | None = None,
                               **blank_limits) -> np.ndarray:
    """The PNG at ``path`` is ``size`` (width, height) and not blank; returns its pixels."""
    pixels = read_png(path)
    if size is not None:
        got = (pixels.shape[1], pixels.shape[0])
        assert got == tuple(size), f"{Path(path).name} is {got[0]}×{got[1]}, expected " \
                                   f"{size[0]}×{size[1]}"
    assert_not_blank(pixels, what=Path(path).name, **blank_limits)
    return pixels


def changed_fraction(before: np.ndarray, after: np.ndarray, tolerance: int = 8) -> float:
    """The share of pixels whose colour moved by more than ``tolerance`` in any channel."""
    assert before.shape == after.shape, (before.shape, after.shape)
    moved = np.abs(before.astype(np.int16) - after.astype(np.int16)).max(axis=-1) > tolerance
    return float(moved.mean())


def lut_index(pixels: np.ndarray, table: np.ndarray) -> np.ndarray:
    """For each RGB pixel, the index of the nearest colour in ``table`` (N, 3).

    Reads a colour-mapped picture back into the values it was drawn from.
    """
    diff = pixels[..., None, :].astype(np.int32) - np.asarray(table, np.int32)[..., :3]
    return (diff ** 2).sum(-1).argmin(axis=-1)


def save_screenshot(widget, path, **blank_limits) -> np.ndarray:
    """Save what ``widget`` shows as the PNG ``path`` for a person to look at; it
    must have the widget's size and not be blank. Returns its pixels."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path), "PNG"), f"could not write {path}"
    ratio = widget.devicePixelRatioF()
    size = (round(widget.width() * ratio), round(widget.height() * ratio))
    return assert_png_shows_something(path, size, **blank_limits)
