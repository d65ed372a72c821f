"""Gates and states drawn as pictures with NumPy and Pillow: notebooks and ``dlviz gates``.

One heatmap per gate and state, tokens along x and units along y, as the
app's gate view shows them: gates through a sigmoid on a fixed [0, 1] scale,
states and candidates on a symmetric scale of at least [-1, 1] (a cell state
may leave it), padded steps white. ``pictures.picture`` finds these through
its ``PAINTERS`` table, so ``trace._repr_png_`` and ``SequenceGates.picture()``
need nothing else.

Example:
    >>> rgb = trace_picture(found.traces[0])   # uint8 (H, W, 3)  doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.picture_fonts import fitted, text_font
from dlviz.core.probes.pictures import INK, ROW, WIDTH, bars, label, stack
from dlviz.core.probes.sequence_results import GATE_LABELS, GATE_NAMES, RECURRENT_GATES

#: Largest and smallest cell of a heatmap, in pixels (width, height).
MAX_CELL, MIN_CELL = (40, 14), (3, 2)
#: Pixels per character of the label font, on average.
CHAR = 6


def value_range(trace, name: str) -> tuple[float, float]:
    """The fixed colour scale of gate ``name``: [0, 1] for a sigmoid gate,
    else symmetric around 0 and at least [-1, 1]."""
    squashed = trace.recurrent_activation in ("sigmoid", "hard_sigmoid")
    if name in RECURRENT_GATES.get(trace.kind, ()) and squashed:
        return 0.0, 1.0
    values = np.abs(trace.gates[name])
    peak = float(np.nanmax(values)) if values.size else 1.0
    peak = max(1.0, peak if np.isfinite(peak) else 1.0)
    return -peak, peak


def _cell(time: int, units: int) -> tuple[int, int]:
    width = int(np.clip((WIDTH - 8) // max(time, 1), MIN_CELL[0], MAX_CELL[0]))
    height = int(np.clip(160 // max(units, 1), MIN_CELL[1], MAX_CELL[1]))
    return width, height


def heatmap(trace, name: str, row: int = 0) -> np.ndarray:
    """Gate ``name`` of batch row ``row``: units down, tokens across, uint8 RGB."""
    values = np.asarray(trace.gates[name][row], np.float32).T          # (units, time)
    low, high = value_range(trace, name)
    scaled = (values - low) / (high - low)
    scaled[:, ~np.asarray(trace.mask[row], bool)] = np.nan              # padded: white
    width, height = _cell(trace.time, trace.units)
    return np.repeat(np.repeat(apply_colormap(scaled), height, axis=0), width, axis=1)


def token_row(tokens, time: int) -> np.ndarray:
    """The tokens under their columns (every k-th when the columns are narrow)."""
    width = _cell(time, 1)[0]
    canvas = Image.new("RGB", (max(width * time, 1), ROW + 2), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    tokens = list(tokens or [str(t) for t in range(time)])
    step = max(1, -(-4 * CHAR // width))        # at least four letters of room
    for t in range(0, time, step):
        draw.text((t * width + 1, 1), fitted(str(tokens[t]), width * step - 2), fill=INK,
                  font=text_font())
    return np.asarray(canvas)


def trace_picture(trace, row: int = 0) -> np.ndarray:
    """Every gate and state of one layer and direction, one heatmap each."""
    title = (f"{trace.layer}  {trace.kind}  {trace.direction}  "
             f"{trace.time} tokens x {trace.units} units")
    parts = [label(title)]
    parts += [label(line) for line in _wrapped(trace.note)]
    if trace.time == 0:
        return stack([*parts, label("no tokens: nothing was read")])
    tokens = token_row(trace.tokens, trace.time)
    for name in GATE_NAMES[trace.kind]:
        low, high = value_range(trace, name)
        parts += [label(f"{GATE_LABELS[name]}   colour scale [{low:.3g}, {high:.3g}]"),
                  heatmap(trace, name, row), tokens]
    return stack(parts)


def gates_picture(found) -> np.ndarray:
    """A ``SequenceGates``: the sentence, the model's answer, then every trace."""
    parts = [label(f"{found.model}: \"{found.text[:70]}\"")]
    parts += [label(line) for note in found.notes for line in _wrapped(note)]
    scores = found.scores()
    if scores:
        parts.append(bars([(s.name, s.probability) for s in scores], limit=1.0))
    elif found.prediction_kind == "tags":
        parts.append(label("tags: " + " ".join(found.tags())[:80]))
    parts += [trace_picture(trace) for trace in found.traces]
    return stack(parts)


def _wrapped(text: str, width: int = WIDTH // CHAR - 1) -> list[str]:
    lines, line = [], ""
    for word in (text or "").split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines
