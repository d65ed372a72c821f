"""Tiny recurrent layers and models for the gate probe tests, and Keras's own answers.

Keras gives a recurrent layer's hidden state at every step (return_sequences)
but its cell state only at the end (return_state). ``keras_states_per_step``
asks a twin of the layer (same config and weights, return_state=True) for the
final states of every prefix of the reading order, which are the states after
each step: the reference the probes are checked against.
"""

import numpy as np

from dlviz.core.kerasenv import import_keras

keras = import_keras()
layers = keras.layers

RNG = np.random.default_rng(7)


def randomise(layer, scale: float = 0.6, seed: int = 0) -> None:
    """Every weight of ``layer`` random (normal * scale): biases and gates far from init."""
    rng = np.random.default_rng(seed)
    for weight in layer.weights:
        weight.assign((rng.normal(size=weight.shape) * scale).astype("float32"))


def built_layer(cls, units: int = 5, features: int = 4, seed: int = 0, **config):
    """A built recurrent layer with random weights, returning sequences unless told."""
    config.setdefault("return_sequences", True)
    layer = cls(units, **config)
    layer.build((None, None, features))
    randomise(layer, seed=seed)
    return layer


def sequences(batch: int = 3, time: int = 8, features: int = 4, seed: int = 1):
    return np.random.default_rng(seed).normal(size=(batch, time, features)).astype("float32")


def ragged_mask(time: int = 8) -> np.ndarray:
    """Padding of varied lengths: none, at the end, a hole in the middle, at the start."""
    mask = np.ones((4, time), bool)
    mask[1, 5:] = False           # shorter sentence, right-padded
    mask[2, 2:4] = False          # a hole in the middle
    mask[3, :3] = False           # left-padded
    return mask


def keras_states_per_step(layer, x, mask=None, initial_state=None) -> dict:
    """The layer's own states after each step, in token order: {"h"} (and {"c"} for LSTM).

    Column t is what the layer holds after reading token t: the final states
    of a twin layer run on tokens [0..t] (forward) or [t..end] (go_backwards).
    """
    config = {**layer.get_config(), "return_state": True, "return_sequences": False,
              "name": f"{layer.name}_twin"}
    twin = type(layer).from_config(config)
    twin.build((None, None, x.shape[-1]))
    twin.set_weights(layer.get_weights())
    names = ("h", "c") if isinstance(layer.cell, layers.LSTMCell) else ("h",)
    found = {name: [] for name in names}
    time = x.shape[1]
    for t in range(time):
        part = slice(t, time) if layer.go_backwards else slice(0, t + 1)
        kwargs = {} if mask is None else {"mask": mask[:, part]}
        if initial_state is not None:
            kwargs["initial_state"] = initial_state
        states = twin(x[:, part], **kwargs)[1:]
        for name, state in zip(names, states):
            found[name].append(np.asarray(state))
    return {name: np.stack(values, axis=1) for name, values in found.items()}


def stacked_classifier(cells=("lstm", "gru"), vocabulary: int = 12, units: int = 6):
    """Embedding(mask_zero) -> recurrent layers -> Dense(3 softmax), Functional, named."""
    kinds = {"lstm": layers.LSTM, "gru": layers.GRU, "simple_rnn": layers.SimpleRNN}
    tokens = keras.Input((None,), dtype="int32", name="tokens")
    x = layers.Embedding(vocabulary, 5, mask_zero=True, name="embedding")(tokens)
    for n, kind in enumerate(cells):
        last = n == len(cells) - 1
        x = kinds[kind](units, return_sequences=not last, name=f"{kind}_{n + 1}")(x)
    outputs = layers.Dense(3, activation="softmax", name="predictions")(x)
    return keras.Model(tokens, outputs, name="stacked")


def token_batch(time: int = 9, vocabulary: int = 12, seed: int = 3) -> np.ndarray:
    """Token ids with 0 as padding: full, right-padded and left-padded rows."""
    ids = np.random.default_rng(seed).integers(1, vocabulary, size=(4, time))
    ids[1, 6:] = 0
    ids[2, :2] = 0
    ids[3, 3:5] = 0
    return ids.astype("int32")
