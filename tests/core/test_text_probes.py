"""The "gates" probe kind: a typed sentence through every recurrent layer of any model.

Exactness of the replayed cells is owned by test_probes_gates*; here: every
layer is found wherever it sits, the sentence is encoded as the model reads
it, hostile text gives a result or a clear message, and the model's answer
comes along.
"""

import unicodedata

import numpy as np
import pytest

from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.registry import PROBES, offered
from dlviz.core.probes.text_encoding import MAX_TOKENS
from dlviz.core.probes.text_probes import recurrent_layers, sample_text
from dlviz.core.probes.text_results import SequenceGates

keras = import_keras()
layers = keras.layers
VOCAB = Vocabulary.build(["the film was not bad at all", "không tệ chút nào", "good"])
NAMES = ("negative", "neutral", "positive")


def gates(model, text, **options):
    return PROBES["gates"].compute(model, text, **options)


def stacked(seed=0):
    """Embedding -> Bidirectional(LSTM) -> GRU -> softmax, random weights."""
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((None,), dtype="int32", name="tokens")
    x = layers.Embedding(len(VOCAB), 6, mask_zero=True, name="embedding")(inputs)
    x = layers.Bidirectional(layers.LSTM(5, return_sequences=True), name="bi_lstm")(x)
    x = layers.GRU(4, name="gru")(x)
    outputs = layers.Dense(3, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="stacked")


def test_every_recurrent_layer_is_traced_with_both_directions_apart():
    model = stacked()
    found = gates(model, "The film was NOT bad", vocabulary=VOCAB, class_names=NAMES)
    assert isinstance(found, SequenceGates)
    assert found.tokens == ("the", "film", "was", "not", "bad")
    assert found.layers == ("bi_lstm", "gru")
    assert [t.layer for t in found.traces] == ["bi_lstm/forward", "bi_lstm/backward", "gru"]
    assert [t.direction for t in found.traces_of("bi_lstm")] == ["forward", "backward"]
    assert all(t.tokens == found.tokens and t.time == 5 for t in found.traces)
    # The GRU's last h is what the layer hands the classifier; the answer is the model's.
    ids = VOCAB.encode("the film was not bad")[None]
    gru_out = keras.Model(model.inputs[0], model.get_layer("gru").output)(ids)
    np.testing.assert_allclose(found.traces_of("gru")[0].gates["h"][0, -1], gru_out[0],
                               atol=1e-5)
    np.testing.assert_allclose(found.prediction, model(ids)[0], atol=1e-6)
    assert found.prediction_kind == "classes"
    assert [s.name for s in found.scores()] == [NAMES[i] for i in np.argsort(-found.prediction)]


def test_layers_of_a_nested_model_are_found_by_their_path():
    inner_in = keras.Input((None, 6))
    inner = keras.Model(inner_in, layers.SimpleRNN(3, name="rnn")(inner_in), name="encoder")
    inputs = keras.Input((None,), dtype="int32")
    x = layers.Embedding(len(VOCAB), 6, name="embedding")(inputs)
    model = keras.Model(inputs, layers.Dense(2, activation="softmax")(inner(x)), name="outer")
    assert [path for path, _ in recurrent_layers(model)] == ["encoder/rnn"]
    found = gates(model, "good film", vocabulary=VOCAB)
    assert [t.layer for t in found.traces] == ["encoder/rnn"]
    assert found.traces[0].kind == "simple_rnn"


def test_vietnamese_composed_and_decomposed_give_the_same_tokens_and_gates():
    model = stacked()
    composed = unicodedata.normalize("NFC", "không tệ chút nào")
    decomposed = unicodedata.normalize("NFD", "Không tệ chút nào")
    assert composed != decomposed
    one, two = (gates(model, text, vocabulary=VOCAB) for text in (composed, decomposed))
    assert one.tokens == two.tokens == ("không", "tệ", "chút", "nào")
    assert not one.notes   # every syllable is known
    np.testing.assert_array_equal(one.traces[0].gates["f"], two.traces[0].gates["f"])


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_a_clear_message(text):
    with pytest.raises(TextError, match="nothing to read"):
        gates(stacked(), text, vocabulary=VOCAB)


def test_unknown_words_emoji_and_a_long_text_give_results_that_say_so():
    model = stacked()
    unknown = gates(model, "zzz qqq 😀", vocabulary=VOCAB)
    assert unknown.tokens == ("zzz", "qqq", "😀")
    assert np.all(unknown.ids == 1) and "every one reads as <unk>" in unknown.notes[0]
    long = gates(model, "not bad " * 5000, vocabulary=VOCAB)
    assert len(long.tokens) == MAX_TOKENS and long.traces[0].time == MAX_TOKENS
    assert any("10,000 tokens" in note for note in long.notes)
    assert np.all(np.isfinite(long.traces[-1].gates["h"]))


def test_without_a_vocabulary_token_ids_are_typed_as_numbers():
    model = stacked()
    found = gates(model, "4 7, 2")
    assert found.tokens == ("#4", "#7", "#2") and found.ids.tolist() == [4, 7, 2]
    assert any("no vocabulary" in note for note in found.notes)
    with pytest.raises(TextError, match="carries no vocabulary.*type token ids"):
        gates(model, "not bad")
    with pytest.raises(TextError, match=f"embedding has {len(VOCAB)} ids"):
        gates(model, "3 999")
    assert gates(model, sample_text(model)).tokens   # the window's first sentence reads


