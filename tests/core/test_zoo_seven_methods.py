"""Every small library model goes through the seven methods on random data.

Big canonical builds live in ``test_zoo_param_counts.py``; here each model is
a 32x32 preset (or LeNet-5's own 32x32x1) trained for one epoch on 32 random
images, so the whole file stays well under two minutes on two CPU cores.
"""

import re

import keras
import numpy as np
import pytest

from dlviz.core.zoo import REGISTRY, create

NAMES = ["lenet5", *(name for name in REGISTRY if name.endswith("-mini"))]
SAMPLES = 32


def keras_default_name(class_name: str) -> str:
    """The name Keras gives an unnamed layer of this class (``Conv2D`` -> conv2d)."""
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", class_name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


@pytest.fixture(autouse=True)
def fresh_keras_session():
    keras.backend.clear_session()
    yield
    keras.backend.clear_session()


def random_data(net, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((SAMPLES, *net.input_shape), dtype=np.float32)
    y = rng.integers(0, net.classes, SAMPLES)
    return x, y


def test_every_mini_preset_is_covered():
    assert {"alexnet-mini", "vgg16-mini", "googlenet-mini", "resnet50-mini",
            "mobilenet-mini"} <= set(NAMES)
    for name in NAMES:
        net = create(name)
        assert net.kind == "CNN" and net.title
        assert net.input_shape[:2] == (32, 32)
        assert net.classes == 10


def test_keras_default_name_matches_keras():
    assert keras_default_name("Conv2D") == keras.layers.Conv2D(1, 1).name.split("_")[0]
    assert keras_default_name("BatchNormalization") == "batch_normalization"
    assert keras_default_name("InputLayer") == "input_layer"


@pytest.mark.parametrize("name", NAMES)
def test_seven_methods(name, tmp_path):
    net = create(name)
    # 1. build: a Functional model whose layers all carry chosen names.
    model = net.build()
    assert isinstance(model, keras.Model) and model.__class__.__name__ == "Functional"
    names = [layer.name for layer in model.layers]
    assert len(set(names)) == len(names)
    for layer in model.layers:
        default = keras_default_name(type(layer).__name__)
        assert not re.fullmatch(rf"{default}_\d+", layer.name), (
            f"{name}: layer {layer.name!r} ({type(layer).__name__}) has no chosen name")
    # Keras numbers generated names per session ("flatten", then "flatten_1"),
    # so a second build in the same session renames exactly the unnamed
    # layers; chosen names such as VGG's "flatten" stay as they are.
    assert [layer.name for layer in create(name).build().layers] == names

    # 2. summary: one named row per layer and the same totals as Keras.
    summary = net.summary()
    assert summary.total_params == model.count_params() > 0
    assert summary.trainable_params <= summary.total_params
    assert [row.name for row in summary.rows] == [layer.name for layer in model.layers]
    assert summary.as_text().endswith(f"Total params: {model.count_params():,}")

    # 3. train: LeNet-5 takes the default path (train compiles with Adam);
    # the deep models compile with SGD first, because TensorFlow needs 2-3x
    # longer to trace Adam's per-variable updates and the path is the same.
    x, y = random_data(net)
    if name != "lenet5":
        net.compile(optimizer="sgd", learning_rate=0.01)
    history = net.train(x, y, epochs=1, batch_size=16)
    assert isinstance(history, dict)
    assert len(history["loss"]) == 1 and np.isfinite(history["loss"][0])

    # 4. test: a flat dict of floats, with the loss and the accuracy.
    scores = net.test(x, y, batch_size=16)
    assert all(isinstance(v, float) for v in scores.values())
    assert np.isfinite(scores["loss"]) and 0.0 <= scores["accuracy"] <= 1.0

    probs = net.predict(x)
    assert probs.shape == (SAMPLES, net.classes)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)

    # 5. save / 6. load: the reloaded model predicts exactly the same.
    path = net.save(tmp_path / f"{name}.keras")
    assert path.exists() and path.stat().st_size > 0
    loaded = type(net).load(path)
    assert isinstance(loaded, type(net))
    assert loaded.input_shape == net.input_shape and loaded.classes == net.classes
    assert [w.shape for w in loaded.model.weights] == [w.shape for w in model.weights]
    np.testing.assert_allclose(loaded.predict(x), probs, rtol=1e-5, atol=1e-6)
