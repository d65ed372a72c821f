"""Every layer's MACs and receptive field, read from real Keras models."""

from __future__ import annotations

import pytest

from dlviz.core.costs.keras_costs import model_costs
from dlviz.core.kerasenv import import_keras
from dlviz.core.summary import summarize

keras = import_keras()
layers = keras.layers


def _by_name(costs):
    return {row.name: row for row in costs.rows}


def test_a_branching_model_gets_macs_fields_and_depth():
    x = keras.Input((16, 16, 3))
    a = layers.Conv2D(8, 3, padding="same", name="a")(x)
    b = layers.Conv2D(8, 5, padding="same", name="b")(x)
    s = layers.Add(name="add")([a, b])
    p = layers.MaxPooling2D(name="pool")(s)
    c = layers.Conv2D(4, 3, name="c")(p)
    out = layers.Dense(2, name="head")(layers.Flatten(name="flat")(c))
    costs = model_costs(keras.Model(x, out))
    rows = _by_name(costs)
    assert rows["a"].macs == 256 * 9 * 3 * 8
    assert rows["b"].macs == 256 * 25 * 3 * 8
    assert rows["c"].macs == 36 * 9 * 8 * 4
    assert rows["head"].macs == 144 * 2
    assert rows["pool"].macs == 0 and rows["add"].macs == 0
    # b's 5x5 is the wider branch: pool 5 + 1 = 6; c adds (3 - 1) * 2 = 4.
    assert (rows["a"].receptive_field, rows["b"].receptive_field) == (3, 5)
    assert (rows["pool"].receptive_field, rows["c"].receptive_field) == (6, 10)
    assert rows["add"].receptive_field is None and rows["head"].receptive_field is None
    assert costs.total_macs == sum(r.macs for r in costs.rows)
    assert costs.depth == 3  # a or b, c, head


def test_a_nested_model_row_is_the_sum_of_its_layers_and_counted_once():
    inner_in = keras.Input((8, 8, 3))
    inner_out = layers.Conv2D(4, 3, name="inner_conv")(inner_in)
    backbone = keras.Model(inner_in, inner_out, name="backbone")
    x = keras.Input((8, 8, 3))
    y = layers.Conv2D(2, 3, name="after")(backbone(x))
    costs = model_costs(keras.Model(x, y))
    rows = _by_name(costs)
    assert rows["backbone"].macs == rows["inner_conv"].macs == 36 * 27 * 4
    assert rows["inner_conv"].depth == 1
    assert rows["after"].receptive_field == 5  # the field goes on through the backbone
    assert costs.total_macs == rows["backbone"].macs + rows["after"].macs
    assert costs.depth == 2
    assert any("nested" in note for note in costs.notes)


def test_a_sequential_text_model_counts_its_recurrent_layers():
    model = keras.Sequential([
        keras.Input((12,)), layers.Embedding(50, 8, name="emb"),
        layers.Bidirectional(layers.GRU(4), name="bi"), layers.Dense(3, name="out"),
    ])
    rows = _by_name(model_costs(model))
    assert rows["emb"].macs == 0
    assert rows["bi"].macs == 2 * 12 * 3 * (8 + 4) * 4
    assert rows["out"].macs == 8 * 3


def test_a_subclass_of_conv2d_counts_as_conv2d():
    from dlviz.core.layers.grouped_conv import GroupedConv2D

    x = keras.Input((6, 6, 4))
    y = GroupedConv2D(8, 3, groups=2, name="grouped")(x)
    assert _by_name(model_costs(keras.Model(x, y)))["grouped"].macs == 16 * 9 * 2 * 8


def test_unknown_lengths_are_said():
    x = keras.Input((None, 5))
    costs = model_costs(keras.Model(x, layers.LSTM(3)(x)))
    assert costs.total_macs == 4 * (5 + 3) * 3
    assert any("unknown" in note for note in costs.notes)


def test_the_summary_carries_the_new_columns_and_total():
    x = keras.Input((10, 10, 1))
    y = layers.Conv2D(2, 3, name="conv")(x)
    y = layers.Conv2D(2, 3, name="conv2")(y)
    summary = summarize(keras.Model(x, y, name="tiny"))
    conv, conv2 = summary.rows[1], summary.rows[2]
    assert (conv.macs, conv.receptive_field) == (64 * 9 * 2, 3)
    assert (conv2.macs, conv2.receptive_field) == (36 * 9 * 2 * 2, 5)
    assert summary.total_macs == 64 * 18 + 36 * 36
    text = summary.as_text()
    assert "MACs" in text.splitlines()[2] and "RF" in text.splitlines()[2]
    assert f"Total MACs: {summary.total_macs:,}" in text
    assert text.endswith(f"Total params: {summary.total_params:,}")


@pytest.mark.parametrize(("name", "depth"), [("vgg16-mini", 16), ("mobilenet-mini", 28)])
def test_library_models_have_the_depth_their_papers_give(name, depth):
    from dlviz.core.zoo.registry import create

    zoo = create(name)
    zoo.build()
    assert model_costs(zoo.model).depth == depth
