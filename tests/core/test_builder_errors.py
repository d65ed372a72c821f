"""Impossible settings are reported on their row in words, never raised."""

import string

import pytest

from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.inference import infer, totals
from dlviz.core.builder.messages import TEMPLATES

new = LayerSpec.new


def image_net(*layers, size=8):
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, size, size, 3]),), "t")
    for spec in layers:
        arch = arch.add(spec)
    return arch.add(new("Flatten", "flat")).add(new("Dense", "out", units=4))


BAD = {
    "spatial size below 1": (
        image_net(new("Conv2D", "bad", kernel_size=[9, 9], padding="valid")),
        "smaller than the window"),
    "pooling below 1": (
        image_net(new("MaxPooling2D", "p1"), new("MaxPooling2D", "p2"),
                  new("MaxPooling2D", "p3"), new("MaxPooling2D", "bad")),
        "smaller than the window"),
    "zero filters": (image_net(new("Conv2D", "bad", filters=0)), "at least 1"),
    "negative units": (Architecture((new("InputLayer", "v", batch_shape=[None, 6]),
                                     new("Dense", "bad", ("v",), units=-3),
                                     new("Dense", "out", ("bad",)))), "at least 1"),
    "groups that do not divide": (image_net(new("Conv2D", "bad", filters=8, groups=2)),
                                  "must divide"),
    "lstm on images": (image_net(new("LSTM", "bad")), "reads sequences"),
    "embedding on images": (image_net(new("Embedding", "bad")), "token numbers"),
    "unknown padding": (image_net(new("Conv2D", "bad", padding="full")), "'valid' or 'same'"),
    "kernel size of three numbers": (image_net(new("Conv2D", "bad", kernel_size=[3, 3, 3])),
                                     "two numbers"),
    "kernel size as text": (image_net(new("Conv2D", "bad", kernel_size="big")),
                            "whole numbers"),
    "zero stride": (image_net(new("Conv2D", "bad", strides=[0, 0])), "at least 1"),
    "merge_mode None (two outputs)": (
        Architecture((new("InputLayer", "seq", batch_shape=[None, 5, 2]),
                      new("Bidirectional", "bad", ("seq",), merge_mode=None,
                          layer={"module": "keras.layers", "class_name": "GRU",
                                 "config": {"units": 3}, "registered_name": None}),
                      new("Dense", "out", ("bad",)))), "two outputs"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_setting_is_reported_on_its_row(case):
    arch, words = BAD[case]
    rows = {r.name: r for r in infer(arch)}
    assert rows["bad"].output_shape is None
    assert words in rows["bad"].error
    after = arch.names()[arch.index("bad") + 1:]
    assert after, "a later row should follow the broken one"
    for name in after:
        assert rows[name].error and "depends on" in rows[name].error
    assert totals(rows.values())["errors"] == 1 + len(after)
    for row in rows.values():  # the window translates the template, then fills it in
        if row.error:
            assert row.error_template in TEMPLATES
            assert row.error_template.format(**dict(row.error_values)) == row.error


def test_dense_on_an_image_asks_for_flatten():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Dense", "dense", ("image",))))
    (_, dense), = [(r.name, r) for r in infer(arch)[1:]]
    assert "Flatten" in dense.error and dense.output_shape is None


def test_add_of_different_shapes_names_both():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Conv2D", "a", ("image",), filters=4),
                         new("Conv2D", "b", ("image",), filters=4, strides=[2, 2]),
                         new("Add", "sum", ("a", "b"))))
    error = infer(arch)[-1].error
    assert "(8, 8, 4)" in error and "(4, 4, 4)" in error


@pytest.mark.parametrize("inputs, words", [(("image",), "two or more"),
                                           (("image", "gone"), "not above it")])
def test_merge_with_too_few_or_missing_inputs(inputs, words):
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Concatenate", "cat", inputs)))
    assert words in infer(arch)[-1].error


def test_a_layer_without_input_and_a_bad_input_shape():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 0, 8, 3]),
                         new("Dropout", "lonely")))
    rows = infer(arch)
    assert "at least 1" in rows[0].error
    assert "reads no layer" in rows[1].error


def test_removing_a_layer_other_layers_read_keeps_every_row_explained():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Conv2D", "a", ("image",), filters=4),
                         new("Conv2D", "b", ("image",), filters=4),
                         new("Add", "sum", ("a", "b")))).remove("a")
    assert arch.layer("sum").inputs == ("image", "b")
    assert "same shape" in infer(arch)[-1].error


def test_opaque_layer_is_kept_until_its_input_changes():
    opaque = LayerSpec("blur", "GaussianBlur", {}, ("image",),
                       {"output_shape": [None, 8, 8, 3], "input_shapes": [[None, 8, 8, 3]],
                        "trainable": 0, "non_trainable": 0})
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]), opaque))
    assert infer(arch)[1].output_shape == (None, 8, 8, 3)
    changed = arch.replace("image", {"batch_shape": [None, 16, 16, 3]})
    assert "not editable here" in infer(changed)[1].error
    unknown = Architecture((arch.layers[0], LayerSpec("blur", "GaussianBlur", {}, ("image",))))
    assert "not editable here" in infer(unknown)[1].error


@pytest.mark.parametrize("value", [None, "x", -1, 0, 1.5, [], [None], {"a": 1}, 10**9,
                                   float("inf"), float("nan"), True])
@pytest.mark.parametrize("key", ["filters", "kernel_size", "strides", "padding", "units",
                                 "pool_size", "rate", "axis", "groups", "dilation_rate"])
def test_any_value_of_any_setting_never_raises(key, value):
    for cls in ("Conv2D", "SeparableConv2D", "DepthwiseConv2D", "MaxPooling2D", "Dense",
                "Concatenate", "BatchNormalization", "LSTM", "Bidirectional", "Embedding"):
        arch = image_net(new(cls, "x", **{key: value}))
        rows = infer(arch)  # must not raise
        assert all(r.error or r.output_shape for r in rows)


def test_templates_are_distinct_sentences():
    assert len(TEMPLATES) == len(set(TEMPLATES)) > 30
    fields = [f for t in TEMPLATES for _, f, _, _ in string.Formatter().parse(t) if f]
    assert fields and all(f.isidentifier() for f in fields)  # a translator can keep them
