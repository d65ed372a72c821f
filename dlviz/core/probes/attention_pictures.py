"""Attention maps drawn with NumPy and Pillow: notebooks and ``dlviz attention``.

One panel per head: source tokens along x (written upwards above the
columns), output tokens along y (at the left of the rows), the weights as a
heatmap on the panel's own scale from 0 to its largest weight (with 512
tokens every weight is small, and a fixed [0, 1] scale would show black).
Cells shrink with the number of tokens, to one pixel; when they are too
narrow for a label, every k-th token is written. Panels sit side by side
when they fit. Text is drawn with a font that has Vietnamese diacritics when
the system has one (Pillow's own default font lacks them).

Example:
    >>> rgb = attention_picture(found)      # uint8 (H, W, 3)  doctest: +SKIP
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from dlviz.core.probes.attention_results import SCORE_FORMULAS
from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.picture_fonts import text_font

#: Widest picture, in pixels; panels wrap to the next row beyond it.
MAX_WIDTH = 1200
#: Largest cell, and the smallest cell that still gets every token's label.
MAX_CELL, LABELLED_CELL = 28, 12
#: Characters of a token label at most.
LABEL_CHARS = 16
FONT_SIZE = 12
INK, PAGE, GAP = (29, 29, 29), (255, 255, 255), 16


def cell_size(sources: int, outputs: int, width: int = MAX_WIDTH) -> int:
    """Pixels per cell: as large as fits ``width`` (labels included), 1 to ``MAX_CELL``."""
    room = max(width - 140, 64)
    return int(np.clip(room // max(sources, outputs // 2, 1), 1, MAX_CELL))


def label_step(cell: int) -> int:
    """Label every k-th token: one label per ``LABELLED_CELL`` pixels."""
    return max(1, math.ceil(LABELLED_CELL / cell))


def short(token: str) -> str:
    token = str(token)
    return token if len(token) <= LABEL_CHARS else token[:LABEL_CHARS - 1] + "…"


def scaled(weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights on [0, their largest] -> [0, 1], and that largest value."""
    peak = float(np.max(weights, initial=0.0))
    return (weights / peak if peak > 0 else np.zeros_like(weights)), peak


def _text(text: str, width: int) -> np.ndarray:
    font = text_font()
    canvas = Image.new("RGB", (width, FONT_SIZE + 8), PAGE)
    ImageDraw.Draw(canvas).text((2, 3), text, fill=INK, font=font)
    return np.asarray(canvas)


def panel_width(heads: int) -> int:
    """Room for one panel: two side by side when there are several heads."""
    return MAX_WIDTH if heads == 1 else MAX_WIDTH // 2


def head_panel(found, head: int) -> np.ndarray:
    """One head: title, source labels (upwards), output labels, the heatmap."""
    font = text_font()
    weights = np.asarray(found.weights[head], np.float32)
    outputs, sources = weights.shape
    cell = cell_size(sources, outputs, panel_width(found.heads))
    step = label_step(cell)
    rows = [short(t) for t in found.output_tokens]
    columns = [short(t) for t in found.source_tokens]
    left = int(max([font.getlength(t) for t in rows[::step]] or [0])) + 8
    top = int(max([font.getlength(t) for t in columns[::step]] or [0])) + 8
    grid_w, grid_h = max(sources * cell, 1), max(outputs * cell, 1)
    values, peak = scaled(weights)
    title = f"{found.head_names[head]}   colour 0 … {peak:.3g}"
    width = max(left + grid_w + 4, int(font.getlength(title)) + 8)
    panel = Image.new("RGB", (width, FONT_SIZE + 8 + top + grid_h + 4), PAGE)
    draw = ImageDraw.Draw(panel)
    draw.text((2, 2), title, fill=INK, font=font)
    y0 = FONT_SIZE + 8 + top
    if sources and outputs:
        heat = apply_colormap(values)
        heat = np.repeat(np.repeat(heat, cell, axis=0), cell, axis=1)
        panel.paste(Image.fromarray(heat), (left, y0))
    for i in range(0, outputs, step):
        y = y0 + max(0, i * cell + (cell - FONT_SIZE) // 2)
        draw.text((left - 4 - font.getlength(rows[i]), y), rows[i], fill=INK, font=font)
    # Source labels written along x, then turned to read upwards over their columns.
    strip = Image.new("RGB", (top, max(grid_w, 1)), PAGE)
    strip_draw = ImageDraw.Draw(strip)
    for j in range(0, sources, step):
        strip_draw.text((4, max(0, j * cell + (cell - FONT_SIZE) // 2)), columns[j], fill=INK,
                        font=font)
    panel.paste(strip.transpose(Image.Transpose.ROTATE_90), (left, FONT_SIZE + 8))
    return np.asarray(panel)


def header_lines(found, limit: int = 200) -> list[str]:
    """The lines above the panels: layer and score, what was typed, what came out, notes."""
    lines = [f"{found.model}: {found.layer}   {SCORE_FORMULAS.get(found.score, found.score)}",
             f"typed: {found.text}"[:limit]]
    if found.output_text:
        lines.append(f"output: {found.output_text}"[:limit])
    lines.append("columns: source tokens (keys)   rows: output tokens (queries)   "
                 "colour: weight")
    return lines + [f"note: {note}"[:limit] for note in found.notes]


def attention_picture(found, heads=None) -> np.ndarray:
    """Every head of ``found`` (or those listed in ``heads``), titled, as uint8 RGB."""
    heads = range(found.heads) if heads is None else heads
    panels = [head_panel(found, h) for h in heads]
    lines = header_lines(found)
    rows, row, used = [], [], 0
    for panel in panels:   # side by side while they fit
        if row and used + GAP + panel.shape[1] > MAX_WIDTH:
            rows.append(row)
            row, used = [], 0
        row.append(panel)
        used += (GAP if used else 0) + panel.shape[1]
    rows.append(row)
    font = text_font()
    width = max([sum(p.shape[1] for p in r) + GAP * (len(r) - 1) for r in rows] +
                [min(int(font.getlength(line)) + 8, MAX_WIDTH) for line in lines] + [480])
    parts = [_text(line, width) for line in lines]
    for r in rows:
        band = np.full((max((p.shape[0] for p in r), default=1), width, 3), 255, np.uint8)
        x = 0
        for p in r:
            band[:p.shape[0], x:x + p.shape[1]] = p
            x += p.shape[1] + GAP
        parts.append(band)
    height = sum(p.shape[0] for p in parts) + 4 * len(parts)
    page, y = np.full((height, width, 3), 255, np.uint8), 0
    for part in parts:
        page[y:y + part.shape[0], :part.shape[1]] = part
        y += part.shape[0] + 4
    return page
