"""A CTC alignment drawn with NumPy and Pillow: notebooks and ``dlviz ctc``.

Top to bottom, every part lined up column by column with the image: the
picture as the model saw it; the per-column probabilities (one row per class,
the blank first, brighter = likelier); the best path (the likeliest class under
each column, "-" for the blank); the string it collapses to, in large type.
``pictures.picture`` finds :func:`ctc_picture` through its ``PAINTERS``.

Example:
    >>> rgb = ctc_picture(found)    # uint8 (H, W, 3)   doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.pictures import BACKGROUND, INK

#: Left margin for the class names; pixels per time step; pixels per class row.
MARGIN, STEP, ROW = 52, 16, 14
PATH_COLOUR = (201, 42, 42)


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1: one small bitmap font
        return ImageFont.load_default()


def ctc_picture(found) -> np.ndarray:
    """``found`` (a ``CtcAlignment``) as uint8 RGB (H, W, 3)."""
    steps, classes = found.probabilities.shape
    width = steps * STEP
    height_img = max(1, round(found.image.shape[0] * width / max(found.image.shape[1], 1)))
    image = Image.fromarray(np.clip(found.image * 255, 0, 255).astype(np.uint8))
    image = image.resize((width, height_img), Image.Resampling.NEAREST).convert("RGB")
    # Probabilities: classes down (blank first), steps across; brighter = likelier.
    heat = apply_colormap(found.probabilities.T, "viridis")
    heat = np.repeat(np.repeat(heat, ROW, axis=0), STEP, axis=1)
    title_h, path_h, text_h = 18, 18, 60
    page = Image.new("RGB", (max(MARGIN + width + 8, 420), title_h + height_img + 4 + classes * ROW
                             + path_h + text_h), BACKGROUND)
    draw = ImageDraw.Draw(page)
    small = _font(11)
    draw.text((2, 2), f"{found.source_name or 'image'}: {steps} columns, "
                      f"{classes} classes (blank included)", fill=INK, font=small)
    page.paste(image, (MARGIN, title_h))
    top = title_h + height_img + 4
    page.paste(Image.fromarray(np.ascontiguousarray(heat)), (MARGIN, top))
    for k, name in enumerate(found.class_names):
        shown = "blank" if k == found.blank_index else str(name)[:8]
        draw.text((2, top + k * ROW + 1), shown, fill=INK, font=small)
    for t, k in enumerate(found.path):  # the best path: a box on each column's winner
        x, y = MARGIN + t * STEP, top + int(k) * ROW
        draw.rectangle((x, y, x + STEP - 1, y + ROW - 1), outline=PATH_COLOUR)
    y = top + classes * ROW + 2
    draw.text((2, y), "path", fill=INK, font=small)
    for t, k in enumerate(found.path):
        symbol = found.symbol(int(k))[:2]
        draw.text((MARGIN + t * STEP + 4, y), symbol, fill=PATH_COLOUR if
                  int(k) != found.blank_index else (150, 150, 150), font=small)
    draw.text((2, y + path_h), "reads", fill=INK, font=small)
    draw.text((MARGIN, y + path_h - 2), found.text or "(nothing: only blanks)", fill=INK,
              font=_font(32))
    draw.text((MARGIN, y + path_h + 40), f"merge repeats: {found.merged_text()}  ->  "
                                         f"drop blanks: {found.text or '(nothing)'}",
              fill=INK, font=small)
    return np.asarray(page)
