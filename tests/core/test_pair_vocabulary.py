"""PairVocabulary: tokens of both sides, teacher-forcing arrays, JSON and .keras round trips."""

import zipfile

import numpy as np
import pytest

from dlviz.core.data.pair_vocabulary import (
    END, START, PairVocabulary, encode_pairs, vocabulary_from_json,
)
from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import EmptyText, Vocabulary

PAIRS = [("Tuesday, 10 March 1987", "1987-03-10"), ("10/03/87", "1987-03-10"),
         ("ngày 5 tháng Giêng năm 1990", "1990-01-05")]


def test_source_words_and_target_characters():
    vocab = PairVocabulary.build(PAIRS)
    assert vocab.source.tokenize("10/03/87") == ["10", "/", "03", "/", "87"]
    assert vocab.target.tokenize("1987-03-10") == list("1987-03-10")
    assert vocab.target.tokens[2:4] == (START, END)
    assert (vocab.start_id, vocab.end_id) == (2, 3)
    assert "giêng" in vocab.source and "1987" in vocab.source
    assert vocab.target_text(vocab.target.encode("1990-01-05")) == "1990-01-05"
    # Written text stops at <end>; <start> and padding are left out.
    ids = [vocab.start_id, *vocab.target.encode("1987"), vocab.end_id, 5, 0]
    assert vocab.target_text(ids) == "1987"
    # Toward code written for one vocabulary it is the source vocabulary.
    assert len(vocab) == len(vocab.source)
    ids, tokens = vocab.encode_sentence("Ngày 5 tháng Giêng")
    assert tokens == ["ngày", "5", "tháng", "giêng"] and ids.shape == (1, 4)
    with pytest.raises(EmptyText):
        vocab.encode_sentence("   ")


def test_encode_pairs_shifts_the_target_by_one_step():
    vocab = PairVocabulary.build(PAIRS)
    source, target_in, target_out = encode_pairs(PAIRS, vocab)
    assert source.dtype == target_in.dtype == target_out.dtype == np.int32
    assert source.shape == (3, 6) and target_in.shape == target_out.shape == (3, 11)
    assert np.all(target_in[:, 0] == vocab.start_id)
    np.testing.assert_array_equal(target_in[:, 1:], target_out[:, :-1])
    assert np.all(target_out[:, -1] == vocab.end_id)
    assert source[0, 5:].tolist() == source[1, 5:].tolist() == [0]   # padded at the end
    cut = encode_pairs(PAIRS, vocab, source_length=2, target_length=4)
    assert cut[0].shape == (3, 2) and cut[2][0].tolist() == [*vocab.target.encode("1987"),
                                                           vocab.end_id]


def test_json_round_trip_and_either_format():
    vocab = PairVocabulary.build(PAIRS)
    back = PairVocabulary.from_json(vocab.to_json())
    assert back == vocab and back.source.level == "word" and back.target.level == "char"
    single = Vocabulary.build(["a b c"])
    assert vocabulary_from_json(single.to_json()) == single
    with pytest.raises(TextError, match="single vocabulary"):
        PairVocabulary.from_json(single.to_json())
    with pytest.raises(TextError, match="not valid JSON"):
        vocabulary_from_json("{")
    with pytest.raises(TextError, match="not a dlviz vocabulary"):
        vocabulary_from_json("[]")
    with pytest.raises(TextError, match="<start> and <end>"):
        PairVocabulary(single, single)


def test_read_vocabulary_returns_the_pair_from_a_model_file(tmp_path):
    from dlviz.core.zoo.seq2seq import Seq2SeqAttention
    from dlviz.core.zoo.sequence_io import MEMBER, read_vocabulary

    vocab = PairVocabulary.build(PAIRS)
    net = Seq2SeqAttention(vocabulary=vocab, units=4, embedding_dim=3)
    path = net.save(tmp_path / "dates.keras")
    assert read_vocabulary(path) == vocab
    with zipfile.ZipFile(path) as archive:
        assert '"dlviz-pair-vocabulary"' in archive.read(MEMBER).decode("utf-8")
