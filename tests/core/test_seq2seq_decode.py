"""Greedy decoding records the attention that wrote each token; typed edge cases."""

import unicodedata

import numpy as np
import pytest

from dlviz.core.data.dates import date_pairs
from dlviz.core.data.pair_vocabulary import END, PairVocabulary
from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import EmptyText
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.seq2seq_attention import greedy_decode, is_seq2seq, seq2seq_attention
from dlviz.core.zoo.seq2seq import Seq2SeqAttention

keras = import_keras()
VOCAB = PairVocabulary.build(date_pairs(300, seed=4))


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(5)
    built = Seq2SeqAttention(vocabulary=VOCAB, units=8, embedding_dim=4,
                             score="additive").build()
    # Random weights often write <end> first: push it down and sharpen the
    # softmax so that decoding runs several steps of different tokens.
    dense = built.get_layer("next_token")
    kernel, bias = dense.get_weights()
    bias[VOCAB.end_id] = -4.0
    dense.set_weights([kernel * 8, bias])
    return built


def test_greedy_decode_is_step_by_step_argmax_with_its_own_weights(model):
    ids = VOCAB.source.encode("Tuesday, 10 March 1987")
    tokens, weights = greedy_decode(model, ids, VOCAB.target, max_length=12)
    assert 1 <= len(tokens) <= 12 and weights.shape == (len(tokens), len(ids))
    written = VOCAB.target.ids(tokens)
    # Teacher forcing on what it wrote: every step's argmax is the token it
    # wrote, and every row of weights is the one the model used for it.
    target_in = np.array([[VOCAB.start_id, *written[:-1]]], np.int32)
    both = keras.Model(model.inputs, [model.outputs[0],
                                      model.get_layer("attention").output[1]])
    probabilities, want = (np.asarray(v) for v in both([ids[None], target_in]))
    choices = probabilities[0].copy()
    choices[:, [0, VOCAB.start_id]] = -1
    np.testing.assert_array_equal(choices.argmax(-1), written)
    np.testing.assert_allclose(weights, want[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(weights.sum(-1), 1.0, atol=1e-5)
    assert len(set(tokens)) > 1                 # really several steps of different tokens


def test_probe_gives_an_attention_map_and_says_when_output_was_cut(model):
    found = seq2seq_attention(model, "ngày 10 tháng 3 năm 1987", vocabulary=VOCAB,
                              max_length=5)
    assert isinstance(found, AttentionMap)
    assert found.source_tokens == ("ngày", "10", "tháng", "3", "năm", "1987")
    assert found.weights.shape == (1, len(found.output_tokens), 6)
    assert found.score == "additive" and found.layer == "attention"
    assert found.output_text == "".join(t for t in found.output_tokens if t != END)
    if found.output_tokens[-1] != END:
        assert any("did not write <end> within 5" in note for note in found.notes)


def test_typed_edge_cases_give_a_result_or_a_clear_error(model):
    for empty in ("", "   \n"):
        with pytest.raises(EmptyText, match="nothing to read"):
            seq2seq_attention(model, empty, vocabulary=VOCAB)
    unknown = seq2seq_attention(model, "zebra quantum", vocabulary=VOCAB, max_length=3)
    assert any("none of these tokens" in n for n in unknown.notes)
    emoji = seq2seq_attention(model, "10 🎉 March 1987", vocabulary=VOCAB, max_length=3)
    assert emoji.source_tokens[1] == "🎉"
    assert any("1 of 4 tokens are not in" in n for n in emoji.notes)
    long = seq2seq_attention(model, "10 " * 10_000, vocabulary=VOCAB, max_length=3)
    assert long.weights.shape[-1] == 512
    assert any("first 512 of 10,000 tokens" in n for n in long.notes)
    composed = seq2seq_attention(model, "mùng 5 tháng Giêng năm 1990", vocabulary=VOCAB,
                                 max_length=4)
    decomposed = seq2seq_attention(model, unicodedata.normalize(
        "NFD", "mùng 5 tháng Giêng năm 1990"), vocabulary=VOCAB, max_length=4)
    assert composed.source_tokens == decomposed.source_tokens
    assert "giêng" in composed.source_tokens
    assert not any("vocabulary" in n for n in composed.notes)   # every syllable known
    np.testing.assert_array_equal(composed.weights, decomposed.weights)
    with pytest.raises(TextError, match="must be a string"):
        seq2seq_attention(model, None, vocabulary=VOCAB)


def test_wrong_models_and_vocabularies_are_refused_in_words(model):
    assert is_seq2seq(model)
    ids = keras.Input((None,), dtype="int32", name="tokens")
    other = keras.Model(ids, keras.layers.Embedding(5, 2)(ids))
    assert not is_seq2seq(other)
    with pytest.raises(ProbeUnavailable, match="not a dlviz encoder-decoder"):
        seq2seq_attention(other, "10 March", vocabulary=VOCAB)
    with pytest.raises(ProbeUnavailable, match="PairVocabulary"):
        seq2seq_attention(model, "10 March", vocabulary=VOCAB.source)
    with pytest.raises(EmptyText):
        greedy_decode(model, np.zeros((0,), np.int32), VOCAB.target)
    # A library preset before training has no vocabulary: say what to do next.
    with pytest.raises(ProbeUnavailable, match="not been trained yet.*Training tab"):
        seq2seq_attention(model, "10 March", vocabulary=None)


def test_a_fixed_length_encoder_reads_the_text_padded_or_cut():
    keras.utils.set_random_seed(2)
    fixed = Seq2SeqAttention((6,), vocabulary=VOCAB, units=4, embedding_dim=3).build()
    short = seq2seq_attention(fixed, "10 March 1987", vocabulary=VOCAB, max_length=4)
    assert short.weights.shape[-1] == 3
    assert not any("reads exactly" in n for n in short.notes)
    np.testing.assert_allclose(short.weights.sum(-1), 1.0, atol=1e-5)   # padding: 0
    long = seq2seq_attention(fixed, "thứ Ba, ngày 10/03/1987", vocabulary=VOCAB,
                             max_length=4)
    assert long.source_tokens == ("thứ", "ba", ",", "ngày", "10", "/")
    assert any("reads exactly 6 source tokens" in n for n in long.notes)
