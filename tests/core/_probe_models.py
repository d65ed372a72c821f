"""Small hand-made models for the probe tests, and plain-Keras reference values."""

import numpy as np

from dlviz.core.kerasenv import import_keras

keras = import_keras()
layers = keras.layers


def small_cnn(classes: int = 3, softmax: bool = True):
    """Conv, batch norm, pooling, conv, then Flatten and Dense (non-spatial)."""
    inputs = keras.Input((12, 12, 3), name="image")
    x = layers.Conv2D(4, 3, activation="relu", name="conv1")(inputs)
    x = layers.BatchNormalization(name="bn1")(x)
    x = layers.MaxPooling2D(name="pool1")(x)
    x = layers.Conv2D(6, 3, padding="same", name="conv2")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(classes, activation="softmax" if softmax else None,
                           name="predictions")(x)
    return keras.Model(inputs, outputs, name="small_cnn")


def nested_model():
    """A Functional backbone (holding a Sequential) inside another model.

    image -> stem -> backbone[b_conv -> deep[deep_conv, deep_bn] -> b_pool]
          -> head_block[h_conv] -> gap -> predictions
    """
    inner_in = keras.Input((16, 16, 4), name="backbone_in")
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="b_conv")(inner_in)
    deep = keras.Sequential([keras.Input((16, 16, 8)), layers.Conv2D(8, 1, name="deep_conv"),
                             layers.BatchNormalization(name="deep_bn")], name="deep")
    x = deep(x)
    x = layers.MaxPooling2D(name="b_pool")(x)
    backbone = keras.Model(inner_in, x, name="backbone")
    head_block = keras.Sequential([keras.Input((8, 8, 8)),
                                   layers.Conv2D(5, 3, activation="relu", name="h_conv")],
                                  name="head_block")
    inputs = keras.Input((16, 16, 3), name="image")
    x = layers.Conv2D(4, 3, padding="same", activation="relu", name="stem")(inputs)
    x = head_block(backbone(x))
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(4, activation="softmax", name="predictions")(x)
    model = keras.Model(inputs, outputs, name="transfer")
    # Batch norm with non-trivial statistics, so inference mode matters.
    for bn in (backbone.get_layer("deep").get_layer("deep_bn"),):
        bn.moving_mean.assign(np.linspace(-0.5, 0.5, 8).astype("float32"))
        bn.moving_variance.assign(np.linspace(0.5, 2.0, 8).astype("float32"))
    return model


def reference(model, path: str, x):
    """A layer's output by plain Keras: ``keras.Model(inputs, layer.output)``.

    A nested layer is reached one model at a time: the value arriving at
    the nested model, then that model's own ``keras.Model(inputs, output)``.
    """
    head, _, rest = path.partition("/")
    layer = model.get_layer(head)
    if not rest:
        return np.asarray(keras.Model(model.inputs, layer.output)([x], training=False))
    arriving = layer._inbound_nodes[0].input_tensors[0]
    inner_x = np.asarray(keras.Model(model.inputs, arriving)([x], training=False))
    return reference(layer, rest, inner_x)


def random_image(shape, seed=0):
    return np.random.default_rng(seed).random(shape, dtype=np.float32)
