"""ImageNet weights for ``keras.applications``, in Keras's own cache.

A file is looked for exactly where Keras keeps it (``$KERAS_HOME/models/``,
else ``~/.keras/models/``), under the name Keras gives it and checked
against the hash Keras checks (``keras/src/applications/*.py``), so weights
dlviz downloads serve plain Keras too, and the other way round.

Protocol of :func:`ensure_weights`:

1. Use the cached file if it is there and its hash matches (no hash is
   checked where Keras checks none: MobileNet).
2. Otherwise download it in chunks, calling ``progress(done, total)``, into
   a temporary file beside the target; check the hash; ``os.replace``.
3. Any failure, and a damaged download, raises :class:`WeightsUnavailable`
   saying what was needed, where to put it by hand, and the alternatives.
   Whatever ``progress`` raises (``JobCancelled`` on stop or close) is not a
   failure: it propagates as it is, and no partial file is kept.
4. Then fetch ImageNet's class names the same way, on a best-effort basis:
   predictions still work, by class number, without them. That download
   reports no progress of its own (35 kB) but ends as soon as its engine
   job is cancelled (``raise_if_cancelled``).

Nothing here imports Keras, so the GUI can ask what is cached at once.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import ssl
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from dlviz.core.downloads import CHUNK_BYTES, download_file
from dlviz.core.engine import raise_if_cancelled

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"
_TMP_HOME = os.path.join(tempfile.gettempdir(), ".keras")
# Every way a download can fail: URLError, timeouts, resets and SSL errors are
# OSErrors; a server closing early mid-body raises http.client.IncompleteRead;
# a bad size or hash, ValueError.
_FAILURES = (OSError, ValueError, http.client.HTTPException)
_hash_checked: dict[tuple, bool] = {}
_class_index_tried = False


@dataclass(frozen=True)
class WeightsFile:
    """One file Keras downloads: its cache name, origin and hash (md5)."""

    title: str
    file_name: str
    url: str
    file_hash: str | None
    size_text: str = ""


#: keras.applications name -> ImageNet weights with the classifier (include_top).
WEIGHTS: dict[str, WeightsFile] = {
    "vgg16": WeightsFile("VGG-16", "vgg16_weights_tf_dim_ordering_tf_kernels.h5",
                         _BASE + "vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5",
                         "64373286793e3c8b2b4e3219cbf3544b", "about 528 MB"),
    "resnet50": WeightsFile("ResNet-50", "resnet50_weights_tf_dim_ordering_tf_kernels.h5",
                            _BASE + "resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5",
                            "2cb95161c43110f7111970584f804107", "about 98 MB"),
    # Keras checks no hash for MobileNet; neither does dlviz.
    "mobilenet": WeightsFile("MobileNet", "mobilenet_1_0_224_tf.h5",
                             _BASE + "mobilenet/mobilenet_1_0_224_tf.h5", None, "about 16 MB"),
    "inceptionv3": WeightsFile(
        "Inception v3", "inception_v3_weights_tf_dim_ordering_tf_kernels.h5",
        _BASE + "inception_v3/inception_v3_weights_tf_dim_ordering_tf_kernels.h5",
        "9a0d58056eeedaa3f26cb7ebd46da564", "about 92 MB"),
}
#: What ``keras.applications.imagenet_utils.decode_predictions`` downloads.
CLASS_INDEX = WeightsFile(
    "ImageNet class names", "imagenet_class_index.json",
    "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
    "c2c37ea517e94d9795004a39431a14cb", "35 kB")


class WeightsUnavailable(Exception):
    """Pretrained weights are neither cached nor downloadable; ``str()`` says what to do."""

    user_message = True

    def __init__(self, message: str, cache_path: Path):
        super().__init__(message)
        self.cache_path = cache_path


def keras_cache_dir() -> Path:
    """``$KERAS_HOME/models`` or ``~/.keras/models``, as Keras resolves it.

    Read at call time (Keras itself reads ``KERAS_HOME`` once, at import).
    """
    home = os.environ.get("KERAS_HOME")
    if not home:
        base = os.path.expanduser("~")
        home = os.path.join(base if os.access(base, os.W_OK) else "/tmp", ".keras")
    home = os.path.expanduser(home)
    # As keras.utils.get_file: a home that exists but is read-only -> /tmp/.keras.
    if os.path.exists(home) and not os.access(home, os.W_OK):
        home = _TMP_HOME
    return Path(home) / "models"


def cached_file(entry: WeightsFile) -> Path | None:
    """The cached copy of ``entry`` if present and (where Keras checks) intact."""
    for folder in _cache_dirs():
        path = folder / entry.file_name
        if path.is_file() and _hash_ok(path, entry.file_hash):
            return path
    return None


def ensure_weights(app_name: str, progress=None) -> Path:
    """Return the cached ImageNet weights file of ``app_name``, downloading if needed.

    Args:
        app_name: a key of :data:`WEIGHTS` ("vgg16", "resnet50", ...).
        progress: called as ``progress(done_bytes, total_bytes)`` while
            downloading; ``total_bytes`` is None when the server does not
            say. Raising from it cancels the download.

    Returns:
        The weights file's path in Keras's cache.

    Raises:
        WeightsUnavailable: offline, the server refused, or the download was
            damaged; the message says where to put the file by hand.

    Example:
        >>> ensure_weights("mobilenet").name  # doctest: +SKIP
        'mobilenet_1_0_224_tf.h5'
    """
    try:
        entry = WEIGHTS[app_name]
    except KeyError:
        raise KeyError(f"no ImageNet weights known for {app_name!r}; "
                       f"choose one of {', '.join(WEIGHTS)}") from None
    path = cached_file(entry) or _fetch(entry, progress)
    _fetch_class_index()
    return path


def imagenet_class_names() -> tuple[str, ...] | None:
    """ImageNet's 1000 class names from Keras's cache, or None. Never downloads.

    Names are Keras's ``decode_predictions`` names with spaces for
    underscores ("great white shark").
    """
    for folder in _cache_dirs():
        try:
            index = json.loads((folder / CLASS_INDEX.file_name).read_text("utf-8"))
            names = tuple(str(index[str(i)][1]).replace("_", " ") for i in range(1000))
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            continue
        return names
    return None


def _cache_dirs() -> list[Path]:
    """Where to look: Keras's cache, then its /tmp fallback (read-only homes)."""
    return list(dict.fromkeys([keras_cache_dir(), Path(_TMP_HOME) / "models"]))


