"""Tiny models and data for the training-session tests (fast on two cores)."""

import numpy as np

from dlviz.core.data import Dataset
from dlviz.core.kerasenv import import_keras

keras = import_keras()
layers = keras.layers


def tiny_cnn(classes: int = 2, size: int = 8):
    """Conv (ReLU) -> pool -> Dense (ReLU) -> Dense softmax: every probe kind applies."""
    inputs = keras.Input((size, size, 1), name="image")
    x = layers.Conv2D(4, 3, padding="same", activation="relu", name="conv")(inputs)
    x = layers.MaxPooling2D(name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(8, activation="relu", name="hidden")(x)
    outputs = layers.Dense(classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="tiny_cnn")


def linear_model(classes: int = 2, size: int = 8):
    """No saturating or dying units: an absurd learning rate overflows it to NaN."""
    inputs = keras.Input((size, size, 1), name="image")
    x = layers.Flatten(name="flatten")(inputs)
    x = layers.Dense(8, name="hidden")(x)
    outputs = layers.Dense(classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="linear")


def bright_dark(n: int = 192, size: int = 8, seed: int = 0) -> Dataset:
    """Class 1: bright pictures, class 0: dark ones; learnable in a few steps."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    x = rng.random((n, size, size, 1), dtype=np.float32) * 0.5 + 0.5 * y[:, None, None, None]
    x = x.astype(np.float32)
    return Dataset(x, y.astype(np.int64), x[:32].copy(), y[:32].astype(np.int64),
                   ("dark", "bright"))


class Recorder:
    """Collects events; ``on_batch(step, action)`` runs ``action`` at that global step."""

    def __init__(self):
        self.events = []
        self.actions = {}

    def __call__(self, event):
        self.events.append(event)
        step = getattr(event, "global_step", None)
        if type(event).__name__ == "BatchEnded" and step in self.actions:
            self.actions.pop(step)()

    def of(self, kind) -> list:
        return [e for e in self.events if type(e).__name__ == kind]
