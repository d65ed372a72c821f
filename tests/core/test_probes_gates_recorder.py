"""The compiled GateRecorder gives what the NumPy probes and Keras give, and follows training."""

import numpy as np
import pytest

from dlviz.core.probes.gate_recorder import GateRecorder
from dlviz.core.probes.gates import sequence_traces
from dlviz.core.probes.results import ProbeUnavailable
from tests.core._gate_models import (built_layer, keras, keras_states_per_step, layers,
                                     randomise, ragged_mask, sequences)

ATOL = 1e-5

CASES = [
    (layers.LSTM, {}),
    (layers.LSTM, {"activation": "relu", "recurrent_activation": "hard_sigmoid",
                   "go_backwards": True}),
    # not element by element: the recorder must apply it to the candidate's block alone
    (layers.LSTM, {"activation": "softmax"}),
    (layers.GRU, {}),
    (layers.GRU, {"reset_after": False, "go_backwards": True}),
    (layers.GRU, {"activation": "elu", "use_bias": False}),
    (layers.SimpleRNN, {"go_backwards": True}),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0].__name__ + str(sorted(c[1])))
# lengths below, at and past one bucket of 8 steps
@pytest.mark.parametrize("time, masked", [(5, True), (8, False), (11, True), (11, False)])
def test_the_recorder_matches_the_numpy_probe_and_keras(case, time, masked):
    cls, config = case
    layer = built_layer(cls, **config)
    x = sequences(batch=4, time=time)
    mask = ragged_mask(time)[:, :time] if masked else None
    got = GateRecorder(layer)(x, mask)
    want = sequence_traces(layer, x, mask)[0]
    assert set(got.gates) == set(want.gates)
    for name in want.gates:
        assert got.gates[name].shape == (4, time, 5)
        np.testing.assert_allclose(got.gates[name], want.gates[name], atol=ATOL, err_msg=name)
    np.testing.assert_array_equal(got.mask, want.mask)
    assert (got.note, got.direction, got.kind) == (want.note, want.direction, want.kind)
    for name, values in keras_states_per_step(layer, x, mask).items():
        np.testing.assert_allclose(got.gates[name], values, atol=ATOL, err_msg=name)


def test_the_recorder_reads_the_current_weights_at_every_call():
    layer = built_layer(layers.LSTM)
    recorder = GateRecorder(layer, jit_compile=False)
    x = sequences()
    before = recorder(x).gates["h"]
    randomise(layer, seed=9)              # what a training step does to the variables
    after = recorder(x)
    assert not np.allclose(before, after.gates["h"], atol=1e-3)
    np.testing.assert_allclose(after.gates["h"], np.asarray(layer(x)), atol=ATOL)


def test_one_recorder_per_direction_of_a_bidirectional_layer():
    wrapper = layers.Bidirectional(layers.GRU(5, return_sequences=True), name="bi")
    wrapper.build((None, None, 4))
    randomise(wrapper, seed=4)
    x, mask = sequences(batch=4), ragged_mask()
    want = sequence_traces(wrapper, x, mask)
    for reference, part in zip(want, (wrapper.forward_layer, wrapper.backward_layer)):
        got = GateRecorder(part, path=reference.layer)(x, mask)
        assert got.layer == reference.layer
        np.testing.assert_allclose(got.gates["h"], reference.gates["h"], atol=ATOL)


def test_a_recorder_refuses_other_layers():
    with pytest.raises(ProbeUnavailable, match="not an LSTM, GRU or SimpleRNN"):
        GateRecorder(keras.layers.Dense(2, name="head"))


def test_an_empty_sequence_compiles_nothing():
    trace = GateRecorder(built_layer(layers.GRU))(np.zeros((2, 0, 4), np.float32))
    assert trace.gates["z"].shape == (2, 0, 5)


def test_typing_a_longer_sentence_traces_once_per_bucket_of_eight_steps():
    layer = built_layer(layers.LSTM)
    recorder = GateRecorder(layer, jit_compile=False)
    for time in (9, 10, 13, 16):            # one bucket: 16 steps
        trace = recorder(sequences(batch=1, time=time))
        np.testing.assert_allclose(trace.gates["h"],
                                   np.asarray(layer(sequences(batch=1, time=time))), atol=ATOL)
    assert recorder._replay.experimental_get_tracing_count() == 1
    recorder(sequences(batch=1, time=17))   # the next bucket
    assert recorder._replay.experimental_get_tracing_count() == 2


@pytest.mark.parametrize("cls, config", [(layers.LSTM, {"go_backwards": True}), (layers.GRU, {}),
                                         (layers.SimpleRNN, {})],
                         ids=["lstm-backwards", "gru", "simple_rnn"])
def test_given_initial_states_start_the_recurrence_as_in_keras(cls, config):
    layer = built_layer(cls, **config)
    x, mask = sequences(batch=4, time=11), ragged_mask(11)[:, :11]
    rng = np.random.default_rng(5)
    count = 2 if cls is layers.LSTM else 1
    states = [rng.normal(size=(4, 5)).astype("float32") for _ in range(count)]
    got = GateRecorder(layer)(x, mask, states)
    want = sequence_traces(layer, x, mask, states)[0]
    for name in want.gates:
        np.testing.assert_allclose(got.gates[name], want.gates[name], atol=ATOL, err_msg=name)
    for name, values in keras_states_per_step(layer, x, mask, states).items():
        np.testing.assert_allclose(got.gates[name], values, atol=ATOL, err_msg=name)


def test_the_recorded_gates_are_read_only_like_the_frozen_trace_holding_them():
    trace = GateRecorder(built_layer(layers.LSTM))(sequences(time=6))
    assert trace.gates["h"].shape == (3, 6, 5)
    with pytest.raises(ValueError, match="read-only"):
        trace.gates["f"][0, 0, 0] = 1.0
