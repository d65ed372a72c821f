"""Probe results to files: colour PNG mosaics and ``predictions.json``.

``dlviz maps`` writes these with the same results the views draw. Every
file is written to a temporary name and swapped in with ``os.replace``, so
an interrupted run never leaves half a file.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import numpy as np
from PIL import Image

from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import ImageAnalysis, Mosaic, Predictions

#: Nearest-neighbour upscaling aims for tiles at least this many pixels high...
MIN_TILE_SIDE = 32
#: ...in images no longer than this on their longer side.
MAX_IMAGE_SIDE = 2048


def layer_file_name(path: str) -> str:
    """A file name for a layer path: "resnet50/conv1_conv" -> "resnet50__conv1_conv.png"."""
    stem = re.sub(r"[^\w.-]", "_", path.replace("/", "__")).lstrip(".") or "layer"
    return f"{stem}.png"


def upscale_factor(mosaic: Mosaic) -> int:
    """Whole-number zoom that makes small tiles visible without huge files."""
    tile = max(1, min(mosaic.tile))
    longest = max(1, max(mosaic.image.shape))
    return max(1, min(MIN_TILE_SIDE // tile, MAX_IMAGE_SIDE // longest))


def mosaic_rgb(mosaic: Mosaic, lut="viridis") -> np.ndarray:
    """The mosaic coloured (uint8 RGB) and upscaled with nearest neighbour."""
    rgb = apply_colormap(mosaic.image, lut)
    factor = upscale_factor(mosaic)
    if factor > 1:
        rgb = np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)
    return rgb


def predictions_record(predictions: Predictions | None) -> dict:
    """``Predictions`` as plain JSON-ready data (top-k per head)."""
    if predictions is None:
        return {"names_source": None, "primary": None, "heads": {}}
    return {
        "names_source": predictions.names_source,
        "primary": predictions.primary,
        "heads": {head: [{"index": s.index, "name": s.name,
                          "probability": round(s.probability, 6)} for s in scores]
                  for head, scores in predictions.heads.items()},
    }


def write_maps(analysis: ImageAnalysis, out_dir: str | Path, *, lut="viridis",
               model_name: str = "") -> list[Path]:
    """Write one colour PNG per layer's mosaic and ``predictions.json``.

    Args:
        analysis: from ``analyze_image``; a layer without a mosaic in it
            (``mosaics=`` asked for a few) is tiled here.
        out_dir: folder to write into (created if missing).
        lut: colour map name or table (see ``colormaps``).
        model_name: recorded in ``predictions.json``.

    Returns:
        The paths written, the PNGs in model order, ``predictions.json`` last.

    Example:
        >>> write_maps(analyze_image(lenet, digit), "out")[-1].name  # doctest: +SKIP
        'predictions.json'
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for layer in analysis.maps.layers:
        target = out / layer_file_name(layer.path)
        buffer = io.BytesIO()
        # A drop tiles only the layer on screen (``analyze_image(mosaics=)``):
        # the others are tiled here as the view tiles them when picked.
        mosaic = analysis.maps.mosaics.get(layer.path)
        if mosaic is None:
            mosaic = make_mosaic(layer.values)
        Image.fromarray(mosaic_rgb(mosaic, lut)).save(buffer, "PNG")
        _replace(target, buffer.getvalue())
        written.append(target)
    record = {"model": model_name, "image": analysis.source_name,
              "input": analysis.maps.input.note, "load_notes": list(analysis.load_notes),
              **predictions_record(analysis.predictions),
              "layers": {layer.path: layer_file_name(layer.path)
                         for layer in analysis.maps.layers}}
    target = out / "predictions.json"
    _replace(target, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
    written.append(target)
    return written


def _replace(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
