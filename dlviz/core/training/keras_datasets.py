"""MNIST, Fashion-MNIST and CIFAR-10, in Keras's own dataset cache.

Files are looked for exactly where ``keras.datasets.*.load_data`` keeps them
(``$KERAS_HOME/datasets/``, else ``~/.keras/datasets/``), under Keras's
names, so a download by either serves both.

Protocol of :func:`load`:

1. Use each cached file that is there. (Keras re-checks a cached file's hash
   on every load; dlviz checks it once, after its own download, so a file
   put there by hand is trusted.)
2. Otherwise download it in chunks, calling ``progress(done, total)``, into a
   temporary file beside the target; check size and hash; ``os.replace``.
3. Any failure raises :class:`~dlviz.core.training.data.DatasetUnavailable`
   naming the file, where it comes from, and where to put it by hand. What
   ``progress`` raises (``JobCancelled`` on stop or close) is no failure: it
   propagates as it is, and no partial file is kept.
4. Parse without Keras: ``np.load`` (no pickles) for MNIST, gzip for
   Fashion-MNIST, and for CIFAR-10 the tar archive's pickled batches through
   an unpickler that only rebuilds NumPy arrays.

Nothing here imports Keras or TensorFlow.
"""

from __future__ import annotations

import gzip
import http.client
import io
import pickle
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

from dlviz.core.data import Dataset
from dlviz.core.downloads import download_file
from dlviz.core.zoo.imagenet_weights import keras_cache_dir

_KERAS = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
# Every way a download can fail (as in imagenet_weights): URLError, timeouts
# and resets are OSErrors; an early close, HTTPException; bad size or hash, ValueError.
_FAILURES = (OSError, ValueError, http.client.HTTPException)
_CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
# (file name under datasets/, url, sha256 or None), as keras/src/datasets/*.py.
FILES: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "mnist": (("mnist.npz", _KERAS + "mnist.npz",
               "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),),
    "fashion_mnist": tuple((f"fashion-mnist/{name}", _KERAS + name, None) for name in (
        "train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")),
    "cifar10": (("cifar-10-batches-py-target_archive", _CIFAR_URL,
                 "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"),),
}
TITLES = {"mnist": "MNIST", "fashion_mnist": "Fashion-MNIST", "cifar10": "CIFAR-10"}
SIZES = {"mnist": "about 11 MB", "fashion_mnist": "about 30 MB", "cifar10": "about 163 MB"}
CLASS_NAMES = {
    "mnist": tuple(str(d) for d in range(10)),
    "fashion_mnist": ("T-shirt/top", "trouser", "pullover", "dress", "coat", "sandal",
                      "shirt", "sneaker", "bag", "ankle boot"),
    "cifar10": ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                "ship", "truck"),
}


def datasets_dir() -> Path:
    """``$KERAS_HOME/datasets`` or ``~/.keras/datasets``, read at call time."""
    return keras_cache_dir().parent / "datasets"


def load(kind: str, progress=None) -> Dataset:
    """The ``kind`` dataset with Keras's own train/test split, as uint8 images.

    Raises:
        DatasetUnavailable: a file is missing and cannot be downloaded, or a
            cached file cannot be read.
    """
    from dlviz.core.training.data import DatasetUnavailable  # noqa: PLC0415 (cycle)

    paths = []
    for name, url, sha256 in FILES[kind]:
        target = datasets_dir() / name
        if not target.is_file():
            try:
                _download(url, target, sha256, progress)
            except _FAILURES as exc:
                raise DatasetUnavailable(_message(kind, name, url, target, exc)) from exc
        paths.append(target)
    try:
        (x_train, y_train), (x_test, y_test) = _PARSERS[kind](paths)
    except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError,
            tarfile.TarError) as exc:
        raise DatasetUnavailable(
            f"The cached {TITLES[kind]} file {paths[0]} could not be read ({exc}); "
            f"delete it so it is downloaded again, or replace it with a good copy "
            f"from {FILES[kind][0][1]}.") from exc
    return Dataset(x_train, y_train.reshape(-1).astype(np.int64), x_test,
                   y_test.reshape(-1).astype(np.int64), CLASS_NAMES[kind])


def _message(kind: str, name: str, url: str, target: Path, exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(exc, urllib.error.HTTPError):
        why = f"the server answered {exc.code} {exc.reason}"
    elif isinstance(reason, TimeoutError):
        why = "the connection timed out"
    elif isinstance(exc, urllib.error.URLError):
        why = f"no internet connection ({reason})"
    else:
        why = str(exc) or type(exc).__name__
    return (f"Could not download the {TITLES[kind]} dataset: {why}. It is the file "
            f"{Path(name).name} ({SIZES[kind]}), from {url}. To use it offline, download "
            f"that file on a connected computer and put it here: {target}. "
            "Or train on the bundled digits, generated shapes or your own image folder.")


def _download(url: str, target: Path, sha256: str | None, progress) -> None:
    download_file(url, target, progress=progress, expected_hash=sha256, hash_name="sha256")


def _mnist(paths):
    with np.load(paths[0], allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def _fashion(paths):
    def read(path, offset):
        with gzip.open(path, "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=offset)

    y_train, y_test = read(paths[0], 8), read(paths[2], 8)
    x_train = read(paths[1], 16).reshape(len(y_train), 28, 28)
    x_test = read(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)


class _ArrayUnpickler(pickle.Unpickler):
    """Rebuilds dicts, lists and NumPy arrays; refuses every other class."""

    _ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype"), ("_codecs", "encode"),
                ("numpy.core.multiarray", "_reconstruct"),
                ("numpy._core.multiarray", "_reconstruct")}

    def find_class(self, module, name):
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name}")
        if module == "numpy.core.multiarray":
            module = "numpy._core.multiarray"  # NumPy 2 moved it (the old path warns)
        return super().find_class(module, name)


def _cifar(paths):
    batches = {}
    with tarfile.open(paths[0], "r:gz") as archive:
        for member in archive.getmembers():
            name = Path(member.name).name
            if member.isfile() and (name.startswith("data_batch_") or name == "test_batch"):
                raw = archive.extractfile(member).read()
                batches[name] = _ArrayUnpickler(io.BytesIO(raw), encoding="bytes").load()

    def images(batch):
        data = np.asarray(batch[b"data"], np.uint8)
        return data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)

    train = [batches[f"data_batch_{i}"] for i in range(1, 6)]
    x_train = np.concatenate([images(b) for b in train])
    y_train = np.concatenate([np.asarray(b[b"labels"]) for b in train])
    test = batches["test_batch"]
    return (x_train, y_train), (images(test), np.asarray(test[b"labels"]))


_PARSERS = {"mnist": _mnist, "fashion_mnist": _fashion, "cifar10": _cifar}
