"""A readable ``model.summary()`` as data: rows the GUI and CLI both print.

Nested models (a ResNet backbone inside a transfer-learning model) are
expanded: their layers follow the nested model's own row, one level deeper.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayerRow:
    """One layer of a model, as shown in the layer table."""

    name: str
    type: str
    output_shape: str
    params: int
    trainable: bool
    depth: int = 0  # 0 for top-level layers, +1 per nested model


@dataclass(frozen=True)
class ModelSummary:
    """The layer table of a model plus its parameter totals."""

    model_name: str
    rows: tuple[LayerRow, ...]
    total_params: int
    trainable_params: int

    @property
    def non_trainable_params(self) -> int:
        return self.total_params - self.trainable_params

    def as_text(self) -> str:
        """Format like Keras's summary; the last line is ``Total params: N``."""
        header = ("Layer", "Type", "Output shape", "Params")
        lines = [
            ("  " * row.depth + row.name, row.type, row.output_shape, f"{row.params:,}")
            for row in self.rows
        ]
        widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]

        def fmt(cells):
            left = "  ".join(c.ljust(w) for c, w in zip(cells[:3], widths[:3]))
            return f"{left}  {cells[3].rjust(widths[3])}"

        rule = "-" * len(fmt(header))
        out = [f"Model: {self.model_name}", rule, fmt(header), rule]
        out += [fmt(line) for line in lines]
        out += [
            rule,
            f"Trainable params: {self.trainable_params:,}",
            f"Non-trainable params: {self.non_trainable_params:,}",
            f"Total params: {self.total_params:,}",
        ]
        return "\n".join(out)


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
    return ModelSummary(
        model_name=model.name,
        rows=tuple(_rows(model, 0)),
        total_params=total,
        trainable_params=trainable,
    )
