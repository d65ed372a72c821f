"""LocalResponseNormalization against a NumPy reference and TensorFlow's op."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st

from dlviz.core.layers import LocalResponseNormalization


def reference_lrn(a, size=5, k=2.0, alpha=1e-4, beta=0.75):
    """Krizhevsky et al. (2012), section 3.3, written as a plain loop."""
    channels = a.shape[-1]
    out = np.empty_like(a, dtype=np.float64)
    for i in range(channels):
        lo, hi = max(0, i - size // 2), min(channels - 1, i + size // 2)
        energy = np.sum(a[..., lo:hi + 1].astype(np.float64) ** 2, axis=-1)
        out[..., i] = a[..., i] / (k + alpha * energy) ** beta
    return out


@pytest.mark.parametrize("channels", [1, 3, 5, 8, 96])
def test_matches_numpy_reference_with_alexnet_constants(channels):
    rng = np.random.default_rng(channels)
    # Large activations so that the alpha term really changes the result.
    x = (rng.standard_normal((2, 3, 4, channels)) * 30).astype("float32")
    got = np.asarray(LocalResponseNormalization()(x))
    want = reference_lrn(x)
    assert got.shape == x.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    # The normalisation must actually do something at this scale.
    assert not np.allclose(got, x / 2.0 ** 0.75, rtol=1e-3)


def test_matches_tensorflow_with_depth_radius_half_the_size():
    x = np.random.default_rng(0).standard_normal((2, 5, 5, 16)).astype("float32") * 20
    layer = LocalResponseNormalization(size=7, k=1.5, alpha=2e-3, beta=0.6)
    want = tf.nn.local_response_normalization(
        x, depth_radius=3, bias=1.5, alpha=2e-3, beta=0.6).numpy()
    assert layer.depth_radius == 3
    np.testing.assert_allclose(np.asarray(layer(x)), want, rtol=1e-5, atol=1e-6)


@settings(max_examples=20, deadline=None)
@given(channels=st.integers(1, 12), size=st.sampled_from([1, 3, 5, 7]),
       beta=st.floats(0.25, 1.0), scale=st.floats(0.1, 50.0))
def test_any_window_matches_reference(channels, size, beta, scale):
    x = (np.random.default_rng(channels).standard_normal((1, 2, 2, channels))
         * scale).astype("float32")
    layer = LocalResponseNormalization(size=size, alpha=1e-2, beta=beta)
    np.testing.assert_allclose(np.asarray(layer(x)),
                               reference_lrn(x, size=size, alpha=1e-2, beta=beta),
                               rtol=1e-4, atol=1e-5)


def test_zero_alpha_is_a_constant_scale():
    x = np.linspace(-3, 3, 2 * 2 * 2 * 6, dtype="float32").reshape(2, 2, 2, 6)
    got = np.asarray(LocalResponseNormalization(alpha=0.0, k=4.0, beta=0.5)(x))
    np.testing.assert_allclose(got, x / 2.0, rtol=1e-6)


@pytest.mark.parametrize("size", [0, 4, -3])
def test_rejects_even_or_non_positive_size(size):
    with pytest.raises(ValueError, match="odd"):
        LocalResponseNormalization(size=size)


def test_config_round_trip():
    layer = LocalResponseNormalization(size=3, k=1.0, alpha=1e-3, beta=0.5, name="norm")
    config = layer.get_config()
    assert {k: config[k] for k in ("size", "k", "alpha", "beta")} == {
        "size": 3, "k": 1.0, "alpha": 1e-3, "beta": 0.5}
    clone = LocalResponseNormalization.from_config(config)
    assert clone.name == "norm" and clone.get_config() == config
    assert keras.saving.get_registered_name(LocalResponseNormalization) == (
        "dlviz>LocalResponseNormalization")


def test_model_with_lrn_reloads_in_safe_mode(tmp_path):
    inputs = keras.Input((4, 4, 6), name="input")
    outputs = LocalResponseNormalization(size=3, name="norm")(inputs)
    model = keras.Model(inputs, outputs, name="lrn_only")
    path = tmp_path / "lrn.keras"
    model.save(path)
    loaded = keras.saving.load_model(path, safe_mode=True)
    assert isinstance(loaded.get_layer("norm"), LocalResponseNormalization)
    assert loaded.get_layer("norm").size == 3
    x = np.random.default_rng(1).standard_normal((3, 4, 4, 6)).astype("float32") * 40
    np.testing.assert_allclose(loaded.predict(x, verbose=0),
                               model.predict(x, verbose=0), rtol=1e-6)
