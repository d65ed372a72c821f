"""Gate probes on layers inside models: stacked, bidirectional, masked by an Embedding, trained.

The reference is always the model itself: a ``keras.Model`` from the model's
input to the layer's output (or the wrapper's, for Bidirectional).
"""

import numpy as np
import pytest

from dlviz.core.probes.gates import (layer_inputs, model_gate_traces, recurrent_layers,
                                     sequence_traces)
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_results import BACKWARD_NOTE
from tests.core._gate_models import (keras, keras_states_per_step, layers, randomise,
                                     sequences, stacked_classifier, token_batch)

ATOL = 1e-5


def layer_output(model, layer, x):
    """What ``layer`` outputs when ``model`` runs on ``x`` (Keras's own values)."""
    return keras.Model(model.input, layer.output)(x, training=False)


@pytest.mark.parametrize("cells", [("lstm", "gru"), ("gru", "simple_rnn", "lstm"),
                                   ("simple_rnn", "lstm")])
def test_every_layer_of_a_stack_reads_its_own_inputs_and_the_embedding_mask(cells):
    model = stacked_classifier(cells)
    for layer in model.layers:
        randomise(layer, seed=len(layer.name))
    ids = token_batch()
    for layer in model.layers[2:-1]:
        inputs, mask = layer_inputs(model, layer, ids)
        np.testing.assert_array_equal(mask, ids != 0)        # Embedding(mask_zero) reached it
        (trace,) = sequence_traces(layer, inputs, mask)
        want = np.asarray(layer_output(model, layer, ids))
        got = trace.gates["h"] if layer.return_sequences else trace.final_state()["h"]
        np.testing.assert_allclose(got, want, atol=ATOL, err_msg=layer.name)
        for name, values in keras_states_per_step(layer, inputs, mask).items():
            np.testing.assert_allclose(trace.gates[name], values, atol=ATOL, err_msg=name)


def bidirectional_model(kind, merge_mode, return_sequences=True):
    cls = {"lstm": layers.LSTM, "gru": layers.GRU, "simple_rnn": layers.SimpleRNN}[kind]
    tokens = keras.Input((None,), dtype="int32")
    x = layers.Embedding(12, 4, mask_zero=True, name="embedding")(tokens)
    wrapper = layers.Bidirectional(cls(5, return_sequences=return_sequences), name="bi",
                                   merge_mode=merge_mode)
    outputs = wrapper(x)
    model = keras.Model(tokens, outputs)
    for layer in (model.get_layer("embedding"), wrapper):
        randomise(layer, seed=3)
    return model, wrapper


MERGES = {"concat": lambda f, b: np.concatenate([f, b], -1), "sum": lambda f, b: f + b,
          "ave": lambda f, b: (f + b) / 2, "mul": lambda f, b: f * b}


@pytest.mark.parametrize("kind", ["lstm", "gru", "simple_rnn"])
@pytest.mark.parametrize("merge_mode", ["concat", "sum", "ave", "mul", None])
def test_both_directions_of_a_bidirectional_layer_give_its_output(kind, merge_mode):
    model, wrapper = bidirectional_model(kind, merge_mode)
    ids = token_batch()
    inputs, mask = layer_inputs(model, wrapper, ids)
    forward, backward = sequence_traces(wrapper, inputs, mask)
    assert (forward.layer, backward.layer) == ("bi/forward", "bi/backward")
    assert (forward.direction, backward.direction) == ("forward", "backward")
    assert BACKWARD_NOTE in backward.note and BACKWARD_NOTE not in forward.note
    # Bidirectional zeroes its outputs at padded steps (zero_output_for_mask);
    # the states themselves are carried, as the traces show.
    f, b = (np.where(mask[..., None], t.gates["h"], 0) for t in (forward, backward))
    want = model(ids)
    if merge_mode is None:
        np.testing.assert_allclose(f, np.asarray(want[0]), atol=ATOL)
        np.testing.assert_allclose(b, np.asarray(want[1]), atol=ATOL)
    else:
        np.testing.assert_allclose(MERGES[merge_mode](f, b), np.asarray(want), atol=ATOL)
    # The backward layer's states in token order: column t is after reading token t.
    for name, values in keras_states_per_step(wrapper.backward_layer, inputs, mask).items():
        np.testing.assert_allclose(backward.gates[name], values, atol=ATOL)


def test_a_bidirectional_layer_returning_its_last_states():
    tokens = keras.Input((None,), dtype="int32")
    x = layers.Embedding(12, 4, mask_zero=True)(tokens)
    wrapper = layers.Bidirectional(layers.LSTM(5, return_state=True), name="bi")
    model = keras.Model(tokens, wrapper(x))
    randomise(wrapper, seed=5)
    ids = token_batch()
    forward, backward = sequence_traces(wrapper, *layer_inputs(model, wrapper, ids))
    output, fh, fc, bh, bc = (np.asarray(v) for v in model(ids))
    np.testing.assert_allclose(output, np.concatenate([forward.final_state()["h"],
                                                       backward.final_state()["h"]], -1),
                               atol=ATOL)
    for got, want in ((forward.final_state()["c"], fc), (backward.final_state()["h"], bh),
                      (backward.final_state()["c"], bc), (forward.final_state()["h"], fh)):
        np.testing.assert_allclose(got, want, atol=ATOL)


