"""An architecture's layer table as a ``ModelSummary``, without building it.

``dlviz summary FILE.json`` prints this for a saved architecture (Keras's
``model.to_json()``): shapes, parameters and multiply-accumulates come from
``infer``, so a file opens in a blink and a broken layer is named, not raised.
"""

from __future__ import annotations

from dlviz.core.builder.architecture import Architecture
from dlviz.core.builder.inference import infer, totals
from dlviz.core.summary import LayerRow, ModelSummary


def _shape_text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def architecture_summary(arch: Architecture) -> ModelSummary:
    """The layer table of ``arch``: one row per layer, totals, and each problem as a note.

    Example:
        >>> print(architecture_summary(from_json(text)).as_text())  # doctest: +SKIP
    """
    rows = infer(arch)
    table = tuple(
        LayerRow(name=r.name, type=r.class_name,
                 output_shape="(problem)" if r.error else _shape_text(r.output_shape),
                 params=r.params, trainable=r.trainable > 0 or r.non_trainable == 0,
                 macs=None if r.error else r.macs, receptive_field=r.receptive_field)
        for r in rows)
    sums = totals(rows)
    notes = tuple(f"{r.name}: {r.error}" for r in rows if r.error)
    return ModelSummary(model_name=arch.name, rows=table,
                        total_params=sums["trainable"] + sums["non_trainable"],
                        trainable_params=sums["trainable"], total_macs=sums["macs"],
                        notes=notes)
