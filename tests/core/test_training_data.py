"""Training data: refused with a reason, loaded, fitted to the model, offline."""

import gzip
import io
import pickle
import tarfile
import urllib.error

import numpy as np
import pytest
from PIL import Image

from dlviz.core.training import keras_datasets
from dlviz.core.training.config import DataSpec
from dlviz.core.training.data import (
    DataRejected, DatasetUnavailable, TrainingData, load_training_data,
    validate_training_data)


def _images(n=4, channels=1):
    return np.random.default_rng(0).uniform(0, 1, (n, 8, 8, channels)).astype(np.float32)


GOOD_Y = np.array([0, 1, 0, 1])


def test_good_data_passes():
    validate_training_data(_images(), GOOD_Y, 2)
    validate_training_data(_images(), GOOD_Y.astype(np.float32), 2)  # whole floats


@pytest.mark.parametrize("x, y, classes, words", [
    (np.zeros((0, 8, 8, 1)), np.array([], int), 2, "empty"),
    (np.zeros((4, 8, 8)), GOOD_Y, 2, "(4, 8, 8)"),
    (_images(), np.array([0, 1, 0]), 2, "4 images but 3 labels"),
    (_images(), np.array([3, 3, 3, 3]), 10, "at least two classes"),
    (_images(), np.array([0, 1, 5, 1]), 5, "from 0 to 5"),
    (_images(), np.array([-1, 1, 0, 1]), 5, "0..4"),
    (_images(), np.array([0.5, 1, 0, 1]), 2, "whole class numbers"),
    (_images(), np.array(["a", "b", "a", "b"]), 2, "whole class numbers"),
    (_images(), np.array([[0, 1], [1, 0], [0, 1], [1, 0]]), 2, "one class number"),
])
def test_bad_data_is_refused_with_the_reason(x, y, classes, words):
    with pytest.raises(DataRejected) as info:
        validate_training_data(x, y, classes)
    assert words in str(info.value)
    assert DataRejected.user_message


def test_nan_inputs_are_counted():
    x = _images()
    x[0, 0, 0, 0] = np.nan
    x[2, 1, 1, 0] = np.inf
    x[2, 1, 2, 0] = np.nan
    with pytest.raises(DataRejected, match=r"3 NaN or infinite values \(in 2 of 4 images\)"):
        validate_training_data(x, GOOD_Y, 2)


def test_labels_out_of_range_say_both_ranges():
    with pytest.raises(DataRejected) as info:
        validate_training_data(_images(), np.array([0, 1, 2, 12]), 10)
    assert "from 0 to 12" in str(info.value) and "0..9" in str(info.value)


@pytest.mark.parametrize("shape", [(32, 32, 1), (32, 32, 3), (64, 64, 3)])
@pytest.mark.parametrize("kind", ["digits", "shapes"])
def test_bundled_data_is_fitted_to_the_model(kind, shape):
    data = load_training_data(DataSpec(kind, samples=200 if kind == "shapes" else None),
                              shape, 10)
    assert isinstance(data, TrainingData)
    assert data.input_shape == shape
    for x in (data.x_train, data.x_test):
        assert x.dtype == np.float32 and x.flags.c_contiguous
        assert 0.0 <= x.min() and x.max() <= 1.0
    assert data.y_train.dtype == np.int64
    assert len(data.y_train) + len(data.y_test) == (1797 if kind == "digits" else 200)


def test_non_square_input_is_resized_and_noted():
    data = load_training_data(DataSpec("digits"), (28, 20, 3), 10)
    assert data.input_shape == (28, 20, 3)
    assert any("resized" in note for note in data.notes)
    assert any("RGB" in note for note in data.notes)
    # Repeated grey: all three channels equal.
    assert np.allclose(data.x_train[..., 0], data.x_train[..., 2])


def test_samples_cap_the_training_part():
    data = load_training_data(DataSpec("digits", samples=100), (8, 8, 1), 10)
    assert len(data.y_train) == 100 and 0 < len(data.y_test) < 100
    assert any("100 of" in note for note in data.notes)


