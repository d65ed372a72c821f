"""Layer names, shapes and wiring of the library's CNNs.

ResNet-50, MobileNet and VGG-16 are compared layer by layer with
``keras.applications`` built with ``weights=None`` (offline; nothing is
downloaded), so ImageNet weights fit them later.
"""

import gc

import keras
import numpy as np
import pytest

from dlviz.core.layers import LocalResponseNormalization
from dlviz.core.zoo.alexnet import AlexNet
from dlviz.core.zoo.googlenet import TABLE1, GoogLeNet
from dlviz.core.zoo.lenet import LeNet5
from dlviz.core.zoo.mobilenet import MobileNet
from dlviz.core.zoo.resnet import ResNet50
from dlviz.core.zoo.vgg import VGG16

apps = keras.applications


@pytest.fixture(autouse=True)
def fresh_keras_session():
    keras.backend.clear_session()
    yield
    keras.backend.clear_session()
    gc.collect()


def layer_table(model, skip=()):
    """(name, class, weight shapes) per layer, without the input layer."""
    return [(layer.name, type(layer).__name__, [tuple(w.shape) for w in layer.weights])
            for layer in model.layers
            if not isinstance(layer, keras.layers.InputLayer) and layer.name not in skip]


def test_resnet50_matches_keras_applications():
    ours = ResNet50().build()
    theirs = apps.ResNet50(weights=None)
    assert layer_table(ours) == layer_table(theirs)
    assert ours.count_params() == theirs.count_params() == 25_636_712
    names = {layer.name for layer in ours.layers}
    # Projection shortcuts only in the first (convolutional) block of a stage.
    for stage, blocks in (("conv2", 3), ("conv3", 4), ("conv4", 6), ("conv5", 3)):
        assert f"{stage}_block1_0_conv" in names
        assert f"{stage}_block{blocks}_out" in names
        assert not any(f"{stage}_block{i}_0_conv" in names for i in range(2, blocks + 1))
    assert ours.get_layer("conv1_conv").use_bias
    assert ours.get_layer("conv5_block3_out").output.shape[1:] == (7, 7, 2048)


def test_resnet50_mini_keeps_every_name():
    full = [layer.name for layer in ResNet50().build().layers]
    mini = ResNet50(input_shape=(32, 32, 3), classes=10).build()
    assert [layer.name for layer in mini.layers] == full
    assert mini.get_layer("conv5_block3_out").output.shape[1:] == (1, 1, 512)


@pytest.mark.parametrize("alpha, size", [(1.0, 224), (0.5, 128)])
def test_mobilenet_matches_keras_applications(alpha, size):
    ours = MobileNet(input_shape=(size, size, 3), alpha=alpha).build()
    theirs = apps.MobileNet(input_shape=(size, size, 3), alpha=alpha, weights=None)
    # Keras leaves these two weightless layers with generated names.
    renamed = ("global_average_pooling", "reshape_preds",
               "global_average_pooling2d", "reshape_2")
    assert layer_table(ours, renamed) == layer_table(theirs, renamed)
    assert len(ours.layers) == len(theirs.layers)
    assert ours.count_params() == theirs.count_params()
    assert type(ours.get_layer("conv_dw_1")).__name__ == "DepthwiseConv2D"


def test_vgg16_names_match_keras_applications():
    # The full-width layers at 32x32 have the same names and kernel shapes as
    # at 224x224 (except fc1's input), and build in a fraction of the time.
    ours = VGG16(input_shape=(32, 32, 3), classes=10, width_divisor=1,
                 fc_units=4096).build()
    theirs = apps.VGG16(input_shape=(32, 32, 3), classes=10, weights=None)
    assert layer_table(ours) == layer_table(theirs)
    assert [layer.name for layer in VGG16(input_shape=(32, 32, 3)).build().layers] == [
        layer.name for layer in ours.layers]