def test_layer_inputs_in_a_sequential_model_and_from_a_wrapped_layer():
    model = keras.Sequential([keras.Input((7, 3)), layers.Masking(0.0, name="masking"),
                              layers.Bidirectional(layers.GRU(4, return_sequences=True),
                                                   name="bi"),
                              layers.LSTM(4, name="top")])
    x = sequences(batch=2, time=7, features=3)
    x[0, 5:] = 0.0      # Masking marks these steps as padding
    seq, mask = layer_inputs(model, model.get_layer("top"), x)
    np.testing.assert_array_equal(mask, np.abs(x).sum(-1) > 0)
    np.testing.assert_allclose(seq, np.asarray(model.get_layer("bi")(x, mask=mask)), atol=ATOL)
    (trace,) = sequence_traces(model.get_layer("top"), seq, mask)
    np.testing.assert_allclose(trace.final_state()["h"], np.asarray(model(x)), atol=ATOL)
    # the forward layer of a Bidirectional stands for the wrapper
    inner, inner_mask = layer_inputs(model, model.get_layer("bi").forward_layer, x)
    np.testing.assert_allclose(inner, x, atol=0)
    np.testing.assert_array_equal(inner_mask, mask)


def test_layer_inputs_of_a_layer_in_a_nested_model():
    inner_in = keras.Input((None, 4))
    inner = keras.Model(inner_in, layers.GRU(3, return_sequences=True, name="deep_gru")(
        layers.Dense(4, activation="tanh", name="proj")(inner_in)), name="block")
    outer_in = keras.Input((None, 4))
    model = keras.Model(outer_in, layers.Dense(2)(inner(layers.Dense(4, name="pre")(outer_in))))
    x = sequences(batch=2, time=6)
    gru = inner.get_layer("deep_gru")
    seq, mask = layer_inputs(model, gru, x)
    assert mask is None
    want = inner.get_layer("proj")(model.get_layer("pre")(x))
    np.testing.assert_allclose(seq, np.asarray(want), atol=ATOL)
    with pytest.raises(ProbeUnavailable, match="not a layer of"):
        layer_inputs(model, layers.LSTM(2, name="stranger"), x)


def test_exact_after_training_too():
    model = stacked_classifier(("lstm", "gru"))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 12, size=(96, 9)).astype("int32")
    ids[::3, 6:] = 0
    labels = (ids[:, 0] % 3).astype("int32")
    before = [w.copy() for w in model.get_layer("lstm_1").get_weights()]
    model.fit(ids, labels, epochs=3, batch_size=16, verbose=0)
    assert not np.allclose(before[1], model.get_layer("lstm_1").get_weights()[1])
    batch = token_batch()
    for name in ("lstm_1", "gru_2"):
        layer = model.get_layer(name)
        inputs, mask = layer_inputs(model, layer, batch)
        (trace,) = sequence_traces(layer, inputs, mask)
        got = trace.gates["h"] if layer.return_sequences else trace.final_state()["h"]
        np.testing.assert_allclose(got, np.asarray(layer_output(model, layer, batch)),
                                   atol=ATOL)


def test_every_recurrent_layer_of_a_model_in_one_call_nested_ones_too():
    inner_in = keras.Input((None, 5))
    block = keras.Model(inner_in, layers.GRU(3, return_sequences=True, name="deep_gru")(
        inner_in), name="block")
    tokens = keras.Input((None,), dtype="int32")
    x = layers.Embedding(12, 5, name="embedding")(tokens)   # no mask: a nested model drops it
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bi",
                             merge_mode="sum")(x)
    x = layers.SimpleRNN(5, return_sequences=True, name="rnn")(x)
    model = keras.Model(tokens, block(x))
    found = [path for path, _ in recurrent_layers(model)]
    assert found == ["bi", "rnn", "block/deep_gru"]
    ids = token_batch()
    traces = model_gate_traces(model, ids, tokens=[f"w{i}" for i in range(9)])
    assert [t.layer for t in traces] == ["bi/forward", "bi/backward", "rnn", "block/deep_gru"]
    assert all(t.tokens[0] == "w0" for t in traces)
    np.testing.assert_allclose(traces[2].gates["h"],
                               np.asarray(layer_output(model, model.get_layer("rnn"), ids)),
                               atol=ATOL)
    (only,) = model_gate_traces(model, ids, layers=["block/deep_gru"])
    np.testing.assert_allclose(only.gates["h"], np.asarray(model(ids)), atol=ATOL)
    with pytest.raises(ProbeUnavailable, match="no LSTM, GRU or SimpleRNN layer named nope"):
        model_gate_traces(model, ids, layers=["nope"])
