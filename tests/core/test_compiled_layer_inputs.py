"""Live gate frames read each recurrent layer's inputs in one compiled pass: the eager values."""

import numpy as np

from dlviz.core.probes.compiled_text import CompiledText
from dlviz.core.probes.gates import layer_inputs, recurrent_layers
from dlviz.core.probes.text_probes import sequence_gates
from tests.core._gate_models import keras, layers, randomise, stacked_classifier, token_batch

ATOL = 1e-5


def _bidirectional_stack():
    """Embedding(mask_zero) -> Bidirectional(LSTM) -> Bidirectional(GRU) -> LSTM -> Dense."""
    tokens = keras.Input((None,), dtype="int32")
    x = layers.Embedding(12, 5, mask_zero=True)(tokens)
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bi_lstm")(x)
    x = layers.Bidirectional(layers.GRU(3, return_sequences=True), name="bi_gru")(x)
    x = layers.LSTM(4, name="top")(x)
    model = keras.Model(tokens, layers.Dense(3, activation="softmax")(x))
    for layer in model.layers:
        randomise(layer, seed=5)
    return model


def _same_as_eager(model, compiled, x):
    output, read = compiled.read(x)
    np.testing.assert_allclose(output, np.asarray(model(x, training=False)), atol=ATOL)
    found = recurrent_layers(model)
    assert set(read) == {id(layer) for _path, layer in found}
    for path, layer in found:
        want, want_mask = layer_inputs(model, layer, x)
        got, got_mask = read[id(layer)]
        assert got.dtype == np.float32 and got.shape == want.shape, path
        np.testing.assert_allclose(got, want, atol=ATOL, err_msg=path)
        assert want_mask is not None, "the models here are masked"
        np.testing.assert_array_equal(got_mask, want_mask, err_msg=path)


def test_stacked_and_bidirectional_inputs_and_masks_equal_the_eager_ones():
    for model in (stacked_classifier(("lstm", "gru", "simple_rnn")), _bidirectional_stack()):
        for layer in model.layers:
            randomise(layer, seed=2)
        compiled = CompiledText(model)
        batch = token_batch(time=9)   # full, right-, left-padded rows and a hole
        for x in (batch, batch[1:2, :6], batch[2:3]):
            _same_as_eager(model, compiled, x)
        # One trace serves every length and batch; the next frame reads the weights of now.
        assert len(compiled._passes) == 1
        for layer in model.layers:
            randomise(layer, seed=9)
        _same_as_eager(model, compiled, batch)


def test_the_sentence_probe_gives_the_same_result_with_the_compiled_inputs():
    model = _bidirectional_stack()
    compiled = CompiledText(model)
    for text in ("3 5 7 0 2", "4 4 4 4 4 4 4 4 11 10 9"):
        plain = sequence_gates(model, text)
        live = sequence_gates(model, text, inputs=compiled.read, replay=compiled.gate_traces)
        assert [t.layer for t in live.traces] == [t.layer for t in plain.traces]
        assert len(live.traces) == 5    # two wrappers' two directions, and the top LSTM
        for a, b in zip(live.traces, plain.traces):
            np.testing.assert_array_equal(a.mask, b.mask)
            for name in b.gates:
                np.testing.assert_allclose(a.gates[name], b.gates[name], atol=ATOL)
        np.testing.assert_allclose(live.prediction, plain.prediction, atol=ATOL)
        assert (live.prediction_kind, live.notes) == (plain.prediction_kind, plain.notes)


def test_a_layer_in_a_nested_model_is_read_eagerly():
    inner_in = keras.Input((None, 5))
    inner = keras.Model(inner_in, layers.LSTM(3, name="inner_lstm")(inner_in), name="inner")
    tokens = keras.Input((None,), dtype="int32")
    x = layers.Embedding(12, 5)(tokens)
    x = layers.GRU(5, return_sequences=True, name="outer_gru")(x)
    model = keras.Model(tokens, layers.Dense(2)(inner(x)))
    compiled = CompiledText(model)
    x = token_batch(time=6)[:1]
    output, read = compiled.read(x)
    assert set(read) == {id(model.get_layer("outer_gru"))}
    got, mask = read[id(model.get_layer("outer_gru"))]
    assert mask is None   # no mask_zero: the layer reads every step
    np.testing.assert_allclose(got, layer_inputs(model, "outer_gru", x)[0], atol=ATOL)
    np.testing.assert_allclose(output, np.asarray(model(x)), atol=ATOL)
    plain = sequence_gates(model, "3 4 5")
    live = sequence_gates(model, "3 4 5", inputs=compiled.read)
    assert [t.layer for t in live.traces] == [t.layer for t in plain.traces]
    for a, b in zip(live.traces, plain.traces):
        np.testing.assert_allclose(a.gates["h"], b.gates["h"], atol=ATOL)


def test_a_sequential_model_of_masked_features_reads_the_same_inputs():
    model = keras.Sequential([keras.Input((None, 3)), layers.Masking(),
                              layers.LSTM(4, return_sequences=True), layers.GRU(2)])
    for layer in model.layers:
        randomise(layer, seed=4)
    x = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    x[0, 1] = 0.0   # a masked step in the middle
    x[1, 3:] = 0.0  # and padding at the end
    _same_as_eager(model, CompiledText(model), x)
