"""A readable ``model.summary()`` as data: rows the GUI and CLI both print.

Nested models (a ResNet backbone inside a transfer-learning model) are
expanded: their layers follow the nested model's own row, one level deeper.
Each row also carries its multiply-accumulates and, for conv and pooling
layers, its receptive field (``dlviz.core.costs``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dlviz.core.costs.keras_costs import model_costs


@dataclass(frozen=True)
class LayerRow:
    """One layer of a model, as shown in the layer table."""

    name: str
    type: str
    output_shape: str
    params: int
    trainable: bool
    depth: int = 0  # 0 for top-level layers, +1 per nested model
    macs: int | None = None  # multiply-accumulates per sample; None if unknown
    receptive_field: int | None = None  # input pixels one output sees (conv/pool)


@dataclass(frozen=True)
class ModelSummary:
    """The layer table of a model plus its parameter totals."""

    model_name: str
    rows: tuple[LayerRow, ...]
    total_params: int
    trainable_params: int
    total_macs: int | None = None
    notes: tuple[str, ...] = ()  # what to know about the MACs column

    @property
    def non_trainable_params(self) -> int:
        return self.total_params - self.trainable_params

    def as_text(self) -> str:
        """Format like Keras's summary; the last line is ``Total params: N``.

        Beside the parameters: each layer's multiply-accumulates (MACs) and,
        for conv and pooling layers, its receptive field (RF) in input pixels.
        """
        header = ("Layer", "Type", "Output shape", "Params", "MACs", "RF")
        lines = [
            ("  " * row.depth + row.name, row.type, row.output_shape, f"{row.params:,}",
             _number(row.macs), _number(row.receptive_field, empty=""))
            for row in self.rows
        ]
        widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]

        def fmt(cells):
            left = "  ".join(c.ljust(w) for c, w in zip(cells[:3], widths[:3]))
            right = "  ".join(c.rjust(w) for c, w in zip(cells[3:], widths[3:]))
            return f"{left}  {right}".rstrip()

        rule = "-" * len(fmt(header))
        out = [f"Model: {self.model_name}", rule, fmt(header), rule]
        out += [fmt(line) for line in lines]
        out += [rule, *(f"Note: {note}" for note in self.notes)]
        if self.total_macs is not None:
            out.append(f"Total MACs: {self.total_macs:,} ({_short(self.total_macs)})")
        out += [
            f"Trainable params: {self.trainable_params:,}",
            f"Non-trainable params: {self.non_trainable_params:,}",
            f"Total params: {self.total_params:,}",
        ]
        return "\n".join(out)


def _number(value: int | None, empty: str = "?") -> str:
    return empty if value is None else f"{value:,}"


def _short(value: int) -> str:
    """1,234,567,890 -> 1.23 G: how papers quote operations."""
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return str(value)


def _shape_text(layer) -> str:
    try:
        shape = layer.output.shape
    except (AttributeError, ValueError):
        return "?"
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
        return ", ".join(_one_shape(s) for s in shape)
    return _one_shape(shape)


def _one_shape(shape) -> str:
    dims = ["None" if d is None else str(d) for d in tuple(shape)]
    return "(" + ", ".join(dims) + ")"


def _count(weights) -> int:
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def _rows(model, depth: int) -> list[LayerRow]:
    rows: list[LayerRow] = []
    for layer in model.layers:
        rows.append(
            LayerRow(
                name=layer.name,
                type=type(layer).__name__,
                output_shape=_shape_text(layer),
                params=_count(layer.weights),
                trainable=bool(layer.trainable),
                depth=depth,
            )
        )
        if hasattr(layer, "layers") and getattr(layer, "layers", None):
            rows.extend(_rows(layer, depth + 1))
    return rows


def summarize(model) -> ModelSummary:
    """Return the layer table of a built Keras model.

    Args:
        model: a built ``keras.Model`` (Functional, Sequential or nested).

    Returns:
        A ``ModelSummary`` whose totals match ``model.count_params()``.

    Example:
        >>> print(summarize(model).as_text())  # doctest: +SKIP
    """
    total = _count(model.weights)
    trainable = _count(model.trainable_weights)
    rows = _rows(model, 0)
    costs = model_costs(model)
    if [c.name for c in costs.rows] == [r.name for r in rows]:
        rows = [replace(r, macs=c.macs, receptive_field=c.receptive_field)
                for r, c in zip(rows, costs.rows)]
        total_macs, notes = costs.total_macs, costs.notes
    else:  # never expected: both walk model.layers the same way
        total_macs, notes = None, ("MACs could not be matched to the layers.",)
    return ModelSummary(
        model_name=model.name,
        rows=tuple(rows),
        total_params=total,
        trainable_params=trainable,
        total_macs=total_macs,
        notes=notes,
    )
