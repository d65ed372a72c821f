"""Which layer settings the builder's form shows, and how a typed value is read.

No widgets here (only Qt's translate), so the rules are tested without a window. A setting's
editor follows its value: a tick box for yes/no, a number box for numbers, a
list for a few known words (padding, activation), and a text line for sizes
written as "3, 3".
"""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Settings that are not choices a student makes in the builder.
HIDDEN_KEYS = frozenset({
    "name", "trainable", "dtype", "data_format", "sparse", "ragged", "batch_size",
    "kernel_initializer", "bias_initializer", "recurrent_initializer",
    "depthwise_initializer", "pointwise_initializer", "embeddings_initializer",
    "beta_initializer", "gamma_initializer", "moving_mean_initializer",
    "moving_variance_initializer", "alpha_initializer",
    "kernel_regularizer", "bias_regularizer", "recurrent_regularizer",
    "activity_regularizer", "depthwise_regularizer", "pointwise_regularizer",
    "embeddings_regularizer", "beta_regularizer", "gamma_regularizer",
    "alpha_regularizer", "kernel_constraint", "bias_constraint",
    "recurrent_constraint", "depthwise_constraint", "pointwise_constraint",
    "embeddings_constraint", "beta_constraint", "gamma_constraint", "alpha_constraint",
    "seed", "noise_shape", "unroll", "stateful", "go_backwards", "time_major",
    "reset_after", "implementation", "unit_forget_bias", "lora_rank", "lora_alpha",
    "input_dim_was_none", "optional", "synchronized", "renorm", "renorm_clipping",
    "renorm_momentum", "virtual_batch_size", "adjustment", "backward_layer",
    "shared_axes", "input_length", "batch_shape_was_none", "module", "registered_name",
})

#: A few known words per setting, offered as a list.
CHOICES = {
    "padding": ("valid", "same"),
    "activation": ("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu",
                   "gelu", "swish", "leaky_relu", "relu6", "softplus", "hard_sigmoid"),
    "recurrent_activation": ("sigmoid", "hard_sigmoid", "tanh"),
    "merge_mode": ("concat", "sum", "mul", "ave"),
    "interpolation": ("nearest", "bilinear"),
}



#: The label of each setting in the form, as the course says it (translated).
FIELD_LABELS = {
    "batch_shape": QT_TRANSLATE_NOOP("BuilderForm", "batch shape"),
    "filters": QT_TRANSLATE_NOOP("BuilderForm", "filters"),
    "units": QT_TRANSLATE_NOOP("BuilderForm", "units"),
    "kernel_size": QT_TRANSLATE_NOOP("BuilderForm", "kernel size"),
    "pool_size": QT_TRANSLATE_NOOP("BuilderForm", "pool size"),
    "strides": QT_TRANSLATE_NOOP("BuilderForm", "strides"),
    "padding": QT_TRANSLATE_NOOP("BuilderForm", "padding"),
    "dilation_rate": QT_TRANSLATE_NOOP("BuilderForm", "dilation rate"),
    "depth_multiplier": QT_TRANSLATE_NOOP("BuilderForm", "depth multiplier"),
    "groups": QT_TRANSLATE_NOOP("BuilderForm", "groups"),
    "activation": QT_TRANSLATE_NOOP("BuilderForm", "activation"),
    "rate": QT_TRANSLATE_NOOP("BuilderForm", "rate"),
    "return_sequences": QT_TRANSLATE_NOOP("BuilderForm", "return sequences"),
    "input_dim": QT_TRANSLATE_NOOP("BuilderForm", "input dim"),
    "output_dim": QT_TRANSLATE_NOOP("BuilderForm", "output dim"),
    "merge_mode": QT_TRANSLATE_NOOP("BuilderForm", "merge mode"),
    "use_bias": QT_TRANSLATE_NOOP("BuilderForm", "use bias"),
    "axis": QT_TRANSLATE_NOOP("BuilderForm", "axis"),
    "momentum": QT_TRANSLATE_NOOP("BuilderForm", "momentum"),
    "epsilon": QT_TRANSLATE_NOOP("BuilderForm", "epsilon"),
    "center": QT_TRANSLATE_NOOP("BuilderForm", "center"),
    "scale": QT_TRANSLATE_NOOP("BuilderForm", "scale"),
    "negative_slope": QT_TRANSLATE_NOOP("BuilderForm", "negative slope"),
    "alpha": QT_TRANSLATE_NOOP("BuilderForm", "alpha"),
    "dropout": QT_TRANSLATE_NOOP("BuilderForm", "dropout"),
    "recurrent_dropout": QT_TRANSLATE_NOOP("BuilderForm", "recurrent dropout"),
    "recurrent_activation": QT_TRANSLATE_NOOP("BuilderForm", "recurrent activation"),
    "mask_zero": QT_TRANSLATE_NOOP("BuilderForm", "mask zero"),
    "keepdims": QT_TRANSLATE_NOOP("BuilderForm", "keepdims"),
    "return_state": QT_TRANSLATE_NOOP("BuilderForm", "return state"),
    "max_value": QT_TRANSLATE_NOOP("BuilderForm", "max value"),
    "threshold": QT_TRANSLATE_NOOP("BuilderForm", "threshold"),
    "target_shape": QT_TRANSLATE_NOOP("BuilderForm", "target shape"),
    # Settings Keras writes out for layers taken from a model.
    "zero_output_for_mask": QT_TRANSLATE_NOOP("BuilderForm", "zero output for mask"),
    "quantization_config": QT_TRANSLATE_NOOP("BuilderForm", "quantization config"),
}


