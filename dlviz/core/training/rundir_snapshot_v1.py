"""Reading snapshots of format 1 (dlviz before the probe registry), kept for old runs.

Format 1 had one field per view kind: feature maps as float16 entries
``maps/<i>``, filters under ``filters/...``, histograms under
``weight_hists/<i>/...`` and ``activation_hists/<i>/...``, and everything
small as one JSON string under ``meta``. Recorded runs are their owners'
data: they open in every later version, as the same probe results a new
snapshot holds, keyed by the registry's kind names.
"""

from __future__ import annotations

import json

import numpy as np

from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import (
    ActivationStats,
    ClassScore,
    DeadUnits,
    FeatureMaps,
    FilterBank,
    GradientNorms,
    Histograms,
    ImageAnalysis,
    LayerMaps,
    Predictions,
    PreparedInput,
)
from dlviz.core.training.events import LiveFrame

FORMAT = 1


def is_format_1(npz) -> bool:
    return "meta" in npz and "header" not in npz


def decode_frame_v1(npz) -> LiveFrame:
    """The ``LiveFrame`` a format-1 snapshot stored, as today's results by kind."""
    meta = json.loads(str(npz["meta"]))
    results = {}
    if meta.get("analysis") is not None:
        results["feature_maps"] = _analysis(meta["analysis"], npz)
    for key, name, of in (("activation_hists", "activation_histograms", "activations"),
                          ("weight_hists", "weight_histograms", "weights")):
        if meta.get(key) is not None:
            results[name] = Histograms(of, {
                path: (npz[f"{key}/{i}/counts"], npz[f"{key}/{i}/edges"])
                for i, path in enumerate(meta[key])})
    if meta.get("grad_norms") is not None:
        results["gradient_norms"] = GradientNorms(_floats(meta["grad_norms"]))
    if meta.get("dead_relu") is not None:
        results["dead_units"] = DeadUnits(_floats(meta["dead_relu"]))
    if meta.get("filters") is not None:
        results["filters"] = FilterBank(kernels=npz["filters/kernels"],
                                        image=npz["filters/image"], **meta["filters"])
    return LiveFrame(global_step=int(meta["global_step"]), epoch=int(meta["epoch"]),
                     results=results, probe_seconds=float(meta.get("probe_seconds", 0.0)),
                     probe_share=float(meta.get("probe_share", 0.0)))


def _floats(values: dict) -> dict:
    return {k: float(v) for k, v in values.items()}


def _analysis(meta: dict, npz) -> ImageAnalysis:
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
