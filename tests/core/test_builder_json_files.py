"""Opening architecture JSON: files from Keras, the builder's own, and bad files."""

import json

import keras
import pytest

from _builder_checks import keras_config
from dlviz.core.builder.inference import infer
from dlviz.core.builder.keras_io import from_json, to_config, to_config_json


def test_sequential_model_json_opens_as_a_chain():
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(4, name="hidden"),
                              keras.layers.Dense(2, name="out")], name="seq")
    arch = from_json(model.to_json())
    rows = infer(arch)
    assert [r.output_shape for r in rows][-2:] == [(None, 4), (None, 2)]
    assert sum(r.params for r in rows) == model.count_params()
    rebuilt = keras.models.model_from_json(to_config_json(arch))
    assert rebuilt.count_params() == model.count_params()


def test_round_trip_keeps_config_and_parameters():
    inputs = keras.Input((12, 12, 2), name="image")
    x = keras.layers.Conv2D(4, 3, name="conv", padding="same")(inputs)
    y = keras.layers.BatchNormalization(name="bn")(x)
    z = keras.layers.Add(name="skip")([x, y])
    out = keras.layers.Dense(3, name="out")(keras.layers.Flatten(name="flat")(z))
    model = keras.Model(inputs, out, name="skipper")
    arch = from_json(model.to_json())
    assert to_config(arch) == keras_config(model)
    again = keras.models.model_from_json(to_config_json(arch))
    assert again.count_params() == model.count_params()
    assert keras_config(again) == keras_config(model)


@pytest.mark.parametrize("text, words", [("not json", "not JSON"), ("[1, 2]", "not a Keras"),
                                         (json.dumps({"config": {}}), "not a Keras"),
                                         ("", "not JSON")])
def test_bad_files_say_what_to_open(text, words):
    with pytest.raises(ValueError, match=words):
        from_json(text)


def test_a_builder_network_with_vietnamese_names_round_trips():
    from dlviz.core.builder.architecture import Architecture, LayerSpec

    new = LayerSpec.new
    arch = Architecture((new("InputLayer", "ảnh", batch_shape=[None, 8, 8, 3]),
                         new("Conv2D", "lớp tích chập", ("ảnh",), filters=4),
                         new("Flatten", "dàn phẳng", ("lớp tích chập",)),
                         new("Dense", "đầu ra", ("dàn phẳng",), units=2)), "mạng của tôi")
    assert from_json(to_config_json(arch)) == arch
    model = keras.models.model_from_json(to_config_json(arch))
    assert [layer.name for layer in model.layers] == arch.names()
    assert model.name == "mạng của tôi"
    assert arch.replace("đầu ra", new_name="kết quả").layer("kết quả").config["name"] == "kết quả"
