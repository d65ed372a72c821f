"""The shape captioner: builds, learns from a few batches, saves and loads in safe mode."""

import numpy as np
import pytest

from dlviz.core.data.scene_captions import caption_vocabulary, load_scene_captions
from dlviz.core.kerasenv import import_keras
from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.zoo.captioner import ShapeCaptioner, captioner_options

keras = import_keras()
SMALL = dict(filters=(4, 8, 8), units=8, embedding_dim=4)


@pytest.fixture(scope="module")
def data():
    return load_scene_captions(64, 16, seed=2)


def test_the_model_reads_image_and_words_and_attends_over_8x8_regions(data):
    net = ShapeCaptioner(vocabulary=data.vocabulary, **SMALL)
    model = net.build()
    assert [t.name.split(":")[0] for t in model.inputs] == ["image", "target_in"]
    assert model.get_layer("attention").output[1].shape[-1] == 64   # 8x8 regions
    probabilities = model.predict(list(data.x_test), verbose=0)
    assert probabilities.shape == (16, 9, len(data.vocabulary))
    np.testing.assert_allclose(probabilities.sum(-1), 1.0, rtol=1e-5)


def test_a_few_batches_lower_the_loss(data):
    keras.utils.set_random_seed(1)
    net = ShapeCaptioner(vocabulary=data.vocabulary, **SMALL)
    net.build()
    net.compile(learning_rate=0.01)
    before = net.test(data.x_train, data.y_train)["loss"]
    net.train(data.x_train, data.y_train, epochs=3, batch_size=16)
    assert net.test(data.x_train, data.y_train)["loss"] < before - 0.2


def test_save_and_load_in_safe_mode_give_identical_outputs(tmp_path, data):
    net = ShapeCaptioner(vocabulary=data.vocabulary, score="additive", **SMALL)
    net.build()
    path = net.save(tmp_path / "captioner.keras")
    again = ShapeCaptioner.load(path)   # dlviz's loader: safe mode
    assert again.vocabulary == data.vocabulary
    assert captioner_options(again.model) == captioner_options(net.model)
    assert again.options["score"] == "additive" and again.options["filters"] == (4, 8, 8)
    x = list(data.x_test)
    np.testing.assert_array_equal(net.model.predict(x, verbose=0),
                                  again.model.predict(x, verbose=0))
    raw = keras.saving.load_model(path, safe_mode=True, compile=False)
    assert type(raw.get_layer("regions")).__name__ == "ImageRegions"


def test_a_file_that_is_not_a_captioner_is_refused_in_words(tmp_path):
    inputs = keras.Input((8,), name="x")
    plain = keras.Model(inputs, keras.layers.Dense(2, name="out")(inputs), name="plain")
    plain.save(tmp_path / "plain.keras")
    with pytest.raises(ModelFileError, match="not a shape captioner"):
        ShapeCaptioner.load(tmp_path / "plain.keras")


def test_bad_options_say_what_is_allowed():
    with pytest.raises(ValueError, match="multiples of 8"):
        ShapeCaptioner(input_shape=(60, 60, 3))
    with pytest.raises(ValueError, match="score must be one of"):
        ShapeCaptioner(score="cosmic")
    assert len(ShapeCaptioner(language="vi").vocabulary) == len(caption_vocabulary("vi"))
