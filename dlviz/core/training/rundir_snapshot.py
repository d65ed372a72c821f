"""A ``LiveFrame`` as one ``.npz`` file, and back.

The arrays go in as named entries and everything small (layer names,
statistics, gradient norms, predictions) as one JSON string under
``meta``, so loading needs no pickle (``allow_pickle=False``). Feature maps
are stored as float16 (half the bytes; a map is drawn with 256 colours;
values past float16's range are clipped to it);
mosaics are not stored but rebuilt on loading with the stored layout, so
a stored frame fills the same views as a live one.

Example:
    >>> arrays = encode_frame(frame)                   # doctest: +SKIP
    >>> frame_again = decode_frame(np.load(path))      # doctest: +SKIP
"""

from __future__ import annotations

import json

import numpy as np

from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import (
    ActivationStats,
    ClassScore,
    FeatureMaps,
    FilterBank,
    ImageAnalysis,
    LayerMaps,
    Predictions,
    PreparedInput,
)
from dlviz.core.training.events import LiveFrame
from dlviz.core.training.rundir_files import plain

FORMAT = 1


def encode_frame(frame: LiveFrame) -> dict[str, np.ndarray]:
    """The arrays of ``frame`` by name, plus ``meta`` (a JSON string)."""
    arrays: dict[str, np.ndarray] = {}
    meta = {"format": FORMAT, "global_step": frame.global_step, "epoch": frame.epoch,
            "grad_norms": frame.grad_norms, "dead_relu": frame.dead_relu,
            "probe_seconds": frame.probe_seconds, "probe_share": frame.probe_share}
    if frame.analysis is not None:
        meta["analysis"] = _encode_analysis(frame.analysis, arrays)
    if frame.filters is not None:
        meta["filters"] = _encode_filters(frame.filters, arrays)
    for key in ("weight_hists", "activation_hists"):
        hists = getattr(frame, key)
        if hists is not None:
            meta[key] = list(hists)
            for i, (counts, edges) in enumerate(hists.values()):
                arrays[f"{key}/{i}/counts"] = np.asarray(counts, np.float32)
                arrays[f"{key}/{i}/edges"] = np.asarray(edges, np.float32)
    arrays["meta"] = np.array(json.dumps(plain(meta)))
    return arrays


def decode_frame(npz) -> LiveFrame:
    """Rebuild the ``LiveFrame`` that ``encode_frame`` stored (maps as float32)."""
    meta = json.loads(str(npz["meta"]))
    hists = {}
    for key in ("weight_hists", "activation_hists"):
        if meta.get(key) is not None:
            hists[key] = {path: (npz[f"{key}/{i}/counts"], npz[f"{key}/{i}/edges"])
                          for i, path in enumerate(meta[key])}
    analysis = meta.get("analysis")
    filters = meta.get("filters")
    return LiveFrame(
        global_step=int(meta["global_step"]), epoch=int(meta["epoch"]),
        analysis=None if analysis is None else _decode_analysis(analysis, npz),
        filters=None if filters is None else _decode_filters(filters, npz),
        grad_norms=_floats(meta.get("grad_norms")),
        weight_hists=hists.get("weight_hists"),
        activation_hists=hists.get("activation_hists"),
        dead_relu=_floats(meta.get("dead_relu")),
        probe_seconds=float(meta.get("probe_seconds", 0.0)),
        probe_share=float(meta.get("probe_share", 0.0)),
    )


def _floats(values: dict | None) -> dict | None:
    return None if values is None else {k: float(v) for k, v in values.items()}


def _encode_analysis(analysis: ImageAnalysis, arrays: dict) -> dict:
    maps = analysis.maps
    arrays["input/batch"] = np.asarray(maps.input.batch, np.float32)
    arrays["input/shown"] = np.asarray(maps.input.shown, np.float32)
    layers = []
    for i, item in enumerate(maps.layers):
        arrays[f"maps/{i}"] = _half(item.values)
        mosaic = maps.mosaics.get(item.path)
        layers.append({
            "path": item.path, "name": item.name, "type": item.type, "depth": item.depth,
            "block": item.block, "role": item.role, "stats": vars(item.stats),
            "mosaic": None if mosaic is None else {
                "cols": mosaic.cols, "gap": mosaic.gap, "normalise": mosaic.normalise,
                "ordered": list(mosaic.order) != list(range(len(mosaic.order)))},
        })
    predictions = analysis.predictions
    encoded_predictions = None
    if predictions is not None:
        heads = {head: [vars(score) for score in scores]
                 for head, scores in predictions.heads.items()}
        for i, (head, vector) in enumerate(predictions.probabilities.items()):
            arrays[f"probabilities/{i}"] = np.asarray(vector, np.float32)
        encoded_predictions = {"heads": heads, "primary": predictions.primary,
                               "names_source": predictions.names_source,
                               "probabilities": list(predictions.probabilities)}
    return {"source_name": analysis.source_name, "load_notes": list(analysis.load_notes),
            "input": {"note": maps.input.note, "preprocessing": maps.input.preprocessing},
            "layers": layers, "skipped": list(maps.skipped),
            "predictions": encoded_predictions}


def _decode_analysis(meta: dict, npz) -> ImageAnalysis:
    prepared = PreparedInput(batch=npz["input/batch"], shown=npz["input/shown"],
                             **meta["input"])
    layers, mosaics = [], {}
    for i, layer in enumerate(meta["layers"]):
        values = npz[f"maps/{i}"].astype(np.float32)
        layers.append(LayerMaps(
            path=layer["path"], name=layer["name"], type=layer["type"], depth=layer["depth"],
            values=values, stats=ActivationStats(**layer["stats"]),
            block=layer["block"], role=layer["role"]))
        shape = layer["mosaic"]
        if shape is not None:
            mosaics[layer["path"]] = make_mosaic(
                values, normalise=shape["normalise"], gap=shape["gap"], cols=shape["cols"],
                order="mean" if shape["ordered"] else "index")
    maps = FeatureMaps(input=prepared, layers=tuple(layers), mosaics=mosaics,
                       skipped=tuple(meta["skipped"]))
    predictions = None
    if meta["predictions"] is not None:
        stored = meta["predictions"]
        predictions = Predictions(
            heads={head: tuple(ClassScore(**score) for score in scores)
                   for head, scores in stored["heads"].items()},
            primary=stored["primary"], names_source=stored["names_source"],
            probabilities={head: npz[f"probabilities/{i}"]
                           for i, head in enumerate(stored["probabilities"])})
    return ImageAnalysis(source_name=meta["source_name"], load_notes=tuple(meta["load_notes"]),
                         maps=maps, predictions=predictions)


def _half(values) -> np.ndarray:
    # Beyond float16's range (a diverging run) values are kept at its limit,
    # not turned into infinities; the layer's statistics keep the true range.
    limit = np.finfo(np.float16).max
    return np.clip(np.asarray(values, np.float32), -limit, limit).astype(np.float16)


def _encode_filters(bank: FilterBank, arrays: dict) -> dict:
    arrays["filters/kernels"] = np.asarray(bank.kernels, np.float32)
    arrays["filters/image"] = np.asarray(bank.image, np.float32)
    return {"path": bank.path, "name": bank.name, "type": bank.type, "kind": bank.kind,
            "rows": bank.rows, "cols": bank.cols, "note": bank.note}


def _decode_filters(meta: dict, npz) -> FilterBank:
    return FilterBank(kernels=npz["filters/kernels"], image=npz["filters/image"], **meta)
