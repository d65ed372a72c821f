"""Models opened from files with layers the builder has no rule for."""

import keras

from _builder_checks import keras_config
from dlviz.core.builder.code_export import python_code
from dlviz.core.builder.inference import infer
from dlviz.core.builder.keras_io import from_model, to_config


def model_with_unknown_layers():
    inputs = keras.Input((20, 3), name="signal")
    x = keras.layers.Rescaling(0.5, name="scale")(inputs)
    x = keras.layers.Conv1D(4, 3, name="conv1d")(x)
    x = keras.layers.LSTM(5, name="lstm")(x)
    return keras.Model(inputs, keras.layers.Dense(2, name="out")(x), name="opened")


def test_unknown_layers_keep_keras_shapes_and_counts():
    model = model_with_unknown_layers()
    arch = from_model(model)
    assert [s.editable for s in arch.layers] == [True, False, False, True, True]
    rows = {r.name: r for r in infer(arch)}
    assert rows["conv1d"].output_shape == (None, 18, 4)
    assert rows["conv1d"].trainable == 3 * 3 * 4 + 4
    assert rows["conv1d"].macs == 18 * 3 * 3 * 4
    assert rows["lstm"].trainable == 4 * (4 * 5 + 5 * 5 + 5)
    assert sum(r.params for r in rows.values()) == model.count_params()
    assert to_config(arch) == keras_config(model)


def test_an_edit_above_an_unknown_layer_marks_it_not_editable():
    arch = from_model(model_with_unknown_layers())
    arch = arch.replace("signal", {**arch.layer("signal").config, "batch_shape": [None, 30, 3]})
    rows = {r.name: r for r in infer(arch)}
    assert rows["scale"].error and "not editable here" in rows["scale"].error
    assert "depends on 'scale'" in rows["conv1d"].error


def test_a_shared_layer_is_said_not_raised():
    inputs = keras.Input((4,), name="x")
    shared = keras.layers.Dense(4, name="shared")
    out = shared(shared(inputs))
    rows = infer(from_model(keras.Model(inputs, out)))
    assert "used 2 times" in rows[1].error


def test_a_nested_model_is_one_row_with_its_operations():
    image = keras.Input((8, 8, 3), name="img")
    backbone = keras.Model(image, keras.layers.Conv2D(4, 3, name="c")(image), name="backbone")
    inputs = keras.Input((8, 8, 3), name="x")
    out = keras.layers.Dense(2, name="d")(keras.layers.Flatten(name="f")(backbone(inputs)))
    model = keras.Model(inputs, out, name="transfer")
    arch = from_model(model)
    rows = {r.name: r for r in infer(arch)}
    assert rows["backbone"].output_shape == (None, 6, 6, 4)
    assert rows["backbone"].macs == 6 * 6 * 3 * 3 * 3 * 4
    assert rows["backbone"].trainable == 3 * 3 * 3 * 4 + 4
    assert to_config(arch) == keras_config(model)
    namespace = {}
    exec(python_code(arch), namespace)
    assert namespace["build_model"]().count_params() == model.count_params()


def test_links_to_a_second_output_are_said_on_their_rows_not_rebuilt_wrong():
    """An encoder-decoder: the encoder LSTM returns its states (three outputs) and the
    decoder starts from them (``initial_state``), a link the builder cannot hold; a layer
    that reads another's second output is said too. The encoder's row is its first
    output, as Keras computes it."""
    source = keras.Input((5, 3), name="source")
    target = keras.Input((4, 3), name="target")
    _, h, c = keras.layers.LSTM(6, return_state=True, name="encoder")(source)
    decoded = keras.layers.LSTM(6, name="decoder")(target, initial_state=[h, c])
    state = keras.layers.Dense(2, name="from_state")(h)
    model = keras.Model([source, target], [decoded, state], name="seq2seq")
    rows = {r.name: r for r in infer(from_model(model))}
    assert rows["encoder"].error is None and rows["encoder"].output_shape == (None, 6)
    assert rows["encoder"].trainable == model.get_layer("encoder").count_params()
    assert "initial_state from 'encoder'" in rows["decoder"].error
    assert "reads output 1 of 'encoder'" in rows["from_state"].error
    for name in ("decoder", "from_state"):
        assert rows[name].error_template.format(**dict(rows[name].error_values)) == \
            rows[name].error


def test_an_unknown_layer_with_several_outputs_is_its_first_unless_the_model_gives_another():
    """Attention with its scores: two outputs. Read through its first, the row is that
    one (as Keras computes it); a model that gives the scores says so on the row."""
    query = keras.Input((4, 6), name="query")
    value = keras.Input((5, 6), name="value")
    context, scores = keras.layers.Attention(name="attend")([query, value],
                                                            return_attention_scores=True)
    out = keras.layers.Dense(2, name="out")(context)
    model = keras.Model([query, value], out)
    rows = {r.name: r for r in infer(from_model(model))}
    assert rows["attend"].error is None and rows["attend"].output_shape == (None, 4, 6)
    assert rows["out"].output_shape == (None, 4, 2)
    namespace = {}
    exec(python_code(from_model(model)), namespace)   # noqa: S102 - the script takes [0]
    assert namespace["build_model"]().count_params() == model.count_params()
    both = keras.Model([query, value], [out, scores])
    rows = {r.name: r for r in infer(from_model(both))}
    assert "the model gives output 1 of this layer" in rows["attend"].error
