"""Gradient through time: SimpleRNN forgets the start of a long sequence; open LSTM gates do not.

Assumptions of the vanishing test, stated: Keras's default initialisers
(glorot-uniform input kernel, orthogonal recurrent kernel, zero bias, LSTM
forget bias 1) under a fixed seed; 100 steps of unit-variance Gaussian
features (large enough to push tanh units off their linear part, as word
vectors of a trained model do); 32 units; the loss is the cross-entropy of
each sequence's predicted class. Then W·tanh' shrinks the gradient at every
step back, and the first step's share is below 1e-6 of the last's. An LSTM at
init forgets too (forget gate sigmoid(1) = 0.73 per step); one whose forget
gates stand open (bias 5, sigmoid = 0.993, what a long-dependency task
trains them to) keeps the first step within a factor 100 of the last.
"""

import numpy as np
import pytest

from dlviz.core.kerasenv import import_tensorflow
from dlviz.core.probes.gradient_time import gradient_through_time
from dlviz.core.probes.results import ProbeUnavailable
from tests.core._gate_models import keras, layers, token_batch

tf = import_tensorflow()
STEPS = 100


def features_model(cell, seed=0):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((STEPS, 8))
    outputs = layers.Dense(2, activation="softmax")(cell(inputs))
    return keras.Model(inputs, outputs)


def long_features(batch=4):
    return np.random.default_rng(1).normal(size=(batch, STEPS, 8)).astype("float32")


def test_simple_rnn_barely_feels_the_first_step_at_init():
    result = gradient_through_time(features_model(layers.SimpleRNN(32)), long_features())
    first, last = result.norms[:, 0], result.norms[:, -1]
    assert (last > 0).all()
    assert (first < 1e-6 * last).all(), first / last
    assert result.input_kind == "features" and result.target == "predicted class"


def test_lstm_with_open_forget_gates_keeps_the_first_step():
    lstm = layers.LSTM(32)
    model = features_model(lstm)
    bias = lstm.cell.bias.numpy()
    bias[32:64] = 5.0                       # forget gates open: sigmoid(5) = 0.993
    lstm.cell.bias.assign(bias)
    result = gradient_through_time(model, long_features())
    assert (result.norms[:, 0] > 1e-2 * result.norms[:, -1]).all()
    # the same LSTM with the init's forget bias (1) forgets like the SimpleRNN
    bias[32:64] = 1.0
    lstm.cell.bias.assign(bias)
    closed = gradient_through_time(model, long_features())
    assert (closed.norms[:, 0] < 1e-4 * closed.norms[:, -1]).all()


def embedding_classifier():
    keras.utils.set_random_seed(2)
    tokens = keras.Input((None,), dtype="int32")
    embedding = layers.Embedding(12, 6, mask_zero=True, name="embedding")
    lstm = layers.LSTM(5, name="lstm")
    dense = layers.Dense(3, activation="softmax", name="predictions")
    return keras.Model(tokens, dense(lstm(embedding(tokens)))), (embedding, lstm, dense)


@pytest.mark.parametrize("labels", [None, np.array([0, 2, 1, 1])])
def test_gradients_reach_each_tokens_embedding_as_a_hand_made_tape_finds(labels):
    model, (embedding, lstm, dense) = embedding_classifier()
    ids = token_batch()
    result = gradient_through_time(model, ids, labels, tokens=[f"w{i}" for i in range(9)])
    # by hand: look the vectors up, watch them, run the layers with the mask
    vectors = tf.identity(embedding(ids))
    with tf.GradientTape() as tape:
        tape.watch(vectors)
        probabilities = dense(lstm(vectors, mask=ids != 0))
        targets = np.argmax(probabilities, -1) if labels is None else labels
        loss = keras.losses.sparse_categorical_crossentropy(targets, probabilities)
        total = tf.reduce_sum(loss)
    want = np.linalg.norm(tape.gradient(total, vectors).numpy(), axis=-1)
    np.testing.assert_allclose(result.norms, want, rtol=1e-5, atol=1e-9)
    np.testing.assert_array_equal(result.mask, ids != 0)
    assert (result.norms[ids == 0] == 0).all() and (result.norms[ids != 0] > 0).all()
    assert result.input_kind == "embedding"
    assert result.loss == pytest.approx(float(np.mean(loss)), rel=1e-5)
    assert result.target == ("predicted class" if labels is None else "labels")
    assert result.tokens[0] == "w0"
    assert result.relative().max() == pytest.approx(1.0)


def test_a_model_with_two_inputs_is_refused():
    a, b = keras.Input((4, 2)), keras.Input((4, 2))
    model = keras.Model([a, b], layers.LSTM(2)(layers.Concatenate()([a, b])))
    with pytest.raises(ProbeUnavailable, match="one of each"):
        gradient_through_time(model, [np.zeros((1, 4, 2))] * 2)


def test_a_sequential_model_and_a_masking_layer_on_features():
    keras.utils.set_random_seed(3)
    sentiment = keras.Sequential([keras.Input((None,), dtype="int32"),
                                  layers.Embedding(12, 4, mask_zero=True),
                                  layers.GRU(4), layers.Dense(1, activation="sigmoid")])
    ids = token_batch()
    result = gradient_through_time(sentiment, ids, np.array([1, 0, 1, 0]))
    assert result.input_kind == "embedding" and result.target == "labels"
    np.testing.assert_array_equal(result.mask, ids != 0)
    assert (result.norms[ids == 0] == 0).all() and (result.norms[ids != 0] > 0).all()
    tagger = keras.Sequential([keras.Input((6, 3)), layers.Masking(0.0),
                               layers.SimpleRNN(4, return_sequences=True),
                               layers.Dense(5)])          # logits, one tag per step
    x = np.random.default_rng(0).normal(size=(2, 6, 3)).astype("float32")
    x[1, 4:] = 0.0
    tags = gradient_through_time(tagger, x)
    assert tags.mask[1].tolist() == [True] * 4 + [False] * 2
    assert (tags.norms[1, 4:] == 0).all() and (tags.norms[tags.mask] > 0).all()
    assert np.isfinite(tags.loss) and tags.loss > 0
