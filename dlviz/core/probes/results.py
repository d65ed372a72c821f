"""What probes return: frozen dataclasses of NumPy arrays and plain values.

These are the only things that cross from the engine thread to the GUI
thread, so they hold no Keras objects. Arrays are float32, row-major
(height first), ready for ``pyqtgraph.ImageItem.setImage``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlviz.core.probes.result_io import Stored


class Result(Stored):
    """What every probe result can do: store itself, and show itself as a picture.

    Example:
        >>> result.save("maps.npz")                       # doctest: +SKIP
        >>> again = FeatureMaps.load("maps.npz")          # doctest: +SKIP
        >>> display(again)  # Jupyter calls _repr_png_     # doctest: +SKIP
    """

    def save(self, path):
        """Write this result to ``path`` (``.npz``: arrays plus a JSON header)."""
        from dlviz.core.probes.result_io import save

        return save(self, path)

    @classmethod
    def load(cls, path):
        """Read back a result that ``save`` wrote (of this class)."""
        from dlviz.core.probes.result_io import load

        return load(path, cls)

    def picture(self) -> np.ndarray:
        """This result drawn as a uint8 RGB image (Pillow and NumPy only, no Qt)."""
        from dlviz.core.probes.pictures import picture

        return picture(self)

    def _repr_png_(self) -> bytes:
        from dlviz.core.probes.pictures import png_bytes

        return png_bytes(self.picture())


class ProbeUnavailable(Exception):
    """This model cannot be probed this way; ``str(e)`` says why, for people.

    E.g. a subclassed model with no graph, an unbuilt Sequential model, a
    model whose input is not an image, a layer without kernels.
    """

    user_message = True


@dataclass(frozen=True)
class PreparedInput(Stored):
    """An image fitted to a model's input."""

    batch: np.ndarray      # (1, h, w, c) float32, after the model's preprocessing
    shown: np.ndarray      # (h, w, c) float32 in [0, 1]: what the model sees, for display
    note: str              # e.g. "resized 640x480 -> 224x224 (aspect not kept)"
    preprocessing: str     # "unit" ([0, 1]), "caffe", "tf" ([-1, 1]), "torch"


@dataclass(frozen=True)
class ActivationStats(Stored):
    min: float
    max: float
    mean: float
    zero_fraction: float   # share of values exactly 0 (dead ReLUs show here)
    dead_channels: int     # channels that are 0 everywhere for this input


class _StatsOfValues:
    """``LayerMaps.stats``: as given, or read from the layer's own ``values``
    the first time someone asks (a drop makes only the statistics of the
    layer on screen; another layer's come from its maps when it is picked,
    stored or exported, so they are never missing and never stale)."""

    def __set_name__(self, owner, name):
        self._slot = f"_{name}"

    def __get__(self, item, owner=None):
        if item is None:
            return None   # the field's default: read from the values
        stats = item.__dict__.get(self._slot)
        if stats is None:
            from dlviz.core.probes.layer_summary import layer_stats

            stats = item.__dict__[self._slot] = layer_stats(item.values, *item.channel_range())
        return stats

    def __set__(self, item, stats):
        item.__dict__[self._slot] = stats


@dataclass(frozen=True, eq=False)
class LayerMaps(Result):
    """One layer's spatial output (H, W, C) for one image.

    ``stats`` may be left out (None): they are then computed from ``values``
    when first read (``layer_stats``), the same numbers the forward pass
    would have made.
    """

    path: str              # unique: "block1_conv1", or "resnet50/conv2_block1_out" when nested
    name: str
    type: str
    depth: int             # nesting depth (0 = top-level model)
    values: np.ndarray     # float32 (H, W, C)
    stats: ActivationStats = _StatsOfValues()
    block: str | None = None  # structural group: "inception_3a", "conv2_block1", ...
    role: str | None = None   # "1x1 branch", "3x3 branch", "5x5 branch", "pool branch",
    #                           "shortcut", "residual", "merge", or None

    def channel_range(self) -> tuple[np.ndarray, np.ndarray]:
        """Each channel's minimum and maximum (C,), read from ``values`` once and kept:
        a picked layer's statistics and its mosaics (``make_mosaic``) share them."""
        found = self.__dict__.get("_channel_range")
        if found is None:
            from dlviz.core.probes.mosaic import channel_range

            found = self.__dict__["_channel_range"] = channel_range(self.values)
        return found

    def __store__(self) -> dict:
        # Maps are stored as float16: half the bytes, and a map is drawn with
        # 256 colours. Beyond float16's range (a diverging run) values are
        # kept at its limit, not turned into infinities; ``stats`` keeps the
        # true range.
        limit = np.finfo(np.float16).max
        values = np.clip(np.asarray(self.values, np.float32), -limit, limit)
        return {**super().__store__(), "values": values.astype(np.float16)}

    @classmethod
    def __restore__(cls, values: dict) -> dict:
        return {**values, "values": np.asarray(values["values"], np.float32)}


