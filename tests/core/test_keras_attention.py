"""Attention in models people bring: the probe reports what each layer itself returns."""

import numpy as np
import pytest
from _attention_models import (
    embedded,
    embedding,
    keras,
    layers,
    nested,
    self_attention,
    three_kinds,
    vocabulary,
)

from dlviz.core.probes.attention_calls import attention_layers, score_of
from dlviz.core.probes.keras_attention import keras_attention
from dlviz.core.probes.results import ProbeUnavailable


def own_scores(layer, *args, **kwargs):
    return np.asarray(layer(*args, **kwargs, return_attention_scores=True)[1])


def test_multi_head_scores_equal_the_layers_own_per_head_with_the_padding_masked():
    model = self_attention(length=9, heads=3)
    found = keras_attention(model, "4 17 2 9 30")
    ids = np.array([[4, 17, 2, 9, 30, 0, 0, 0, 0]])
    vectors, mask = embedded(model, ids)
    expected = own_scores(model.get_layer("mha"), vectors, vectors, query_mask=mask,
                          value_mask=mask)[0, :, :5, :5]
    assert found.weights.shape == (3, 5, 5) and found.heads == 3
    assert found.head_names == ("head 1", "head 2", "head 3")
    np.testing.assert_allclose(found.weights, expected, atol=1e-6)
    assert not np.allclose(found.weights[0], found.weights[1])   # heads differ
    assert np.max(np.abs(found.weights - 0.2)) > 0.05            # not uniform
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    assert found.source_tokens == found.output_tokens == ("#4", "#17", "#2", "#9", "#30")
    assert found.score == "multi_head" and found.layer == "mha" and found.layers == ("mha",)
    assert found.output_text.startswith("class ")


def test_attention_and_additive_attention_equal_the_layers_own_scores():
    model = three_kinds()
    ids = np.array([[3, 8, 0, 5]])   # id 0 in the middle is padding: masked out
    x, mask = embedded(model, ids)
    dot, additive = model.get_layer("dot"), model.get_layer("additive")
    z = dot([x, x], mask=[mask, mask])
    for name, expected in (("dot", own_scores(dot, [x, x], mask=[mask, mask])),
                           ("additive", own_scores(additive, [z, x, z], mask=[mask, mask]))):
        found = keras_attention(model, "3 8 0 5", layer=name)
        assert found.weights.shape == (1, 4, 4) and found.head_names == ("attention",)
        np.testing.assert_allclose(found.weights[0], expected[0], atol=1e-6)
        assert np.all(found.weights[..., 2] == 0)                 # the padding id
        np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    assert found.layers == ("dot", "additive", "mha")
    assert [score_of(layer) for _p, layer in attention_layers(model)] == [
        "keras_dot", "keras_additive", "multi_head"]


def test_weights_are_those_the_model_computes_when_multi_head_attention_drops_a_mask():
    # Keras's MultiHeadAttention deletes the masks of the tensors it reads, so
    # Attention([y, x]) after it reads x unmasked: the padding id gets weight
    # in the model itself, and the probe shows that, not a mask from the graph.
    model = three_kinds(mha_first=True)
    ids = np.array([[3, 8, 0, 5]])
    x, mask = embedded(model, ids)
    y = model.get_layer("mha")(x, x, query_mask=mask, value_mask=mask)
    dot = model.get_layer("dot")
    found = keras_attention(model, "3 8 0 5", layer="dot")
    np.testing.assert_allclose(found.weights[0], own_scores(dot, [y, x])[0], atol=1e-6)
    assert np.all(found.weights[0, :, 2] > 0.01)
    additive = model.get_layer("additive")
    z = dot([y, x])
    end = additive([z, x, z])    # ... and the model's answer agrees
    answer = model.get_layer("classes")(model.get_layer("pool")(end, mask=mask))
    np.testing.assert_allclose(model.predict(ids, verbose=0), answer, atol=1e-6)


