"""Output shape and parameter counts of one layer, from its config, in pure Python.

Each rule takes (config, input shapes with the batch axis) and returns
(output shape, trainable, non-trainable), or raises ``BadSetting`` whose text
says in words what is wrong and what to change. Formulas follow Keras 3
(channels_last).
"""

from __future__ import annotations

import math

from dlviz.core.builder import messages as M

Shape = tuple


class BadSetting(ValueError):
    """A setting that cannot work; the message is shown on the layer's row.

    ``template`` is one of ``messages``' English templates and ``values``
    fill it in, so the window can translate the template first.
    """

    def __init__(self, template: str, **values):
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


def _whole(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadSetting(M.WHOLE_NUMBERS, what=what, value=repr(value))
    return value


def _pair(value, what="size") -> tuple[int, int]:
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            return _whole(value[0], what), _whole(value[1], what)
        else:
            raise BadSetting(M.TWO_NUMBERS, what=what, value=str(list(value)))
    size = _whole(value, what)
    return size, size


def _one(shapes) -> Shape:
    if len(shapes) != 1:
        raise BadSetting(M.ONE_INPUT, count=len(shapes))
    return shapes[0]


def _text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def _image(shapes, cls: str) -> Shape:
    shape = _one(shapes)
    if len(shape) != 4:
        raise BadSetting(M.NEEDS_IMAGES, layer=cls, shape=_text(shape[1:]))
    return shape


def _conv_size(n, k, s, d, padding, axis):
    if n is None:
        return None
    if s < 1 or k < 1:
        raise BadSetting(M.KERNEL_STRIDE, kernel=k, stride=s)
    if padding == "same":
        return -(-n // s)
    span = (k - 1) * d + 1
    out = (n - span) // s + 1
    if out < 1:
        raise BadSetting(M.TOO_SMALL, axis=axis, size=n, window=span, out=max(out, 0))
    return out


def _spatial(config, shape, kernel, strides, cls):
    if config.get("data_format") not in (None, "channels_last"):
        raise BadSetting(M.CHANNELS_LAST)
    padding = str(config.get("padding", "valid")).lower()
    if padding not in ("valid", "same"):
        raise BadSetting(M.PADDING, value=repr(padding))
    kh, kw = _pair(kernel, "kernel size")
    sh, sw = _pair(strides, "stride")
    dh, dw = _pair(config.get("dilation_rate", 1), "dilation")
    return (_conv_size(shape[1], kh, sh, dh, padding, "height"),
            _conv_size(shape[2], kw, sw, dw, padding, "width"), kh, kw)


def _channels(shape, cls) -> int:
    if shape[-1] is None:
        raise BadSetting(M.KNOWN_CHANNELS, layer=cls)
    return int(shape[-1])


def conv2d(config, shapes):
    shape = _image(shapes, "Conv2D")
    c_in = _channels(shape, "Conv2D")
    filters = int(config.get("filters", 0))
    groups = int(config.get("groups", 1))
    if filters < 1:
        raise BadSetting(M.AT_LEAST_ONE, setting="filters", value=filters)
    if groups < 1 or c_in % groups or filters % groups:
        raise BadSetting(M.GROUPS, groups=groups, channels=c_in, filters=filters)
    h, w, kh, kw = _spatial(config, shape, config.get("kernel_size", 3),
                            config.get("strides", 1), "Conv2D")
    params = kh * kw * (c_in // groups) * filters + (filters if config.get("use_bias", True) else 0)
    return (None, h, w, filters), params, 0


def depthwise_conv2d(config, shapes):
    shape = _image(shapes, "DepthwiseConv2D")
    c_in = _channels(shape, "DepthwiseConv2D")
    mult = int(config.get("depth_multiplier", 1))
    if mult < 1:
        raise BadSetting(M.AT_LEAST_ONE, setting="depth_multiplier", value=mult)
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
        raise BadSetting(M.FILTERS_AND_MULTIPLIER)
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
            raise BadSetting(M.BN_AXIS)
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
        raise BadSetting(M.PRELU_SIZES)
    return tuple(_one(shapes)), math.prod(shape[1:]), 0


def flatten(config, shapes):
    shape = _one(shapes)
    rest = shape[1:]
    return (None, None if None in rest else math.prod(rest)), 0, 0


def dense(config, shapes):
    shape = _one(shapes)
    if len(shape) == 4:
        raise BadSetting(M.DENSE_ON_IMAGE, shape=_text(shape[1:]))
    if len(shape) < 2 or shape[-1] is None:
        raise BadSetting(M.DENSE_FEATURES)
    units = int(config.get("units", 0))
    if units < 1:
        raise BadSetting(M.AT_LEAST_ONE, setting="units", value=units)
    params = shape[-1] * units + (units if config.get("use_bias", True) else 0)
    return (*shape[:-1], units), params, 0


def embedding(config, shapes):
    shape = _one(shapes)
    if len(shape) != 2:
        raise BadSetting(M.EMBEDDING_INPUT, shape=_text(shape[1:]))
    dim, out = int(config.get("input_dim", 0)), int(config.get("output_dim", 0))
    if dim < 1 or out < 1:
        raise BadSetting(M.EMBEDDING_SIZES)
    return (*shape, out), dim * out, 0


_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def recurrent(class_name: str, config, shapes):
    shape = _one(shapes)
    if len(shape) != 3:
        raise BadSetting(M.RNN_ON_IMAGES if len(shape) == 4 else M.RNN_INPUT,
                         layer=class_name, shape=_text(shape[1:]))
    if shape[-1] is None:
        raise BadSetting(M.RNN_FEATURES, layer=class_name)
    # return_state adds the final states as further outputs; the builder links a
    # layer's first output (the rows that read a state say so), so the row is that one.
    units = int(config.get("units", 0))
    if units < 1:
        raise BadSetting(M.AT_LEAST_ONE, setting="units", value=units)
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
        raise BadSetting(M.BIDIRECTIONAL_INNER)
    out, params, _ = recurrent(name, inner.get("config", {}), shapes)
    mode = config.get("merge_mode", "concat")
    if mode is None:
        raise BadSetting(M.MERGE_MODE_NONE)
    if mode == "concat":
        out = (*out[:-1], out[-1] * 2)
    return out, 2 * params, 0


def add(config, shapes):
    if len(shapes) < 2:
        raise BadSetting(M.MERGE_TOO_FEW, layer="Add")
    first = shapes[0]
    for other in shapes[1:]:
        if len(other) != len(first) or any(a is not None and b is not None and a != b
                                           for a, b in zip(first, other)):
            raise BadSetting(M.ADD_SHAPES, shapes=", ".join(_text(s[1:]) for s in shapes))
    return tuple(first), 0, 0


def concatenate(config, shapes):
    if len(shapes) < 2:
        raise BadSetting(M.MERGE_TOO_FEW, layer="Concatenate")
    rank = len(shapes[0])
    axis = int(config.get("axis", -1)) % rank
    if any(len(s) != rank for s in shapes):
        raise BadSetting(M.CONCAT_RANK)
    for i in range(1, rank):
        sizes = {s[i] for s in shapes if i != axis and s[i] is not None}
        if len(sizes) > 1:
            raise BadSetting(M.CONCAT_SHAPES, axis=axis,
                             shapes=", ".join(_text(s[1:]) for s in shapes))
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
        raise BadSetting(M.RESHAPE, target=str(tuple(target)), needed=math.prod(target),
                         shape=_text(shape[1:]), have=known)
    return (None, *target), 0, 0


def input_layer(config, shapes):
    shape = config.get("batch_shape") or config.get("batch_input_shape")
    if shape is None and config.get("shape") is not None:
        shape = [None, *config["shape"]]
    if not shape:
        raise BadSetting(M.INPUT_SHAPE_MISSING)
    if any(d is not None and int(d) < 1 for d in shape[1:]):
        raise BadSetting(M.INPUT_SHAPE_SMALL, shape=_text(shape[1:]))
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