def test_alexnet_layer_pattern():
    model = AlexNet().build()
    sizes = {name: model.get_layer(name).output.shape[1:] for name in
             ("conv1", "pool1", "conv2", "pool2", "conv5", "pool5")}
    assert sizes == {"conv1": (55, 55, 96), "pool1": (27, 27, 96),
                     "conv2": (27, 27, 256), "pool2": (13, 13, 256),
                     "conv5": (13, 13, 256), "pool5": (6, 6, 256)}
    groups = {layer.name: layer.groups for layer in model.layers
              if isinstance(layer, keras.layers.Conv2D)}
    assert groups == {"conv1": 1, "conv2": 2, "conv3": 1, "conv4": 2, "conv5": 2}
    norms = [layer.name for layer in model.layers
             if isinstance(layer, LocalResponseNormalization)]
    assert norms == ["conv1_norm", "conv2_norm"]
    mini = AlexNet(input_shape=(32, 32, 3), classes=10).build()
    assert [layer.name for layer in mini.layers] == [layer.name for layer in model.layers]
    assert mini.get_layer("conv2").groups == 2
    assert mini.get_layer("pool5").output.shape[1:3] == (3, 3)


@pytest.mark.parametrize("modern, act, pool", [(False, "tanh", "AveragePooling2D"),
                                                (True, "relu", "MaxPooling2D")])
def test_lenet5_variants(modern, act, pool):
    model = LeNet5(modern=modern).build()
    assert [model.get_layer(n).output.shape[1] for n in
            ("c1_conv", "s2_pool", "c3_conv", "s4_pool", "c5_conv")] == [28, 14, 10, 5, 1]
    assert model.get_layer("c1_conv").activation.__name__ == act
    assert model.get_layer("f6_dense").activation.__name__ == act
    assert type(model.get_layer("s2_pool")).__name__ == pool


def test_googlenet_blocks_and_heads():
    model = GoogLeNet().build()
    assert model.output_names == ["main", "aux1", "aux2"]
    for block in TABLE1:
        for branch in ("1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5", "pool",
                       "pool_proj", "output"):
            model.get_layer(f"inception_{block}_{branch}")
    assert model.get_layer("inception_3a_3x3").kernel.shape == (3, 3, 96, 128)
    assert model.get_layer("inception_5b_5x5").kernel.shape == (5, 5, 48, 128)
    # Aux heads: 14x14 maps pool to 4x4, then 1x1 conv with 128 filters.
    assert model.get_layer("aux1_avg_pool").output.shape[1:] == (4, 4, 512)
    assert model.get_layer("aux2_conv").kernel.shape == (1, 1, 528, 128)
    assert model.get_layer("aux1_dropout").rate == pytest.approx(0.7)
    assert model.get_layer("inception_5b_output").output.shape[1:] == (7, 7, 1024)


def test_googlenet_training_setup_and_averaged_prediction():
    net = GoogLeNet(input_shape=(32, 32, 3), classes=10)
    args = net._compile_args()
    assert args["loss_weights"] == {"main": 1.0, "aux1": 0.3, "aux2": 0.3}
    y = np.array([1, 2, 3])
    assert {k: v.tolist() for k, v in net._targets(y).items()} == {
        "main": [1, 2, 3], "aux1": [1, 2, 3], "aux2": [1, 2, 3]}
    model = net.build()
    # Small inputs: the same blocks at a quarter of table 1's widths.
    assert model.get_layer("inception_3a_output").output.shape[1:] == (16, 16, 256 // 4)
    assert model.get_layer("inception_5b_output").output.shape[1:] == (4, 4, 1024 // 4)
    x = np.random.default_rng(0).random((4, 32, 32, 3), dtype=np.float32)
    heads = net.predict_heads(x)
    assert set(heads) == {"main", "aux1", "aux2", "average"}
    raw = model.predict(x, verbose=0)
    for name, out in zip(("main", "aux1", "aux2"), raw):
        np.testing.assert_allclose(heads[name], out, rtol=1e-6)
    np.testing.assert_allclose(heads["average"], np.mean(raw, axis=0), rtol=1e-6)
    np.testing.assert_allclose(net.predict(x), heads["average"], rtol=1e-6)
    # The heads are different classifiers, so the average is not just "main".
    assert not np.allclose(heads["main"], heads["aux1"])
