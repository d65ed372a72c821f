"""GroupedConv2D: Keras's grouped convolution, group by group (fast on a CPU)."""

import keras
import numpy as np

from dlviz.core.layers import GroupedConv2D


def test_same_weights_outputs_and_gradients_as_keras_grouped_conv():
    import tensorflow as tf

    x = np.random.default_rng(0).random((4, 9, 9, 6), dtype=np.float32)
    ours = GroupedConv2D(8, 3, padding="same", groups=2)
    theirs = keras.layers.Conv2D(8, 3, padding="same", groups=2)
    ours.build(x.shape)
    theirs.build(x.shape)
    assert [w.shape for w in ours.weights] == [(3, 3, 3, 8), (8,)]
    theirs.set_weights(ours.get_weights())
    grads = []
    for layer in (ours, theirs):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(layer(x) ** 2)
        grads.append([g.numpy() for g in tape.gradient(y, layer.trainable_weights)])
    np.testing.assert_allclose(ours(x), theirs(x), rtol=1e-5, atol=1e-5)
    for a, b in zip(*grads):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)


def test_saves_and_reloads_in_safe_mode(tmp_path):
    from dlviz.core.modelio import load_model, save_model

    inputs = keras.Input((8, 8, 4))
    model = keras.Model(inputs, GroupedConv2D(4, 3, groups=2, name="g")(inputs))
    x = np.ones((1, 8, 8, 4), np.float32)
    loaded = load_model(save_model(model, tmp_path / "g.keras"))  # safe mode
    assert type(loaded.get_layer("g")) is GroupedConv2D and loaded.get_layer("g").groups == 2
    np.testing.assert_allclose(loaded(x), model(x), rtol=1e-6)
