"""What a choice costs, measured on real Keras layers rather than quoted.

Three comparisons a course makes:

1. One 5x5 convolution or two stacked 3x3 (VGG's argument): the same 5x5
   receptive field for 2 x 9 / 25 = 72 % of the weights per channel pair.
2. A standard convolution or a depthwise separable one (MobileNet's): the
   operations drop to about ``1/N + 1/Dk²`` (N output channels, Dk the kernel).
3. Whole networks side by side: parameters, operations and depth.

Each builds the layers or models it compares with Keras and counts what they
hold, so the numbers are those of the real layers. They run on the engine
thread. The selected layer's channels, kernel and size come from the current
model; without a model, or without a convolution in it, an example with 64
channels at 56x56 stands in (the note says so).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from dlviz.core.costs.keras_costs import model_costs
from dlviz.core.engine import raise_if_cancelled

CONV_KINDS = {"Conv2D", "SeparableConv2D", "DepthwiseConv2D"}
#: The networks of the whole-network table (library names).
NETWORKS = ("vgg16", "googlenet", "resnet50", "mobilenet")


@dataclass(frozen=True)
class ConvSettings:
    """The convolution the comparisons are made for."""

    layer_name: str
    channels_in: int
    channels_out: int
    kernel: tuple[int, int]
    size: tuple[int, int]  # output height and width
    is_example: bool = False


EXAMPLE = ConvSettings("example", 64, 64, (3, 3), (56, 56), is_example=True)


@dataclass(frozen=True)
class StackCost:
    """One side of a comparison: some real layers, and what they hold and do."""

    label: str
    weights: int             # kernel entries, biases left out
    params: int              # Keras's count_params (biases in)
    weights_per_pair: int    # kernel entries per (input, output) channel pair
    macs: int
    receptive_field: int | None


@dataclass(frozen=True)
class ConvChoices:
    """Both comparisons for one convolution."""

    settings: ConvSettings
    five: StackCost          # one 5x5
    two_threes: StackCost    # two stacked 3x3
    standard: StackCost      # the layer as a standard convolution
    separable: StackCost     # the same as depthwise + pointwise
    conv_layers: tuple[str, ...] = ()  # the model's convolutions, to pick from

    @property
    def pair_ratio(self) -> float:
        """Two 3x3 over one 5x5, per channel pair: 18 / 25."""
        return self.two_threes.weights_per_pair / self.five.weights_per_pair

    @property
    def weight_ratio(self) -> float:
        return self.two_threes.weights / self.five.weights

    @property
    def separable_ratio(self) -> float:
        return self.separable.macs / self.standard.macs

    @property
    def separable_formula(self) -> float:
        """MobileNet's estimate: 1/N + 1/Dk²."""
        kh, kw = self.settings.kernel
        return 1 / self.settings.channels_out + 1 / (kh * kw)


@dataclass(frozen=True)
class NetworkCost:
    """One row of the whole-network table."""

    name: str
    title: str
    params: int
    macs: int
    depth: int
    input_shape: tuple[int, ...]


def _keras():
    from dlviz.core.kerasenv import import_keras

    return import_keras()


def _input_channels(layer) -> int:
    return int(layer._inbound_nodes[0].input_tensors[0].shape[-1])


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def conv_layers(model) -> list:
    """The model's 2-D convolutions, nested models included, in order."""
    found = []
    for layer in getattr(model, "layers", ()):
        if getattr(layer, "layers", None):
            found.extend(conv_layers(layer))
        elif any(c.__name__ in CONV_KINDS for c in type(layer).__mro__):
            found.append(layer)
    return found


def conv_settings(model, layer_name: str | None = None) -> ConvSettings:
    """The chosen convolution's channels, kernel and size.

    Args:
        model: the current ``keras.Model``, or ``None``.
        layer_name: a convolution of the model; ``None`` picks the one that
            does the most multiply-accumulates among those wider than 1x1.

    Returns:
        Its settings, or ``EXAMPLE`` when the model has no convolution.
    """
    layers = conv_layers(model) if model is not None else []
    if not layers:
        return EXAMPLE
    if layer_name is not None:
        chosen = [layer for layer in layers if layer.name == layer_name]
        if not chosen:
            raise ValueError(f"{layer_name!r} is not a 2-D convolution of this model; "
                             "pick one from the list.")
        layer = chosen[0]
    else:
        wide = [layer for layer in layers if _pair(layer.kernel_size) != (1, 1)] or layers
        layer = max(wide, key=lambda item: _size(item)[0] * _size(item)[1]
                    * _input_channels(item) * _output_channels(item))
    return ConvSettings(layer.name, _input_channels(layer), _output_channels(layer),
                        _pair(layer.kernel_size), _size(layer))


