"""Which layers have feature maps, their paths in nested models, blocks and roles."""

import numpy as np
import pytest

from _probe_models import keras, layers, nested_model, small_cnn
from dlviz.core.probes.activations import ActivationExtractor, feature_maps
from dlviz.core.probes.filters import filter_layers
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.structure import block_and_role, other_layers, spatial_layers


def test_only_layers_with_4d_outputs_are_spatial_and_input_layers_are_left_out():
    model = small_cnn()
    infos = spatial_layers(model)
    assert [i.path for i in infos] == ["conv1", "bn1", "pool1", "conv2"]
    assert [i.type for i in infos] == ["Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D"]
    assert infos[0].shape == (10, 10, 4) and infos[2].shape == (5, 5, 4)
    assert all(i.depth == 0 and i.block is None and i.role is None for i in infos)
    assert other_layers(model) == ["flatten", "predictions"]


def test_nested_functional_and_sequential_models_are_expanded_with_paths():
    infos = spatial_layers(nested_model())
    assert [(i.path, i.depth) for i in infos] == [
        ("stem", 0), ("backbone/b_conv", 1), ("backbone/deep/deep_conv", 2),
        ("backbone/deep/deep_bn", 2), ("backbone/b_pool", 1), ("head_block/h_conv", 1)]
    assert infos[2].name == "deep_conv" and infos[-1].shape == (6, 6, 5)


@pytest.mark.parametrize("name, expected", [
    ("inception_3a_1x1", ("inception_3a", "1x1 branch")),
    ("inception_3a_3x3_reduce", ("inception_3a", "3x3 branch")),
    ("inception_4e_3x3", ("inception_4e", "3x3 branch")),
    ("inception_5b_5x5_reduce", ("inception_5b", "5x5 branch")),
    ("inception_5b_5x5", ("inception_5b", "5x5 branch")),
    ("inception_3b_pool", ("inception_3b", "pool branch")),
    ("inception_3b_pool_proj", ("inception_3b", "pool branch")),
    ("inception_3b_output", ("inception_3b", "merge")),
    ("conv2_block1_0_conv", ("conv2_block1", "shortcut")),
    ("conv2_block1_0_bn", ("conv2_block1", "shortcut")),
    ("conv3_block2_1_relu", ("conv3_block2", "residual")),
    ("conv5_block3_3_bn", ("conv5_block3", "residual")),
    ("conv4_block6_add", ("conv4_block6", "merge")),
    ("conv4_block6_out", ("conv4_block6", "merge")),
    ("block1_conv1", (None, None)), ("conv1_conv", (None, None)), ("pool2", (None, None)),
])
def test_block_and_role_from_names(name, expected):
    assert block_and_role(name) == expected


def test_googlenet_mini_blocks_show_four_branches_and_the_merge():
    from dlviz.core.zoo import create

    infos = spatial_layers(create("googlenet-mini").build())
    block = {i.name: i.role for i in infos if i.block == "inception_4a"}
    assert set(block.values()) == {"1x1 branch", "3x3 branch", "5x5 branch", "pool branch",
                                   "merge"}
    assert block["inception_4a_output"] == "merge" and len(block) == 8
    blocks = {i.block for i in infos if i.block}
    assert blocks == {f"inception_{b}" for b in ("3a", "3b", "4a", "4b", "4c", "4d", "4e",
                                                  "5a", "5b")}


def test_resnet_blocks_have_shortcut_residual_and_merge():
    from dlviz.core.zoo import create

    infos = spatial_layers(create("resnet50-mini").build())
    roles = {i.name: i.role for i in infos if i.block == "conv3_block1"}
    assert roles["conv3_block1_0_conv"] == "shortcut"
    assert roles["conv3_block1_2_conv"] == "residual"
    assert roles["conv3_block1_out"] == "merge"
    identity = {i.role for i in infos if i.block == "conv3_block2"}
    assert identity == {"residual", "merge"}  # identity blocks have no shortcut layers


