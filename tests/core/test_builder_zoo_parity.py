"""The builder agrees with Keras on every zoo model: shapes, parameters, JSON."""

import gc

import keras
import numpy as np
import pytest

from _builder_checks import assert_rows_match_keras, keras_config
from dlviz.core.builder.inference import infer
from dlviz.core.builder.keras_io import from_json, from_model, to_config, to_config_json
from dlviz.core.zoo.registry import create

CNNS = ["lenet5", "lenet5-modern", "alexnet-mini", "vgg16", "googlenet", "resnet50",
        "mobilenet"]
RNNS = ["lstm-sentiment", "gru-sentiment", "rnn-sentiment", "bilstm-sentiment",
        "lstm-sentiment-stacked", "bilstm-tagger", "lstm-tagger", "gru-tagger"]


def _built(name):
    keras.backend.clear_session()
    gc.collect()
    return create(name).build()


@pytest.mark.parametrize("name", CNNS + RNNS)
def test_infer_matches_keras_on_zoo_model(name):
    model = _built(name)
    arch = from_model(model)
    rows = infer(arch)
    assert_rows_match_keras(rows, model)
    # Every layer of these models has a rule: nothing leans on Keras's numbers.
    assert all(spec.editable or spec.class_name in ("LocalResponseNormalization",
                                                    "GroupedConv2D", "ZeroPadding2D",
                                                    "Reshape") for spec in arch.layers)


@pytest.mark.parametrize("name", CNNS)
def test_config_json_is_what_keras_writes(name):
    model = _built(name)
    assert to_config(from_model(model)) == keras_config(model)


@pytest.mark.parametrize("name", RNNS)
def test_masked_rnn_config_round_trips(name):
    """Keras records the Embedding's mask as extra op layers; the builder leaves them
    out (Keras rebuilds the mask), so the check is the round trip and the weights."""
    model = _built(name)
    arch = from_model(model)
    again = from_json(to_config_json(arch))
    assert again == arch
    rebuilt = keras.models.model_from_json(to_config_json(arch))
    assert rebuilt.count_params() == model.count_params()
    assert [tuple(o.shape) for o in rebuilt.outputs] == [tuple(o.shape) for o in model.outputs]
    # Same weights, same answers; padding zeros are masked as in the original.
    rebuilt.set_weights(model.get_weights())
    tokens = np.array([[5, 6, 7, 0, 0, 0]])
    np.testing.assert_allclose(rebuilt.predict(tokens, verbose=0),
                               model.predict(tokens, verbose=0), atol=1e-6)
    if any(s.config.get("mask_zero") for s in arch.layers) and len(rebuilt.outputs[0].shape) == 2:
        np.testing.assert_allclose(rebuilt.predict(tokens, verbose=0),
                                   rebuilt.predict(tokens[:, :3], verbose=0), atol=1e-6)
