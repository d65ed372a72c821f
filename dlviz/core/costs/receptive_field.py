"""Receptive fields: how many input pixels (or steps) one output value sees.

The classic recurrence, per spatial axis: a layer with kernel ``k``,
dilation ``d`` and stride ``s`` grows the field by ``(k - 1) * d * jump``
and multiplies the jump (the input distance between neighbouring outputs)
by ``s``. Two 3x3 convolutions see 5x5, three see 7x7; a stride-2 layer
doubles what every later layer adds.

Layers that keep positions (activations, normalisation, padding, Add,
Concatenate, Dense on each position) pass the field on unchanged; layers
that mix all positions (Flatten, global pooling, recurrent layers) end it.
Only convolution and pooling rows get a number; the others get ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

POOL_CLASSES = {
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D",
    "AveragePooling2D", "AveragePooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D",
    "AvgPool1D", "AvgPool2D", "AvgPool3D",
}
KERNEL_CLASSES = {
    "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D",
    "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
}
TRANSPOSED_CLASSES = {"Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"}
UPSAMPLING_CLASSES = {"UpSampling1D", "UpSampling2D", "UpSampling3D"}
# Layers that keep every position where it is (the field passes through).
KEEPS_POSITIONS = {
    "InputLayer", "BatchNormalization", "LayerNormalization", "GroupNormalization",
    "UnitNormalization", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
    "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
    "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "ThresholdedReLU",
    "Rescaling", "Normalization", "Embedding", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
    "Cropping1D", "Cropping2D", "Cropping3D", "Dense", "Add", "Subtract", "Multiply",
    "Average", "Maximum", "Minimum", "Concatenate", "Identity", "LocalResponseNormalization",
}


@dataclass(frozen=True)
class Field:
    """Receptive field and jump along each spatial axis."""

    size: tuple[float, ...]
    jump: tuple[float, ...]

    @property
    def largest(self) -> int:
        return int(round(max(self.size)))


# The field of a model's input, before any axis is known.
START = Field((), ())


def _per_axis(value, rank: int) -> tuple[int, ...]:
    if value is None:
        return (1,) * rank
    if isinstance(value, int):
        return (value,) * rank
    return tuple(int(v) for v in value)


def _rank(class_name: str, config: dict) -> int:
    size = config.get("pool_size", config.get("kernel_size", config.get("size")))
    if isinstance(size, (list, tuple)):
        return len(size)
    digit = [c for c in class_name if c.isdigit()]
    return int(digit[0]) if digit else 2


def _merge(incoming: list[Field | None]) -> Field | None:
    """Where branches meet, the widest field and the coarsest jump win."""
    fields = [f for f in incoming if f is not None]
    if not fields or len({len(f.size) for f in fields}) != 1:
        return None
    return Field(
        tuple(max(axis) for axis in zip(*(f.size for f in fields))),
        tuple(max(axis) for axis in zip(*(f.jump for f in fields))),
    )


def step(class_name: str, config: dict, incoming: list[Field | None]) -> Field | None:
    """The field after one layer, given the fields of its inputs.

    Args:
        class_name: the Keras class name.
        config: the layer's config.
        incoming: the fields of the layer's inputs (``None`` where positions
            are gone or unknown; an empty list for the first layer).

    Returns:
        The field of the layer's output, or ``None`` where positions are gone.
    """
    if class_name == "InputLayer":
        return START
    is_kernel = class_name in KERNEL_CLASSES | POOL_CLASSES | TRANSPOSED_CLASSES
    if not (is_kernel or class_name in UPSAMPLING_CLASSES):
        return _merge(incoming) if class_name in KEEPS_POSITIONS else None
    rank = _rank(class_name, config)
    before = _merge(incoming) if incoming else START
    if before is None:
        return None  # positions were mixed away (Flatten, global pooling, an RNN)
    if len(before.size) != rank:
        before = Field((1.0,) * rank, (1.0,) * rank)  # start at the input pixels
    if class_name in UPSAMPLING_CLASSES:
        sizes = _per_axis(config.get("size", 2), rank)
        return Field(before.size, tuple(j / s for j, s in zip(before.jump, sizes)))
    if class_name in POOL_CLASSES:
        kernel = _per_axis(config.get("pool_size", 2), rank)
        strides = _per_axis(config.get("strides") or config.get("pool_size", 2), rank)
        dilation = (1,) * rank
    else:
        kernel = _per_axis(config.get("kernel_size", 1), rank)
        strides = _per_axis(config.get("strides", 1), rank)
        dilation = _per_axis(config.get("dilation_rate", 1), rank)
    if class_name in TRANSPOSED_CLASSES:
        # Outputs sit ``stride`` times closer together; the kernel spans the new grid.
        jump = tuple(j / s for j, s in zip(before.jump, strides))
        size = tuple(r + (k - 1) * d * j for r, k, d, j in zip(before.size, kernel, dilation, jump))
        return Field(size, jump)
    size = tuple(r + (k - 1) * d * j for r, k, d, j in zip(before.size, kernel, dilation, before.jump))
    return Field(size, tuple(j * s for j, s in zip(before.jump, strides)))


def _parts(row) -> tuple[str, dict, str | None, tuple]:
    """(class name, config, name, inputs) of a row: a tuple or an object."""
    if isinstance(row, (tuple, list)):
        return row[0], row[1], None, ()
    return row.class_name, row.config, getattr(row, "name", None), tuple(getattr(row, "inputs", ()) or ())


def reports_field(class_name: str) -> bool:
    """True for the layers whose receptive field the table shows."""
    return class_name in KERNEL_CLASSES | POOL_CLASSES | TRANSPOSED_CLASSES


def receptive_fields(rows) -> list[int | None]:
    """The receptive field of each convolution or pooling row, in input pixels.

    Args:
        rows: layers in order, each a ``(class_name, config)`` pair or an
            object with ``class_name`` and ``config`` (and optionally ``name``
            and ``inputs``, e.g. a builder ``LayerSpec``: then branches are
            followed; without ``inputs`` each row follows the one before).

    Returns:
        One entry per row: the field's largest side for conv and pooling
        layers, ``None`` for the others.

    Example:
        >>> conv = ("Conv2D", {"kernel_size": (3, 3), "strides": (1, 1)})
        >>> receptive_fields([conv, conv, conv])
        [3, 5, 7]
    """
    fields: dict[str, Field | None] = {}
    previous: Field | None = None
    out: list[int | None] = []
    for index, row in enumerate(rows):
        class_name, config, name, inputs = _parts(row)
        if inputs:
            incoming = [fields.get(i) for i in inputs]
        else:
            incoming = [previous] if index else []
        field = step(class_name, config, incoming)
        fields[name if name is not None else str(index)] = field
        previous = field
        out.append(field.largest if field is not None and reports_field(class_name) else None)
    return out