class Subclassed(keras.Model):
    def __init__(self):
        super().__init__(name="my_net")
        self.conv = layers.Conv2D(2, 3)
        self.pool = layers.GlobalAveragePooling2D()
        self.dense = layers.Dense(3, activation="softmax")

    def call(self, x):
        return self.dense(self.pool(self.conv(x)))


def _subclassed():
    net = Subclassed()
    net(np.zeros((1, 8, 8, 3), np.float32))
    return net


def _unbuilt():
    return keras.Sequential([layers.Conv2D(2, 3), layers.Flatten(), layers.Dense(2)],
                            name="not_yet")


@pytest.mark.parametrize("make, words", [(_subclassed, ["subclassed", "my_net", "Functional"]),
                                         (_unbuilt, ["not_yet", "not been built", "Input"])])
def test_models_without_a_graph_say_why(make, words):
    model = make()
    probes = [lambda: spatial_layers(model), lambda: filter_layers(model),
              lambda: ActivationExtractor(model),
              lambda: prepare_input(model, np.zeros((8, 8, 3), np.float32))]
    for probe in probes:
        with pytest.raises(ProbeUnavailable) as caught:
            probe()
        assert all(w in str(caught.value) for w in words), str(caught.value)


def test_prepared_input_from_another_model_still_needs_a_graph_for_feature_maps():
    prepared = prepare_input(small_cnn(), np.zeros((12, 12, 3), np.float32))
    with pytest.raises(ProbeUnavailable, match="subclassed"):
        feature_maps(_subclassed(), prepared)


def test_blocks_with_generic_names_are_found_in_the_graph():
    inputs = keras.Input((8, 8, 4))
    stem = layers.Conv2D(4, 1, name="conv2d")(inputs)
    one = layers.Conv2D(2, 1, name="conv2d_1")(stem)
    three = layers.Conv2D(2, 3, padding="same", name="conv2d_3")(
        layers.Conv2D(2, 1, name="conv2d_2")(stem))
    pool = layers.Conv2D(2, 1, name="conv2d_4")(
        layers.AveragePooling2D(3, 1, padding="same", name="average_pooling2d")(stem))
    mixed = layers.Concatenate(name="mixed0")([one, three, pool])
    residual = layers.BatchNormalization(name="batch_normalization")(
        layers.Conv2D(6, 3, padding="same", name="conv2d_5")(mixed))
    added = layers.Add(name="add")([mixed, residual])
    model = keras.Model(inputs, layers.Activation("relu", name="activation")(added))
    labels = {i.path: (i.block, i.role) for i in spatial_layers(model)}
    assert labels["conv2d"] == (None, None)  # the fork belongs to no branch
    assert labels["conv2d_1"] == ("mixed0", "1x1 branch")
    assert labels["conv2d_2"] == labels["conv2d_3"] == ("mixed0", "3x3 branch")
    assert labels["average_pooling2d"] == labels["conv2d_4"] == ("mixed0", "pool branch")
    assert labels["mixed0"] == ("mixed0", "merge")
    assert labels["conv2d_5"] == labels["batch_normalization"] == ("add", "residual")
    assert labels["add"] == ("add", "merge") and labels["activation"] == (None, None)


def test_resnet_like_names_without_a_merge_are_not_taken_for_resnet_blocks():
    # DenseNet calls its layers conv2_block1_0_bn ... conv2_block1_concat.
    inputs = keras.Input((8, 8, 4))
    x = layers.BatchNormalization(name="conv2_block1_0_bn")(inputs)
    x = layers.Conv2D(4, 1, name="conv2_block1_1_conv")(x)
    model = keras.Model(inputs, layers.Concatenate(name="conv2_block1_concat")([inputs, x]))
    assert {(i.block, i.role) for i in spatial_layers(model)} == {(None, None)}
