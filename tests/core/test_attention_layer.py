"""ScoreAttention: each score against a NumPy computation of its formula, masking,
and a safe-mode round trip of a model that uses it."""

import numpy as np
import pytest

from dlviz.core.kerasenv import import_keras
from dlviz.core.layers import ScoreAttention

keras = import_keras()


def numpy_scores(score, h, hbar, weights):
    """e[b, t, s] for decoder states h (B, Tq, d) and encoder states hbar (B, Tv, d),
    written from the formulas, one pair at a time."""
    batch, tq, tv = h.shape[0], h.shape[1], hbar.shape[1]
    e = np.zeros((batch, tq, tv))
    for b in range(batch):
        for t in range(tq):
            for s in range(tv):
                q, k = h[b, t].astype(np.float64), hbar[b, s].astype(np.float64)
                if score == "dot":
                    e[b, t, s] = q @ k
                elif score == "general":
                    e[b, t, s] = q @ weights["w"] @ k
                elif score == "additive":
                    e[b, t, s] = weights["v"] @ np.tanh(q @ weights["w1"] + k @ weights["w2"])
                else:
                    e[b, t, s] = weights["sharpness"] * (q @ k) / (
                        np.linalg.norm(q) * np.linalg.norm(k))
    return e


def softmax_masked(e, mask):
    e = np.where(mask[:, None, :], e, -np.inf)
    z = np.exp(e - e.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


def random_layer(score, d=6, rng=None):
    layer = ScoreAttention(score, units=5 if score == "additive" else None)
    layer.build([(None, None, d), (None, None, d)])
    for w in layer.weights:   # random, not the initialiser's: the formulas must hold
        w.assign(rng.standard_normal(tuple(w.shape)).astype("float32")
                 if w.shape else np.float32(3.7))
    return layer, {w.name.split("/")[-1]: np.asarray(w, np.float64) for w in layer.weights}


@pytest.mark.parametrize("score", ["dot", "general", "additive", "cosine"])
def test_each_score_matches_its_formula_with_padding_masked(score):
    rng = np.random.default_rng(7)
    h = rng.standard_normal((2, 3, 6)).astype("float32")
    hbar = rng.standard_normal((2, 5, 6)).astype("float32")
    mask = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], bool)
    layer, weights = random_layer(score, rng=rng)
    e = np.asarray(layer.scores(h, hbar))
    np.testing.assert_allclose(e, numpy_scores(score, h, hbar, weights), rtol=1e-4,
                               atol=1e-4)
    context, alpha = (np.asarray(v) for v in layer([h, hbar], mask=[None, mask]))
    want = softmax_masked(numpy_scores(score, h, hbar, weights), mask)
    np.testing.assert_allclose(alpha, want, rtol=1e-4, atol=1e-5)
    assert np.all(alpha[1, :, 3:] == 0.0)                 # padding gets exactly nothing
    np.testing.assert_allclose(alpha.sum(-1), 1.0, atol=1e-5)
    np.testing.assert_allclose(context, np.einsum("bts,bsd->btd", want, hbar),
                               rtol=1e-4, atol=1e-5)       # c = sum of alpha * hbar
    assert alpha.std() > 0.01                             # not trivially uniform


def test_masks_from_embeddings_reach_the_layer_in_a_model():
    ids_q = keras.Input((None,), dtype="int32")
    ids_v = keras.Input((None,), dtype="int32")
    q = keras.layers.Embedding(10, 4, mask_zero=True)(ids_q)
    v = keras.layers.Embedding(10, 4, mask_zero=True)(ids_v)
    _, weights = ScoreAttention("dot")([q, v])
    model = keras.Model([ids_q, ids_v], weights)
    got = np.asarray(model([np.array([[3, 4]]), np.array([[5, 6, 7, 0, 0]])]))
    assert got.shape == (1, 2, 5)
    assert np.all(got[..., 3:] == 0.0)
    np.testing.assert_allclose(got.sum(-1), 1.0, atol=1e-6)


def test_sizes_and_names_are_checked():
    with pytest.raises(ValueError, match="score must be one of"):
        ScoreAttention("luong")
    with pytest.raises(ValueError, match="general or additive"):
        ScoreAttention("dot").build([(None, None, 4), (None, None, 6)])
    layer = ScoreAttention("general")
    layer.build([(None, None, 4), (None, None, 6)])      # general maps 4 onto 6
    assert tuple(layer.w.shape) == (4, 6)


def test_safe_mode_round_trip_gives_identical_outputs(tmp_path):
    from dlviz.core.modelio import load_model
    from dlviz.core.prescan import prescan

    keras.utils.set_random_seed(3)
    q_in = keras.Input((None, 6), name="query")
    v_in = keras.Input((None, 6), name="values")
    context, weights = ScoreAttention("additive", units=4, name="attention")([q_in, v_in])
    model = keras.Model([q_in, v_in], [context, weights])
    path = tmp_path / "attention.keras"
    model.save(path)
    report = prescan(path, resolve_classes=True)
    assert not report.needs_unsafe and not report.unknown_classes
    back = load_model(path)             # safe mode
    layer = back.get_layer("attention")
    assert type(layer) is ScoreAttention and layer.score == "additive" and layer.units == 4
    x = [np.random.default_rng(1).standard_normal((2, 3, 6)).astype("float32"),
         np.random.default_rng(2).standard_normal((2, 4, 6)).astype("float32")]
    for a, b in zip(model(x), back(x)):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
