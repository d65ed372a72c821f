"""Builder edits (add, remove, move, replace) give what Keras builds."""

import json

import keras
import pytest

from _builder_checks import assert_rows_match_keras, keras_config
from dlviz.core.builder.architecture import LAYER_TYPES, Architecture, EditError, LayerSpec
from dlviz.core.builder.inference import infer
from dlviz.core.builder.keras_io import build, from_model, to_config, with_keras_defaults
from dlviz.core.zoo.registry import create

new = LayerSpec.new


def small_cnn() -> Architecture:
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 28, 28, 3]),), "small")
    for spec in (new("Conv2D", "conv1", filters=8),
                 new("MaxPooling2D", "pool1"),
                 new("Conv2D", "conv2", filters=16, padding="valid"),
                 new("Flatten", "flat"),
                 new("Dense", "out", units=5, activation="softmax")):
        arch = arch.add(spec)
    return arch


def check_against_keras(arch):
    model = build(arch)
    assert_rows_match_keras(infer(arch), model)
    return model


def test_every_layer_type_builds_as_inferred():
    image = new("InputLayer", "image", batch_shape=[None, 16, 16, 4])
    layers = [image]
    for cls in LAYER_TYPES:
        if cls in ("InputLayer", "Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional",
                   "Add", "Concatenate", "Flatten", "Dense", "GlobalAveragePooling2D"):
            continue
        layers.append(new(cls, cls.lower(), (layers[-1].name,)))
    layers.append(new("Add", "add", (layers[-2].name, layers[-1].name)))
    layers.append(new("Concatenate", "cat", ("add", layers[-2].name)))
    layers.append(new("GlobalAveragePooling2D", "gap", ("cat",)))
    layers.append(new("Dense", "dense", ("gap",)))
    arch = Architecture(tuple(layers), "every_image_layer")
    model = check_against_keras(arch)
    assert_same_json_as_keras(arch, model)
    complete = with_keras_defaults(arch)
    assert complete.names() == arch.names()
    assert to_config(complete) == keras_config(model)


def assert_same_json_as_keras(arch, model):
    """Our JSON is Keras's ``to_json`` of the built model, except that new layers
    write only the settings people chose (Keras fills in the rest on loading)."""
    # New layers carry only the settings people chose; all else is as Keras writes it.
    ours, theirs = to_config(arch), keras_config(model)
    for mine, keras_entry in zip(ours["config"]["layers"], theirs["config"]["layers"]):
        assert {k: v for k, v in mine.items() if k != "config"} == \
            {k: v for k, v in keras_entry.items() if k != "config"}
        assert is_subset(mine["config"], json.loads(json.dumps(keras_entry["config"])))
    assert {k: v for k, v in ours["config"].items() if k != "layers"} == \
        {k: v for k, v in theirs["config"].items() if k != "layers"}


def is_subset(mine, theirs) -> bool:
    """Every setting in ``mine`` (nested configs too) has the same value in ``theirs``."""
    if isinstance(mine, dict):
        return isinstance(theirs, dict) and all(
            k in theirs and is_subset(v, theirs[k]) for k, v in mine.items())
    return mine == theirs


@pytest.mark.parametrize("cell, merge_mode, extra", [
    ("SimpleRNN", "concat", {}), ("LSTM", "sum", {"use_bias": False}),
    ("GRU", "ave", {"reset_after": False}), ("GRU", "mul", {})])
def test_recurrent_layers_build_as_inferred(cell, merge_mode, extra):
    arch = Architecture((new("InputLayer", "tokens", batch_shape=[None, 12], dtype="int32"),
                         new("Embedding", "embed", ("tokens",), input_dim=50, output_dim=8),
                         new(cell, "rnn1", ("embed",), units=6, return_sequences=True, **extra),
                         new("Bidirectional", "bi", ("rnn1",), merge_mode=merge_mode,
                             layer={"module": "keras.layers", "class_name": cell,
                                    "config": {"units": 5, "return_sequences": False, **extra},
                                    "registered_name": None}),
                         new("Dense", "out", ("bi",), units=3)), "text")
    assert_same_json_as_keras(arch, check_against_keras(arch))


def test_add_inserts_into_the_chain():
    arch = small_cnn().add(new("BatchNormalization", "bn1"), after="conv1")
    assert arch.names()[:4] == ["image", "conv1", "bn1", "pool1"]
    assert arch.layer("pool1").inputs == ("bn1",)
    check_against_keras(arch)


def test_remove_reconnects_the_reader():
    arch = small_cnn().remove("pool1")
    assert arch.layer("conv2").inputs == ("conv1",)
    check_against_keras(arch)
    assert infer(arch)[-2].output_shape == (None, 26 * 26 * 16)


def test_move_changes_the_order_and_the_shapes():
    arch = small_cnn().move("pool1", 3)  # to index 3: after conv2
    assert arch.names() == ["image", "conv1", "conv2", "pool1", "flat", "out"]
    assert arch.layer("conv2").inputs == ("conv1",)
    assert arch.layer("flat").inputs == ("pool1",)
    check_against_keras(arch)


def test_moving_a_merge_keeps_its_inputs_and_says_when_they_come_after_it():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Conv2D", "a", ("image",), filters=3),
                         new("Conv2D", "b", ("a",), filters=3),
                         new("Add", "sum", ("a", "b")),
                         new("Flatten", "flat", ("sum",))))
    moved = arch.move("sum", 2)
    assert moved.names() == ["image", "a", "sum", "b", "flat"]
    assert moved.layer("sum").inputs == ("a", "b")
    assert moved.layer("flat").inputs == ("sum",)      # its reader still reads it
    rows = {r.name: r for r in infer(moved)}
    assert "not above it" in rows["sum"].error and "'b'" in rows["sum"].error
    back = moved.move("sum", 3)
    assert back == arch and back.layer("flat").inputs == ("sum",)   # every link restored
    assert not any(r.error for r in infer(back))
    below = arch.move("sum", 4)   # past its own reader: the reader says so, then back again
    assert below.names()[-1] == "sum" and "not above it" in infer(below)[3].error
    assert below.move("sum", 3) == arch


