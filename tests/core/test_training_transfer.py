"""Freezing layers, nested backbones, and dropout that takes effect at once."""

import numpy as np
import pytest

from dlviz.core.kerasenv import import_keras
from dlviz.core.training.transfer import apply_freezing, set_dropout, trainable_summary


def _small_cnn():
    keras = import_keras()
    inputs = keras.Input((8, 8, 1), name="image")
    x = keras.layers.Conv2D(4, 3, name="conv1")(inputs)            # 40 parameters
    x = keras.layers.BatchNormalization(name="bn1")(x)              # 8 + 8 frozen stats
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dropout(0.0, name="drop")(x)
    outputs = keras.layers.Dense(3, name="head")(x)                 # 144*3 + 3 = 435
    return keras.Model(inputs, outputs)


def _with_backbone():
    keras = import_keras()
    inner_in = keras.Input((8, 8, 1))
    inner = keras.layers.Conv2D(4, 3, name="b_conv")(inner_in)
    inner = keras.layers.GlobalAveragePooling2D(name="b_pool")(inner)
    backbone = keras.Model(inner_in, inner, name="backbone")        # 40 parameters
    inputs = keras.Input((8, 8, 1))
    x = backbone(inputs)
    x = keras.layers.Dropout(0.0, name="drop")(x)
    outputs = keras.layers.Dense(2, name="head")(x)                 # 10 parameters
    return keras.Model(inputs, outputs)


def test_trainable_summary_counts():
    assert trainable_summary(_small_cnn()) == (40 + 8 + 435, 8)


def test_freeze_first_k_layers_skips_the_input():
    model = _small_cnn()
    notes = apply_freezing(model, freeze_first=2)
    assert [layer.trainable for layer in model.layers[1:]] == [False, False, True, True, True]
    assert trainable_summary(model) == (435, 40 + 16)
    assert "conv1, bn1" in notes[0]
    assert notes[-1] == "trainable parameters: 435 of 491"


def test_unfreeze_all_trains_every_layer_and_says_so():
    model = _small_cnn()
    apply_freezing(model, freeze_first=3)
    notes = apply_freezing(model)
    assert trainable_summary(model) == (483, 8)
    # Plain words: a fresh model with every layer trainable is not "fine-tuning".
    assert notes[0] == "every layer is trainable"


def test_freeze_more_than_there_are_freezes_all():
    model = _small_cnn()
    notes = apply_freezing(model, freeze_first=50)
    assert trainable_summary(model)[0] == 0 and "only 5" in notes[0]
    with pytest.raises(ValueError):
        apply_freezing(model, freeze_first=-1)


def test_freeze_backbone_freezes_the_nested_model():
    model = _with_backbone()
    assert trainable_summary(model) == (50, 0)
    notes = apply_freezing(model, freeze_backbone=True)
    assert trainable_summary(model) == (10, 40)
    assert model.get_layer("backbone").trainable is False
    assert model.get_layer("head").trainable is True
    assert "froze the backbone: backbone" in notes
    apply_freezing(model, freeze_backbone=False)
    assert trainable_summary(model) == (50, 0)


def test_frozen_weights_do_not_change_in_fit():
    keras = import_keras()
    keras.utils.set_random_seed(0)  # an unlucky init can leave the head's kernel idle
    model = _with_backbone()
    apply_freezing(model, freeze_backbone=True)
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    before = [w.copy() for w in model.get_layer("backbone").get_weights()]
    head = [w.copy() for w in model.get_layer("head").get_weights()]
    x = np.random.default_rng(0).uniform(size=(16, 8, 8, 1)).astype(np.float32)
    model.fit(x, np.arange(16) % 2, epochs=1, batch_size=8, verbose=0)
    for old, new in zip(before, model.get_layer("backbone").get_weights()):
        assert np.array_equal(old, new)
    after = model.get_layer("head").get_weights()
    assert any(not np.array_equal(old, new) for old, new in zip(head, after))  # the head learns


def test_frozen_batch_norm_keeps_its_statistics():
    keras = import_keras()
    model = _small_cnn()
    apply_freezing(model, freeze_first=2)
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    mean = model.get_layer("bn1").moving_mean.numpy().copy()
    x = np.random.default_rng(0).uniform(2, 3, size=(16, 8, 8, 1)).astype(np.float32)
    model.fit(x, np.arange(16) % 3, epochs=1, batch_size=8, verbose=0)
    assert np.array_equal(mean, model.get_layer("bn1").moving_mean.numpy())


def test_set_dropout_counts_layers_including_nested():
    keras = import_keras()
    model = _with_backbone()
    assert set_dropout(model, 0.3) == 1 and model.get_layer("drop").rate == 0.3
    outer = keras.Sequential([keras.Input((8, 8, 1)), model, keras.layers.Dropout(0.1)])
    assert set_dropout(outer, 0.5) == 2
    no_dropout = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    assert set_dropout(no_dropout, 0.5) == 0
    with pytest.raises(ValueError):
        set_dropout(model, 1.0)


def test_set_dropout_takes_effect_in_the_next_compiled_train_step():
    keras = import_keras()
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(512, kernel_initializer="ones", name="wide")(inputs)
    dropped = keras.layers.Dropout(0.0, name="drop")(hidden)
    outputs = keras.layers.Dense(1, kernel_initializer="ones", name="out")(dropped)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.SGD(0.0), "mse")   # weights never change
    x, y = np.ones((8, 4), np.float32), np.zeros((8, 1), np.float32)
    plain = model.train_on_batch(x, y)                # traces the train step
    assert model.train_on_batch(x, y) == pytest.approx(plain)
    assert set_dropout(model, 0.999) == 1
    assert model.train_on_batch(x, y) != pytest.approx(plain, rel=1e-3)
    hidden_model = keras.Model(inputs, dropped)
    out = np.asarray(hidden_model(x, training=True))
    assert (out == 0).mean() > 0.99                   # mostly zero while training
    set_dropout(model, 0.0)
    assert model.train_on_batch(x, y) == pytest.approx(plain)


def test_a_model_with_nothing_frozen_is_not_counted_twice():
    keras = import_keras()
    # The training header says "706,405 trainable parameters" already; the note
    # "trainable parameters: 706,405 of 706,405" only repeated it.
    inputs = keras.Input((6,))
    model = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Dense(4)(inputs)))
    assert apply_freezing(model) == ("every layer is trainable",)
    notes = apply_freezing(model, freeze_first=1)
    assert notes[-1] == "trainable parameters: 10 of 38"
