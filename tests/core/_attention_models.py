"""Tiny Keras models with attention layers (random weights, word vectors of unit size)."""

import numpy as np

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.kerasenv import import_keras

keras = import_keras()
layers = keras.layers
WORDS = "the film was not bad at all bộ phim này không tệ chút nào"


def embedding(ids, vocabulary_size=40, width=8, mask_zero=True):
    # Unit-size vectors: scores far from uniform, so comparisons mean something.
    init = keras.initializers.RandomNormal(stddev=1.0, seed=1)
    return layers.Embedding(vocabulary_size, width, mask_zero=mask_zero,
                            embeddings_initializer=init, name="embedding")(ids)


def self_attention(length=None, heads=3, mask_zero=True, causal=False, name="reader"):
    """Embedding -> MultiHeadAttention(x, x) -> pooled classes."""
    keras.utils.set_random_seed(0)
    ids = keras.Input((length,), dtype="int32", name="tokens")
    x = embedding(ids, mask_zero=mask_zero)
    mha = layers.MultiHeadAttention(num_heads=heads, key_dim=4, name="mha")
    y = mha(x, x, use_causal_mask=causal)
    out = layers.Dense(3, activation="softmax", name="classes")(
        layers.GlobalAveragePooling1D(name="pool")(y))
    return keras.Model(ids, out, name=name)


def three_kinds(mha_first=False):
    """Attention, AdditiveAttention (key given) and MultiHeadAttention in one model.

    ``mha_first``: MultiHeadAttention reads the embedding first, and Keras's
    MultiHeadAttention deletes the masks of the tensors it reads, so the
    other two then read the embedding unmasked (as the model runs).
    """
    keras.utils.set_random_seed(0)
    ids = keras.Input((None,), dtype="int32", name="tokens")
    x = embedding(ids)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")
    y = mha(x, x) if mha_first else None
    z = layers.Attention(name="dot")([x if y is None else y, x])
    w = layers.AdditiveAttention(name="additive")([z, x, z])
    w = mha(w, w) if y is None else w
    out = layers.Dense(2, activation="softmax", name="classes")(
        layers.GlobalAveragePooling1D(name="pool")(w))
    return keras.Model(ids, out, name="three_kinds")


def nested():
    """The attention sits in a block (a Functional model) inside the model."""
    keras.utils.set_random_seed(0)
    inner_in = keras.Input((None, 8), name="vectors")
    inner_out = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(inner_in,
                                                                                inner_in)
    block = keras.Model(inner_in, inner_out, name="block")
    ids = keras.Input((None,), dtype="int32", name="tokens")
    out = layers.Dense(2, activation="softmax", name="classes")(
        layers.GlobalAveragePooling1D(name="pool")(block(embedding(ids, mask_zero=False))))
    return keras.Model(ids, out, name="nested")


def vocabulary():
    return Vocabulary.build([WORDS])


def embedded(model, ids):
    """The Embedding's output and its mask for ``ids`` (what the layer is fed)."""
    layer = model.get_layer("embedding")
    vectors = layer(np.asarray(ids, np.int32))
    mask = layer.compute_mask(np.asarray(ids, np.int32)) if layer.mask_zero else None
    return vectors, mask
