"""SimpleRNN, LSTM and GRU on one sentence: their h and gradient through time, side by side."""

import keras
import numpy as np
import pytest

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.probes.compare import CellComparison, compare_cells
from dlviz.core.probes.result_io import from_arrays, to_arrays
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.text_probes import gradient_steps, sequence_gates
from dlviz.core.zoo.sequence import SequenceClassifier

WORDS = Vocabulary.build(["the film was not bad at all and the plot was good"])
LONG = " ".join(["the film was not bad at all and the plot was good"] * 4)


@pytest.fixture(scope="module")
def three():
    keras.utils.set_random_seed(0)
    return [SequenceClassifier(vocabulary=WORDS, cell=cell, units=8, embedding_dim=6,
                               memory_bias=0.0 if cell == "simple_rnn" else 3.0).build()
            for cell in ("simple_rnn", "lstm", "gru")]


def test_each_cell_shows_the_probes_own_h_and_gradient(three):
    found = compare_cells("the film was not bad", three, vocabulary=WORDS)
    assert found.kinds == ("simple_rnn", "lstm", "gru")
    assert found.tokens == ("the", "film", "was", "not", "bad")
    assert found.models == tuple(m.name for m in three)
    for model, kind in zip(three, found.kinds):
        probe = sequence_gates(model, "the film was not bad", vocabulary=WORDS).traces[0]
        np.testing.assert_array_equal(found.hidden(kind), probe.gates["h"][0].T)
    norms = np.stack([gradient_steps(m, "the film was not bad", vocabulary=WORDS).norms[0]
                      for m in three])
    np.testing.assert_allclose(found.gradient_norms, norms, rtol=1e-5)
    np.testing.assert_allclose(found.gradient.max(axis=1), 1.0)
    again = from_arrays(to_arrays(found))
    assert isinstance(again, CellComparison) and again.h_gru.shape == (8, 5)
    np.testing.assert_array_equal(again.gradient, found.gradient)


def test_a_long_sentence_gives_each_model_its_first_tokens_share(three):
    found = compare_cells(LONG, three, vocabulary=WORDS)
    assert found.gradient.shape == (3, 48) and (found.gradient_norms > 0).all()
    assert ((found.gradient >= 0) & (found.gradient <= 1)).all()
    assert [found.first_token_share[m.name] for m in three] == found.gradient[:, 0].tolist()


def test_the_comparison_draws_itself_through_the_generic_picture(three):
    found = compare_cells("the film was not bad at all", three[1:], vocabulary=WORDS)
    assert found.h_simple_rnn is None and found.h_lstm.shape == (8, 7)
    pixels = found.picture()
    colours = len(np.unique(pixels.reshape(-1, 3), axis=0))
    assert pixels.shape[1] >= 512 and colours > 32
    assert found._repr_png_().startswith(b"\x89PNG")


def test_two_models_of_one_cell_or_none_are_refused(three):
    with pytest.raises(ValueError, match="two models with lstm"):
        compare_cells("the film", [three[1], three[1]], vocabulary=WORDS)
    with pytest.raises(ValueError, match="at least one model"):
        compare_cells("the film", [], vocabulary=WORDS)
    dense = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="flat")
    with pytest.raises(ProbeUnavailable, match="no recurrent layer"):
        compare_cells("the film", [dense])
