"""dlviz.probes.ctc: a CRNN reads a path, a PIL image or an array; other models say why."""

import numpy as np
import pytest
from PIL import Image

from dlviz import probes
from dlviz.core.data.digit_strings import digit_string_image
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.zoo.crnn import CRNN


@pytest.fixture(scope="module")
def crnn(tmp_path_factory):
    net = CRNN(units=8, filters=(4, 8, 8))
    net.build()
    return net, net.save(tmp_path_factory.mktemp("m") / "crnn.keras")


def test_a_path_a_pil_image_and_an_array_read_alike(crnn, tmp_path):
    net, path = crnn
    strip = digit_string_image("2024", seed=1)
    png = tmp_path / "s.png"
    Image.fromarray((strip[..., 0] * 255).round().astype(np.uint8)).save(png)
    by_path = probes.ctc(path, png)
    by_pil = probes.ctc(net, Image.open(png))
    by_array = probes.ctc(net.model, strip)
    assert isinstance(by_path, CtcAlignment) and by_path.source_name == "s.png"
    assert by_pil.class_names == by_array.class_names == by_path.class_names
    np.testing.assert_allclose(by_path.probabilities, by_array.probabilities, atol=2e-2)
    assert by_path.text == by_pil.text


def test_a_classifier_is_refused_with_the_reason():
    with pytest.raises(probes.ProbeUnavailable, match="time steps, classes"):
        probes.ctc(probes_classifier(), np.ones((28, 28)))


def probes_classifier():
    import keras

    inputs = keras.Input((28, 28, 1))
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(
        keras.layers.Flatten()(inputs)))
