"""Data augmentation as Keras preprocessing layers, and a preview grid of it.

The course's remedy for little data: show the network the same pictures
zoomed, turned, shifted, lit differently and noisy, so it learns the object
and not the exact pixels. Keras's random layers only change pictures when
called with ``training=True``, so ``model.fit`` augments and ``predict``
does not; :func:`augment_preview` passes ``training=True`` itself.
"""

from __future__ import annotations

import math

import numpy as np

from dlviz.core.kerasenv import import_keras
from dlviz.core.training.config import AugmentConfig


def augmentation_model(cfg: AugmentConfig, input_shape, *, seed: int | None = None):
    """A ``keras.Sequential`` of the enabled augmentations, or None if none is.

    Layers, each only when its setting is above 0, in this order:
    ``augment_zoom`` (RandomZoom ±scale), ``augment_rotation``
    (RandomRotation, fraction of a full turn), ``augment_translation``
    (RandomTranslation, fraction of height and width), ``augment_brightness``
    (RandomBrightness on [0, 1] pixels), ``augment_contrast``
    (RandomContrast), ``augment_noise`` (GaussianNoise, standard deviation);
    then ``augment_clip``, a ReLU capped at 1, which keeps pixels in [0, 1]
    with a plain built-in layer (so the model saves and loads in safe mode).

    Args:
        cfg: the augmentation settings.
        input_shape: one image's (height, width, channels).
        seed: makes the random choices repeatable (None: different each run).

    Returns:
        The model, named "augmentation", or None.

    Example:
        >>> aug = augmentation_model(AugmentConfig(rotation=0.1), (32, 32, 1))  # doctest: +SKIP
        >>> [layer.name for layer in aug.layers]  # doctest: +SKIP
        ['augment_rotation', 'augment_clip']
    """
    if not cfg.enabled:
        return None
    keras = import_keras()
    L = keras.layers
    makers = (
        ("zoom", cfg.scale, lambda v, s, n: L.RandomZoom(v, v, seed=s, name=n)),
        ("rotation", cfg.rotation, lambda v, s, n: L.RandomRotation(v, seed=s, name=n)),
        ("translation", cfg.translation,
         lambda v, s, n: L.RandomTranslation(v, v, seed=s, name=n)),
        ("brightness", cfg.brightness,
         lambda v, s, n: L.RandomBrightness(v, value_range=(0.0, 1.0), seed=s, name=n)),
        ("contrast", cfg.contrast,
         lambda v, s, n: L.RandomContrast(v, value_range=(0.0, 1.0), seed=s, name=n)),
        ("noise", cfg.noise, lambda v, s, n: L.GaussianNoise(v, seed=s, name=n)),
    )
    layers = [keras.Input(tuple(input_shape), name="augment_input")]
    for i, (name, value, make) in enumerate(makers):
        if value > 0:
            layers.append(make(float(value), None if seed is None else seed + i,
                               f"augment_{name}"))
    layers.append(L.ReLU(max_value=1.0, name="augment_clip"))
    return keras.Sequential(layers, name="augmentation")


def augment_preview(x, cfg: AugmentConfig, n: int = 16, seed: int = 0, *,
                    gap: int = 1) -> np.ndarray:
    """A grid picture of ``n`` augmented versions of one image; the first is the original.

    Args:
        x: one image (H, W, C), or a batch whose first image is used; [0, 1].
        cfg: the augmentation settings (all off: every tile is the original).
        n: tiles in the grid, laid out ``ceil(sqrt(n))`` wide, row by row.
        seed: the same seed gives the same preview.
        gap: pixels of white between tiles.

    Returns:
        float32 (rows*H + (rows-1)*gap, cols*W + (cols-1)*gap, C) in [0, 1].
    """
    image = np.asarray(x, dtype=np.float32)
    if image.ndim == 4:
        image = image[0]
    if image.ndim == 2:
        image = image[..., np.newaxis]
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    tiles = np.repeat(image[np.newaxis], n, axis=0)
    aug = augmentation_model(cfg, image.shape, seed=seed)
    if aug is not None and n > 1:
        tiles[1:] = np.asarray(aug(tiles[1:], training=True))
    return _grid(np.clip(tiles, 0.0, 1.0), gap)


def _grid(tiles: np.ndarray, gap: int) -> np.ndarray:
    n, h, w, c = tiles.shape
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    out = np.ones((rows * h + (rows - 1) * gap, cols * w + (cols - 1) * gap, c), np.float32)
    for i, tile in enumerate(tiles):
        r, k = divmod(i, cols)
        out[r * (h + gap):r * (h + gap) + h, k * (w + gap):k * (w + gap) + w] = tile
    return out