def _fetch_class_index() -> None:
    """Best effort, once per process: offline, each try could wait for the download timeout.

    A cancelled engine job stops it (``JobCancelled`` propagates; a later call tries again).
    """
    global _class_index_tried
    if _class_index_tried or cached_file(CLASS_INDEX) is not None:
        return
    _class_index_tried = True
    try:
        _download(CLASS_INDEX, keras_cache_dir() / CLASS_INDEX.file_name,
                  lambda done, total: raise_if_cancelled())
    except _FAILURES:
        pass  # the predictions view falls back to class numbers
    except BaseException:
        _class_index_tried = False  # cancelled, not failed: worth another try
        raise


def _fetch(entry: WeightsFile, progress) -> Path:
    target = keras_cache_dir() / entry.file_name
    try:
        _download(entry, target, progress)
    except _FAILURES as exc:
        raise WeightsUnavailable(_unavailable_message(entry, target, exc), target) from exc
    return target


def _download(entry: WeightsFile, target: Path, progress) -> None:
    download_file(entry.url, target, progress=progress, expected_hash=entry.file_hash,
                  hash_name="md5")


def _unavailable_message(entry: WeightsFile, target: Path, exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(exc, urllib.error.HTTPError):
        why = f"the server answered {exc.code} {exc.reason}"
    elif isinstance(reason, ssl.SSLError):
        why = f"no secure connection could be made ({reason})"
    elif isinstance(reason, TimeoutError):
        why = "the connection timed out"
    elif isinstance(exc, urllib.error.URLError):
        why = f"no internet connection ({reason})"
    else:
        why = str(exc) or type(exc).__name__
    stale = " (the copy there is incomplete or damaged)" if target.exists() else ""
    size = f", {entry.size_text}" if entry.size_text else ""
    return (f"Could not download the ImageNet weights for {entry.title}: {why}. "
            f"They are the file {entry.file_name}{size}, from {entry.url}. "
            f"To use them offline, download that file on a connected computer and "
            f"put it here: {target}{stale}. "
            "Or choose random weights, or a local weights file (.h5 or .keras), instead.")


def _hash_ok(path: Path, expected: str | None) -> bool:
    """Whether ``path`` has Keras's expected hash; remembered per size and mtime.

    Every hash Keras gives these files has 32 digits, which its
    ``get_file(hash_algorithm="auto")`` treats as MD5.
    """
    if not expected:
        return True
    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns, expected)
    if key not in _hash_checked:
        hasher = hashlib.md5(usedforsecurity=False)
        with open(path, "rb") as file:
            while chunk := file.read(CHUNK_BYTES):
                hasher.update(chunk)
        _hash_checked[key] = hasher.hexdigest() == expected
    return _hash_checked[key]
