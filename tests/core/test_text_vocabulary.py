"""Vocabulary: ids, padding and unknown ids, JSON round trip, hostile input."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import PAD_ID, UNK_ID, EmptyText, Vocabulary


@pytest.fixture
def vocab():
    return Vocabulary.build(["not bad at all", "bad food", "không tệ chút nào"])


def test_most_frequent_first_after_padding_and_unknown(vocab):
    assert vocab.tokens[:3] == ("<pad>", "<unk>", "bad")
    assert vocab.encode("bad").tolist() == [2]


def test_unknown_words_get_id_1_and_only_unknown_words_still_encode(vocab):
    ids = vocab.encode("zebra quantum 🦓")
    assert ids.tolist() == [UNK_ID] * 3
    assert vocab.unknown_share("zebra bad") == 0.5


def test_decomposed_vietnamese_finds_the_composed_token(vocab):
    import unicodedata

    assert UNK_ID not in vocab.encode(unicodedata.normalize("NFD", "không tệ"))


def test_batch_is_padded_with_zero_and_cut(vocab):
    batch = vocab.encode_batch(["bad", "not bad at all bad food"], 4)
    assert batch.dtype == np.int32 and batch.shape == (2, 4)
    assert batch[0].tolist()[1:] == [PAD_ID] * 3
    assert PAD_ID not in batch[1]


def test_empty_sentence_is_a_clear_message_not_a_crash(vocab):
    assert vocab.encode("").shape == (0,)
    with pytest.raises(EmptyText, match="type a sentence"):
        vocab.encode_sentence("   ")
    ids, tokens = vocab.encode_sentence("not bad 😀")
    assert ids.shape == (1, 3) and tokens[-1] == "😀"


def test_ten_thousand_tokens(vocab):
    ids, tokens = vocab.encode_sentence(" ".join(["bad"] * 10_000))
    assert ids.shape == (1, 10_000)


def test_json_round_trip_keeps_ids_and_settings():
    vocab = Vocabulary.build(["a b c", "ệ"], level="char")
    again = Vocabulary.from_json(vocab.to_json())
    assert again == vocab and again.level == "char"
    assert again.encode("cab").tolist() == vocab.encode("cab").tolist()


@pytest.mark.parametrize("text, why", [
    ("not json", "not valid JSON"),
    ("[]", "not a dlviz vocabulary"),
    (json.dumps({"format": "dlviz-vocabulary", "tokens": ["a"]}), "damaged"),
    (json.dumps({"format": "dlviz-vocabulary", "tokens": ["<pad>", "<unk>", "a", "a"]}),
     "twice"),
    (json.dumps({"format": "dlviz-vocabulary", "tokens": ["<pad>", "<unk>"],
                 "level": "bytes"}), "level"),
    ("[" * 100_000, "JSON"),
])
def test_damaged_json_is_a_text_error(text, why):
    with pytest.raises(TextError, match=why):
        Vocabulary.from_json(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20), st.text(max_size=200))
def test_any_texts_build_a_vocabulary_that_encodes_any_text(texts, query):
    vocab = Vocabulary.build(texts)
    ids = vocab.encode(query)
    assert ids.dtype == np.int32 and ((ids >= 1) & (ids < len(vocab))).all()
    known = [t for t in vocab.tokenize(query) if t in vocab]
    assert [t for t in vocab.decode(ids) if t != "<unk>"] == known
    assert Vocabulary.from_json(vocab.to_json()) == vocab