def test_more_classes_than_outputs_is_refused():
    with pytest.raises(DataRejected, match="10 classes but this model has only 5 outputs"):
        load_training_data(DataSpec("digits"), (32, 32, 1), 5)


def test_fewer_classes_than_outputs_is_fine():
    data = load_training_data(DataSpec("shapes", samples=50), (32, 32, 3), 10)
    assert data.num_classes == 5


def _folder(root):
    rng = np.random.default_rng(1)
    for name in ("cat", "dog"):
        (root / name).mkdir(parents=True)
        for i in range(4):
            pixels = rng.integers(0, 255, (20, 30, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(root / name / f"{i}.png")
    (root / "cat" / "notes.txt").write_text("not an image")
    return root


@pytest.mark.parametrize("shape", [(32, 32, 1), (32, 32, 3), (64, 64, 3)])
def test_folder_is_loaded_at_the_model_size_with_skipped_files_noted(tmp_path, shape):
    calls = []
    data = load_training_data(DataSpec("folder", path=str(_folder(tmp_path / "pets"))),
                              shape, 2, progress=lambda d, t: calls.append((d, t)))
    assert data.input_shape == shape
    assert data.class_names == ("cat", "dog")
    assert len(data.y_train) + len(data.y_test) == 8
    assert any("skipped 1 file" in note and "notes.txt" in note for note in data.notes)
    assert calls[-1] == (9, 9)


def test_bad_folder_is_refused(tmp_path):
    with pytest.raises(DataRejected, match="does not exist"):
        load_training_data(DataSpec("folder", path=str(tmp_path / "nope")), (32, 32, 3), 2)
    with pytest.raises(DataRejected, match="choose an image folder"):
        load_training_data(DataSpec("folder"), (32, 32, 3), 2)


def test_unusable_input_shape_is_refused():
    with pytest.raises(DataRejected, match="1 channel"):
        load_training_data(DataSpec("digits"), (32, 32, 4), 10)


# --- keras.datasets, offline only ---------------------------------------

@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))

    def offline(url, timeout=None):
        raise urllib.error.URLError(OSError(101, "Network is unreachable"))

    monkeypatch.setattr(keras_datasets.urllib.request, "urlopen", offline)
    return tmp_path / "keras" / "datasets"


@pytest.mark.parametrize("kind, file", [("mnist", "mnist.npz"),
                                        ("fashion_mnist", "train-labels-idx1-ubyte.gz"),
                                        ("cifar10", "cifar-10-batches-py-target_archive")])
def test_offline_without_cache_says_what_to_do(keras_home, kind, file):
    with pytest.raises(DatasetUnavailable) as info:
        load_training_data(DataSpec(kind), (32, 32, 1), 10)
    text = str(info.value)
    assert "no internet connection" in text and file in text
    assert str(keras_home) in text and "download that file" in text
    assert DatasetUnavailable.user_message
    assert not any(p.suffix == ".part" for p in keras_home.rglob("*"))  # no debris


def _fake_digits(n, size, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, size, size), dtype=np.uint8), np.arange(n) % 10


def test_cached_mnist_loads_offline(keras_home):
    (x_train, y_train), (x_test, y_test) = _fake_digits(60, 28, 0), _fake_digits(20, 28, 1)
    keras_home.mkdir(parents=True)
    np.savez(keras_home / "mnist.npz", x_train=x_train, y_train=y_train.astype(np.uint8),
             x_test=x_test, y_test=y_test.astype(np.uint8))
    data = load_training_data(DataSpec("mnist"), (32, 32, 1), 10)
    assert data.x_train.shape == (60, 32, 32, 1) and data.x_test.shape == (20, 32, 32, 1)
    assert np.array_equal(data.y_train, y_train)
    assert abs(data.x_train.mean() - x_train.mean() / 255) < 0.02
    assert any("28x28 to 32x32" in note for note in data.notes)
    data = load_training_data(DataSpec("mnist", samples=30), (28, 28, 3), 10)
    assert data.x_train.shape == (30, 28, 28, 3)


