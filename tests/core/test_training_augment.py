"""Augmentation: the right Keras layers, a preview grid, pixels kept in [0, 1]."""

import numpy as np
import pytest

from dlviz.core.training.augment import augment_preview, augmentation_model
from dlviz.core.training.config import AugmentConfig

SETTINGS = {"scale": "augment_zoom", "rotation": "augment_rotation",
            "translation": "augment_translation", "brightness": "augment_brightness",
            "contrast": "augment_contrast", "noise": "augment_noise"}


def _image(channels=1):
    image = np.zeros((16, 16, channels), np.float32)
    image[4:12, 6:10] = 0.8  # an off-centre bar: rotating it moves pixels
    return image


def test_nothing_enabled_gives_no_model():
    assert augmentation_model(AugmentConfig(), (32, 32, 1)) is None


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_each_layer_is_there_only_when_enabled(setting):
    model = augmentation_model(AugmentConfig(**{setting: 0.2}), (16, 16, 3))
    assert [layer.name for layer in model.layers] == [SETTINGS[setting], "augment_clip"]


def test_all_layers_in_order():
    cfg = AugmentConfig(scale=0.1, rotation=0.1, translation=0.1, brightness=0.1,
                        contrast=0.1, noise=0.05)
    model = augmentation_model(cfg, (16, 16, 3))
    assert [layer.name for layer in model.layers] == [*SETTINGS.values(), "augment_clip"]
    out = np.asarray(model(np.repeat(_image(3)[None], 8, axis=0), training=True))
    assert out.shape == (8, 16, 16, 3) and 0.0 <= out.min() and out.max() <= 1.0


def test_inference_leaves_images_alone():
    model = augmentation_model(AugmentConfig(rotation=0.3, noise=0.2), (16, 16, 1))
    x = _image()[None]
    assert np.allclose(np.asarray(model(x, training=False)), x)


@pytest.mark.parametrize("channels", [1, 3])
def test_preview_grid_shape_and_first_tile_is_the_original(channels):
    image = _image(channels)
    grid = augment_preview(image, AugmentConfig(rotation=0.2), n=16, seed=0)
    assert grid.shape == (4 * 16 + 3, 4 * 16 + 3, channels) and grid.dtype == np.float32
    assert np.array_equal(grid[:16, :16], image)
    grid5 = augment_preview(image[None], AugmentConfig(noise=0.1), n=5)
    assert grid5.shape == (2 * 16 + 1, 3 * 16 + 2, channels)


@pytest.mark.parametrize("setting", ["noise", "rotation", "brightness", "scale"])
def test_augmentation_changes_pixels_and_stays_in_range(setting):
    image = _image()
    grid = augment_preview(image, AugmentConfig(**{setting: 0.3}), n=9, seed=1)
    assert 0.0 <= grid.min() and grid.max() <= 1.0
    tiles = [grid[r * 17:r * 17 + 16, c * 17:c * 17 + 16] for r in range(3) for c in range(3)]
    changed = [not np.allclose(tile, image, atol=1e-3) for tile in tiles[1:]]
    assert sum(changed) >= 6, f"{setting} changed only {sum(changed)} of 8 tiles"


def test_preview_is_repeatable_by_seed():
    cfg = AugmentConfig(rotation=0.2, noise=0.1)
    assert np.array_equal(augment_preview(_image(), cfg, n=4, seed=3),
                          augment_preview(_image(), cfg, n=4, seed=3))


def test_preview_with_nothing_enabled_repeats_the_original():
    grid = augment_preview(_image(), AugmentConfig(), n=4)
    assert np.array_equal(grid[17:33, 17:33], _image())