def _output_channels(layer) -> int:
    return int(layer._inbound_nodes[0].output_tensors[0].shape[-1])


def _size(layer) -> tuple[int, int]:
    shape = layer._inbound_nodes[0].output_tensors[0].shape
    return (int(shape[1] or 1), int(shape[2] or 1))


def _measure(label: str, settings: ConvSettings, make_layers) -> StackCost:
    """Build ``make_layers()`` on the setting's input and count what they hold."""
    keras = _keras()
    x = keras.Input((*settings.size, settings.channels_in))
    y = x
    for layer in make_layers():
        y = layer(y)
    model = keras.Model(x, y)
    costs = model_costs(model)
    kernels = [w for w in model.weights if "kernel" in w.path]
    weights = sum(int(_product(w.shape)) for w in kernels)
    per_pair = sum(int(w.shape[0]) * int(w.shape[1]) for w in kernels if len(w.shape) == 4)
    fields = [row.receptive_field for row in costs.rows if row.receptive_field]
    return StackCost(label, weights, model.count_params(), per_pair, costs.total_macs,
                     fields[-1] if fields else None)


def _product(shape) -> int:
    n = 1
    for d in shape:
        n *= int(d)
    return n


def conv_choices(model, layer_name: str | None = None) -> ConvChoices:
    """Both comparisons, on real layers built for the chosen convolution.

    Args:
        model: the current ``keras.Model`` (or ``None`` for the example).
        layer_name: the convolution to compare; ``None`` picks one.

    Returns:
        A ``ConvChoices``; ``pair_ratio`` is 0.72 and ``separable_ratio``
        is close to ``separable_formula``.

    Example:
        >>> conv_choices(None).pair_ratio  # doctest: +SKIP
        0.72
    """
    layers = _keras().layers
    s = conv_settings(model, layer_name)
    c_out, kernel = s.channels_out, s.kernel
    five = _measure("one 5x5", s, lambda: [layers.Conv2D(c_out, 5, padding="same")])
    threes = _measure("two 3x3", s, lambda: [layers.Conv2D(c_out, 3, padding="same"),
                                             layers.Conv2D(c_out, 3, padding="same")])
    standard = _measure("standard", s, lambda: [layers.Conv2D(c_out, kernel, padding="same")])
    separable = _measure("depthwise separable", s,
                         lambda: [layers.SeparableConv2D(c_out, kernel, padding="same")])
    names = tuple(layer.name for layer in conv_layers(model)) if model is not None else ()
    return ConvChoices(s, five, threes, standard, separable, names)


_NETWORK_CACHE: dict[str, NetworkCost] = {}


def compare_networks(names=NETWORKS, progress=None) -> tuple[NetworkCost, ...]:
    """Build each library network (random weights) and count it; cached.

    Args:
        names: library names (``dlviz zoo``).
        progress: ``progress(done, total)`` after each network, or ``None``.

    Returns:
        One ``NetworkCost`` per name; ``params`` is Keras's ``count_params``.
    """
    from dlviz.core.zoo.registry import get_entry

    out = []
    for done, name in enumerate(names, start=1):
        if name not in _NETWORK_CACHE:
            raise_if_cancelled()
            entry = get_entry(name)
            zoo = entry.create()
            zoo.build()
            costs = model_costs(zoo.model)
            _NETWORK_CACHE[name] = NetworkCost(
                name, entry.title, zoo.model.count_params(), costs.total_macs,
                costs.depth, tuple(int(d) for d in zoo.model.inputs[0].shape[1:]))
            del zoo
            gc.collect()  # VGG-16 alone holds 550 MB of weights
        out.append(_NETWORK_CACHE[name])
        if progress is not None:
            progress(done, len(names))
    return tuple(out)
