"""Gate probes on single layers: the recomputed states are the layer's own, within 1e-5.

Every check compares against Keras itself: the layer's return_sequences
output, its return_state final states, or (for c at every step) a twin layer
with the same weights run on each prefix (``_gate_models``).
"""

import numpy as np
import pytest

from dlviz.core.probes.gates import gru_gates, lstm_gates, rnn_states, sequence_traces
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.sequence_results import GATE_NAMES, GRU_CONVENTION
from tests.core._gate_models import (built_layer, keras, keras_states_per_step, layers,
                                     ragged_mask, sequences)

ATOL = 1e-5

PROBES = {layers.LSTM: lstm_gates, layers.GRU: gru_gates, layers.SimpleRNN: rnn_states}

CASES = [
    (layers.LSTM, {}),
    (layers.LSTM, {"activation": "relu", "recurrent_activation": "hard_sigmoid"}),
    (layers.LSTM, {"use_bias": False}),
    (layers.LSTM, {"unit_forget_bias": False, "activation": "softsign"}),
    (layers.GRU, {}),                                    # reset_after=True (Keras default)
    (layers.GRU, {"reset_after": False}),
    (layers.GRU, {"use_bias": False, "reset_after": False}),
    (layers.GRU, {"activation": "elu", "recurrent_activation": "hard_sigmoid"}),
    (layers.SimpleRNN, {}),
    (layers.SimpleRNN, {"activation": "relu"}),
    (layers.SimpleRNN, {"activation": "linear", "use_bias": False}),
]


def case_id(case):
    cls, config = case
    return cls.__name__ + "".join(f"-{k}={v}" for k, v in config.items())


@pytest.mark.parametrize("case", CASES, ids=case_id)
@pytest.mark.parametrize("go_backwards", [False, True])
def test_every_state_at_every_step_is_the_layers_own(case, go_backwards):
    cls, config = case
    layer = built_layer(cls, go_backwards=go_backwards, **config)
    x = sequences()
    trace = PROBES[cls](layer, x)
    # return_sequences output, in the layer's reading order
    np.testing.assert_allclose(trace.reading_order("h"), np.asarray(layer(x)), atol=ATOL)
    want = keras_states_per_step(layer, x)
    for name, values in want.items():
        np.testing.assert_allclose(trace.gates[name], values, atol=ATOL, err_msg=name)
    assert trace.direction == ("backward" if go_backwards else "forward")
    assert set(trace.gates) == set(GATE_NAMES[trace.kind])
    for values in trace.gates.values():
        assert values.shape == (3, 8, 5) and values.dtype == np.float32


@pytest.mark.parametrize("case", CASES[:1] + CASES[4:6] + CASES[8:9], ids=case_id)
@pytest.mark.parametrize("go_backwards", [False, True])
def test_padded_steps_carry_the_state_as_keras_does(case, go_backwards):
    cls, config = case
    layer = built_layer(cls, go_backwards=go_backwards, **config)
    mask = ragged_mask()
    x = sequences(batch=4)
    trace = PROBES[cls](layer, x, mask)
    np.testing.assert_array_equal(trace.mask, mask)
    want = keras_states_per_step(layer, x, mask)
    for name, values in want.items():
        np.testing.assert_allclose(trace.gates[name], values, atol=ATOL, err_msg=name)
    # the state really is carried: a padded step holds its reading-order predecessor's state
    h = trace.reading_order("h")
    read = trace.mask[:, ::-1] if go_backwards else trace.mask
    for b, t in zip(*np.nonzero(~read)):
        before = h[b, t - 1] if t > 0 else np.zeros(h.shape[-1], np.float32)
        np.testing.assert_array_equal(h[b, t], before)
    # and Keras's own return_sequences output agrees where it counts
    np.testing.assert_allclose(h, np.asarray(layer(x, mask=mask)), atol=ATOL)
    assert "carry the previous state" in trace.note


@pytest.mark.parametrize("cls", [layers.LSTM, layers.GRU, layers.SimpleRNN])
def test_return_sequences_false_is_the_final_state(cls):
    layer = built_layer(cls, return_sequences=False, return_state=True)
    mask = ragged_mask()
    x = sequences(batch=4)
    trace = PROBES[cls](layer, x, mask)
    output, *states = layer(x, mask=mask)
    np.testing.assert_allclose(trace.final_state()["h"], np.asarray(output), atol=ATOL)
    for name, state in zip(("h", "c"), states):
        np.testing.assert_allclose(trace.final_state()[name], np.asarray(state), atol=ATOL)