def test_a_causal_mask_is_the_layers_own():
    found = keras_attention(self_attention(causal=True, heads=2), "5 6 7 8")
    upper = np.triu(np.ones((4, 4), bool), k=1)
    assert np.all(found.weights[:, upper] == 0) and np.all(found.weights[:, ~upper] > 0)
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)


def test_padding_read_without_a_mask_stays_in_the_picture_and_says_so():
    found = keras_attention(self_attention(length=6, mask_zero=False, heads=2), "5 6")
    assert found.weights.shape == (2, 2, 6)              # the text's queries, every key read
    assert found.source_tokens == ("#5", "#6", "<pad>", "<pad>", "<pad>", "<pad>")
    assert found.output_tokens == ("#5", "#6")
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    assert any("no padding mask" in note and "4 padding positions" in note
               for note in found.notes)


def test_an_attention_layer_inside_a_nested_model_is_found_and_asked():
    model = nested()
    found = keras_attention(model, "3 4 5")
    assert found.layer == "block/mha" and found.weights.shape == (2, 3, 3)
    vectors, _mask = embedded(model, np.array([[3, 4, 5]]))
    mha = model.get_layer("block").get_layer("mha")
    np.testing.assert_allclose(found.weights, own_scores(mha, vectors, vectors)[0], atol=1e-6)


def test_words_through_a_vocabulary_label_both_axes_vietnamese_included():
    words = vocabulary()
    found = keras_attention(self_attention(), "Bộ phim này KHÔNG tệ 😀", vocabulary=words)
    assert found.source_tokens[:5] == ("bộ", "phim", "này", "không", "tệ")
    assert found.source_tokens == found.output_tokens
    assert found.text == "Bộ phim này KHÔNG tệ 😀"
    assert any("not in the model's vocabulary" in note for note in found.notes)


def test_a_layer_is_chosen_by_name_and_an_unknown_one_is_named_in_the_refusal():
    model = three_kinds()
    assert keras_attention(model, "3 4", layer="additive").score == "keras_additive"
    with pytest.raises(ProbeUnavailable, match="dot, additive, mha"):
        keras_attention(model, "3 4", layer="nope")


def test_a_model_without_attention_is_refused_in_words():
    ids = keras.Input((None,), dtype="int32")
    model = keras.Model(ids, layers.LSTM(2)(layers.Embedding(10, 4)(ids)), name="plain_lstm")
    with pytest.raises(ProbeUnavailable, match="'plain_lstm' has no attention layer"):
        keras_attention(model, "1 2")


def test_a_layer_built_for_flash_attention_still_tells_its_weights():
    keras.utils.set_random_seed(0)
    ids = keras.Input((None,), dtype="int32")
    x = embedding(ids)
    mha = layers.MultiHeadAttention(2, 4, flash_attention=True, name="mha")
    model = keras.Model(ids, layers.GlobalAveragePooling1D()(mha(x, x)), name="flash")
    found = keras_attention(model, "3 4 6")
    assert mha._flash_attention   # restored after the pass
    vectors, mask = embedded(model, np.array([[3, 4, 6]]))
    mha._flash_attention = False  # flash never forms the weights: the plain road's
    np.testing.assert_allclose(found.weights, own_scores(mha, vectors, vectors)[0], atol=1e-6)


def test_queries_not_one_per_token_are_labelled_by_position():
    keras.utils.set_random_seed(0)
    ids = keras.Input((None,), dtype="int32")
    x = embedding(ids, mask_zero=False)
    pooled = layers.Conv1D(8, 2, strides=2, name="pairs")(x)   # one query per two tokens
    out = layers.Attention(name="dot")([pooled, x])
    model = keras.Model(ids, layers.Dense(2)(layers.GlobalAveragePooling1D()(out)),
                        name="pooled")
    found = keras_attention(model, "3 4 5 6")
    assert found.output_tokens == ("[0]", "[1]") and found.source_tokens == ("#3", "#4", "#5",
                                                                             "#6")
    assert found.weights.shape == (1, 2, 4) and found.output_text == ""   # no probabilities
    np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
