"""The layer types the builder offers, each with the settings a new one starts with.

Configs are Keras layer configs (``layer.get_config()`` keys); only the
settings a student changes are given, Keras fills in the rest when it builds.
"""

from __future__ import annotations

_RNN = {"units": 32, "return_sequences": False}

#: class name -> default config of a newly added layer, in menu order.
LAYER_TYPES: dict[str, dict] = {
    "InputLayer": {"batch_shape": [None, 32, 32, 3], "dtype": "float32"},
    "Conv2D": {"filters": 32, "kernel_size": [3, 3], "strides": [1, 1],
               "padding": "same", "activation": "relu", "use_bias": True},
    "DepthwiseConv2D": {"kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                        "depth_multiplier": 1, "activation": "linear", "use_bias": True},
    "SeparableConv2D": {"filters": 32, "kernel_size": [3, 3], "strides": [1, 1],
                        "padding": "same", "depth_multiplier": 1,
                        "activation": "relu", "use_bias": True},
    "MaxPooling2D": {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid"},
    "AveragePooling2D": {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid"},
    "GlobalAveragePooling2D": {},
    "ZeroPadding2D": {"padding": [[1, 1], [1, 1]]},
    "BatchNormalization": {"momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True},
    "Dropout": {"rate": 0.5},
    "Flatten": {},
    "Dense": {"units": 10, "activation": "relu", "use_bias": True},
    "Activation": {"activation": "relu"},
    "ReLU": {},
    "LeakyReLU": {"negative_slope": 0.3},
    "PReLU": {},
    "ELU": {"alpha": 1.0},
    "Softmax": {"axis": -1},
    "Embedding": {"input_dim": 1000, "output_dim": 32, "mask_zero": False},
    "SimpleRNN": dict(_RNN),
    "LSTM": dict(_RNN),
    "GRU": dict(_RNN),
    "Bidirectional": {"merge_mode": "concat",
                      "layer": {"module": "keras.layers", "class_name": "LSTM",
                                "config": dict(_RNN), "registered_name": None}},
    "Add": {},
    "Concatenate": {"axis": -1},
}

#: layers that join two or more inputs (the builder lets people pick them).
MERGE_TYPES = frozenset({"Add", "Concatenate"})