def field_label(key: str) -> str:
    """The form's label for setting ``key`` in the interface's language."""
    if key in FIELD_LABELS:
        return translate("BuilderForm", FIELD_LABELS[key])
    return key.replace("_", " ")


translate = QCoreApplication.translate


#: The settings a course talks about first come first in the form (Keras sorts them).
FIRST_KEYS = ("batch_shape", "filters", "units", "kernel_size", "pool_size", "strides",
              "padding", "dilation_rate", "depth_multiplier", "groups", "activation",
              "rate", "return_sequences", "input_dim", "output_dim", "layer", "merge_mode")


def shown_keys(config: dict) -> list[str]:
    """The keys of ``config`` the form shows: ``FIRST_KEYS`` first, then the rest in order."""
    keys = [key for key in config if key not in HIDDEN_KEYS]
    first = [key for key in FIRST_KEYS if key in keys]
    return first + [key for key in keys if key not in first]


def kind_of(key: str, value) -> str:
    """The editor a value gets: "bool", "int", "float", "choice", "sizes", "layer" or "text"."""
    if isinstance(value, bool):
        return "bool"
    if key in CHOICES and (value is None or isinstance(value, str)):
        return "choice"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        return "layer"   # Bidirectional's wrapped cell
    if isinstance(value, (list, tuple)) and all(isinstance(v, int) or v is None for v in value):
        return "sizes"
    return "text"


def format_sizes(value) -> str:
    """``(3, 3)`` as "3, 3"; ``None`` entries as "None"."""
    return ", ".join("None" if v is None else str(v) for v in value)


def parse_sizes(text: str, like) -> list:
    """Read "3, 3" (or "3") back as sizes shaped like ``like``.

    Args:
        text: what the person typed.
        like: the old value; its length says how many sizes are expected
            ("3" for a 2-size setting means 3, 3 as Keras reads it).

    Returns:
        A list of ints (``None`` allowed where written), as Keras configs hold them.

    Raises:
        ValueError: the text is not whole numbers; the message says what to type.
    """
    parts = [p.strip() for p in text.replace("x", ",").replace("×", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError(translate("BuilderForm",
                                   "Type whole numbers separated by commas, e.g. 3, 3."))
    values = []
    for part in parts:
        if part.lower() == "none":
            values.append(None)
            continue
        try:
            values.append(int(part))
        except ValueError:
            raise ValueError(translate("BuilderForm",
                                       "'{0}' is not a whole number: type e.g. 3, 3.")
                             .format(part)) from None
    if len(values) == 1 and like is not None and len(like) > 1:
        values = values * len(like)
    return values


def format_text(value) -> str:
    """Any other setting as text a person can edit (JSON for lists, ``None`` as None)."""
    if value is None:
        return "None"
    return value if isinstance(value, str) else json.dumps(value)


def parse_text(text: str):
    """A free-text setting read back: JSON values ([[1, 1], [1, 1]], 0.5), None, else text."""
    stripped = text.strip()
    if stripped.lower() == "none":
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return stripped
