"""How a training run compiles its model: the optimizer, loss and metrics, and a
rebuild in the current scope (a distribution strategy, mixed precision).

``TrainingSession`` uses these; benchmarks and tests compile the same way.

Example:
    >>> _compile(model, TrainingConfig())   # doctest: +SKIP
"""

from __future__ import annotations

from dlviz.core.training.config import TrainingConfig


def make_optimizer(cfg: TrainingConfig):
    """The Keras optimizer ``cfg`` names, at its learning rate."""
    from dlviz.core.kerasenv import import_keras

    optimizers = import_keras().optimizers
    if cfg.optimizer == "sgd":
        return optimizers.SGD(cfg.learning_rate, momentum=cfg.momentum)
    if cfg.optimizer == "adam":
        return optimizers.Adam(cfg.learning_rate)
    if cfg.optimizer == "rmsprop":
        return optimizers.RMSprop(cfg.learning_rate)
    raise ValueError(f"unknown optimizer {cfg.optimizer!r}; choose sgd, adam or rmsprop")


def compile_args(model, zoo_model=None) -> dict:
    """``loss``, ``loss_weights`` and ``metrics`` to compile ``model`` with.

    A library model's own (``ZooModel.compile_args``); for any other model,
    sparse cross-entropy (from logits unless the outputs are softmax) and
    accuracy on each output, the outputs weighted equally.
    """
    if zoo_model is not None:
        return zoo_model.compile_args()
    from dlviz.core.training.ctc_session import ctc_compile_args

    if (ctc := ctc_compile_args(model)) is not None:  # a CRNN file: CTC loss
        return ctc
    from dlviz.core.probes.gradients import default_loss

    heads = len(model.outputs)
    loss = default_loss(model)
    if heads == 1:
        return {"loss": loss, "metrics": ["accuracy"]}
    return {"loss": [loss] * heads, "metrics": [["accuracy"] for _ in range(heads)]}


def _compile(model, cfg: TrainingConfig, zoo_model=None) -> None:
    model.compile(optimizer=make_optimizer(cfg), **compile_args(model, zoo_model))


def _clone(model):
    """``model`` rebuilt in the current scope (strategy, dtype policy), same weights."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    outputs = {id(getattr(t, "_keras_history", (None,))[0]) for t in model.outputs}

    def rebuild(layer):
        if isinstance(layer, keras.Model):
            return keras.models.clone_model(layer)
        config = layer.get_config()
        # The global dtype policy for every layer but the outputs, which stay
        # float32 so that softmax and the loss do not lose precision.
        config["dtype"] = "float32" if id(layer) in outputs else None
        return layer.__class__.from_config(config)

    clone = keras.models.clone_model(model, clone_function=rebuild)
    clone.set_weights(model.get_weights())
    return clone
