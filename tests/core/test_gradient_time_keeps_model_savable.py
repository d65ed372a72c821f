"""Gradient through time builds a sub-model from the model's own tensors; Keras
records that sub-model's nodes on every layer it passes, and ``model.save`` then
failed ("could not find node key ..._ib-1"), so a text run's checkpoint after
the first live frame ended training with an error."""

import numpy as np

from dlviz.core.probes.gradient_time import gradient_through_time
from dlviz.core.zoo.registry import create


def test_the_model_still_saves_after_gradient_through_time(tmp_path):
    model = create("lstm-sentiment", vocabulary_size=20, units=4, embedding_dim=4).build()
    before = [len(layer._inbound_nodes) for layer in model.layers]
    found = gradient_through_time(model, np.array([[3, 4, 5, 0]]))
    assert found.norms.shape == (1, 4)
    assert [len(layer._inbound_nodes) for layer in model.layers] == before
    model.save(tmp_path / "after.keras")
    assert (tmp_path / "after.keras").stat().st_size > 0
    # ... and again: the probe still works once the model has been saved.
    again = gradient_through_time(model, np.array([[3, 4, 5, 0]]))
    np.testing.assert_allclose(again.norms, found.norms, rtol=1e-5)


def test_the_model_still_saves_after_the_compiled_gradient(tmp_path):
    from dlviz.core.probes.compiled_text import CompiledText

    model = create("gru-sentiment", vocabulary_size=20, units=4, embedding_dim=4).build()
    found = CompiledText(model).gradient(model, np.array([[3, 4, 5, 0]]))
    assert found.norms.shape == (1, 4)
    model.save(tmp_path / "after.keras")
    assert (tmp_path / "after.keras").stat().st_size > 0