def test_cached_fashion_mnist_loads_offline(keras_home):
    folder = keras_home / "fashion-mnist"
    folder.mkdir(parents=True)
    for prefix, n, seed in (("train", 30, 0), ("t10k", 10, 1)):
        x, y = _fake_digits(n, 28, seed)
        with gzip.open(folder / f"{prefix}-labels-idx1-ubyte.gz", "wb") as f:
            f.write(bytes(8) + y.astype(np.uint8).tobytes())
        with gzip.open(folder / f"{prefix}-images-idx3-ubyte.gz", "wb") as f:
            f.write(bytes(16) + x.tobytes())
    data = load_training_data(DataSpec("fashion_mnist"), (28, 28, 1), 10)
    assert data.x_train.shape == (30, 28, 28, 1) and data.class_names[9] == "ankle boot"
    assert np.allclose(data.x_train[..., 0] * 255, _fake_digits(30, 28, 0)[0], atol=1e-3)


def _batch(n, seed):
    rng = np.random.default_rng(seed)
    return {b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
            b"labels": [int(v) for v in np.arange(n) % 10]}


def test_cached_cifar10_loads_offline(keras_home):
    keras_home.mkdir(parents=True)
    with tarfile.open(keras_home / "cifar-10-batches-py-target_archive", "w:gz") as tar:
        for name, batch in [(f"data_batch_{i}", _batch(10, i)) for i in range(1, 6)] + [
                ("test_batch", _batch(10, 9))]:
            raw = pickle.dumps(batch, protocol=2)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    data = load_training_data(DataSpec("cifar10"), (32, 32, 3), 10)
    assert data.x_train.shape == (50, 32, 32, 3) and data.class_names[0] == "airplane"
    first = _batch(10, 1)[b"data"][0].reshape(3, 32, 32).transpose(1, 2, 0)
    assert np.allclose(data.x_train[0] * 255, first, atol=1e-3)


def test_cifar_archive_with_code_is_refused(keras_home):
    keras_home.mkdir(parents=True)

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    with tarfile.open(keras_home / "cifar-10-batches-py-target_archive", "w:gz") as tar:
        raw = pickle.dumps(Evil(), protocol=2)
        info = tarfile.TarInfo("cifar-10-batches-py/data_batch_1")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    with pytest.raises(DatasetUnavailable, match="refusing to load .*print"):
        load_training_data(DataSpec("cifar10"), (32, 32, 3), 10)


def test_download_reports_progress_and_lands_in_the_cache(keras_home, monkeypatch):
    payload = io.BytesIO()
    x, y = _fake_digits(20, 28, 0)
    np.savez(payload, x_train=x, y_train=y, x_test=x, y_test=y)
    body = payload.getvalue()

    class Response(io.BytesIO):
        headers = {"Content-Length": str(len(body))}

    monkeypatch.setattr(keras_datasets.urllib.request, "urlopen",
                        lambda url, timeout=None: Response(body))
    monkeypatch.setitem(keras_datasets.FILES, "mnist",
                        (("mnist.npz", "https://example.invalid/mnist.npz", None),))
    calls = []
    data = load_training_data(DataSpec("mnist"), (28, 28, 1), 10,
                              progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, len(body)) and calls[-1] == (len(body), len(body))
    assert (keras_home / "mnist.npz").is_file() and len(data.y_train) == 20


def test_damaged_download_is_not_kept(keras_home, monkeypatch):
    class Response(io.BytesIO):
        headers = {"Content-Length": "100"}

    monkeypatch.setattr(keras_datasets.urllib.request, "urlopen",
                        lambda url, timeout=None: Response(b"x" * 100))
    with pytest.raises(DatasetUnavailable, match="damaged"):
        load_training_data(DataSpec("mnist"), (28, 28, 1), 10)
    assert not list(keras_home.iterdir())
