"""A convolution's kernels arranged for drawing.

Three pictures, as a course shows them:

- "rgb": a layer that reads 3 channels (the first layer of an RGB model)
  shows each filter as a colour patch, scaled on its own so that a zero
  weight is mid-grey; these are the edge and colour detectors.
- "grid": deeper layers show every (filter, input channel) kernel, one row
  per filter, one column per input channel, on the layer's common scale.
- "depthwise": depthwise (and separable) convolutions have one small kernel
  per channel; they are shown side by side.

Keras computes cross-correlation, so a kernel is drawn as stored: the
weight at row 0, column 0 multiplies the top-left pixel of each window.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.graph import require_graph, walk_layers
from dlviz.core.probes.mosaic import grid_shape
from dlviz.core.probes.results import FilterBank, ProbeUnavailable

#: Most filters and input channels a "grid" shows (64 x 64 kernels).
MAX_GRID = 64


def _has_kernels(layer) -> bool:
    from dlviz.core.kerasenv import import_keras

    layers = import_keras().layers
    return isinstance(layer, (layers.Conv2D, layers.DepthwiseConv2D, layers.SeparableConv2D))


def _is_depthwise(layer) -> bool:
    from dlviz.core.kerasenv import import_keras

    return isinstance(layer, import_keras().layers.DepthwiseConv2D)


def filter_layers(model) -> list[str]:
    """Paths of the layers whose kernels can be drawn, in model order.

    Example:
        >>> filter_layers(lenet)  # doctest: +SKIP
        ['c1_conv', 'c3_conv', 'c5_conv']
    """
    require_graph(model)
    return [path for path, layer, _depth in walk_layers(model) if _has_kernels(layer)]


def filter_bank(model, path: str, *, channel_order: str = "RGB") -> FilterBank:
    """A layer's kernels as one image (see the module's three kinds).

    Args:
        model: a Functional or built Sequential Keras model.
        path: the layer's path, as ``filter_layers`` gives it.
        channel_order: the order of the colour channels the model reads:
            "RGB", or "BGR" for Caffe-preprocessed ImageNet models, whose
            first-layer kernels are then drawn in true colour.

    Returns:
        A ``FilterBank``; ``image`` is float32 in [0, 1] (0.5 = a zero
        weight) with NaN gaps, ``kernels`` the raw weights.

    Raises:
        ProbeUnavailable: no such layer, or a layer without kernels.

    Example:
        >>> filter_bank(vgg, "block1_conv1").kind  # doctest: +SKIP
        'rgb'
    """
    require_graph(model)
    layer = next((found for candidate, found, _depth in walk_layers(model)
                  if candidate == path), None)
    if layer is None or not _has_kernels(layer) or not layer.weights:
        choices = ", ".join(filter_layers(model)[:6]) or "none in this model"
        what = "not a layer" if layer is None else f"a {type(layer).__name__} layer, not one"
        raise ProbeUnavailable(f"'{path}' is {what} with convolution kernels to draw; "
                               f"layers with kernels: {choices}")
    depthwise = getattr(layer, "depthwise_kernel", None)
    if depthwise is None and _is_depthwise(layer):
        depthwise = layer.kernel
    if depthwise is not None:
        kernels = np.asarray(depthwise.numpy(), np.float32)
        image, rows, cols, note = _depthwise(kernels, layer)
        kind = "depthwise"
    else:
        kernels = np.asarray(layer.kernel.numpy(), np.float32)
        if kernels.shape[2] == 3:
            image, rows, cols, note = _rgb(kernels, channel_order)
            kind = "rgb"
        else:
            image, rows, cols, note = _grid(kernels, getattr(layer, "groups", 1))
            kind = "grid"
    return FilterBank(path=path, name=layer.name, type=type(layer).__name__, kind=kind,
                      kernels=kernels, image=image, rows=rows, cols=cols, note=note)


def symmetric(values: np.ndarray, extent: float | np.ndarray) -> np.ndarray:
    """Map [-extent, extent] to [0, 1] so 0 is mid-grey (extent 0 -> all 0.5)."""
    extent = np.asarray(extent, np.float32)
    scale = np.divide(0.5, extent, out=np.zeros_like(extent), where=extent > 0)
    return (values * scale + np.float32(0.5)).astype(np.float32)


def tile_grid(grid: np.ndarray, gap: int = 1) -> np.ndarray:
    """(rows, cols, h, w[, 3]) patches -> one image with NaN gaps between them."""
    rows, cols, h, w = grid.shape[:4]
    padded = np.full((rows, h + gap, cols, w + gap, *grid.shape[4:]), np.nan, np.float32)
    padded[:, :h, :, :w] = np.moveaxis(grid, 2, 1)
    image = padded.reshape(rows * (h + gap), cols * (w + gap), *grid.shape[4:])
    return np.ascontiguousarray(image[:image.shape[0] - gap, :image.shape[1] - gap])


def _near_square(patches: np.ndarray) -> tuple[np.ndarray, int, int]:
    """(n, h, w[, 3]) patches -> (rows, cols, h, w[, 3]), missing ones NaN."""
    n = patches.shape[0]
    rows, cols = grid_shape(n, patches.shape[1:3])
    full = np.full((rows * cols, *patches.shape[1:]), np.nan, np.float32)
    full[:n] = patches
    return full.reshape(rows, cols, *patches.shape[1:]), rows, cols


def _rgb(kernels: np.ndarray, channel_order: str):
    kh, kw, _in, out = kernels.shape
    patches = np.moveaxis(kernels, 3, 0)                       # (out, kh, kw, 3)
    if channel_order.upper() == "BGR":
        patches = patches[..., ::-1]
    extent = np.abs(patches).max(axis=(1, 2, 3), keepdims=True)
    grid, rows, cols = _near_square(symmetric(patches, extent))
    note = (f"{out} filters of {kh}x{kw}x3, shown as colour patches "
            "(each scaled on its own; grey = 0)")
    return tile_grid(grid), rows, cols, note


def _grid(kernels: np.ndarray, groups: int):
    kh, kw, n_in, n_out = kernels.shape
    shown = kernels[:, :, :MAX_GRID, :MAX_GRID]
    grid = np.transpose(shown, (3, 2, 0, 1))                   # (out, in, kh, kw)
    image = tile_grid(symmetric(grid, np.abs(kernels).max()), gap=0 if kh * kw == 1 else 1)
    note = (f"{n_out} filters of {kh}x{kw}x{n_in}: one row per filter, one column per "
            "input channel; grey = 0, on the layer's common scale")
    if n_out > MAX_GRID or n_in > MAX_GRID:
        note += (f"; showing the first {min(n_out, MAX_GRID)} of {n_out} filters x "
                 f"{min(n_in, MAX_GRID)} of {n_in} input channels")
    if groups and groups > 1:
        note += f"; {groups} groups: each filter reads {n_in} of {n_in * groups} channels"
    return image, grid.shape[0], grid.shape[1], note


def _depthwise(kernels: np.ndarray, layer):
    kh, kw, n_in, multiplier = kernels.shape
    # Output channel c * multiplier + m comes from input channel c.
    patches = kernels.transpose(2, 3, 0, 1).reshape(n_in * multiplier, kh, kw)
    grid, rows, cols = _near_square(symmetric(patches, np.abs(kernels).max()))
    note = (f"{n_in * multiplier} depthwise {kh}x{kw} kernels, one per channel"
            + (f" ({multiplier} per input channel)" if multiplier > 1 else "")
            + "; grey = 0, on the layer's common scale")
    pointwise = getattr(layer, "pointwise_kernel", None)
    if pointwise is not None:
        note += (f"; its 1x1 pointwise kernel ({pointwise.shape[2]} -> "
                 f"{pointwise.shape[3]} channels) mixes them and is not drawn")
    return tile_grid(grid), rows, cols, note
