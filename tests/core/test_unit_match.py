"""Select a span, find the units on across it, and where else they fire together."""

import keras
import numpy as np
import pytest

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.probes.registry import PROBES
from dlviz.core.probes.result_io import from_arrays, to_arrays
from dlviz.core.probes.text_probes import sequence_gates
from dlviz.core.probes.unit_match import UnitMatches, match_units, select_units
from dlviz.core.probes.unit_states import dataset_states
from dlviz.core.zoo.sequence import SequenceClassifier

WORDS = Vocabulary.build(["the good great bad film"])
# Each word's embedding; the SimpleRNN below has an identity kernel and no
# recurrence, so h at a token is tanh of its embedding: "good" turns unit 0
# on, "great" units 0 and 1, "bad" unit 2.
VECTORS = {"good": (2, 0, 0), "great": (2, 2, 0), "bad": (0, 0, 2)}


@pytest.fixture(scope="module")
def word_units():
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(len(WORDS), 3, mask_zero=True, name="embedding")(inputs)
    x = keras.layers.SimpleRNN(3, return_sequences=True, name="rnn")(x)
    model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(x), name="words")
    table = np.zeros((len(WORDS), 3), np.float32)
    for word, vector in VECTORS.items():
        table[WORDS.ids([word])[0]] = vector
    model.get_layer("embedding").set_weights([table])
    model.get_layer("rnn").set_weights([np.eye(3), np.zeros((3, 3)), np.zeros(3)])
    return model


def trace_of(model, text, vocabulary=WORDS, index=0):
    return sequence_gates(model, text, vocabulary=vocabulary).traces[index]


def test_units_on_across_the_span_are_ranked_by_their_lowest_value(word_units):
    trace = trace_of(word_units, "the good great film")
    both = select_units(trace, 1, 3)
    assert both.state == "h" and both.tokens == ("good", "great")
    assert both.units.tolist() == [0]          # unit 1 is on at "great" only
    assert both.scores[0] == pytest.approx(np.tanh(2.0), abs=1e-6)
    assert both.ranking[0] == 0 and both.lowest[1] == pytest.approx(0.0, abs=1e-6)
    assert both.values.shape == (1, 2)
    great = select_units(trace, 2, 3)
    assert sorted(great.units.tolist()) == [0, 1]
    none = select_units(trace, 0, 4)
    assert none.units.size == 0 and "no unit" in none.note
    assert select_units(trace, 2, 3, top=1).units.size == 1
    with pytest.raises(ValueError, match="at least one token"):
        select_units(trace, 3, 3)
    with pytest.raises(ValueError, match="no state 'c'"):
        select_units(trace, 0, 1, state="c")


def test_matches_are_the_spans_where_every_selected_unit_is_on(word_units):
    chosen = select_units(trace_of(word_units, "the good great film"), 1, 3)
    texts = ["good good film", "bad film", "", "the great good good", "film good"]
    found = match_units(word_units, chosen, texts, vocabulary=WORDS)
    assert isinstance(found, UnitMatches) and found.searched == 5 and found.found == 3
    spans = [(m.sentence, m.start, m.end, m.tokens) for m in found.matches]
    # Same score: the longer span first; the empty sentence is left out and said so.
    assert spans == [(3, 1, 4, ("great", "good", "good")), (0, 0, 2, ("good", "good")),
                     (4, 1, 2, ("good",))]
    assert found.matches[0].score == pytest.approx(np.tanh(2.0), abs=1e-6)
    assert "1 sentence(s) could not be read" in found.note
    only_great = match_units(word_units, select_units(
        trace_of(word_units, "great"), 0, 1), texts, vocabulary=WORDS)
    assert [(m.sentence, m.tokens) for m in only_great.matches] == [(3, ("great",))]
    longer = match_units(word_units, chosen, texts, vocabulary=WORDS, min_length=2, limit=1)
    assert longer.found == 2 and [m.sentence for m in longer.matches] == [3]
    again = from_arrays(to_arrays(found))
    assert [m.tokens for m in again.matches] == [m.tokens for m in found.matches]
    np.testing.assert_array_equal(again.selection.units, chosen.units)


def test_no_unit_selected_searches_nothing(word_units):
    chosen = select_units(trace_of(word_units, "the film"), 0, 2)
    found = match_units(word_units, chosen, ["good"], vocabulary=WORDS)
    assert found.matches == () and found.found == 0 and "no unit" in found.note


def test_dataset_states_equal_the_probe_sentence_by_sentence():
    # A Bidirectional LSTM: the backward direction reads the padding side first,
    # so batching sentences of other lengths must not change their states.
    texts = ["the good film", "bad", "the great good bad film film", "good bad"]
    net = SequenceClassifier(vocabulary=Vocabulary.build(texts), cell="lstm",
                             bidirectional=True, units=4, embedding_dim=3)
    model = net.build()
    for path in ("bi_lstm_1/forward", "bi_lstm_1/backward"):
        states, mask, tokens, skipped = dataset_states(
            model, path, "c", texts, vocabulary=net.vocabulary, batch_size=3)
        assert states.shape == (4, 6, 4) and not skipped.any()
        index = 0 if path.endswith("forward") else 1
        for row, text in enumerate(texts):
            probe = trace_of(model, text, net.vocabulary, index)
            assert probe.layer == path and tokens[row] == probe.tokens
            np.testing.assert_allclose(states[row, :probe.time], probe.gates["c"][0],
                                       atol=1e-6)
            assert mask[row].sum() == probe.time


def test_an_lstm_selects_by_its_cell_state_from_the_gates_result():
    texts = ["the good film", "good good bad"]
    net = SequenceClassifier(vocabulary=Vocabulary.build(texts), units=5, embedding_dim=3)
    model = net.build()
    found = PROBES["gates"].compute(model, "good good", vocabulary=net.vocabulary)
    chosen = select_units(found.traces[0], 0, 2, threshold=-1.0, top=2)
    assert chosen.state == "c" and chosen.units.size == 2
    c = found.traces[0].gates["c"][0]
    np.testing.assert_allclose(chosen.scores, c[:, chosen.units].min(axis=0))
    matches = match_units(model, chosen, texts, vocabulary=net.vocabulary)
    # Threshold -1: every token of every sentence matches, one span each.
    assert sorted((m.sentence, m.start, m.end) for m in matches.matches) == [(0, 0, 3),
                                                                             (1, 0, 3)]
