"""keras.applications with ImageNet weights: the offline message, the cache, the
random and local-file options, and a (fake, local) download's progress.

Nothing here touches the network: every test runs with an empty Keras cache in
tmp_path and with urllib, keras.utils.get_file and socket connections made to
fail; the download tests serve bytes from memory.
"""

import hashlib
import http.client
import io
import json
import socket
import urllib.error
import urllib.request
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from dlviz.core import downloads
from dlviz.core.engine import describe_error
from dlviz.core.kerasenv import import_keras
from dlviz.core.zoo import REGISTRY, create
from dlviz.core.zoo import imagenet_weights as iw
from dlviz.core.zoo.applications import (ImageNetInceptionV3, ImageNetMobileNet,
                                         ImageNetResNet50, ImageNetVGG16, WeightsFileError,
                                         WeightsUnavailable, ensure_weights,
                                         imagenet_class_names)

keras = import_keras()
from keras.src.utils import file_utils  # noqa: E402
IMAGENET = ["vgg16-imagenet", "resnet50-imagenet", "mobilenet-imagenet",
            "inceptionv3-imagenet"]


@pytest.fixture
def cache(monkeypatch, tmp_path):
    """An empty Keras cache, and a machine with no network at all."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(iw, "_TMP_HOME", str(tmp_path / "tmp_keras"))
    monkeypatch.setattr(iw, "_class_index_tried", False)
    tried = []

    def no_network(url, *args, **kwargs):
        tried.append(str(getattr(url, "full_url", url)))
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    def no_socket(*args, **kwargs):
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(keras.utils, "get_file", no_network)
    monkeypatch.setattr(file_utils, "get_file", no_network)  # what applications call
    monkeypatch.setattr(socket.socket, "connect", no_socket)
    return SimpleNamespace(dir=tmp_path / "keras" / "models", tried=tried)


@pytest.fixture(autouse=True)
def _clear_session():
    yield
    keras.backend.clear_session()


def serve(monkeypatch, payload: bytes, length: int | None = None):
    """Make urllib answer every URL with ``payload`` (and a Content-Length)."""
    urls = []

    class Response(io.BytesIO):
        headers = {"Content-Length": str(len(payload) if length is None else length)}

    def fake_urlopen(url, timeout=None):
        urls.append(url)
        return Response(payload)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return urls


def write_class_index(folder):
    folder.mkdir(parents=True, exist_ok=True)
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    index["2"] = ["n01484850", "great_white_shark"]
    (folder / "imagenet_class_index.json").write_text(json.dumps(index))


def save_legacy_h5(model, path):
    """Weights in the legacy HDF5 layout of Keras's own ImageNet files."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    path.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def same_weights(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights()))


@pytest.mark.parametrize("name", IMAGENET)
def test_offline_imagenet_build_says_what_to_do(cache, name):
    entry = REGISTRY[name]
    assert entry.kind == "ImageNet"
    net = create(name)
    with pytest.raises(WeightsUnavailable) as info:
        net.build()
    error = info.value
    expected = cache.dir / iw.WEIGHTS[net.app_name].file_name
    assert error.cache_path == expected and error.user_message is True
    text = str(error)
    assert "no internet connection" in text and "name resolution" in text
    assert iw.WEIGHTS[net.app_name].url in text
    assert f"put it here: {expected}" in text
    assert "random weights" in text and "local weights file" in text
    assert describe_error(error) == text  # shown as written, no class name prefix
    assert net.model is None and not expected.exists()
    assert list(cache.dir.glob("*.part")) == []


@pytest.mark.parametrize("cls, preprocessing, side, params", [
    # 138M weights to initialise: the one VGG-16 at 224 built in this file.
    pytest.param(ImageNetVGG16, "caffe", 224, 138_357_544, marks=pytest.mark.slow),
    (ImageNetResNet50, "caffe", 224, 25_636_712),
    (ImageNetMobileNet, "tf", 224, 4_253_864),
    (ImageNetInceptionV3, "tf", 299, 23_851_784),
])
def test_random_weights_build_offline(cache, cls, preprocessing, side, params):
    net = cls(weights="random")
    assert net.preprocessing == preprocessing and net.kind == "ImageNet"
    assert net.input_shape == (side, side, 3) and net.classes == 1000
    assert net.build().count_params() == params
    assert net.class_names is None  # nothing in the cache, and nothing fetched
    assert cache.tried == []


def test_class_names_come_from_the_cache_even_with_random_weights(cache):
    assert imagenet_class_names() is None
    write_class_index(cache.dir)
    names = imagenet_class_names()
    assert len(names) == 1000 and names[2] == "great white shark"
    net = create("mobilenet-imagenet", weights="random", input_shape=(64, 64, 3))
    net.build()
    assert net.class_names == names


