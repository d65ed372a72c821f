"""Output shape and parameter counts of one layer, from its config, in pure Python.

Each rule takes (config, input shapes with the batch axis) and returns
(output shape, trainable, non-trainable), or raises ``BadSetting`` whose text
says in words what is wrong and what to change. Formulas follow Keras 3
(channels_last).
"""

from __future__ import annotations

import math

Shape = tuple


class BadSetting(ValueError):
    """A setting that cannot work; the message is shown on the layer's row."""


def _whole(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadSetting(f"the {what} must be whole numbers, got {value!r}")
    return value


def _pair(value, what="size") -> tuple[int, int]:
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            return _whole(value[0], what), _whole(value[1], what)
        else:
            raise BadSetting(f"the {what} needs two numbers (height, width), got {list(value)}")
    size = _whole(value, what)
    return size, size


def _one(shapes, rank: int | None = None, what: str = "") -> Shape:
    if len(shapes) != 1:
        raise BadSetting(f"this layer reads one input, it is given {len(shapes)}")
    shape = shapes[0]
    if rank is not None and len(shape) != rank:
        raise BadSetting(what or f"needs a {rank - 1}-D input, got shape {_text(shape)}")
    return shape


def _text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def _image(shapes, cls: str) -> Shape:
    shape = _one(shapes)
    if len(shape) != 4:
        raise BadSetting(f"{cls} reads images (height, width, channels); its input is "
                         f"{_text(shape[1:])}. Put it before Flatten, or use an image input")
    return shape


def _conv_size(n, k, s, d, padding, axis):
    if n is None:
        return None
    if s < 1 or k < 1:
        raise BadSetting(f"kernel and stride must be at least 1 (got kernel {k}, stride {s})")
    if padding == "same":
        return -(-n // s)
    span = (k - 1) * d + 1
    out = (n - span) // s + 1
    if out < 1:
        raise BadSetting(f"the {axis} ({n}) is smaller than the window ({span}) with "
                         f"'valid' padding: the output would be {max(out, 0)}. Use 'same' "
                         f"padding, a smaller kernel, or remove a pooling layer before it")
    return out


def _spatial(config, shape, kernel, strides, cls):
    if config.get("data_format") not in (None, "channels_last"):
        raise BadSetting("only channels_last (height, width, channels) is supported here")
    padding = str(config.get("padding", "valid")).lower()
    if padding not in ("valid", "same"):
        raise BadSetting(f"padding must be 'valid' or 'same', got {padding!r}")
    kh, kw = _pair(kernel, "kernel size")
    sh, sw = _pair(strides, "stride")
    dh, dw = _pair(config.get("dilation_rate", 1), "dilation")
    return (_conv_size(shape[1], kh, sh, dh, padding, "height"),
            _conv_size(shape[2], kw, sw, dw, padding, "width"), kh, kw)


def _channels(shape, cls) -> int:
    if shape[-1] is None:
        raise BadSetting(f"{cls} needs a known number of channels")
    return int(shape[-1])


def conv2d(config, shapes):
    shape = _image(shapes, "Conv2D")
    c_in = _channels(shape, "Conv2D")
    filters = int(config.get("filters", 0))
    groups = int(config.get("groups", 1))
    if filters < 1:
        raise BadSetting(f"filters must be at least 1, got {filters}")
    if groups < 1 or c_in % groups or filters % groups:
        raise BadSetting(f"groups ({groups}) must divide the input channels ({c_in}) "
                         f"and the filters ({filters})")
    h, w, kh, kw = _spatial(config, shape, config.get("kernel_size", 3),
                            config.get("strides", 1), "Conv2D")
    params = kh * kw * (c_in // groups) * filters + (filters if config.get("use_bias", True) else 0)
    return (None, h, w, filters), params, 0


def depthwise_conv2d(config, shapes):
    shape = _image(shapes, "DepthwiseConv2D")
    c_in = _channels(shape, "DepthwiseConv2D")
    mult = int(config.get("depth_multiplier", 1))
    if mult < 1:
        raise BadSetting(f"depth_multiplier must be at least 1, got {mult}")
    h, w, kh, kw = _spatial(config, shape, config.get("kernel_size", 3),
                            config.get("strides", 1), "DepthwiseConv2D")
    out = c_in * mult
    return (None, h, w, out), kh * kw * out + (out if config.get("use_bias", True) else 0), 0


def separable_conv2d(config, shapes):
    shape = _image(shapes, "SeparableConv2D")
    c_in = _channels(shape, "SeparableConv2D")
    mult = int(config.get("depth_multiplier", 1))
    filters = int(config.get("filters", 0))
    if mult < 1 or filters < 1:
        raise BadSetting("filters and depth_multiplier must be at least 1")
    h, w, kh, kw = _spatial(config, shape, config.get("kernel_size", 3),
                            config.get("strides", 1), "SeparableConv2D")
    params = kh * kw * c_in * mult + c_in * mult * filters
    return (None, h, w, filters), params + (filters if config.get("use_bias", True) else 0), 0


def pooling2d(config, shapes):
    shape = _image(shapes, "Pooling")
    pool = config.get("pool_size", 2)
    strides = config.get("strides") or pool
    h, w, _, _ = _spatial({**config, "dilation_rate": 1}, shape, pool, strides, "Pooling")
    return (None, h, w, shape[3]), 0, 0


def global_pooling2d(config, shapes):
    shape = _image(shapes, "GlobalPooling2D")
    if config.get("keepdims"):
        return (None, 1, 1, shape[3]), 0, 0
    return (None, shape[3]), 0, 0


def zero_padding2d(config, shapes):
    shape = _image(shapes, "ZeroPadding2D")
    pad = config.get("padding", 1)
    if isinstance(pad, int):
        (t, b), (l, r) = (pad, pad), (pad, pad)
    else:
        pad = list(pad)
        (t, b), (l, r) = [(p, p) if isinstance(p, int) else tuple(p) for p in pad]
    h = None if shape[1] is None else shape[1] + t + b
    w = None if shape[2] is None else shape[2] + l + r
    return (None, h, w, shape[3]), 0, 0


def batch_norm(config, shapes):
    shape = _one(shapes)
    axis = config.get("axis", -1)
    axes = axis if isinstance(axis, (list, tuple)) else [axis]
    size = 1
    for a in axes:
        d = shape[a]
        if d is None:
            raise BadSetting("BatchNormalization needs a known size on its axis")
        size *= int(d)
    learned = (config.get("center", True) + config.get("scale", True)) * size
    return tuple(shape), learned, 2 * size


def same_shape(config, shapes):
    return tuple(_one(shapes)), 0, 0


def prelu(config, shapes):
    shape = list(_one(shapes))
    for a in config.get("shared_axes") or []:
        shape[a] = 1
    if any(d is None for d in shape[1:]):
        raise BadSetting("PReLU needs known sizes (or shared_axes over the unknown ones)")
    return tuple(_one(shapes)), math.prod(shape[1:]), 0


def flatten(config, shapes):
    shape = _one(shapes)
    rest = shape[1:]
    return (None, None if None in rest else math.prod(rest)), 0, 0


def dense(config, shapes):
    shape = _one(shapes)
    if len(shape) == 4:
        raise BadSetting(f"Dense reads a vector, but its input is an image {_text(shape[1:])}: "
                         f"add Flatten or GlobalAveragePooling2D before it")
    if len(shape) < 2 or shape[-1] is None:
        raise BadSetting("Dense needs a known number of input features")
    units = int(config.get("units", 0))
    if units < 1:
        raise BadSetting(f"units must be at least 1, got {units}")
    params = shape[-1] * units + (units if config.get("use_bias", True) else 0)
    return (*shape[:-1], units), params, 0


def embedding(config, shapes):
    shape = _one(shapes)
    if len(shape) != 2:
        raise BadSetting(f"Embedding reads token numbers (one number per step), but its "
                         f"input is {_text(shape[1:])}: give the model a (length,) integer input")
    dim, out = int(config.get("input_dim", 0)), int(config.get("output_dim", 0))
    if dim < 1 or out < 1:
        raise BadSetting("input_dim (vocabulary size) and output_dim must be at least 1")
    return (*shape, out), dim * out, 0


_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def recurrent(class_name: str, config, shapes):
    shape = _one(shapes)
    if len(shape) != 3:
        kind = "images" if len(shape) == 4 else f"shape {_text(shape[1:])}"
        raise BadSetting(f"{class_name} reads sequences (steps, features), but its input is "
                         f"{kind}: add Reshape/Embedding before it, or use Conv2D")
    if shape[-1] is None:
        raise BadSetting(f"{class_name} needs a known number of features per step")
    if config.get("return_state"):
        raise BadSetting("return_state gives several outputs; the builder keeps one output per layer")
    units = int(config.get("units", 0))
    if units < 1:
        raise BadSetting(f"units must be at least 1, got {units}")
    gates = _GATES[class_name]
    bias = units * gates if config.get("use_bias", True) else 0
    if class_name == "GRU" and config.get("reset_after", True) and bias:
        bias *= 2
    params = gates * (shape[-1] * units + units * units) + bias
    out = (None, shape[1], units) if config.get("return_sequences") else (None, units)
    return out, params, 0


def bidirectional(config, shapes):
    inner = config.get("layer") or {}
    name = inner.get("class_name")
    if name not in _GATES:
        raise BadSetting("Bidirectional wraps a SimpleRNN, LSTM or GRU")
    out, params, _ = recurrent(name, inner.get("config", {}), shapes)
    mode = config.get("merge_mode", "concat")
    if mode is None:
        raise BadSetting("merge_mode None gives two outputs; choose concat, sum, mul or ave")
    if mode == "concat":
        out = (*out[:-1], out[-1] * 2)
    return out, 2 * params, 0


def add(config, shapes):
    if len(shapes) < 2:
        raise BadSetting("Add needs two or more inputs: pick them in its settings")
    first = shapes[0]
    for other in shapes[1:]:
        if len(other) != len(first) or any(a is not None and b is not None and a != b
                                           for a, b in zip(first, other)):
            raise BadSetting(f"Add needs inputs of the same shape, got "
                             f"{' and '.join(_text(s[1:]) for s in shapes)}; change one "
                             f"branch (a 1x1 Conv2D to match channels, strides to match size)")
    return tuple(first), 0, 0


def concatenate(config, shapes):
    if len(shapes) < 2:
        raise BadSetting("Concatenate needs two or more inputs: pick them in its settings")
    rank = len(shapes[0])
    axis = int(config.get("axis", -1)) % rank
    if any(len(s) != rank for s in shapes):
        raise BadSetting("Concatenate needs inputs with the same number of axes")
    for i in range(1, rank):
        sizes = {s[i] for s in shapes if i != axis and s[i] is not None}
        if len(sizes) > 1:
            raise BadSetting(f"Concatenate joins along axis {axis}; the inputs differ on "
                             f"another axis: {' and '.join(_text(s[1:]) for s in shapes)}")
    total = None if any(s[axis] is None for s in shapes) else sum(s[axis] for s in shapes)
    return tuple(total if i == axis else shapes[0][i] for i in range(rank)), 0, 0


def reshape(config, shapes):
    shape = _one(shapes)
    target = list(config.get("target_shape", ()))
    known = math.prod(d for d in shape[1:] if d is not None)
    if -1 in target and None not in shape[1:]:
        rest = math.prod(d for d in target if d != -1)
        target[target.index(-1)] = known // rest if rest and known % rest == 0 else 0
    if None not in shape[1:] and math.prod(target) != known:
        raise BadSetting(f"Reshape to {tuple(target)} needs {math.prod(target)} values; "
                         f"its input {_text(shape[1:])} has {known}")
    return (None, *target), 0, 0


def input_layer(config, shapes):
    shape = config.get("batch_shape") or config.get("batch_input_shape")
    if shape is None and config.get("shape") is not None:
        shape = [None, *config["shape"]]
    if not shape:
        raise BadSetting("give the input a shape, e.g. (32, 32, 3) for colour images")
    if any(d is not None and int(d) < 1 for d in shape[1:]):
        raise BadSetting(f"every size of the input must be at least 1, got {_text(shape[1:])}")
    return tuple(shape), 0, 0


RULES = {
    "InputLayer": input_layer,
    "Conv2D": conv2d, "GroupedConv2D": conv2d,
    "DepthwiseConv2D": depthwise_conv2d, "SeparableConv2D": separable_conv2d,
    "MaxPooling2D": pooling2d, "AveragePooling2D": pooling2d,
    "GlobalAveragePooling2D": global_pooling2d, "GlobalMaxPooling2D": global_pooling2d,
    "ZeroPadding2D": zero_padding2d,
    "BatchNormalization": batch_norm,
    "Dropout": same_shape, "SpatialDropout2D": same_shape, "Activation": same_shape,
    "ReLU": same_shape, "LeakyReLU": same_shape, "ELU": same_shape, "Softmax": same_shape,
    "LocalResponseNormalization": same_shape,
    "PReLU": prelu, "Flatten": flatten, "Dense": dense, "Embedding": embedding,
    "SimpleRNN": lambda c, s: recurrent("SimpleRNN", c, s),
    "LSTM": lambda c, s: recurrent("LSTM", c, s),
    "GRU": lambda c, s: recurrent("GRU", c, s),
    "Bidirectional": bidirectional, "Add": add, "Concatenate": concatenate,
    "Reshape": reshape,
}
