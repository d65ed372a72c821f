"""Live frames replay gates with a GateRecorder kept per layer: the same traces as NumPy."""

import numpy as np

from dlviz.core.data.sentiment import load_sentiment
from dlviz.core.probes.compiled_text import CompiledText
from dlviz.core.probes.gates import sequence_traces
from dlviz.core.probes.text_probes import sequence_gates
from dlviz.core.zoo.sequence import SequenceClassifier
from tests.core._gate_models import keras, layers, randomise, ragged_mask, sequences

ATOL = 1e-5


def _same_traces(got, want):
    assert [t.layer for t in got] == [t.layer for t in want]
    for a, b in zip(got, want):
        assert (a.kind, a.direction, a.note) == (b.kind, b.direction, b.note)
        np.testing.assert_array_equal(a.mask, b.mask)
        for name in b.gates:
            np.testing.assert_allclose(a.gates[name], b.gates[name], atol=ATOL, err_msg=name)


def _stacked_model():
    inputs = keras.Input((None, 4))
    h = layers.Bidirectional(layers.GRU(5, return_sequences=True), name="bi")(inputs)
    out = layers.LSTM(3, name="top")(h)
    model = keras.Model(inputs, out)
    randomise(model, seed=3)
    return model


def test_gate_traces_equal_the_numpy_replay_for_each_direction_and_layer():
    model = _stacked_model()
    compiled = CompiledText(model)
    x, mask = sequences(batch=3, time=9), ragged_mask(9)[:3]
    for layer in (model.get_layer("bi"), model.get_layer("top")):
        inputs = x if layer.name == "bi" else np.asarray(model.get_layer("bi")(x, mask=mask))
        want = sequence_traces(layer, inputs, mask, path=layer.name)
        _same_traces(compiled.gate_traces(layer, inputs, mask, layer.name), want)
        # The second frame reuses the recorders, and reads the weights of now.
        randomise(layer, seed=11)
        want = sequence_traces(layer, inputs, mask, path=layer.name)
        _same_traces(compiled.gate_traces(layer, inputs, mask, layer.name), want)
    assert sum(r is not False for r in compiled._recorders.values()) == 3


def test_a_layer_the_recorder_cannot_compile_keeps_the_numpy_replay():
    layer = layers.LSTM(4, activation=lambda v: np.tanh(np.asarray(v)), name="odd")
    layer.build((None, None, 4))
    compiled = CompiledText(keras.Sequential([keras.Input((None, 4)), layer]))
    x = sequences(batch=2, time=5)
    traces = compiled.gate_traces(layer, x, None, "odd")
    assert compiled._recorders[id(layer)] is False
    assert traces[0].gates["h"].shape == (2, 5, 4)


def test_the_sentence_probe_gives_the_same_gates_with_the_compiled_replay():
    data = load_sentiment("en", n=60, seed=0)
    model = SequenceClassifier(vocabulary=data.vocabulary, units=6, embedding_dim=6,
                               bidirectional=True).build()
    compiled = CompiledText(model)
    text = "the film was not bad at all"
    plain = sequence_gates(model, text, vocabulary=data.vocabulary)
    live = sequence_gates(model, text, vocabulary=data.vocabulary, predict=compiled.predict,
                          replay=compiled.gate_traces)
    _same_traces(live.traces, plain.traces)
    assert live.tokens == plain.tokens
    np.testing.assert_allclose(live.prediction, plain.prediction, atol=ATOL)
