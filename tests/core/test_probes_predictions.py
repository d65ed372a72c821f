"""Top-k per head: single outputs, logits, GoogLeNet's averaged heads, names."""

import numpy as np
import pytest

from _probe_models import keras, layers, random_image, small_cnn
from dlviz.core.probes.analysis import analyze_image
from dlviz.core.probes.predictions import class_heads, predictions, to_probabilities
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.results import ProbeUnavailable


def test_single_softmax_output_is_called_output_and_ranked():
    model = small_cnn(classes=4)
    prepared = prepare_input(model, random_image((12, 12, 3)))
    result = predictions(model, prepared, k=3)
    expected = np.asarray(model(prepared.batch))[0]
    assert result.primary == "output" and list(result.heads) == ["output"]
    top = result.heads["output"]
    assert [s.index for s in top] == list(np.argsort(-expected)[:3])
    assert top[0].probability == pytest.approx(float(expected.max()), abs=1e-6)
    assert top[0].name == f"class {top[0].index}" and result.names_source == "index only"
    np.testing.assert_allclose(result.probabilities["output"], expected, atol=1e-6)


def test_logits_go_through_a_softmax():
    model = small_cnn(classes=3, softmax=False)
    prepared = prepare_input(model, random_image((12, 12, 3)))
    logits = np.asarray(model(prepared.batch))[0]
    result = predictions(model, prepared)
    probs = result.probabilities["output"]
    assert probs.sum() == pytest.approx(1.0, abs=1e-6) and (probs > 0).all()
    np.testing.assert_allclose(probs, np.exp(logits) / np.exp(logits).sum(), rtol=1e-5)
    assert len(result.heads["output"]) == 3  # k larger than the classes


def test_class_names_and_where_they_come_from():
    model = small_cnn(classes=3)
    prepared = prepare_input(model, random_image((12, 12, 3)))
    named = predictions(model, prepared, class_names=("cat", "dog", "bird"))
    assert named.names_source == "dataset"
    assert {s.name for s in named.heads["output"]} == {"cat", "dog", "bird"}
    said = predictions(model, prepared, class_names=("a", "b", "c"), names_source="ImageNet")
    assert said.names_source == "ImageNet"
    wrong_count = predictions(model, prepared, class_names=("a", "b"))
    assert wrong_count.names_source == "index only"
    assert wrong_count.heads["output"][0].name.startswith("class ")


def test_googlenet_mini_heads_are_shown_and_averaged():
    from dlviz.core.zoo import create

    net = create("googlenet-mini")
    model = net.build()
    image = random_image((32, 32, 3))
    analysis = analyze_image(model, image, class_names=[f"n{i}" for i in range(10)])
    result = analysis.predictions
    assert list(result.heads) == ["main", "aux1", "aux2", "average"]
    assert result.primary == "average"
    expected = net.predict_heads(analysis.maps.input.batch)
    for head in ("main", "aux1", "aux2", "average"):
        np.testing.assert_allclose(result.probabilities[head], expected[head][0], atol=1e-5)
        assert result.heads[head][0].index == int(np.argmax(expected[head][0]))
    assert result.heads["average"][0].name.startswith("n")


def test_outputs_that_are_not_class_vectors():
    inputs = keras.Input((8, 8, 1))
    image_out = layers.Conv2D(1, 3, padding="same", name="denoised")(inputs)
    model = keras.Model(inputs, image_out)
    prepared = prepare_input(model, random_image((8, 8, 1)))
    with pytest.raises(ProbeUnavailable, match="no class output"):
        predictions(model, prepared)
    assert analyze_image(model, random_image((8, 8, 1))).predictions is None


def test_class_heads_rules():
    assert class_heads(["predictions"], [(1, 10)]) == ([("output", 0)], False)
    assert class_heads(["a", "b"], [(1, 10), (1, 10)]) == ([("a", 0), ("b", 1)], False)
    assert class_heads(["main", "aux1"], [(1, 10), (1, 10)])[1] is True
    assert class_heads(["main", "aux1"], [(1, 10), (1, 5)])[1] is False
    assert class_heads(["score", "box"], [(1, 1), (1, 4, 4)]) == ([], False)
    assert to_probabilities(np.array([0.2, 0.8])).tolist() == pytest.approx([0.2, 0.8])
