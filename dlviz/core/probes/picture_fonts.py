"""The font every picture writes its text in: one with Vietnamese letters.

Pillow's own default font has no ộ, ữ or ặ (they come out as boxes), so the
pictures of Vietnamese sentences, tokens and captions ask the system for a
font that has them (DejaVu Sans on most Linux machines, Arial or Segoe UI on
Windows and macOS) and fall back to Pillow's default only where none is found.
"""

from __future__ import annotations

import functools

from PIL import ImageFont

#: Fonts with Vietnamese letters, tried in order (Linux, Windows, macOS).
FONTS = ("DejaVuSans.ttf", "NotoSans-Regular.ttf", "arial.ttf", "Arial.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/System/Library/Fonts/Supplemental/Arial.ttf", "segoeui.ttf")
#: The size of label text in the pictures, in pixels.
LABEL_SIZE = 11


@functools.lru_cache(maxsize=8)
def text_font(size: int = LABEL_SIZE):
    """A font that writes Vietnamese (ộ, ữ, ặ) at ``size`` pixels, else Pillow's default."""
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size)
    except TypeError:   # Pillow < 10.1: one small bitmap font
        return ImageFont.load_default()


def fitted(text: str, width: float, font=None) -> str:
    """``text`` cut (with …) to at most ``width`` pixels in ``font``."""
    font = font or text_font()
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…" if text else ""