@dataclass(frozen=True, eq=False)
class Mosaic(Result):
    """All channels of one layer tiled into a single image (one ImageItem)."""

    image: np.ndarray      # float32 (H, W) in [0, 1]; gaps between tiles are NaN
    rows: int
    cols: int
    tile: tuple[int, int]  # (h, w) of one channel
    gap: int               # pixels between tiles
    order: tuple[int, ...]  # channel index at each tile position, row-major
    normalise: str         # "channel" or "layer"

    def channel_at(self, y: float, x: float) -> int | None:
        """The channel drawn at pixel (y, x) of ``image``, or None in a gap."""
        th, tw = self.tile
        row, ry = divmod(int(y), th + self.gap)
        col, rx = divmod(int(x), tw + self.gap)
        if y < 0 or x < 0 or ry >= th or rx >= tw or row >= self.rows or col >= self.cols:
            return None
        index = row * self.cols + col
        return self.order[index] if index < len(self.order) else None


@dataclass(frozen=True, eq=False)
class FeatureMaps(Result):
    """Every spatial layer's output for one image, with mosaics ready to draw."""

    input: PreparedInput
    layers: tuple[LayerMaps, ...]     # model order, nested models expanded
    mosaics: dict                     # path -> Mosaic (per-channel normalised, channel order)
    skipped: tuple[str, ...] = ()     # layers with no spatial output (Dense, Flatten, ...)

    def layer(self, path: str) -> LayerMaps:
        for item in self.layers:
            if item.path == path:
                return item
        raise KeyError(path)

    def __store__(self) -> dict:
        # A mosaic is the maps rearranged: store its layout, rebuild its image.
        layouts = {path: {"cols": m.cols, "gap": m.gap, "normalise": m.normalise,
                          "ordered": list(m.order) != list(range(len(m.order)))}
                   for path, m in self.mosaics.items()}
        return {**super().__store__(), "mosaics": layouts}

    @classmethod
    def __restore__(cls, values: dict) -> dict:
        from dlviz.core.probes.mosaic import make_mosaic

        maps = {item.path: item.values for item in values["layers"]}
        mosaics = {path: make_mosaic(maps[path], normalise=shape["normalise"], gap=shape["gap"],
                                     cols=shape["cols"],
                                     order="mean" if shape["ordered"] else "index")
                   for path, shape in values["mosaics"].items() if path in maps}
        return {**values, "mosaics": mosaics}


@dataclass(frozen=True)
class ClassScore(Stored):
    index: int
    name: str              # class name, or "class 281" when names are unknown
    probability: float


@dataclass(frozen=True)
class Predictions(Result):
    """Top-k classes per output head (GoogLeNet: main, aux1, aux2, average)."""

    heads: dict                # head name -> tuple[ClassScore, ...], best first
    primary: str               # the head to headline ("output" or "average")
    names_source: str          # "ImageNet", "dataset", "index only"
    probabilities: dict = field(default_factory=dict)  # head -> full float32 vector


@dataclass(frozen=True, eq=False)
class FilterBank(Result):
    """A layer's kernels arranged for drawing."""

    path: str
    name: str
    type: str
    kind: str              # "rgb" (colour patches), "grid" (out x in), "depthwise"
    kernels: np.ndarray    # raw weights (kh, kw, in, out) or (kh, kw, in, multiplier)
    image: np.ndarray      # (H, W, 3) for "rgb", (H, W) otherwise; float32 [0, 1], NaN gaps
    rows: int
    cols: int
    note: str              # e.g. "64 filters of 3x3x3, shown as colour patches"


@dataclass(frozen=True, eq=False)
class Heatmap(Result):
    """Where the model looked: Grad-CAM or a saliency map, at input resolution."""

    kind: str              # "gradcam" or "saliency"
    class_index: int
    class_name: str
    layer: str | None      # Grad-CAM's convolutional layer; None for saliency
    heatmap: np.ndarray    # float32 (h, w) in [0, 1]
    image: np.ndarray      # float32 (h, w, 3) in [0, 1], the input as shown


@dataclass(frozen=True, eq=False)
class ImageAnalysis(Result):
    """What one dropped image yields at once: feature maps and predictions."""

    source_name: str
    load_notes: tuple[str, ...]
    maps: FeatureMaps
    predictions: Predictions | None   # None when the model has no class output

    def parts(self) -> tuple:
        """The results inside, each drawn by its own view."""
        return tuple(p for p in (self.maps, self.predictions) if p is not None)


# -- results of the live training probes ----------------------------------------


@dataclass(frozen=True)
class GradientNorms(Result):
    """Each trainable layer's gradient L2 norm on the probe batch."""

    norms: dict            # layer path -> float, model order (shallow first)


@dataclass(frozen=True, eq=False)
class Histograms(Result):
    """One histogram per layer, of its weights or of its activations."""

    of: str                # "weights" or "activations"
    layers: dict           # layer path -> (counts, edges): float32 (bins,), (bins + 1,)


@dataclass(frozen=True)
class DeadUnits(Result):
    """The share of each ReLU layer's units that never fire on the probe batch."""

    fractions: dict        # layer path -> share in [0, 1]
