"""Generated text sets: sizes, seeds, negation far from the end, aligned tags."""

import numpy as np
import pytest

from dlviz.core.data.long_dependency import MARKERS, load_long_dependency
from dlviz.core.data.sentiment import (CLASS_NAMES, load_sentiment, sentiment_records,
                                      sentiment_texts)
from dlviz.core.data.tagging import TAGS, load_tagging, tagging_sentences
from dlviz.core.data.text import tokenize


@pytest.mark.parametrize("language, negation", [("en", "not bad at all"),
                                                ("vi", "không tệ chút nào")])
def test_sentiment_sets_are_big_balanced_seeded_and_negated(language, negation):
    texts, labels, negated = sentiment_texts(language, 3000, seed=0)
    assert len(texts) >= 2000 and np.bincount(labels).tolist() == [1000] * 3
    assert texts == sentiment_texts(language, 3000, seed=0)[0]
    assert texts != sentiment_texts(language, 3000, seed=1)[0]
    assert any(negation in t for t, y in zip(texts, labels) if y == 2)
    assert 0.3 < negated.mean() < 0.36


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_deciding_words_sit_far_from_the_end(language):
    texts, _, _, frames = sentiment_records(language, 500, seed=0)
    assert texts == sentiment_texts(language, 500, seed=0)[0]
    assert 0.4 < frames.count("long") / len(frames) < 0.6
    after = [len(tokenize(t.split(" , ", 1)[1])) for t, f in zip(texts, frames) if f == "long"]
    assert min(after) >= 12 and np.median(after) >= 25


@pytest.mark.parametrize("language", ["en", "vi"])
def test_short_sentences_and_opinions_at_the_end_are_there_too(language):
    texts, labels, _, frames = sentiment_records(language, 600, seed=0)
    short = [len(tokenize(t)) for t, f in zip(texts, frames) if f == "short"]
    assert len(short) > 100 and np.median(short) <= 8
    assert {y for y, f in zip(labels.tolist(), frames) if f == "late"} == {0, 1, 2}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_bag_of_words_gets_negated_sentences_wrong(language):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels, negated = sentiment_texts(language, 3000, seed=0)
    counts = CountVectorizer(token_pattern=r"\S+")
    model = LogisticRegression(max_iter=2000).fit(counts.fit_transform(texts), labels)
    test, y, neg = sentiment_texts(language, 600, seed=7)
    right = model.predict(counts.transform(test)) == y
    polar = neg & (y != CLASS_NAMES.index("neutral"))
    assert right[~neg].mean() > 0.85 and right[polar].mean() < 0.3


def test_sentiment_dataset_encodes_every_sentence():
    data = load_sentiment("vi", n=300)
    assert data.x_train.shape[1] == 80 and data.class_names == CLASS_NAMES
    assert (data.x_train[:, 0] > 0).all()  # no sentence is empty
    assert len(data.test_texts) == len(data.y_test)
    ids = data.vocabulary.encode(data.test_texts[0])[:80]
    assert data.x_test[0][:len(ids)].tolist() == ids.tolist()


def test_tagging_tags_align_with_tokens_and_ambiguous_words_get_both_tags():
    sentences = tagging_sentences(400, seed=0)
    for sentence in sentences:
        assert tokenize(" ".join(w for w, _ in sentence)) == [w for w, _ in sentence]
    tags_of_book = {t for s in sentences for w, t in s if w == "book"}
    assert tags_of_book == {"NOUN", "VERB"}
    data = load_tagging(400)
    assert data.task == "tag" and data.y_train.shape == data.x_train.shape
    assert data.class_names == TAGS
    assert (data.y_train[data.x_train == 0] == 0).all()


def test_long_dependency_class_is_the_first_token_only():
    data = load_long_dependency(n=200, length=120, seed=3)
    assert data.x_train.shape == (160, 120)
    first = data.vocabulary.decode(data.x_train[:, 0])
    assert first == [MARKERS[y] for y in data.y_train]
    rest = set(np.unique(data.x_train[:, 1:]).tolist())
    assert not rest & set(data.vocabulary.ids(MARKERS).tolist())
