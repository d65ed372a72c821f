"""The text probes of the public API (``dlviz.probes``): a path, a library model, a layer."""

from pathlib import Path

import numpy as np
import pytest

from dlviz import probes

MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"


def test_a_shipped_model_file_reads_a_typed_sentence_with_its_own_vocabulary():
    found = probes.gates(MODELS / "lstm-sentiment-en.keras", "the film was not bad at all")
    assert found.tokens == ("the", "film", "was", "not", "bad", "at", "all")
    trace = found.traces[0]
    assert trace.kind == "lstm" and trace.gates["f"].shape[:2] == (1, 7)
    assert 0.0 <= trace.gates["f"].min() and trace.gates["f"].max() <= 1.0
    assert found.prediction.shape == (3,)
    np.testing.assert_allclose(found.prediction.sum(), 1.0, rtol=1e-5)
    assert found.scores()[0].name == "positive"   # the sidecar's names; "not bad" is praise
    png = found._repr_png_()
    assert png.startswith(b"\x89PNG")


def test_gradient_through_time_and_a_layer_replay_agree_with_keras():
    import keras

    from dlviz.core.zoo.registry import create

    net = create("gru-sentiment", vocabulary_size=30, units=4, embedding_dim=3)
    net.build()
    grads = probes.gradient_through_time(net.model, "5 6 7 0")
    assert grads.norms.shape == (1, 4) and grads.norms[0, 3] == 0.0 and grads.norms[0, 0] > 0
    layer = net.model.get_layer("gru_1")
    x = np.random.default_rng(0).normal(size=(2, 5, 3)).astype(np.float32)
    trace = probes.gru_gates(layer, x)
    inputs = keras.Input((5, 3))
    twin = keras.layers.GRU(4, return_sequences=True, reset_after=layer.reset_after)
    out = twin(inputs)
    twin.set_weights(layer.get_weights())
    want = keras.Model(inputs, out).predict(x, verbose=0)
    np.testing.assert_allclose(trace.gates["h"], want, atol=1e-5)


def test_a_model_without_recurrent_layers_says_why():
    from dlviz.core.zoo.registry import create

    net = create("lenet5")
    with pytest.raises(probes.ProbeUnavailable) as caught:
        probes.gates(net, "not bad")
    assert "recurrent" in str(caught.value).lower()


def test_a_library_text_model_brings_its_vocabulary_and_class_names():
    from dlviz.core.zoo.registry import create

    net = create("lstm-sentiment-en")          # the shipped trained model, by its library name
    found = probes.gates(net, "không tệ chút nào the film was great")
    assert found.class_names == ("negative", "neutral", "positive")
    assert "great" in found.tokens and found.ids[found.tokens.index("great")] > 1  # a known word
