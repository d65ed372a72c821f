"""Pooling to softmax by hand, and activation derivatives against finite differences."""

import numpy as np
import pytest

from dlviz.core.explain.activations import activations, vanishing_regions
from dlviz.core.explain.pooling import (EXAMPLE_BIAS, EXAMPLE_MAP, EXAMPLE_WEIGHTS,
                                        head_pass, pool2d, softmax)
from dlviz.core.kerasenv import import_keras

keras = import_keras()


def test_pooling_is_block_max_and_block_mean():
    blocks = EXAMPLE_MAP.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3)
    np.testing.assert_array_equal(pool2d(EXAMPLE_MAP, 2, mode="max"), blocks.max(axis=(2, 3)))
    np.testing.assert_allclose(pool2d(EXAMPLE_MAP, 2, mode="average"), blocks.mean(axis=(2, 3)))
    assert pool2d(EXAMPLE_MAP, 2, mode="max").tolist() == [[5, 2], [2, 8]]
    with pytest.raises(ValueError, match="'max' or 'average'"):
        pool2d(EXAMPLE_MAP, 2, mode="min")


def test_head_pass_numbers_by_hand():
    result = head_pass(EXAMPLE_MAP, "max")
    assert result.flat.tolist() == [5, 2, 2, 8]
    # z1 = 0.5*5 - 0.2*2 + 0.1*2 + 0.3*8 + 0.1 = 4.8
    np.testing.assert_allclose(result.logits, [4.8, -1.1, 4.5])
    e = np.exp([4.8, -1.1, 4.5])
    np.testing.assert_allclose(result.probabilities, e / e.sum())
    assert result.probabilities.sum() == pytest.approx(1.0)
    average = head_pass(EXAMPLE_MAP, "average")
    np.testing.assert_allclose(average.flat, [2.25, 1, 1, 4.25])
    np.testing.assert_allclose(average.logits, EXAMPLE_WEIGHTS @ average.flat + EXAMPLE_BIAS)


def test_softmax_survives_large_logits():
    np.testing.assert_allclose(softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])


def test_pooling_matches_keras_layers():
    x = EXAMPLE_MAP[None, :, :, None].astype("float32")
    for mode, layer in (("max", keras.layers.MaxPooling2D(2)),
                        ("average", keras.layers.AveragePooling2D(2))):
        np.testing.assert_allclose(np.asarray(layer(x))[0, :, :, 0], pool2d(EXAMPLE_MAP, 2, mode=mode))


@pytest.mark.parametrize("name", list(activations()))
def test_derivative_matches_finite_differences(name):
    act = activations()[name]
    # Away from ReLU-family kinks at 0, where the derivative jumps.
    x = np.concatenate([np.linspace(-5, -0.05, 40), np.linspace(0.05, 5, 40)])
    h = 1e-5
    numeric = (act.f(x + h) - act.f(x - h)) / (2 * h)
    np.testing.assert_allclose(act.df(x), numeric, rtol=1e-4, atol=1e-6)


def test_functions_match_keras_activations():
    x = np.linspace(-4, 4, 33).astype("float32")
    acts = activations(alpha=0.1, elu_alpha=1.0)
    k = keras.activations
    expected = {"ReLU": k.relu(x), "Leaky ReLU": k.leaky_relu(x, negative_slope=0.1),
                "ELU": k.elu(x), "GELU": k.gelu(x, approximate=False),
                "tanh": k.tanh(x), "sigmoid": k.sigmoid(x)}
    for name, values in expected.items():
        np.testing.assert_allclose(acts[name].f(x), np.asarray(values), rtol=1e-4, atol=1e-5,
                                   err_msg=name)
    # Softmax shown as the first of three outputs, the other two logits 0.
    logits = np.stack([x, np.zeros_like(x), np.zeros_like(x)], axis=1)
    np.testing.assert_allclose(acts["softmax"].f(x), np.asarray(k.softmax(logits))[:, 0],
                               rtol=1e-5)


def test_vanishing_regions_where_the_course_says():
    acts = activations()
    sig = vanishing_regions(acts["sigmoid"].df)
    assert len(sig) == 2 and sig[0][0] == -6 and sig[1][1] == 6
    # sigmoid'(x) < 0.05 beyond |x| ≈ 2.89 (σ(1 − σ) = 0.05 there).
    assert sig[0][1] == pytest.approx(-2.89, abs=0.02) and sig[1][0] == pytest.approx(2.89, abs=0.02)
    assert float(np.max(acts["sigmoid"].df(np.linspace(-6, 6, 1001)))) == pytest.approx(0.25)
    relu = vanishing_regions(acts["ReLU"].df)
    assert relu[0][0] == -6 and relu[0][1] == pytest.approx(0, abs=0.02) and len(relu) == 1
    assert vanishing_regions(acts["Leaky ReLU"].df) == []   # slope 0.1 never vanishes