def test_a_users_keras_file_with_simple_rnn_and_bidirectional_gru_works(tmp_path):
    from dlviz.core.modelio import load_model, save_model

    inputs = keras.Input((12,), dtype="int32")
    x = layers.Embedding(50, 4, mask_zero=True)(inputs)
    x = layers.SimpleRNN(3, return_sequences=True, name="rnn")(x)
    x = layers.Bidirectional(layers.GRU(2, return_sequences=True), name="bi_gru")(x)
    outputs = layers.TimeDistributed(layers.Dense(4, activation="softmax"), name="tags")(x)
    path = save_model(keras.Model(inputs, outputs, name="own"), tmp_path / "own.keras")
    model = load_model(path)
    found = gates(model, "5 9 14")
    # A fixed length of 12: padded with masked zeros, shown for the three typed steps.
    assert [t.layer for t in found.traces] == ["rnn", "bi_gru/forward", "bi_gru/backward"]
    assert all(t.time == 3 for t in found.traces)
    assert found.prediction_kind == "tags" and found.prediction.shape == (3, 4)
    assert len(found.tags()) == 3


def test_a_model_reading_vectors_takes_numbers_per_step():
    inputs = keras.Input((None, 2))
    model = keras.Model(inputs, layers.LSTM(3, name="lstm")(inputs), name="series")
    found = gates(model, "0.5 1; -1 2; 0 0")
    assert found.tokens == ("t0", "t1", "t2") and found.prediction_kind == "values"
    with pytest.raises(TextError, match="2 number"):
        gates(model, "hello there")


def test_a_model_without_recurrent_layers_says_why_in_words():
    inputs = keras.Input((8,), dtype="int32")
    x = layers.GlobalAveragePooling1D()(layers.Embedding(20, 4)(inputs))
    model = keras.Model(inputs, layers.Dense(2, activation="softmax")(x), name="bag")
    reason = offered(model)["gates"]
    assert "no recurrent layer" in reason and "model library" in reason


def test_the_result_stores_itself_with_its_traces(tmp_path):
    found = gates(stacked(), "không tệ", vocabulary=VOCAB, class_names=NAMES)
    again = SequenceGates.load(found.save(tmp_path / "gates.npz"))
    assert again.tokens == found.tokens and again.layers == found.layers
    assert [t.layer for t in again.traces] == [t.layer for t in found.traces]
    np.testing.assert_array_equal(again.traces[0].gates["c"], found.traces[0].gates["c"])
    assert again.scores() == found.scores()


def test_gradient_through_time_of_a_typed_sentence_shares_its_encoding():
    model, memo = stacked(), {}
    found = gates(model, "không tệ chút nào", vocabulary=VOCAB, memo=memo)
    steps = PROBES["gradient_through_time"].compute(model, "ignored: the memo has the text",
                                                    vocabulary=VOCAB, memo=memo)
    assert steps.tokens == found.tokens and steps.norms.shape == (1, 4)
    assert np.all(steps.norms > 0) and steps.target == "predicted class"
    padded_model = keras.Model(*_fixed_length(), name="fixed")
    fixed = PROBES["gradient_through_time"].compute(padded_model, "3 4")
    assert fixed.norms.shape == (1, 2) and fixed.tokens == ("#3", "#4")


def _fixed_length():
    inputs = keras.Input((10,), dtype="int32")
    x = layers.LSTM(3)(layers.Embedding(20, 4, mask_zero=True)(inputs))
    return inputs, layers.Dense(2, activation="softmax")(x)


def test_the_workspace_reads_the_vocabulary_inside_a_keras_file_and_types_a_sample(tmp_path):
    from dlviz.core.workspace import Workspace
    from dlviz.core.zoo.sequence_io import save_with_vocabulary

    path = save_with_vocabulary(stacked(), VOCAB, tmp_path / "with_words.keras")
    ws = Workspace()
    assert ws.open_model_file(path).offered["gates"] is None
    assert ws.vocabulary == VOCAB
    first = ws.analyze_text(None, kinds=("gates", "gradient_through_time"))
    assert first.text == ws.probe_text and len(first.parts()) == 2
    assert first.results["gates"].tokens == tuple(VOCAB.tokenize(first.text))
    typed = ws.analyze_text("không tệ").results["gates"]
    assert typed.tokens == ("không", "tệ") and ws.probe_text == "không tệ"
    eager = gates(ws.model, "không tệ", vocabulary=VOCAB)   # the workspace's is compiled
    np.testing.assert_allclose(typed.prediction, eager.prediction, atol=1e-6)


def test_the_first_sentence_is_english_unless_the_vocabulary_knows_vietnamese_better():
    english = Vocabulary.build(["the film was not bad at all"])
    vietnamese = Vocabulary.build(["bộ phim này không tệ chút nào"])
    model = stacked()
    assert sample_text(model, english) == "the film was not bad at all"
    assert sample_text(model, VOCAB) == "the film was not bad at all"   # knows both
    assert sample_text(model, vietnamese) == "bộ phim này không tệ chút nào"
