"""A ``LiveFrame`` as one ``.npz`` file, and back.

Each result of the frame is written by the generic field-driven writer
(``core/probes/result_io.py``): its arrays as named entries under
``results/<kind>/...``, everything small in one JSON ``header`` (the frame's
step, epoch and cost, and each result's tree), so loading needs no pickle
(``allow_pickle=False``). Feature maps are stored as float16 and mosaics as
their layout (see ``LayerMaps`` and ``FeatureMaps`` in ``results.py``), so a
stored frame fills the same views as a live one. A new probe kind needs no
change here. Snapshots of format 1 (before the registry) are read by
``rundir_snapshot_v1``.

Example:
    >>> arrays = encode_frame(frame)                   # doctest: +SKIP
    >>> frame_again = decode_frame(np.load(path))      # doctest: +SKIP
"""

from __future__ import annotations

import json

import numpy as np

from dlviz.core.probes.result_io import FORMAT, HEADER, decode, encode
from dlviz.core.training.events import LiveFrame
from dlviz.core.training.rundir_snapshot_v1 import decode_frame_v1, is_format_1


def encode_frame(frame: LiveFrame) -> dict[str, np.ndarray]:
    """The arrays of ``frame`` by name, plus ``header`` (a JSON string)."""
    arrays: dict[str, np.ndarray] = {}
    header = {"format": FORMAT, "global_step": int(frame.global_step),
              "epoch": int(frame.epoch), "probe_seconds": float(frame.probe_seconds),
              "probe_share": float(frame.probe_share),
              "results": {name: encode(result, arrays, f"results/{name}")
                          for name, result in frame.results.items()}}
    arrays[HEADER] = np.array(json.dumps(header, allow_nan=False))
    return arrays


def decode_frame(npz) -> LiveFrame:
    """Rebuild the ``LiveFrame`` that ``encode_frame`` (or format 1) stored."""
    # Every kind's result type is known by name once the registry is imported
    # (a reader that never imported, say, the attention results would drop them).
    import dlviz.core.probes.registry  # noqa: F401, PLC0415
    if is_format_1(npz):
        return decode_frame_v1(npz)
    header = json.loads(str(npz[HEADER][()]))
    if header.get("format") != FORMAT:
        raise ValueError(f"snapshot format {header.get('format')} is newer than this dlviz "
                         f"reads ({FORMAT}); update dlviz to open it")
    results = {}
    for name, tree in header["results"].items():
        try:
            results[name] = decode(tree, npz)
        except ValueError:  # a kind from a newer dlviz: show the others
            continue
    return LiveFrame(
        global_step=int(header["global_step"]), epoch=int(header["epoch"]),
        results=results,
        probe_seconds=float(header.get("probe_seconds", 0.0)),
        probe_share=float(header.get("probe_share", 0.0)))