def test_moving_a_concatenate_up_and_down_keeps_both_branches():
    arch = Architecture((new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
                         new("Conv2D", "a", ("image",), filters=3),
                         new("Conv2D", "b", ("image",), filters=5),
                         new("Concatenate", "cat", ("a", "b")),
                         new("Flatten", "flat", ("cat",)),
                         new("Dense", "out", ("flat",), units=2)))
    up = arch.move("cat", 1)
    assert up.names()[1] == "cat" and up.layer("cat").inputs == ("a", "b")
    assert up.move("cat", 3) == arch
    assert infer(arch)[3].output_shape == (None, 8, 8, 8)


def test_replace_changes_settings_and_keeps_names():
    arch = small_cnn()
    arch = arch.replace("conv1", {**arch.layer("conv1").config, "filters": 12,
                                  "kernel_size": [5, 5], "strides": [2, 2]})
    model = check_against_keras(arch)
    assert model.get_layer("conv1").filters == 12
    assert infer(arch)[1].output_shape == (None, 14, 14, 12)


def test_replace_near_the_input_of_resnet_mini_matches_keras():
    zoo = create("resnet50-mini").build()
    arch = from_model(zoo)
    first_conv = next(s for s in arch.layers if s.class_name == "Conv2D")
    arch = arch.replace(first_conv.name, {**first_conv.config, "filters": 48,
                                          "kernel_size": [3, 3]})
    model = check_against_keras(arch)
    assert model.count_params() != zoo.count_params()
    assert to_config(arch) == keras_config(model)


def test_a_layer_added_after_a_zoo_model_becomes_its_output():
    arch = from_model(create("lenet5").build())
    arch = arch.add(new("Dropout", "extra"))
    assert arch.output_names() == ("extra",)
    model = build(arch)
    assert len(model.outputs) == 1
    assert model.outputs[0] is model.get_layer("extra").output


def test_edits_refuse_unknown_and_taken_names():
    arch = small_cnn()
    with pytest.raises(EditError, match="no layer named"):
        arch.remove("nope")
    with pytest.raises(EditError, match="already exists"):
        arch.add(new("Dropout", "conv1"))
    with pytest.raises(EditError, match="already exists"):
        arch.replace("conv1", new_name="conv2")
    assert arch.unique_name("Conv2D") == "conv2d"
    assert arch.unique_name("MaxPooling2D") == "max_pooling2d"
    assert arch.unique_name("InputLayer") == "input"
    assert arch.add(new("Dense", "dense")).unique_name("Dense") == "dense_2"
    assert arch.replace("conv1", new_name="first").layer("pool1").inputs == ("first",)


def test_frozen_layers_count_as_non_trainable():
    arch = small_cnn().add(new("BatchNormalization", "bn"), after="conv1")
    arch = arch.replace("conv1", {**arch.layer("conv1").config, "trainable": False})
    check_against_keras(arch)
    rows = {r.name: r for r in infer(arch)}
    assert (rows["conv1"].trainable, rows["conv1"].non_trainable) == (0, 3 * 3 * 3 * 8 + 8)
    assert (rows["bn"].trainable, rows["bn"].non_trainable) == (16, 16)


def test_a_network_without_input_is_refused_in_words():
    with pytest.raises(ValueError, match="no Input layer"):
        to_config(Architecture())
    assert infer(Architecture()) == ()


def test_edits_leave_the_old_architecture_unchanged():
    arch = small_cnn()
    arch.remove("pool1").add(new("Dropout", "drop"), after="conv1")
    assert arch == small_cnn()


def test_model_from_json_gives_back_the_same_config_and_count():
    arch = small_cnn().add(new("Dropout", "drop", rate=0.25), after="flat")
    from dlviz.core.builder.keras_io import to_config_json

    model = keras.models.model_from_json(to_config_json(arch))
    assert model.count_params() == sum(r.params for r in infer(arch))
    assert to_config(from_model(model)) == keras_config(model)
    for spec in arch.layers:
        built = model.get_layer(spec.name).get_config()
        for key, value in spec.config.items():
            if key != "batch_shape":
                assert json.loads(json.dumps(built[key])) == value, (spec.name, key)


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_recurrent_layer_returning_its_states_builds_with_its_first_output_linked(wrapped):
    """return_state gives (output, states...): the builder links the first, as Keras does
    for ``layer(x)[0]``; the exported script indexes it the same way."""
    from dlviz.core.builder.code_export import python_code

    cell = {"units": 4, "return_state": True}
    rnn = (new("Bidirectional", "rnn", ("seq",), layer={
        "module": "keras.layers", "class_name": "LSTM", "config": cell,
        "registered_name": None}) if wrapped else new("LSTM", "rnn", ("seq",), **cell))
    arch = Architecture((new("InputLayer", "seq", batch_shape=[None, 5, 3]), rnn,
                         new("Dense", "out", ("rnn",), units=2)), "states")
    rows = {r.name: r for r in infer(arch)}
    assert not any(r.error for r in rows.values())
    model = build(arch)
    assert tuple(model.output.shape) == rows["out"].output_shape == (None, 2)
    assert rows["rnn"].output_shape == (None, 8 if wrapped else 4)
    assert sum(r.params for r in rows.values()) == model.count_params()
    namespace = {}
    exec(python_code(arch), namespace)   # noqa: S102 - our own generated script
    assert namespace["build_model"]().count_params() == model.count_params()