def test_a_given_initial_state_is_used():
    layer = built_layer(layers.LSTM, return_state=True)
    x = sequences()
    h0, c0 = (np.random.default_rng(s).normal(size=(3, 5)).astype("float32") for s in (4, 5))
    trace = lstm_gates(layer, x, initial_state=(h0, c0))
    output, h, c = layer(x, initial_state=[h0, c0])
    np.testing.assert_allclose(trace.gates["h"], np.asarray(output), atol=ATOL)
    np.testing.assert_allclose(trace.final_state()["c"], np.asarray(c), atol=ATOL)
    assert not np.allclose(trace.gates["h"], lstm_gates(layer, x).gates["h"], atol=1e-3)


@pytest.mark.parametrize("case", [CASES[0], CASES[1], CASES[4], CASES[7]], ids=case_id)
def test_gates_stay_within_their_activations_ranges(case):
    cls, config = case
    layer = built_layer(cls, **config)
    trace = PROBES[cls](layer, sequences(time=20) * 4)   # large inputs: saturated gates
    gate_names = ("i", "f", "o") if trace.kind == "lstm" else ("z", "r")
    for name in gate_names:       # sigmoid and hard_sigmoid both map into [0, 1]
        values = trace.gates[name]
        assert values.min() >= 0 and values.max() <= 1, name
    if trace.activation == "tanh":
        candidate = trace.gates["g" if trace.kind == "lstm" else "h_tilde"]
        assert candidate.min() >= -1 and candidate.max() <= 1
    if trace.kind == "lstm" and trace.activation == "relu":
        assert trace.gates["g"].min() >= 0
    assert trace.recurrent_activation == config.get("recurrent_activation", "sigmoid")


def test_the_gru_result_states_keras_convention():
    trace = gru_gates(built_layer(layers.GRU), sequences())
    assert GRU_CONVENTION in trace.note
    assert "h = z∘h₋₁ + (1−z)∘h̃" in trace.note and "swap" in trace.note
    # and the arithmetic is that convention: h = z h₋₁ + (1 − z) h̃
    z, hh, h = (trace.gates[k] for k in ("z", "h_tilde", "h"))
    previous = np.concatenate([np.zeros_like(h[:, :1]), h[:, :-1]], axis=1)
    np.testing.assert_allclose(h, z * previous + (1 - z) * hh, atol=1e-6)


def test_a_generic_rnn_of_an_lstm_cell_is_read_too():
    layer = layers.RNN(layers.LSTMCell(5), return_sequences=True)
    layer.build((None, None, 4))
    x = sequences()
    (trace,) = sequence_traces(layer, x)
    assert trace.kind == "lstm"
    np.testing.assert_allclose(trace.gates["h"], np.asarray(layer(x)), atol=ATOL)


def test_other_layers_are_refused_with_a_reason():
    dense = keras.layers.Dense(3, name="dense_head")
    with pytest.raises(ProbeUnavailable, match="dense_head.*no gates"):
        sequence_traces(dense, sequences())
    with pytest.raises(ProbeUnavailable, match="is a GRU, not a LSTM"):
        lstm_gates(built_layer(layers.GRU), sequences())
    with pytest.raises(ValueError, match="batch, time, features"):
        lstm_gates(built_layer(layers.LSTM), sequences()[0])


@pytest.mark.parametrize("cls", [layers.LSTM, layers.GRU, layers.SimpleRNN])
def test_an_empty_sequence_gives_empty_gates_not_an_exception(cls):
    trace = PROBES[cls](built_layer(cls), np.zeros((2, 0, 4), np.float32))
    assert all(values.shape == (2, 0, 5) for values in trace.gates.values())
    assert trace.mask.shape == (2, 0)
    with pytest.raises(ValueError, match="empty sequence has no final state"):
        trace.final_state()


def test_a_stateful_layer_goes_on_from_its_stored_states_and_keeps_them():
    layer = layers.LSTM(5, stateful=True, return_sequences=True)
    layer.build((3, None, 4))
    x, more = sequences(), sequences(seed=6)
    layer(x)                                  # the layer now holds the states after x
    held = [np.asarray(s).copy() for s in layer.states]
    trace = lstm_gates(layer, more)
    assert all(np.array_equal(a, np.asarray(b)) for a, b in zip(held, layer.states))
    np.testing.assert_allclose(trace.gates["h"], np.asarray(layer(more)), atol=ATOL)


def test_dropout_is_off_as_in_predict_and_the_note_says_so():
    layer = built_layer(layers.GRU, dropout=0.5, recurrent_dropout=0.3)
    x = sequences()
    trace = gru_gates(layer, x)
    np.testing.assert_allclose(trace.gates["h"], np.asarray(layer(x, training=False)),
                               atol=ATOL)
    assert "dropout is off" in trace.note
    assert "dropout" not in gru_gates(built_layer(layers.GRU), x).note
