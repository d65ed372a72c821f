"""Attention maps as SVG text: the same panels as the PNG, scalable, labels as text.

Plain text, no dependency: UTF-8 (Vietnamese letters stay letters), every
token escaped. A small map draws one rectangle per weight, each with a
tooltip ("nào → 1987: 0.412"); a large one (more than ``MAX_RECTS`` weights
per head, e.g. 512 tokens) embeds its heatmap as a PNG image drawn with
sharp pixels, so a 12-head map of 512 tokens is a few megabytes, not three
million rectangles. Token labels are always text.

Example:
    >>> Path("attention.svg").write_text(attention_svg(found), "utf-8")  # doctest: +SKIP
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from dlviz.core.probes.attention_pictures import (
    FONT_SIZE,
    GAP,
    MAX_WIDTH,
    cell_size,
    header_lines,
    label_step,
    panel_width,
    scaled,
    short,
)
from dlviz.core.probes.colormaps import VIRIDIS

#: Above this many weights per head, the heatmap is an embedded PNG.
MAX_RECTS = 4096
#: Room for a label, in pixels per character (SVG viewers measure text themselves).
CHAR = 8
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def _colour(value: float) -> str:
    r, g, b = VIRIDIS[int(round(float(np.clip(value, 0, 1)) * 255))]
    return f"#{r:02x}{g:02x}{b:02x}"


def _text(x: float, y: float, text: str, anchor: str = "start", rotate: bool = False) -> str:
    turn = f' transform="rotate(-90 {x:g} {y:g})"' if rotate else ""
    return (f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{turn}>'
            f"{escape(str(text))}</text>")


def _heat_png(values: np.ndarray) -> str:
    from dlviz.core.probes.colormaps import apply_colormap
    from dlviz.core.probes.pictures import png_bytes

    return base64.b64encode(png_bytes(apply_colormap(values))).decode("ascii")


def _panel(found, head: int, x0: float, y0: float) -> tuple[list[str], float, float]:
    """SVG elements of one head at (x0, y0), and the panel's width and height."""
    weights = np.asarray(found.weights[head], np.float32)
    outputs, sources = weights.shape
    cell = cell_size(sources, outputs, panel_width(found.heads))
    step = label_step(cell)
    rows = [short(t) for t in found.output_tokens]
    columns = [short(t) for t in found.source_tokens]
    left = max([len(t) for t in rows[::step]] or [0]) * CHAR + 8
    top = max([len(t) for t in columns[::step]] or [0]) * CHAR + 8
    values, peak = scaled(weights)
    title = f"{found.head_names[head]}   colour 0 … {peak:.3g}"
    grid_x, grid_y = x0 + left, y0 + FONT_SIZE + 8 + top
    parts = [f'<g class="head" id={quoteattr(f"head-{head + 1}")}>',
             _text(x0 + 2, y0 + FONT_SIZE, title)]
    for j in range(0, sources, step):
        parts.append(_text(grid_x + (j + 0.5) * cell + FONT_SIZE / 3, grid_y - 4, columns[j],
                           rotate=True))
    for i in range(0, outputs, step):
        parts.append(_text(grid_x - 4, grid_y + (i + 0.5) * cell + FONT_SIZE / 3, rows[i],
                           anchor="end"))
    if sources * outputs > MAX_RECTS:
        parts.append(f'<image x="{grid_x:g}" y="{grid_y:g}" width="{sources * cell}" '
                     f'height="{outputs * cell}" preserveAspectRatio="none" '
                     'style="image-rendering:pixelated" '
                     f'href="data:image/png;base64,{_heat_png(values)}"/>')
    else:
        for i in range(outputs):
            for j in range(sources):
                tip = f"{found.source_tokens[j]} → {found.output_tokens[i]}: {weights[i, j]:.3f}"
                parts.append(f'<rect x="{grid_x + j * cell:g}" y="{grid_y + i * cell:g}" '
                             f'width="{cell}" height="{cell}" fill="{_colour(values[i, j])}">'
                             f"<title>{escape(tip)}</title></rect>")
    parts.append("</g>")
    width = max(left + sources * cell + 4, len(title) * CHAR + 8)
    return parts, width, FONT_SIZE + 8 + top + outputs * cell + 4


def attention_svg(found, heads=None) -> str:
    """``found`` (every head, or those in ``heads``) as an SVG document (a str)."""
    heads = list(range(found.heads) if heads is None else heads)
    lines = header_lines(found, limit=300)
    body = [_text(2, (k + 1) * (FONT_SIZE + 8), line) for k, line in enumerate(lines)]
    x = y = 0.0
    y_top, row_height = len(lines) * (FONT_SIZE + 8) + 8, 0.0
    widest = float(max([480] + [min(len(line) * 7 + 8, MAX_WIDTH) for line in lines]))
    for head in heads:
        parts, width, height = _panel(found, head, 0, 0)
        if x and x + width > MAX_WIDTH:   # next row of panels
            y, x, row_height = y + row_height + GAP, 0.0, 0.0
        body += [f'<g transform="translate({x:g} {y_top + y:g})">', *parts, "</g>"]
        x, row_height = x + width + GAP, max(row_height, height)
        widest = max(widest, x)
    total_height = y_top + y + row_height + 4
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{widest:g}" '
        f'height="{total_height:g}" viewBox="0 0 {widest:g} {total_height:g}" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}">',
        f"<title>{escape(lines[0])}</title>",
        '<rect width="100%" height="100%" fill="white"/>',
        *body, "</svg>", ""])
