"""The CRNN: builds with named layers, trains with CTC loss, saves and loads in safe mode,
and the ctc probe reads pictures of any size or says why it cannot."""

import numpy as np
import pytest

from dlviz.core.data.digit_strings import HEIGHT, WIDTH, digit_string_image, load_digit_strings
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.ctc import CtcInputError, ctc_alignment
from dlviz.core.probes.registry import PROBES
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.zoo import create
from dlviz.core.zoo.crnn import CRNN

keras = import_keras()


@pytest.fixture(scope="module")
def small_crnn():
    net = CRNN(units=8, filters=(4, 8, 8))
    net.build()
    return net


def test_columns_become_time_steps_with_a_softmax_over_blank_and_digits(small_crnn):
    model = small_crnn.model
    assert model.output_shape == (None, WIDTH // 4, 11)
    names = [layer.name for layer in model.layers]
    assert names == ["image", "block1_conv", "block1_pool", "block2_conv", "block2_pool",
                     "block3_conv", "block3_pool", "columns", "column_features",
                     "column_dense", "bi_lstm", "ctc_predictions"]
    assert type(model.get_layer("bi_lstm")).__name__ == "Bidirectional"
    out = np.asarray(model(np.zeros((2, HEIGHT, WIDTH, 1), np.float32)))
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, atol=1e-5)
    assert create("crnn").kind == "CRNN" and small_crnn.summary().total_params > 0


def test_a_couple_of_batches_of_ctc_loss_lower_it():
    keras.utils.set_random_seed(0)
    data = load_digit_strings(train=64, test=16, seed=0)
    net = CRNN(units=16, filters=(8, 16, 16))
    net.build()
    net.compile(learning_rate=3e-3)
    before = net.test(data.x_test, data.y_test)
    history = net.train(data.x_train, data.y_train, epochs=3, batch_size=32)
    assert np.isfinite(history["loss"]).all()
    assert history["loss"][-1] < history["loss"][0]
    after = net.test(data.x_test, data.y_test)
    assert set(after) == {"loss", "string_accuracy", "character_error_rate"}
    assert after["loss"] < before["loss"]


def test_saved_file_loads_in_safe_mode_with_identical_outputs(small_crnn, tmp_path):
    path = small_crnn.save(tmp_path / "crnn.keras")
    again = CRNN.load(path)      # the safe loader; options recovered from the file
    assert again.options["units"] == 8 and again.options["filters"] == (4, 8, 8)
    x = load_digit_strings(train=4, test=1, seed=5).x_train
    np.testing.assert_array_equal(np.asarray(small_crnn.model(x)), np.asarray(again.model(x)))


def test_a_cnn_file_is_not_a_crnn(tmp_path):
    from dlviz.core.prescan_errors import ModelFileError

    path = create("lenet5").save(tmp_path / "lenet.keras")
    with pytest.raises(ModelFileError, match="not a CRNN"):
        CRNN.load(path, units=8, filters=(4, 8, 8))


def test_the_probe_reads_a_picture_of_any_size(small_crnn):
    image = digit_string_image("4071", seed=2)
    found = PROBES["ctc"].compute(small_crnn.model, image, source_name="s.png")
    assert found.probabilities.shape == (32, 11) and found.class_names[0] == "blank"
    np.testing.assert_allclose(found.probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert found.path.tolist() == np.argmax(found.probabilities, axis=1).tolist()
    assert found.image.shape == (HEIGHT, WIDTH) and found.notes == ()
    # Dark ink on white paper, three times larger and in colour: inverted and fitted.
    paper = np.repeat(1.0 - np.kron(image, np.ones((3, 3, 1))), 3, axis=-1)
    fitted = ctc_alignment(small_crnn.model, paper)
    assert fitted.image.shape == (HEIGHT, WIDTH)
    assert any("inverted" in n for n in fitted.notes) and any("fitted" in n for n in fitted.notes)
    assert fitted.image.mean() < 0.3          # light ink on black again


def test_a_huge_picture_is_fitted_quickly_not_refused(small_crnn):
    huge = np.zeros((3000, 4000), np.float32)
    for left in range(500, 3500, 400):        # eight thick strokes
        huge[1000:2000, left:left + 150] = 1.0
    found = ctc_alignment(small_crnn.model, huge)
    assert found.image.shape == (HEIGHT, WIDTH) and found.image.max() > 0.5


@pytest.mark.parametrize("image, words", [
    (np.zeros((32, 128)), "blank"),
    (np.full((50, 80, 3), 0.7), "blank"),
    (np.full((4, 4), np.nan), "NaN"),
    (np.zeros((2, 3, 4, 5)), "shape"),
])
def test_pictures_it_cannot_read_say_why(small_crnn, image, words):
    with pytest.raises(CtcInputError, match=words) as caught:
        ctc_alignment(small_crnn.model, image)
    assert getattr(caught.value, "user_message", False)


def test_a_model_that_reads_no_strings_is_refused_in_words():
    inputs = keras.Input((28, 28, 1), name="image")
    x = keras.layers.Flatten()(inputs)
    classifier = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    reason = PROBES["ctc"].unavailable(classifier)
    assert "not one (time steps, classes) output" in reason and "crnn" in reason.lower()
    with pytest.raises(ProbeUnavailable):
        ctc_alignment(classifier, np.ones((28, 28)))


@pytest.mark.slow
def test_the_shipped_crnn_reads_unseen_strings_far_better_than_chance():
    from dlviz.core.data import read_image
    from dlviz.core.data.digit_strings import decode_label
    from dlviz.core.zoo.crnn_trained import TrainedCRNN, trained_crnn_models
    from dlviz.core.zoo.trained import models_dir

    info = {i.name: i for i in trained_crnn_models()}["crnn-digit-strings"]
    assert info.path.stat().st_size < 2_000_000 and info.string_accuracy > 0.8
    net = TrainedCRNN(trained="crnn-digit-strings")
    net.build()
    # Other strings than the maker scored (another seed), still of unseen drawings.
    data = load_digit_strings(train=0, test=300, seed=0)
    read = net.read(data.x_test)
    truth = [decode_label(row) for row in data.y_test]
    exact = np.mean([a == b for a, b in zip(read, truth)])
    # Chance for 1-6 digits is about 1/6 x 1/10 for one-digit strings alone (under 2 %).
    assert exact > 0.8, exact
    samples = models_dir().parent / "samples"
    for name, text in (("11_digits_2024.png", "2024"), ("12_digits_531.png", "531"),
                       ("13_digits_86907.png", "86907")):
        assert ctc_alignment(net.model, read_image(samples / name).array).text == text
