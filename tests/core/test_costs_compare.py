"""The cost comparisons against numbers worked out by hand."""

from __future__ import annotations

import pytest

from dlviz.core.costs.compare import EXAMPLE, compare_networks, conv_choices, conv_settings
from dlviz.core.kerasenv import import_keras

keras = import_keras()
layers = keras.layers


def _model():
    x = keras.Input((20, 20, 3))
    y = layers.Conv2D(16, 3, padding="same", name="small")(x)
    y = layers.Conv2D(32, 3, padding="same", name="big")(y)
    y = layers.Conv2D(8, 1, name="pointwise")(y)
    return keras.Model(x, y)


def test_two_3x3_hold_72_percent_of_one_5x5_with_the_same_field():
    choices = conv_choices(None)  # 64 -> 64 channels
    assert choices.pair_ratio == pytest.approx(2 * 9 / 25) == 0.72
    assert choices.weight_ratio == pytest.approx(0.72)
    assert choices.five.weights == 25 * 64 * 64
    assert choices.two_threes.weights == 2 * 9 * 64 * 64
    assert choices.five.receptive_field == choices.two_threes.receptive_field == 5
    assert choices.five.params == choices.five.weights + 64  # biases


def test_separable_ratio_matches_one_over_n_plus_one_over_dk_squared():
    choices = conv_choices(None)  # N = 64, Dk = 3
    assert choices.separable_formula == pytest.approx(1 / 64 + 1 / 9)
    assert choices.separable_ratio == pytest.approx(1 / 64 + 1 / 9, abs=1e-3)
    # 56*56*(9*64 + 64*64) against 56*56*9*64*64
    assert choices.separable.macs == 56 * 56 * (9 * 64 + 64 * 64)
    assert choices.standard.macs == 56 * 56 * 9 * 64 * 64


def test_the_selected_layer_gives_the_channels_kernel_and_size():
    model = _model()
    settings = conv_settings(model, "small")
    assert (settings.channels_in, settings.channels_out) == (3, 16)
    assert settings.kernel == (3, 3) and settings.size == (20, 20)
    choices = conv_choices(model, "small")
    # 3 -> 16 then 16 -> 16 against 3 -> 16: 9 * (3 + 16) / (25 * 3)
    assert choices.weight_ratio == pytest.approx(9 * (3 + 16) / (25 * 3))
    assert choices.pair_ratio == pytest.approx(0.72)
    assert choices.separable_ratio == pytest.approx(
        (400 * (9 * 3 + 3 * 16)) / (400 * 9 * 3 * 16))
    assert choices.conv_layers == ("small", "big", "pointwise")


def test_without_a_choice_the_costliest_wide_conv_is_taken():
    assert conv_settings(_model()).layer_name == "big"


def test_models_without_convolutions_use_the_example():
    x = keras.Input((4,))
    assert conv_settings(keras.Model(x, layers.Dense(2)(x))) is EXAMPLE
    assert conv_settings(None) is EXAMPLE


def test_an_unknown_layer_name_is_refused_with_the_next_step():
    with pytest.raises(ValueError, match="pick one"):
        conv_settings(_model(), "nope")


def test_network_table_counts_equal_keras():
    from dlviz.core.zoo.registry import create

    names = ("vgg16-mini", "mobilenet-mini")
    seen = []
    rows = compare_networks(names, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    for row, name in zip(rows, names):
        zoo = create(name)
        zoo.build()
        assert row.params == zoo.model.count_params()
    assert [r.depth for r in rows] == [16, 28]
    assert rows[1].macs < rows[0].macs
    assert compare_networks(names) == rows  # cached


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params", "depth", "published_macs"), [
    ("mobilenet", 4_253_864, 28, 569e6),    # Howard et al. 2017, Table 8: 569 M mult-adds
    ("resnet50", 25_636_712, 50, 3.8e9),    # He et al. 2016, Table 1: 3.8 x 10^9 FLOPs
    ("googlenet", 13_378_280, 22, 1.5e9),   # Szegedy et al. 2015: 1.5 G multiply-adds
])
def test_full_networks_match_keras_and_their_papers(name, params, depth, published_macs):
    (row,) = compare_networks((name,))
    assert row.params == params  # Keras's count_params, as `dlviz zoo` lists it
    assert row.depth == depth
    assert row.macs == pytest.approx(published_macs, rel=0.07)
