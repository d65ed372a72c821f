"""Shared checks for the builder tests: infer's rows against a built Keras model."""

from __future__ import annotations

import json


def count(weights) -> int:
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def assert_rows_match_keras(rows, model) -> None:
    """Every row's shape and trainable/non-trainable counts equal the built layer's."""
    assert not [(r.name, r.error) for r in rows if r.error]
    by_name = {layer.name: layer for layer in model.layers}
    checked = 0
    for row in rows:
        layer = by_name.get(row.name)
        if layer is None:
            continue
        assert row.output_shape == tuple(layer.output.shape), row.name
        assert row.trainable == count(layer.trainable_weights), row.name
        assert row.non_trainable == count(layer.non_trainable_weights), row.name
        checked += 1
    assert checked == len(model.layers)
    assert sum(r.params for r in rows) == model.count_params()


def keras_config(model) -> dict:
    """``model.to_json()`` as a dict, without the training settings (not architecture)."""
    config = json.loads(model.to_json())
    config.pop("compile_config", None)
    return config