def test_cached_weights_are_found_without_downloading(cache, monkeypatch):
    cache.dir.mkdir(parents=True)
    # MobileNet: Keras checks no hash, so any file of the right name is used.
    mobilenet = cache.dir / "mobilenet_1_0_224_tf.h5"
    mobilenet.write_bytes(b"stand-in")
    assert ensure_weights("mobilenet") == mobilenet
    # VGG-16: Keras checks an MD5; a wrong file is not trusted ...
    vgg = cache.dir / "vgg16_weights_tf_dim_ordering_tf_kernels.h5"
    vgg.write_bytes(b"stand-in")
    with pytest.raises(WeightsUnavailable, match="incomplete or damaged"):
        ensure_weights("vgg16")
    # ... and one with the expected hash is used as it is.
    digest = hashlib.md5(b"stand-in").hexdigest()
    monkeypatch.setitem(iw.WEIGHTS, "vgg16", replace(iw.WEIGHTS["vgg16"], file_hash=digest))
    assert ensure_weights("vgg16") == vgg


def test_imagenet_build_loads_the_cached_file_keras_names(cache):
    source = keras.applications.MobileNet(weights=None, input_shape=(224, 224, 3))
    save_legacy_h5(source, cache.dir / "mobilenet_1_0_224_tf.h5")
    net = create("mobilenet-imagenet")
    assert same_weights(net.build(), source)
    (cache.dir / "mobilenet_1_0_224_tf.h5").write_bytes(b"garbage")
    with pytest.raises(WeightsFileError, match="delete that file"):
        create("mobilenet-imagenet").build()


def test_a_local_weights_file_is_loaded(cache, tmp_path):
    source = ImageNetMobileNet(weights="random", input_shape=(96, 96, 3), classes=5)
    path = tmp_path / "mine.weights.h5"
    source.build().save_weights(path)
    net = ImageNetMobileNet(weights=str(path), input_shape=(96, 96, 3), classes=5)
    assert same_weights(net.build(), source.model)
    wrong = ImageNetMobileNet(weights=str(path), input_shape=(96, 96, 3), classes=7)
    with pytest.raises(WeightsFileError, match="mine.weights.h5 does not fit"):
        wrong.build()
    with pytest.raises(WeightsFileError, match="does not exist"):
        ImageNetMobileNet(weights=str(tmp_path / "gone.h5")).build()
    with pytest.raises(ValueError, match="weights must be"):
        ImageNetMobileNet(weights="cifar")


def test_imagenet_weights_need_the_published_input(cache):
    with pytest.raises(ValueError, match="299x299x3 images, not 224x224x3"):
        ImageNetInceptionV3(input_shape=(224, 224, 3)).build()


def test_download_reports_progress_and_lands_in_the_cache(cache, monkeypatch):
    payload = bytes(range(256)) * 40  # 10,240 bytes
    monkeypatch.setattr(downloads, "CHUNK_BYTES", 4096)
    urls = serve(monkeypatch, payload)
    seen = []
    path = ensure_weights("mobilenet", progress=lambda done, total: seen.append((done, total)))
    assert path == cache.dir / "mobilenet_1_0_224_tf.h5" and path.read_bytes() == payload
    assert seen == [(0, 10240), (4096, 10240), (8192, 10240), (10240, 10240)]
    assert urls[0] == iw.WEIGHTS["mobilenet"].url
    # The class names were tried too (best effort); the served bytes fail their
    # hash, so nothing is kept and no error is raised.
    assert urls[1] == iw.CLASS_INDEX.url
    assert sorted(p.name for p in cache.dir.iterdir()) == ["mobilenet_1_0_224_tf.h5"]


@pytest.mark.parametrize("length, message", [
    (None, "downloaded file is damaged"),      # wrong MD5
    (99_999, "stopped after 5 of 99,999"),     # connection dropped
])
def test_a_bad_download_is_discarded(cache, monkeypatch, length, message):
    serve(monkeypatch, b"short", length)
    with pytest.raises(WeightsUnavailable, match=message):
        ensure_weights("vgg16")
    assert list(cache.dir.iterdir()) == []


@pytest.mark.parametrize("failure, message", [
    (urllib.error.HTTPError("u", 404, "Not Found", {}, None), "the server answered 404 Not Found"),
    (urllib.error.URLError(TimeoutError("timed out")), "the connection timed out"),
    (TimeoutError("timed out"), "the connection timed out"),
    (http.client.IncompleteRead(b"abc", 10), "IncompleteRead"),
    (ConnectionResetError(104, "Connection reset by peer"), "Connection reset by peer"),
])
def test_every_network_failure_becomes_weights_unavailable(cache, monkeypatch, failure,
                                                           message):
    def failing(url, timeout=None):
        raise failure

    monkeypatch.setattr(urllib.request, "urlopen", failing)
    with pytest.raises(WeightsUnavailable, match=message) as info:
        ensure_weights("resnet50")
    assert "Could not download the ImageNet weights for ResNet-50" in str(info.value)
    assert list(cache.dir.iterdir()) == []
