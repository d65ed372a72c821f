"""Per-layer gradient norms, dead ReLUs and histograms against plain TensorFlow."""

import numpy as np
import pytest

from _training_models import keras, layers, tiny_cnn
from dlviz.core.kerasenv import import_tensorflow
from dlviz.core.probes.gradients import (GradientProbe, default_loss, ends_in_softmax,
                                         layer_gradient_norms, relu_layers)
from dlviz.core.probes.histograms import dead_fraction, histogram, weight_histograms

tf = import_tensorflow()


def batch(n=6, size=8, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, size, size, 1), dtype=np.float32), np.arange(n) % 2


def test_gradient_norms_match_a_hand_written_tape():
    model = tiny_cnn()
    x, y = batch()
    norms = layer_gradient_norms(model, x, y)
    assert list(norms) == ["conv", "hidden", "predictions"]   # every trainable layer
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=False))
    variables = model.trainable_weights
    grads = dict(zip([id(v) for v in variables], tape.gradient(loss, variables)))
    for name, norm in norms.items():
        expected = np.sqrt(sum(float(tf.reduce_sum(grads[id(v)] ** 2))
                               for v in model.get_layer(name).trainable_weights))
        assert norm == pytest.approx(expected, rel=1e-4)


def test_frozen_layers_are_left_out_and_the_probe_is_reusable():
    model = tiny_cnn()
    model.get_layer("hidden").trainable = False
    x, y = batch()
    probe = GradientProbe(model, x, y)
    first, dead = probe()
    assert "hidden" not in first and set(first) == {"conv", "predictions"}
    model.get_layer("predictions").kernel.assign(
        model.get_layer("predictions").kernel * 0.0)
    second, _ = probe()          # same compiled function, new weights
    assert second["predictions"] != first["predictions"]
    assert set(dead) == {"conv", "hidden"}


def test_a_relu_layer_that_never_fires_is_all_dead():
    model = tiny_cnn()
    hidden = model.get_layer("hidden")
    hidden.bias.assign(np.full(8, -1e3, np.float32))
    x, y = batch()
    norms, dead = GradientProbe(model, x, y)()
    assert dead["hidden"] == 1.0
    assert 0.0 <= dead["conv"] < 1.0
    assert norms["conv"] == 0.0          # nothing flows back through dead units


def test_softmax_detection_picks_the_loss():
    assert ends_in_softmax(tiny_cnn())
    inputs = keras.Input((4,))
    logits = keras.Model(inputs, layers.Dense(3, name="logits")(inputs))
    assert not ends_in_softmax(logits)
    assert default_loss(logits).get_config()["from_logits"] is True
    assert relu_layers(tiny_cnn()) == ["conv", "hidden"]


def test_histogram_counts_edges_and_odd_values():
    values = np.concatenate([np.linspace(-1, 1, 100), [np.nan, np.inf]])
    counts, edges = histogram(values, bins=32)
    assert counts.shape == (32,) and edges.shape == (33,)
    assert counts.dtype == np.float32 and edges.dtype == np.float32
    assert counts.sum() == 100 and edges[0] == -1 and edges[-1] == 1
    flat, flat_edges = histogram(np.full(10, 3.0))
    assert flat.sum() == 10 and np.all(np.diff(flat_edges) > 0)
    empty, _ = histogram(np.array([]))
    assert empty.sum() == 0


def test_weight_histograms_and_dead_fraction():
    model = tiny_cnn()
    hists = weight_histograms(model)
    assert set(hists) == {"conv", "hidden", "predictions"}
    counts, edges = hists["conv"]
    assert counts.sum() == model.get_layer("conv").kernel.numpy().size
    assert dead_fraction(np.array([[[0.0, 2.0, 0.0]], [[0.0, 0.0, -1.0]]])) == pytest.approx(1 / 3)
    assert dead_fraction(np.zeros((0, 3))) == 0.0


def test_large_arrays_are_sampled_but_keep_their_range_and_total():
    values = np.random.default_rng(0).normal(size=1_000_003).astype(np.float32)
    counts, edges = histogram(values)
    exact, _ = histogram(values, max_counted=None)
    assert edges[0] == values.min() and edges[-1] == values.max()
    assert counts.sum() == pytest.approx(values.size, rel=1e-4)
    assert np.abs(counts - exact).max() <= 0.02 * exact.max()
