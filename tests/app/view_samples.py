"""Synthetic probe results for the view tests: NumPy only, no Keras.

The "image" is a small drawn scene (sky, sun, a house); the "feature maps"
are ReLU'd oriented edge filters of it at a few scales, so mosaics look
like a real convolution's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import (ActivationStats, ClassScore, FeatureMaps, FilterBank,
                                       Heatmap, LayerMaps, Predictions, PreparedInput)


@pytest.fixture
def mosaics():
    """The mosaic builder the views use (pure NumPy)."""
    return make_mosaic


def scene(size: int = 96) -> np.ndarray:
    """A little picture: blue sky, yellow sun, red house, green grass; (h, w, 3)."""
    y, x = np.mgrid[0:size, 0:size] / size
    img = np.stack([0.45 + 0.3 * y, 0.65 + 0.2 * y, 0.95 - 0.2 * y], axis=-1)
    img[(x - 0.78) ** 2 + (y - 0.22) ** 2 < 0.012] = (1.0, 0.85, 0.2)
    img[y > 0.72] = (0.25, 0.6, 0.2)
    house = (x > 0.18) & (x < 0.52) & (y > 0.45) & (y < 0.78)
    img[house] = (0.75, 0.2, 0.15)
    img[(y > 0.25) & (y <= 0.45) & (np.abs(x - 0.35) < (y - 0.25) * 0.9)] = (0.4, 0.2, 0.1)
    img[(x > 0.3) & (x < 0.4) & (y > 0.6) & (y < 0.78)] = (0.3, 0.2, 0.1)
    return img.astype(np.float32)


def edge_maps(image: np.ndarray, size: int, channels: int, seed: int = 0) -> np.ndarray:
    """(size, size, channels) ReLU'd oriented edges of ``image``, a few dead."""
    rng = np.random.default_rng(seed)
    step = image.shape[0] // size
    small = image[: size * step, : size * step].reshape(size, step, size, step, 3).mean((1, 3))
    out = np.empty((size, size, channels), np.float32)
    for k in range(channels):
        mix = small @ rng.normal(size=3)
        gy, gx = np.gradient(mix)
        angle = rng.uniform(0, math.pi * 2)
        out[:, :, k] = math.cos(angle) * gx + math.sin(angle) * gy + rng.normal(0, 0.02) * mix
    out = np.maximum(out, 0)
    out[:, :, rng.choice(channels, size=max(channels // 16, 1), replace=False)] = 0
    return out


def layer(path, values, *, type="Conv2D", block=None, role=None) -> LayerMaps:
    per_channel_max = values.max(axis=(0, 1))
    stats = ActivationStats(float(values.min()), float(values.max()), float(values.mean()),
                            float((values == 0).mean()), int((per_channel_max == 0).sum()))
    return LayerMaps(path=path, name=path.rsplit("/", 1)[-1], type=type,
                     depth=path.count("/"), values=values.astype(np.float32), stats=stats,
                     block=block, role=role)


def prepared(size: int = 96) -> PreparedInput:
    shown = scene(size)
    return PreparedInput(batch=shown[None], shown=shown, note="resized 640x480 -> 96x96",
                         preprocessing="unit")


def feature_maps(make_mosaic, layers) -> FeatureMaps:
    mosaics = {item.path: make_mosaic(item.values) for item in layers}
    return FeatureMaps(input=prepared(), layers=tuple(layers), mosaics=mosaics,
                       skipped=("flatten", "dense"))


def vgg_like(make_mosaic) -> FeatureMaps:
    img = scene()
    return feature_maps(make_mosaic, [
        layer("block1_conv1", edge_maps(img, 48, 16, seed=1)),
        layer("block1_pool", edge_maps(img, 24, 16, seed=1), type="MaxPooling2D"),
        layer("block2_conv1", edge_maps(img, 24, 64, seed=2)),
        layer("block3_conv1", edge_maps(img, 12, 100, seed=3)),
    ])


def inception_like(make_mosaic) -> FeatureMaps:
    img = scene()
    rows = [("conv1", None, None, 8)]
    for name, role in (("1x1", "1x1 branch"), ("3x3_reduce", "3x3 branch"),
                       ("5x5_reduce", "5x5 branch"), ("pool", "pool branch"),
                       ("3x3", "3x3 branch"), ("5x5", "5x5 branch"),
                       ("pool_proj", "pool branch")):
        rows.append((f"inception_3a_{name}", "inception_3a", role, 8))
    rows.append(("inception_3a_concat", "inception_3a", "merge", 32))
    return feature_maps(make_mosaic, [
        layer(path, edge_maps(img, 12, c, seed=i), block=block, role=role)
        for i, (path, block, role, c) in enumerate(rows)])


def resnet_like(make_mosaic) -> FeatureMaps:
    """A ResNet backbone nested in a transfer-learning model."""
    img = scene()
    rows = [("resnet50/conv1_conv", None, None),
            ("resnet50/conv2_block1_1_conv", "conv2_block1", "residual"),
            ("resnet50/conv2_block1_2_conv", "conv2_block1", "residual"),
            ("resnet50/conv2_block1_0_conv", "conv2_block1", "shortcut"),
            ("resnet50/conv2_block1_add", "conv2_block1", "merge"),
            ("resnet50/conv2_block1_out", "conv2_block1", "merge"),
            ("resnet50/conv2_block2_1_conv", "conv2_block2", "residual"),
            ("resnet50/conv2_block2_out", "conv2_block2", "merge"),
            ("head_conv", None, None)]
    return feature_maps(make_mosaic, [
        layer(path, edge_maps(img, 12, 16, seed=i), block=block, role=role)
        for i, (path, block, role) in enumerate(rows)])


def rgb_filters(seed: int = 0) -> FilterBank:
    """64 first-layer 7x7 kernels: oriented colour edges and blobs."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[-3:4, -3:4] / 3
    kernels = np.empty((7, 7, 3, 64), np.float32)
    for k in range(64):
        angle, freq = rng.uniform(0, math.pi), rng.uniform(1, 3)
        wave = np.cos(freq * (x * math.cos(angle) + y * math.sin(angle)) * math.pi)
        envelope = np.exp(-(x**2 + y**2))
        kernels[:, :, :, k] = (wave * envelope)[:, :, None] * rng.normal(size=3)
    image = np.full((63, 63, 3), np.nan, np.float32)
    for k in range(64):
        r, q = divmod(k, 8)
        image[r * 8:r * 8 + 7, q * 8:q * 8 + 7] = 0.5 + kernels[:, :, :, k] / (
            2 * np.abs(kernels[:, :, :, k]).max())
    return FilterBank("block1_conv1", "block1_conv1", "Conv2D", "rgb", kernels, image, 8, 8,
                      "64 filters of 7×7×3, shown as colour patches")


def grid_filters(out: int = 24, inp: int = 16, seed: int = 1) -> FilterBank:
    rng = np.random.default_rng(seed)
    kernels = rng.normal(size=(3, 3, inp, out)).astype(np.float32)
    image = np.full((out * 4 - 1, inp * 4 - 1), np.nan, np.float32)
    scaled = 0.5 + kernels / (2 * np.abs(kernels).max())
    for o in range(out):
        for i in range(inp):
            image[o * 4:o * 4 + 3, i * 4:i * 4 + 3] = scaled[:, :, i, o]
    return FilterBank("block2_conv1", "block2_conv1", "Conv2D", "grid", kernels, image, out, inp,
                      f"{out} filters of 3×3×{inp}: one row per filter, one column per input")


def predictions(heads=("output",), primary="output", source="ImageNet") -> Predictions:
    """Top-5 of each head; GoogLeNet's "average" is the mean of the others."""
    names = ["tabby cat", "tiger cat", "Egyptian cat", "lynx", "remote control"]
    vectors = {}
    for h, head in enumerate(x for x in heads if x != "average"):
        p = np.array([0.62, 0.21, 0.09, 0.03, 0.01]) * (1 - 0.1 * h)
        vectors[head] = p[np.argsort(np.roll(np.arange(5), h))]  # each head a bit different
    if "average" in heads:
        vectors["average"] = np.mean(list(vectors.values()), axis=0)
    out = {head: tuple(sorted((ClassScore(281 + i, names[i], float(v[i])) for i in range(5)),
                              key=lambda s: -s.probability))
           for head, v in vectors.items()}
    return Predictions(heads={h: out[h] for h in heads}, primary=primary, names_source=source,
                       probabilities={h: v.astype(np.float32) for h, v in vectors.items()})


def heatmap(kind="gradcam", class_index=281, layer_path="block3_conv1") -> Heatmap:
    img = scene()
    y, x = np.mgrid[0:96, 0:96] / 96
    heat = np.exp(-((x - 0.35) ** 2 + (y - 0.55) ** 2) / 0.03).astype(np.float32)
    return Heatmap(kind, class_index, "tabby cat", layer_path if kind == "gradcam" else None,
                   heat, img)
