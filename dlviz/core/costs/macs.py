"""Multiply-accumulate operations (MACs) of one layer, from its config and shapes.

A MAC is one ``a * b + c``: the unit that papers quote as "operations" or
"FLOPs / 2". Biases, activations and normalisation are left out, as is the
custom; layers that only move or compare numbers (pooling, Flatten, Add,
Embedding look-ups) count 0.

Shapes never include the batch axis. An unknown dimension (``None``, e.g. a
variable sequence length) counts as 1, so the number is then per step or per
position; ``keras_costs`` says so in a note.
"""

from __future__ import annotations

from math import prod

# Gates per recurrent cell: each gate is a dense map of [input, state] -> units.
RNN_GATES = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}
CONV_CLASSES = {"Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D"}
TRANSPOSED_CLASSES = {"Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"}
DEPTHWISE_CLASSES = {"DepthwiseConv1D", "DepthwiseConv2D"}
SEPARABLE_CLASSES = {"SeparableConv1D", "SeparableConv2D"}


def _dims(shape) -> tuple[int, ...]:
    """A shape as ints, unknown dimensions counted as 1."""
    return tuple(1 if d is None else int(d) for d in (shape or ()))


def _channels_first(config: dict) -> bool:
    return config.get("data_format") == "channels_first"


def _split(shape, config: dict) -> tuple[tuple[int, ...], int]:
    """(spatial dims, channels) of a conv-style shape."""
    dims = _dims(shape)
    if not dims:
        return (), 1
    if _channels_first(config):
        return dims[1:], dims[0]
    return dims[:-1], dims[-1]


def _kernel(config: dict, rank: int) -> int:
    size = config.get("kernel_size", 1)
    if isinstance(size, int):
        return size**rank
    return prod(int(k) for k in size)


def _conv(class_name: str, config: dict, in_shape, out_shape) -> int:
    in_space, c_in = _split(in_shape, config)
    out_space, c_out = _split(out_shape, config)
    rank = len(out_space)
    k = _kernel(config, rank)
    if class_name in TRANSPOSED_CLASSES:
        # Every input position scatters a whole kernel into the output.
        return prod(in_space) * k * c_in * c_out
    if class_name in DEPTHWISE_CLASSES:
        return prod(out_space) * k * c_out  # c_out = c_in * depth_multiplier
    if class_name in SEPARABLE_CLASSES:
        mid = c_in * int(config.get("depth_multiplier", 1))
        return prod(out_space) * (k * mid + mid * c_out)
    groups = int(config.get("groups", 1) or 1)
    return prod(out_space) * k * (c_in // groups) * c_out


def _rnn(class_name: str, config: dict, in_shape) -> int:
    dims = _dims(in_shape)
    steps, features = (dims[0], dims[-1]) if len(dims) >= 2 else (1, dims[-1] if dims else 1)
    units = int(config["units"])
    return steps * RNN_GATES[class_name] * (features + units) * units


def _conv_lstm(config: dict, in_shape, out_shape) -> int:
    """ConvLSTM: per step, four gate convolutions of the input and of the state."""
    dims = _dims(in_shape)
    steps, frame = dims[0], dims[1:]
    out = _dims(out_shape)
    out_frame = out[1:] if config.get("return_sequences") else out
    in_space, c_in = _split(frame, config)
    out_space, filters = _split(out_frame, config)
    k = _kernel(config, len(out_space))
    return steps * 4 * prod(out_space) * k * (c_in + filters) * filters


def _attention(config: dict, input_shapes) -> int:
    """MultiHeadAttention: three projections, the scores, the weighted sum, the output."""
    query = _dims(input_shapes[0])
    value = _dims(input_shapes[1] if len(input_shapes) > 1 else input_shapes[0])
    key = _dims(input_shapes[2]) if len(input_shapes) > 2 else value
    heads, key_dim = int(config["num_heads"]), int(config["key_dim"])
    value_dim = int(config.get("value_dim") or key_dim)
    out_dim = int(config.get("output_shape") or query[-1]) if not isinstance(
        config.get("output_shape"), (list, tuple)) else prod(config["output_shape"])
    t_q, t_v = prod(query[:-1]), prod(value[:-1])
    projections = heads * (t_q * query[-1] * key_dim + t_v * key[-1] * key_dim
                           + t_v * value[-1] * value_dim)
    mixing = heads * t_q * t_v * (key_dim + value_dim)
    return projections + mixing + t_q * heads * value_dim * out_dim


def _inner(config: dict) -> tuple[str, dict]:
    inner = config["layer"]
    return inner["class_name"], inner.get("config", {})


def layer_macs(class_name: str, config: dict, input_shapes: list, output_shape) -> int:
    """Multiply-accumulates one layer does for one sample.

    Args:
        class_name: the Keras class name, e.g. ``"Conv2D"``.
        config: the layer's ``get_config()`` (or the ``config`` of its JSON).
        input_shapes: the shape of each input, without the batch axis.
        output_shape: the output shape, without the batch axis.

    Returns:
        The number of MACs; 0 for layers that multiply nothing.

    Example:
        >>> layer_macs("Dense", {"units": 10}, [(784,)], (10,))
        7840
    """
    first = input_shapes[0] if input_shapes else ()
    if class_name in CONV_CLASSES | TRANSPOSED_CLASSES | DEPTHWISE_CLASSES | SEPARABLE_CLASSES:
        return _conv(class_name, config, first, output_shape)
    if class_name == "Dense":
        dims = _dims(first)
        return prod(dims[:-1]) * dims[-1] * int(config["units"]) if dims else 0
    if class_name in RNN_GATES:
        return _rnn(class_name, config, first)
    if class_name in {"ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"}:
        return _conv_lstm(config, first, output_shape)
    if class_name == "MultiHeadAttention":
        return _attention(config, input_shapes)
    if class_name == "Bidirectional":
        inner_class, inner_config = _inner(config)
        return 2 * layer_macs(inner_class, inner_config, input_shapes, output_shape)
    if class_name == "TimeDistributed":
        inner_class, inner_config = _inner(config)
        dims, out = _dims(first), _dims(output_shape)
        return dims[0] * layer_macs(inner_class, inner_config, [dims[1:]], out[1:])
    return 0
