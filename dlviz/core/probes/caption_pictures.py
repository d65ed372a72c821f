"""A caption drawn with NumPy and Pillow: notebooks, ``picture(result)``, no Qt.

Top: the picture as the model saw it, and the caption in large type. Below:
one small copy of the picture per word, darkened where the word did not
look and lit where it did (the attention over the regions), the word under
it. ``pictures.picture`` finds :func:`caption_picture` through ``PAINTERS``.

Example:
    >>> rgb = caption_picture(found)    # uint8 (H, W, 3)   doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from dlviz.core.probes.picture_fonts import text_font
from dlviz.core.probes.pictures import BACKGROUND, INK

#: Side of the large picture and of each word's picture; words per row.
BIG, SMALL, PER_ROW, GAP = 192, 112, 6, 8
#: The colour of attention painted over a word's picture.
GLOW = np.array([255, 210, 0], np.float32)


def attention_overlay(image: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``image`` (h, w, 3) in [0, 1] with ``weights`` (h, w) over it, uint8 RGB.

    Each map is scaled by its own largest weight: dim where the word did not
    look, the picture itself plus a yellow glow where it looked most.
    """
    top = float(weights.max()) if weights.size else 0.0
    share = (weights / top if top > 0 else np.zeros_like(weights))[..., None]
    dimmed = np.asarray(image, np.float32) * 255 * (0.35 + 0.65 * share)
    return np.clip(dimmed * (1 - 0.3 * share) + GLOW * 0.3 * share, 0, 255).astype(np.uint8)


def _resized(rgb: np.ndarray, side: int) -> Image.Image:
    return Image.fromarray(rgb).resize((side, side), Image.Resampling.NEAREST)


def caption_picture(found) -> np.ndarray:
    """``found`` (a ``Caption``) as uint8 RGB (H, W, 3)."""
    count = len(found.words)
    rows = max(1, -(-count // PER_ROW))
    width = max(BIG + 2 * GAP + 420, PER_ROW * (SMALL + GAP) + GAP)
    height = GAP + BIG + GAP + rows * (SMALL + 24 + GAP) + GAP
    page = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(page)
    image = np.clip(found.image * 255, 0, 255).astype(np.uint8)
    page.paste(_resized(image, BIG), (GAP, GAP))
    left = BIG + 2 * GAP
    draw.text((left, GAP), f"{found.source_name or 'picture'}: the caption", fill=INK,
              font=text_font(13))
    draw.multiline_text((left, GAP + 24), _wrapped(found.text or "(no words)", 26),
                        fill=INK, font=text_font(26))
    if found.notes:
        draw.multiline_text((left, GAP + BIG - 36), _wrapped("; ".join(found.notes), 60),
                            fill=(90, 90, 90), font=text_font(11))
    for t, word in enumerate(found.words):
        x = GAP + (t % PER_ROW) * (SMALL + GAP)
        y = 2 * GAP + BIG + (t // PER_ROW) * (SMALL + 24 + GAP)
        page.paste(_resized(attention_overlay(found.image, found.overlay(t)), SMALL), (x, y))
        draw.text((x, y + SMALL + 3), f"{t + 1}. {word}", fill=INK, font=text_font(14))
    return np.asarray(page)


def _wrapped(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])
