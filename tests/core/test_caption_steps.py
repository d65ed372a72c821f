"""Captions decoded step by step are the whole-model loop's words, weights and probabilities."""

from pathlib import Path

import numpy as np
import pytest

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.scene_captions import caption_vocabulary
from dlviz.core.data.shape_scenes import generate_scenes
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes import step_decoder as steps
from dlviz.core.probes.captions import greedy_captions, whole_model_captions
from dlviz.core.zoo.captioner import ShapeCaptioner

keras = import_keras()
MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"


def _same_as_whole_model(model, vocabulary, images, max_length, jit_compile=False):
    found = greedy_captions(model, images, vocabulary, max_length, jit_compile)
    start, end = (int(i) for i in vocabulary.ids([START, END]))
    want = whole_model_captions(model, images, start, end, max_length)
    np.testing.assert_array_equal(found[0], want[0])
    np.testing.assert_allclose(found[1], want[1], rtol=0, atol=1e-5)
    np.testing.assert_allclose(found[2], want[2], rtol=0, atol=1e-5)
    assert steps.step_decoder(model).checked     # really decoded step by step
    return found[0]


def _images(model, count, seed):
    size = int(model.inputs[0].shape[1])
    images, _scenes = generate_scenes(count, size=size, seed=seed)
    return images


@pytest.mark.parametrize("name", ["captions-shapes", "captions-shapes-vi"])
def test_the_shipped_captioners_write_the_same_words_step_by_step(name):
    net = ShapeCaptioner.load(MODELS / f"{name}.keras")
    images = _images(net.model, 3, seed=9)
    ids = _same_as_whole_model(net.model, net.vocabulary, images, 20)
    end = net.vocabulary.ids([END])[0]
    assert all(end in row for row in ids)        # every caption ended
    _same_as_whole_model(net.model, net.vocabulary, images[:1], 20, jit_compile=True)


def test_a_random_captioner_a_batch_that_never_ends_and_one_word():
    vocabulary = caption_vocabulary("en")
    keras.utils.set_random_seed(3)
    model = ShapeCaptioner(vocabulary=vocabulary, filters=(4, 8, 8), units=8,
                           embedding_dim=4).build()
    dense = model.get_layer("next_token")
    kernel, bias = dense.get_weights()
    bias[vocabulary.ids([END])[0]] = -50.0
    dense.set_weights([kernel * 8, bias])
    images = _images(model, 2, seed=4)
    ids = _same_as_whole_model(model, vocabulary, images, 7)
    assert ids.shape == (2, 7)                   # neither row wrote <end>
    first = _same_as_whole_model(model, vocabulary, images, 1)
    np.testing.assert_array_equal(first, ids[:, :1])
