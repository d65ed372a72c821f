"""The bundled digits, the generated shapes and a person's image folder."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from dlviz.core.data import (SHAPE_CLASSES, Dataset, DatasetError, generate_shapes,
                             load_digits_split, load_image_folder, load_shapes_split,
                             stratified_split)
from dlviz.core.data.digits import load_digits_images


# --- digits ----------------------------------------------------------------

@pytest.fixture(scope="module")
def digits() -> Dataset:
    return load_digits_split()


def test_digits_are_all_1797_lenet_sized(digits):
    assert len(digits.y_train) + len(digits.y_test) == 1797
    assert digits.input_shape == (32, 32, 1)
    assert digits.x_train.dtype == np.float32 and digits.y_train.dtype == np.int64
    assert digits.class_names == tuple("0123456789")
    for x in (digits.x_train, digits.x_test):
        assert x.min() >= 0.0 and x.max() <= 1.0
    assert digits.x_train.max() == pytest.approx(1.0, abs=0.05)  # full ink reaches 1


def test_digits_split_is_stratified(digits):
    train, test = np.bincount(digits.y_train), np.bincount(digits.y_test)
    share = test / (train + test)
    np.testing.assert_allclose(share, 0.2, atol=0.01)
    assert len(digits.y_test) == pytest.approx(0.2 * 1797, abs=5)


def test_digits_split_is_deterministic_and_seeded(digits):
    again = load_digits_split()
    np.testing.assert_array_equal(again.y_test, digits.y_test)
    np.testing.assert_array_equal(again.x_test, digits.x_test)
    other = load_digits_split(seed=1)
    assert not np.array_equal(other.y_test, digits.y_test)


def test_digits_at_original_size_are_the_raw_scaled_pixels():
    x, y = load_digits_images(size=8)
    from sklearn.datasets import load_digits
    raw = load_digits()
    np.testing.assert_allclose(x[..., 0], raw.images / 16.0, atol=1e-6)
    np.testing.assert_array_equal(y, raw.target)


# --- split -----------------------------------------------------------------

def test_stratified_split_keeps_every_class_on_both_sides():
    y = np.array([0] * 2 + [1] * 3 + [2] * 50)
    train, test = stratified_split(y, 0.2, seed=0)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(len(y)))
    assert set(y[test]) == {0, 1, 2} and set(y[train]) == {0, 1, 2}
    with pytest.raises(ValueError):
        stratified_split(y, 1.0)


def test_dataset_checks_itself():
    x = np.zeros((3, 4, 4, 1), np.float32)
    with pytest.raises(ValueError, match="labels"):
        Dataset(x, np.array([0, 1]), x, np.array([0, 1, 2]), ("a", "b", "c"))
    with pytest.raises(ValueError, match="outside"):
        Dataset(x, np.array([0, 1, 5]), x, np.array([0, 1, 2]), ("a", "b", "c"))
    assert "train=(3, 4, 4, 1)" in repr(Dataset(x, np.zeros(3, int), x, np.zeros(3, int),
                                                ("a",)))


# --- shapes ----------------------------------------------------------------

def test_shapes_are_deterministic_balanced_and_in_range():
    x, y, names = generate_shapes(100, size=32, seed=3)
    assert x.shape == (100, 32, 32, 3) and x.dtype == np.float32
    assert len(names) >= 4 and np.bincount(y).tolist() == [100 // len(names)] * len(names)
    assert x.min() >= 0.0 and x.max() <= 1.0
    x2, y2, _ = generate_shapes(100, size=32, seed=3)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    x3, _, _ = generate_shapes(100, size=32, seed=4)
    assert not np.allclose(x, x3)


def test_shapes_at_full_model_size():
    x, y, names = generate_shapes(2 * len(SHAPE_CLASSES), size=224, seed=0)
    assert x.shape[1:] == (224, 224, 3)
    assert np.bincount(y).tolist() == [2] * len(names)
    # Every picture has a real shape on it: pixel values vary well beyond noise.
    assert all(image.std() > 0.05 for image in x)


def test_shapes_split():
    ds = load_shapes_split(n=200, size=32, seed=0)
    assert len(ds.y_train) == 160 and len(ds.y_test) == 40
    assert np.bincount(ds.y_test).tolist() == [8] * ds.num_classes
    assert ds.class_names[0] == "circle"


def _grey(x):
    return x @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def test_easy_shapes_are_big_dark_shapes_on_a_plain_pale_background():
    x, y, _ = generate_shapes(100, size=32, seed=5)  # "easy" is the default
    np.testing.assert_array_equal(x, generate_shapes(100, size=32, seed=5, level="easy")[0])
    grey = _grey(x)
    corners = grey[:, [0, 0, -1, -1], [0, -1, 0, -1]]
    # One plain colour in every corner (up to the light noise), pale.
    assert np.ptp(corners, axis=1).max() < 0.15 and corners.min() > 0.6
    background = np.median(corners, axis=1)[:, None, None]
    covered = (background - grey) > 0.2  # the shape is darker than its background
    share = covered.mean(axis=(1, 2))
    assert share.min() > 0.08 and np.median(share) > 0.2, share
    # The same classes, balanced, and the shape still the only clue: colours vary.
    assert np.bincount(y).tolist() == [20] * 5
    assert np.std(x.reshape(100, -1, 3).mean(axis=1), axis=0).min() > 0.03


def test_hard_shapes_keep_gradients_rotation_and_noise():
    easy, _, _ = generate_shapes(100, size=32, seed=5, level="easy")
    hard, _, _ = generate_shapes(100, size=32, seed=5, level="hard")
    corners = _grey(hard)[:, [0, 0, -1, -1], [0, -1, 0, -1]]
    assert np.median(np.ptp(corners, axis=1)) > 0.1  # gradient backgrounds
    assert _grey(hard)[:, 0, :].std() > _grey(easy)[:, 0, :].std()
    with pytest.raises(ValueError, match="easy or hard"):
        generate_shapes(5, level="medium")


def test_shape_levels_are_named_data_for_training():
    from dlviz.core.training.config import DATASETS, DataSpec
    from dlviz.core.training.data import load_training_data

    from dlviz.cli_train import data_spec

    assert {"shapes", "shapes_hard"} <= set(DATASETS)
    assert data_spec("shapes_hard", None) == DataSpec("shapes_hard")  # dlviz train --data
    easy = load_training_data(DataSpec("shapes", samples=50, seed=2), (32, 32, 3), 5)
    hard = load_training_data(DataSpec("shapes_hard", samples=50, seed=2), (32, 32, 3), 5)
    expected = load_shapes_split(n=50, size=32, test_fraction=0.2, seed=2, level="hard")
    np.testing.assert_array_equal(hard.x_train, expected.x_train)
    assert not np.allclose(easy.x_train, hard.x_train)
    assert len(load_training_data(DataSpec("shapes"), (32, 32, 3), 5).y_train) == 2400


# --- folders ---------------------------------------------------------------

def save(path, colour=(255, 0, 0), size=(12, 8), fmt="PNG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, fmt)


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 0, 255)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def pets(tmp_path):
    root = tmp_path / "pets"
    save(root / "cat" / "a.png", (255, 0, 0))
    save(root / "cat" / "b.jpg", (250, 0, 0), fmt="JPEG")
    save(root / "cat" / "more" / "c.png", (255, 0, 0))
    save(root / "dog" / "a.bmp", (0, 0, 255), fmt="BMP")
    save(root / "dog" / "b.png", (0, 0, 255))
    (root / "dog" / "broken.jpg").write_bytes(jpeg_bytes()[:300])
    (root / "dog" / "notes.txt").write_text("good dogs")
    (root / "dog" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".hidden_class").mkdir()
    save(root / ".hidden_class" / "x.png")
    return root


def test_folder_loads_with_labels_and_skips(pets):
    load = load_image_folder(pets, size=(8, 8))
    assert load.class_names == ("cat", "dog")
    assert load.x.shape == (5, 8, 8, 3) and load.y.tolist() == [0, 0, 0, 1, 1]
    np.testing.assert_allclose(load.x[0, 4, 4], [1, 0, 0], atol=0.03)
    np.testing.assert_allclose(load.x[-1, 4, 4], [0, 0, 1], atol=0.03)
    assert [p.name for p, _ in load.skipped] == ["broken.jpg", "notes.txt"]
    reasons = dict((p.name, r) for p, r in load.skipped)
    assert "broken.jpg is truncated" in reasons["broken.jpg"]
    assert "notes.txt is not an image" in reasons["notes.txt"]
    assert [p.name for p in load.paths] == ["a.png", "b.jpg", "c.png", "a.bmp", "b.png"]


def test_folder_is_deterministic_grey_and_reports_progress(pets):
    calls = []
    load = load_image_folder(pets, size=(6, 4), channels=1,
                             progress_callback=lambda done, total: calls.append((done, total)))
    assert load.x.shape == (5, 6, 4, 1)
    assert calls[-1] == (7, 7) and len(calls) == 7
    again = load_image_folder(pets, size=(6, 4), channels=1)
    np.testing.assert_array_equal(load.x, again.x)
    ds = load_image_folder(pets, size=(6, 4), max_per_class=2).split(test_fraction=0.5)
    assert ds.num_classes == 2 and len(ds.y_train) + len(ds.y_test) == 4


def test_stray_files_beside_class_folders_are_skipped(pets):
    save(pets / "loose.png")
    load = load_image_folder(pets, size=(8, 8))
    assert any(p.name == "loose.png" and "class subfolder" in r for p, r in load.skipped)


@pytest.mark.parametrize("layout, reason, words", [
    ("missing", "missing", "does not exist"),
    ("file", "not_a_folder", "not a folder"),
    ("empty", "no_classes", "is empty"),
    ("flat", "no_classes", "no class subfolders"),
    ("one", "one_class", "at least two classes"),
    ("hollow", "empty_class", "has no files"),
    ("unreadable", "empty_class", "none of its 2 files could be read"),
])
def test_folder_errors(tmp_path, layout, reason, words):
    root = tmp_path / "data"
    if layout == "file":
        save(root)
    elif layout == "empty":
        root.mkdir()
    elif layout == "flat":
        save(root / "img.png")
    elif layout == "one":
        save(root / "cat" / "a.png")
    elif layout in ("hollow", "unreadable"):
        save(root / "cat" / "a.png")
        (root / "dog").mkdir()
        if layout == "unreadable":
            (root / "dog" / "a.png").write_bytes(b"")
            (root / "dog" / "b.png").write_bytes(b"not a png")
    with pytest.raises(DatasetError) as caught:
        load_image_folder(root, size=(8, 8))
    assert caught.value.reason == reason
    assert words in str(caught.value)
    if layout == "unreadable":
        assert "dog" in str(caught.value) and "a.png is empty" in str(caught.value)


# --- the package -------------------------------------------------------------

def test_importing_the_data_package_stays_light():
    # The GUI imports this package to draw its first frame; scikit-learn,
    # Keras and Qt must load only when something really needs them.
    code = ("import sys, dlviz.core.data; print(sorted(m for m in ('sklearn', 'keras', "
            "'tensorflow', 'PySide6', 'pyqtgraph') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "[]"
