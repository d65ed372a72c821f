"""The "attention" probe kind: offered or refused in words, both roads, any typed text."""

import unicodedata

import numpy as np
import pytest
from _attention_models import keras, layers, self_attention, vocabulary
from _probe_models import small_cnn

from dlviz import probes
from dlviz.core.data.text import TextError
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.keras_attention import MAX_TOKENS
from dlviz.core.probes.registry import PROBES, offered
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.text_probes import SAMPLE_SOURCES, sample_text
from dlviz.core.training.live_probes import LiveProbes

KIND = PROBES["attention"]


@pytest.fixture(scope="module")
def reader():
    return self_attention(heads=2)


@pytest.fixture(scope="module")
def dates():
    """An untrained dlviz encoder-decoder and its pair vocabulary (dates)."""
    from dlviz.core.data.dates import date_pairs
    from dlviz.core.data.pair_vocabulary import PairVocabulary
    from dlviz.core.zoo.seq2seq import Seq2SeqAttention

    keras.utils.set_random_seed(0)
    pairs = PairVocabulary.build(date_pairs(60, language="both", seed=1))
    net = Seq2SeqAttention(vocabulary=pairs, units=8, embedding_dim=4, score="additive")
    return net.build(), pairs


def test_the_kind_reads_text_live_in_the_text_group():
    assert KIND.needs == "text" and KIND.live and KIND.live_group == "text"
    assert KIND.result is AttentionMap


def test_a_model_with_attention_is_offered_it_and_an_image_cnn_is_told_why_not(reader):
    assert offered(reader)["attention"] is None
    reason = offered(small_cnn())["attention"]
    assert "has no attention layer" in reason and "dates-attention" in reason


def test_models_text_cannot_reach_are_refused_in_words():
    query, values = keras.Input((None, 4), name="q"), keras.Input((None, 4), name="v")
    two = keras.Model([query, values], layers.Attention()([query, values]), name="two_inputs")
    assert "2 inputs" in offered(two)["attention"]
    image = keras.Input((6, 6, 4))
    flat = layers.Reshape((36, 4))(image)
    patches = keras.Model(image, layers.MultiHeadAttention(2, 2)(flat, flat), name="patches")
    assert "not a sequence" in offered(patches)["attention"]


def test_an_encoder_decoder_takes_the_greedy_road(dates):
    model, pairs = dates
    assert offered(model)["attention"] is None and "2 inputs" in offered(model)["gates"]
    found = KIND.compute(model, "ngày 10 tháng 3 năm 1987", vocabulary=pairs, max_length=6)
    assert found.source_tokens == ("ngày", "10", "tháng", "3", "năm", "1987")
    assert found.score == "additive" and found.heads == 1 and found.layer == "attention"
    assert found.weights.shape == (1, len(found.output_tokens), 6)
    assert 1 <= len(found.output_tokens) <= 6
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    with pytest.raises(ProbeUnavailable, match="not been trained yet"):
        KIND.compute(model, "ngày 10", vocabulary=None)
    with pytest.raises(ProbeUnavailable, match="PairVocabulary"):
        KIND.compute(model, "ngày 10", vocabulary=pairs.source)


def test_the_window_and_live_frames_get_a_sample_an_encoder_decoder_reads(dates):
    model, pairs = dates
    sample = sample_text(model, pairs)   # a date: most of its words are known
    assert sample in SAMPLE_SOURCES and pairs.unknown_share(sample) < 0.5
    assert sample_text(model) == "ngày 10 tháng 3 năm 1987"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused_in_words(reader, text):
    with pytest.raises(TextError, match="nothing to read"):
        KIND.compute(reader, text, vocabulary=vocabulary())


def test_words_emoji_and_vietnamese_in_either_normal_form(reader):
    words = vocabulary()
    typed = unicodedata.normalize("NFD", "không tệ 😀 xyzzy")
    found = KIND.compute(reader, typed, vocabulary=words)
    assert found.source_tokens[:2] == ("không", "tệ")   # NFC, as the vocabulary holds them
    assert len(found.source_tokens) >= 3
    assert any("not in the model's vocabulary" in note for note in found.notes)
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    with pytest.raises(TextError, match="type token ids as whole numbers"):
        KIND.compute(reader, "không tệ")             # no vocabulary: ids only


def test_ten_thousand_tokens_are_cut_to_what_the_probe_reads_and_it_says_so(reader):
    found = KIND.compute(reader, " ".join(["phim"] * 10_000), vocabulary=vocabulary())
    assert found.weights.shape == (2, MAX_TOKENS, MAX_TOKENS) == (2, 512, 512)
    assert any("first 512 of 10,000 tokens" in note for note in found.notes)


def test_live_frames_compute_attention_with_the_other_text_kinds(reader):
    live = LiveProbes(reader, None, None, text="3 4 5", vocabulary=None)
    assert "text" in live.kinds and "attention" not in live.disabled
    found = live.compute("text")["attention"]
    assert found.source_tokens == ("#3", "#4", "#5") and found.heads == 2
    quiet = LiveProbes(small_cnn(), None, None)
    assert any(note.startswith("live attention off:") for note in quiet.notes)


def test_the_notebook_api_opens_a_file_and_names_a_layer(tmp_path, reader):
    path = tmp_path / "reader.keras"
    reader.save(path)
    found = probes.attention(path, "7 8 9", layer="mha")
    again = PROBES["attention"].compute(reader, "7 8 9")
    np.testing.assert_allclose(found.weights, again.weights, atol=1e-6)
    with pytest.raises(ProbeUnavailable, match="no attention layer 'nope'"):
        probes.attention(reader, "7 8 9", layer="nope")
    with pytest.raises(ProbeUnavailable, match="has no attention layer"):
        probes.attention(small_cnn(), "7 8 9")
