"""PairDataset: shapes, teacher-forcing shift, padding, splits, vocabularies, names."""

from __future__ import annotations

import numpy as np
import pytest

from dlviz.core.data.pair_dataset import PAIR_SETS, is_pair_data, load_pair_data, pair_dataset
from dlviz.core.data.pair_vocabulary import PairVocabulary
from dlviz.core.data.text import TextError
from dlviz.core.data.text_dataset import is_sequence_data
from dlviz.core.data.text_sets import TEXT_KINDS, load_text_data
from dlviz.core.data.text_vocabulary import Vocabulary


def test_phrase_pairs_shapes_and_shift():
    data = load_pair_data("phrases-en-vi", samples=200, seed=1)
    (source, target_in), target_out = data.x_train, data.y_train
    assert len(source) == len(target_in) == len(target_out) == 160
    assert len(data.y_test) == len(data.test_pairs) == 40
    assert source.dtype == target_in.dtype == target_out.dtype == np.int32
    assert target_in.shape == target_out.shape
    vocab = data.vocabulary
    assert (target_in[:, 0] == vocab.start_id).all()
    # Teacher forcing: step t reads token t - 1 and must write token t.
    assert (target_in[:, 1:][target_out[:, :-1] != vocab.end_id] ==
            target_out[:, :-1][target_out[:, :-1] != vocab.end_id]).all()
    ends = (target_out == vocab.end_id).sum(axis=1)
    assert (ends == 1).all()
    # Padding: where target_in is 0, so is target_out (the model's mask is the loss's).
    assert (target_out[target_in == 0] == 0).all()
    assert data.task == "translate" and data.input_names == ("source", "target_in")
    assert data.num_classes == len(vocab.target) and data.class_names[2:4] == ("<start>", "<end>")


def test_test_pairs_decode_back_to_their_text():
    data = load_pair_data("phrases-vi-en", samples=100, seed=2)
    vocab = data.vocabulary
    for row, (source, target) in enumerate(data.test_pairs[:10]):
        ids = data.x_test[0][row]
        assert vocab.source.decode(ids[ids != 0]) == vocab.source.tokenize(source)
        assert vocab.target_text(data.y_test[row]) == target
    sources = [source for source, _ in data.test_pairs]
    assert data.sample_text in sources
    assert len(data.sample_text.split()) == max(len(s.split()) for s in sources)


def test_same_seed_same_data_and_no_overlap():
    a = load_pair_data("phrases-en-vi", samples=150, seed=3)
    b = load_pair_data("phrases-en-vi", samples=150, seed=3)
    assert np.array_equal(a.x_train[0], b.x_train[0]) and a.test_pairs == b.test_pairs
    train_rows = {tuple(r) for r in a.x_train[0]}
    assert not any(tuple(r) in train_rows for r in a.x_test[0])


def test_own_vocabulary_keeps_ids_and_counts_unknown_words():
    data = load_pair_data("phrases-en-vi", samples=100)
    other = load_pair_data("phrases-en-vi", samples=50, seed=9, vocabulary=data.vocabulary)
    assert other.vocabulary is data.vocabulary
    assert any("own vocabulary" in note for note in other.notes)
    with pytest.raises(TextError, match="encoder-decoder"):
        load_pair_data("dates-en", samples=20, vocabulary=Vocabulary(["a"]))


def test_dates_sets_write_characters():
    data = load_pair_data("dates-vi", samples=60)
    assert data.vocabulary.target.level == "char" and data.vocabulary.source.level == "word"
    source, target = data.test_pairs[0]
    assert data.vocabulary.target_text(data.y_test[0]) == target and len(target) == 10


def test_names_are_text_kinds_and_sequence_data():
    for name in ("dates-en", "dates-vi", "dates", "phrases-en-vi", "phrases-vi-en"):
        assert name in PAIR_SETS and name in TEXT_KINDS
    data = load_text_data("phrases-en-vi", samples=40)
    assert is_pair_data(data) and is_sequence_data(data)
    with pytest.raises(TextError, match="sentence-pair"):
        load_pair_data("dates-fr")
    with pytest.raises(TextError, match="sentence pairs"):
        load_text_data("sentiment-en", samples=30, vocabulary=data.vocabulary)


def test_empty_pairs_are_refused_in_words():
    with pytest.raises(TextError, match="no sentence pairs"):
        pair_dataset([])
    with pytest.raises(TextError, match="no tokens"):
        pair_dataset([("", ""), ("!", "")], vocabulary=PairVocabulary.build([("a", "b")]))
