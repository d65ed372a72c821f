"""Results drawn as pictures with NumPy and Pillow only: notebooks, no Qt.

``picture(result)`` gives a uint8 RGB array; ``Result._repr_png_`` encodes
it, so Jupyter shows a result by itself. One small function per result type
(``PAINTERS``): feature maps as each layer's mosaic stacked under its name,
a heatmap over its image, predictions and per-layer figures as bars.
"""

from __future__ import annotations

import dataclasses
import io

import numpy as np
from PIL import Image, ImageDraw

from dlviz.core.probes import results as r
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.picture_fonts import fitted, text_font
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.sequence_results import GateTrace
from dlviz.core.probes.text_results import SequenceGates

#: Width of stacked pictures (mosaics, bars), in pixels.
WIDTH = 512
#: Height of one bar row, and of a label line.
ROW = 16
BACKGROUND = (255, 255, 255)
INK = (29, 29, 29)
BAR = (68, 119, 170)
WARN = (201, 42, 42)


def png_bytes(rgb: np.ndarray) -> bytes:
    """A uint8 (H, W, 3) image as PNG bytes."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def picture(result) -> np.ndarray:
    """``result`` drawn as uint8 RGB (H, W, 3).

    Raises:
        TypeError: no painter for this type.
    """
    for kind in type(result).__mro__:
        if kind in PAINTERS:
            return PAINTERS[kind](result)
    if dataclasses.is_dataclass(result):
        return _fields(result)
    raise TypeError(f"no picture for {type(result).__name__}")


def _fields(result) -> np.ndarray:
    """Any other result: its pictures (2-D or 3-D arrays) and its numbers by name.

    A new result type shows itself in Jupyter before it has a painter of its own.
    """
    parts = [label(type(result).__name__)]
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if isinstance(value, np.ndarray) and value.ndim in (2, 3) and min(value.shape[:2]) > 1:
            image = np.asarray(value, np.float32)
            image = image if image.ndim == 2 else image.mean(axis=2)
            finite = image[np.isfinite(image)]
            low, high = (float(finite.min()), float(finite.max())) if finite.size else (0, 1)
            scaled = (image - low) / (high - low) if high > low else np.zeros_like(image)
            parts += [label(f"{f.name} {value.shape}"), fit_width(apply_colormap(scaled))]
        elif isinstance(value, dict) and value and all(
                isinstance(v, (int, float)) for v in value.values()):
            parts += [label(f.name), bars(value.items())]
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            parts.append(label(f"{f.name}: {value}"))
    return stack(parts)


def fit_width(rgb: np.ndarray, width: int = WIDTH, max_height: int = 4 * WIDTH) -> np.ndarray:
    """Scaled (nearest neighbour) to ``width``, or less where it would grow too tall."""
    height, have = rgb.shape[:2]
    scale = min(width / max(have, 1), max_height / max(height, 1))
    size = (max(1, round(have * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.NEAREST))


def label(text: str, width: int = WIDTH) -> np.ndarray:
    canvas = Image.new("RGB", (width, ROW + 4), BACKGROUND)
    ImageDraw.Draw(canvas).text((2, 2), text, fill=INK, font=text_font())
    return np.asarray(canvas)


def stack(parts, width: int = WIDTH, gap: int = 6) -> np.ndarray:
    """Pictures one under another, left-aligned on a white page."""
    parts = [p for p in parts if p is not None and p.size]
    page = np.full((sum(p.shape[0] for p in parts) + gap * max(len(parts) - 1, 0),
                    max([width, *(p.shape[1] for p in parts)]), 3), 255, np.uint8)
    y = 0
    for part in parts:
        page[y:y + part.shape[0], :part.shape[1]] = part
        y += part.shape[0] + gap
    return page


def bars(rows, *, log: bool = False, limit: float | None = None, warn: float | None = None,
         width: int = WIDTH) -> np.ndarray:
    """Horizontal bars: ``rows`` of (name, value), value text at the right."""
    rows = list(rows)
    canvas = Image.new("RGB", (width, ROW * max(len(rows), 1) + 4), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    values = np.array([v for _n, v in rows], np.float64)
    shown = np.log10(np.maximum(values, 1e-12)) if log else values
    low = min(0.0, float(shown.min())) if len(rows) else 0.0
    high = limit if limit is not None else (float(shown.max()) if len(rows) else 1.0)
    span = high - low if high > low else 1.0
    left, right = width // 3, width - 70
    for i, (name, value) in enumerate(rows):
        y = 2 + i * ROW
        draw.text((2, y), fitted(str(name), left - 6), fill=INK, font=text_font())
        filled = left + max(2, round((right - left) * (shown[i] - low) / span))
        colour = WARN if warn is not None and value > warn else BAR
        draw.rectangle((left, y + 2, filled, y + ROW - 3), fill=colour)
        text = f"{value:.1%}" if limit == 1.0 else f"{value:.3g}"
        draw.text((right + 4, y), text, fill=INK, font=text_font())
    return np.asarray(canvas)


def _mosaic(m: r.Mosaic) -> np.ndarray:
    from dlviz.core.probes.export import mosaic_rgb

    rgb = mosaic_rgb(m)  # tiles upscaled by a whole factor, as ``dlviz maps`` writes them
    return fit_width(rgb) if rgb.shape[1] > WIDTH else rgb


def _layer(layer: r.LayerMaps) -> np.ndarray:
    from dlviz.core.probes.mosaic import make_mosaic

    return stack([label(f"{layer.path}  {layer.type}  {layer.values.shape}"),
                  _mosaic(make_mosaic(layer.values))])


def _maps(maps: r.FeatureMaps) -> np.ndarray:
    from dlviz.core.probes.mosaic import make_mosaic

    parts = [label(maps.input.note)]
    for layer in maps.layers:
        mosaic = maps.mosaics.get(layer.path) or make_mosaic(layer.values)
        parts += [label(f"{layer.path}  {layer.type}  {'x'.join(map(str, layer.values.shape))}"),
                  _mosaic(mosaic)]
    return stack(parts)


def _predictions(p: r.Predictions) -> np.ndarray:
    scores = p.heads[p.primary]
    return stack([label(f"top classes ({p.primary}, names: {p.names_source})"),
                  bars([(s.name, s.probability) for s in scores], limit=1.0)])


def _analysis(a: r.ImageAnalysis) -> np.ndarray:
    shown = np.asarray(a.maps.input.shown, np.float32)
    rgb = np.repeat(shown, 3, axis=2) if shown.shape[2] == 1 else shown
    image = fit_width((np.clip(rgb, 0, 1) * 255 + 0.5).astype(np.uint8), 128, 128)
    return stack([label(a.source_name or "image"), image, _maps(a.maps),
                  _predictions(a.predictions) if a.predictions is not None else None])


def _filters(bank: r.FilterBank) -> np.ndarray:
    image = np.asarray(bank.image, np.float32)
    if image.ndim == 3:
        rgb = (np.clip(np.nan_to_num(image, nan=1.0), 0, 1) * 255 + 0.5).astype(np.uint8)
    else:
        rgb = apply_colormap(image, "grey")
    return stack([label(bank.note), fit_width(rgb)])


def _heatmap(h: r.Heatmap) -> np.ndarray:
    image = np.clip(np.asarray(h.image, np.float32), 0, 1)
    if image.shape[2] == 1:
        image = np.repeat(image, 3, axis=2)
    heat = apply_colormap(h.heatmap).astype(np.float32) / 255
    weight = 0.6 * np.clip(h.heatmap, 0, 1)[..., None]   # cold areas show the image
    blended = (image * (1 - weight) + heat * weight) * 255 + 0.5
    title = f"{h.kind}: {h.class_name}" + (f" at {h.layer}" if h.layer else "")
    return stack([label(title), fit_width(blended.astype(np.uint8), WIDTH, WIDTH)])


def _gradient_norms(g: r.GradientNorms) -> np.ndarray:
    return stack([label("gradient L2 norm per layer (log scale)"),
                  bars(g.norms.items(), log=True)])


def _dead(d: r.DeadUnits) -> np.ndarray:
    return stack([label("share of ReLU units never active"),
                  bars(d.fractions.items(), limit=1.0, warn=0.5)])


def _histograms(h: r.Histograms) -> np.ndarray:
    parts = [label(f"histograms of {h.of}")]
    for path, (counts, edges) in h.layers.items():
        counts = np.asarray(counts, np.float64)
        plot = np.full((48, WIDTH, 3), 255, np.uint8)
        if counts.size and counts.max() > 0:
            heights = np.round(46 * counts / counts.max()).astype(int)
            columns = np.linspace(0, WIDTH, counts.size + 1).astype(int)
            for height, start, end in zip(heights, columns[:-1], columns[1:]):
                plot[48 - height:, start:max(end - 1, start + 1)] = BAR
        parts += [label(f"{path}: {float(edges[0]):.3g} .. {float(edges[-1]):.3g}"), plot]
    return stack(parts)


def _trace(trace) -> np.ndarray:
    from dlviz.core.probes.gate_pictures import trace_picture

    return trace_picture(trace)


def _gates(found) -> np.ndarray:
    from dlviz.core.probes.gate_pictures import gates_picture

    return gates_picture(found)


def _ctc(found) -> np.ndarray:
    from dlviz.core.probes.ctc_pictures import ctc_picture

    return ctc_picture(found)


def _caption(found) -> np.ndarray:
    from dlviz.core.probes.caption_pictures import caption_picture

    return caption_picture(found)


def _attention(found) -> np.ndarray:
    from dlviz.core.probes.attention_pictures import attention_picture

    return attention_picture(found)


PAINTERS = {
    AttentionMap: _attention,
    Caption: _caption,
    CtcAlignment: _ctc,
    GateTrace: _trace,
    SequenceGates: _gates,
    r.Mosaic: _mosaic,
    r.LayerMaps: _layer,
    r.FeatureMaps: _maps,
    r.Predictions: _predictions,
    r.ImageAnalysis: _analysis,
    r.FilterBank: _filters,
    r.Heatmap: _heatmap,
    r.GradientNorms: _gradient_norms,
    r.DeadUnits: _dead,
    r.Histograms: _histograms,
}
