"""The shipped sentiment models on sentences a person types (not the generator's).

``tests/data/typed_sentiment_{en,vi}.tsv`` are hand-written and never used
for training: plain short sentences, negations, facts with no opinion and
sentences whose deciding words sit far from the end. A lecturer types the
issue's own examples first, so those must all be right.
"""

from pathlib import Path

import numpy as np
import pytest

from dlviz.core.zoo.sequence_trained import TrainedSequenceModel

DATA = Path(__file__).resolve().parents[1] / "data"
MODELS = [("lstm-sentiment-en", "en"), ("lstm-sentiment-vi", "vi"), ("gru-sentiment-en", "en")]
ISSUE = {"en": [("not bad at all", "positive"), ("the film was not bad at all", "positive"),
                ("not good", "negative")],
         "vi": [("không tệ chút nào", "positive"), ("phim không tệ chút nào", "positive"),
                ("chẳng hay chút nào", "negative")]}


def typed(language):
    """``(texts, labels, kinds)`` of the hand-written set (``#`` lines are comments)."""
    lines = (DATA / f"typed_sentiment_{language}.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(row) == 3 for row in rows)
    texts, labels, kinds = zip(*rows)
    return list(texts), list(labels), list(kinds)


@pytest.fixture(scope="module", params=MODELS, ids=[name for name, _ in MODELS])
def model(request):
    name, language = request.param
    net = TrainedSequenceModel(trained=name)  # checks the SHA-256, loads in safe mode
    net.build()
    return net, language


def guesses(net, texts):
    ids = net.vocabulary.encode_batch(texts, 80)
    return [net.class_names[k] for k in net.model.predict(ids, verbose=0).argmax(-1)]


def test_the_hand_written_sets_are_big_varied_and_not_the_training_sentences():
    from dlviz.core.data.sentiment import sentiment_texts
    from dlviz.core.data.text import tokenize

    for language in ("en", "vi"):
        texts, labels, kinds = typed(language)
        assert len(texts) >= 40 and set(labels) == {"negative", "neutral", "positive"}
        assert {"plain", "negation", "far", "fact", "issue"} <= set(kinds)
        trained = {tuple(tokenize(t)) for t in sentiment_texts(language, 3000, seed=0)[0]}
        # A short typed sentence ("the app is useless") may happen to be generated too.
        assert sum(tuple(tokenize(t)) in trained for t in texts) <= 2


def test_most_typed_sentences_are_right(model):
    net, language = model
    texts, labels, _ = typed(language)
    said = guesses(net, texts)
    wrong = [(t, want, got) for t, want, got in zip(texts, labels, said) if want != got]
    assert np.mean([w == g for w, g in zip(labels, said)]) >= 0.85, wrong


def test_the_issues_own_examples_are_right(model):
    net, language = model
    texts, labels, kinds = typed(language)
    examples = ISSUE[language] + [(t, y) for t, y, k in zip(texts, labels, kinds)
                                  if k == "issue"]
    said = guesses(net, [t for t, _ in examples])
    assert said == [y for _, y in examples], list(zip(examples, said))
