"""Training that shows why gates matter (slow: each trains for 10-30 s on two cores).

- The long-dependency task (the first of 100 tokens sets the class): the
  library's SimpleRNN stays at chance, its LSTM and GRU learn it.
- Sentiment with negation far from the end: the LSTM gets negated sentences
  right far more often than a bag of words (logistic regression on counts),
  which gets them wrong by design of the data.
"""

import keras
import numpy as np
import pytest

from dlviz.core.data.long_dependency import load_long_dependency
from dlviz.core.data.sentiment import CLASS_NAMES, MAX_LENGTH, load_sentiment, sentiment_texts
from dlviz.core.zoo.registry import create

pytestmark = pytest.mark.slow


def fit(name, data, *, epochs, batch_size, units, embedding_dim, learning_rate=0.01):
    keras.utils.set_random_seed(0)
    net = create(name, classes=data.num_classes, vocabulary=data.vocabulary, units=units,
                 embedding_dim=embedding_dim)
    net.build()
    net.compile(learning_rate=learning_rate)
    net.train(data.x_train, data.y_train, epochs=epochs, batch_size=batch_size)
    return net


@pytest.fixture(scope="module")
def long_task():
    return load_long_dependency(n=2000, length=100, seed=0)


@pytest.mark.parametrize("name, expect", [("rnn-sentiment", "fails"),
                                          ("lstm-sentiment", "learns"),
                                          ("gru-sentiment", "learns")])
def test_the_first_of_100_tokens_needs_gates(long_task, name, expect):
    net = fit(name, long_task, epochs=8, batch_size=64, units=16, embedding_dim=8)
    accuracy = net.test(long_task.x_test, long_task.y_test)["accuracy"]
    if expect == "learns":
        assert accuracy >= 0.9, f"{name}: {accuracy:.3f}"
    else:
        assert accuracy <= 0.6, f"{name}: {accuracy:.3f}"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_lstm_gets_negations_right_where_a_bag_of_words_cannot(language):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    data = load_sentiment(language, n=3000, seed=0)
    net = fit("lstm-sentiment", data, epochs=14, batch_size=32, units=32, embedding_dim=32)
    # Held out: sentences from another seed, only the negated positive/negative ones.
    texts, labels, negated = sentiment_texts(language, 900, seed=123)
    held = negated & (labels != CLASS_NAMES.index("neutral"))
    texts, labels = [t for t, h in zip(texts, held) if h], labels[held]
    guess = net.predict(data.vocabulary.encode_batch(texts, MAX_LENGTH)).argmax(-1)
    lstm = float(np.mean(guess == labels))

    train_texts, train_labels, _ = sentiment_texts(language, 3000, seed=0)
    counts = CountVectorizer(token_pattern=r"\S+")
    bag = LogisticRegression(max_iter=2000).fit(counts.fit_transform(train_texts),
                                                train_labels)
    bow = float(np.mean(bag.predict(counts.transform(texts)) == labels))
    assert lstm >= 0.85 and lstm > bow + 0.4, (lstm, bow)
