"""The caption probe: greedy decoding is step-by-step argmax, attention rows sum to 1."""

import numpy as np
import pytest

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.scene_captions import caption_vocabulary
from dlviz.core.data.shape_scenes import generate_scenes
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.captions import caption, check_captioner, greedy_captions
from dlviz.core.probes.registry import PROBES, offered
from dlviz.core.probes.results import PreparedInput, ProbeUnavailable
from dlviz.core.zoo.captioner import ShapeCaptioner

keras = import_keras()
VOCAB = caption_vocabulary("en")


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(3)
    built = ShapeCaptioner(vocabulary=VOCAB, filters=(4, 8, 8), units=8,
                           embedding_dim=4).build()
    # Random weights often write <end> first: push it down and sharpen the
    # softmax so decoding runs several steps before it stops.
    dense = built.get_layer("next_token")
    kernel, bias = dense.get_weights()
    bias[VOCAB.ids([END])[0]] = -3.0
    dense.set_weights([kernel * 8, bias])
    return built


@pytest.fixture(scope="module")
def scenes():
    return generate_scenes(3, seed=9)


def test_the_caption_is_step_by_step_argmax_with_its_own_attention(model, scenes):
    image = scenes[0][0]
    found = caption(model, image, vocabulary=VOCAB, max_length=6, source_name="s.png")
    assert isinstance(found, Caption) and 3 <= len(found.words) <= 6   # several steps checked
    start = VOCAB.ids([START])[0]
    written = [start]
    for t, word in enumerate(found.words):   # one full pass per step, no decoding helper
        probabilities, weights = keras.Model(
            model.inputs, [model.outputs[0], model.get_layer("attention").output[1]])(
            [image[None], np.array([written], np.int32)])
        scores = np.array(probabilities[0, -1])
        scores[[0, start]] = -np.inf
        assert VOCAB.tokens[int(np.argmax(scores))] == word
        np.testing.assert_allclose(found.weights[t].ravel(), np.asarray(weights)[0, -1],
                                   atol=1e-6)
        assert found.probabilities[t] == pytest.approx(float(np.max(scores)), abs=1e-6)
        written.append(int(np.argmax(scores)))
    assert found.grid == (8, 8) and found.weights.shape == (len(found.words), 8, 8)
    np.testing.assert_allclose(found.weights.sum(axis=(1, 2)), 1.0, rtol=1e-5)
    assert found.text == " ".join(found.words) and found.source_name == "s.png"


def test_batched_greedy_decoding_matches_one_image_at_a_time(model, scenes):
    images = scenes[0]
    ids, weights, _ = greedy_captions(model, images, VOCAB, 5)
    for n, image in enumerate(images):
        alone = caption(model, image, vocabulary=VOCAB, max_length=5)
        assert list(ids[n, :len(alone.words)]) == list(VOCAB.ids(alone.words))
        np.testing.assert_allclose(weights[n, :len(alone.words)],
                                   alone.weights.reshape(len(alone.words), -1), atol=1e-5)


def test_any_picture_size_grey_or_rgba_is_fitted_and_said(model):
    big = np.random.default_rng(0).random((200, 300, 4)).astype(np.float32)
    found = caption(model, big, vocabulary=VOCAB, max_length=3)
    assert found.image.shape == (64, 64, 3) and "resized 300x200 -> 64x64" in found.notes
    grey = (np.random.default_rng(1).random((64, 64)) * 255).astype(np.uint8)
    assert caption(model, grey, vocabulary=VOCAB, max_length=2).image.shape == (64, 64, 3)
    cut = caption(model, big, vocabulary=VOCAB, max_length=1)
    assert not cut.ended or len(cut.words) == 0
    if not cut.ended:
        assert any("did not write <end>" in note for note in cut.notes)
    with pytest.raises(ValueError, match="pixels"):
        caption(model, np.zeros((4, 4, 2)), vocabulary=VOCAB)


def test_the_registry_offers_captions_to_captioners_only(model, scenes):
    kind = PROBES["caption"]
    assert kind.needs == "image" and kind.result is Caption
    assert offered(model)["caption"] is None
    prepared = PreparedInput(scenes[0][:1], scenes[0][0], "kept", "unit")
    assert kind.compute(model, prepared, vocabulary=VOCAB, max_length=2).image.shape == (64, 64, 3)
    inputs = keras.Input((64, 64, 3), name="image")
    cnn = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Flatten()(inputs)), name="cnn")
    reason = kind.unavailable(cnn)
    assert "writes no captions" in reason and "captions-shapes" in reason
    # The text kinds refuse a captioner in words (it reads an image, not a sentence).
    assert offered(model)["attention"] and offered(model)["gates"]


def test_without_a_vocabulary_it_says_where_the_words_are(model, scenes):
    # As wide as the English scene captions (a run's checkpoint): their words, said so.
    found = caption(model, scenes[0][0], vocabulary=None, max_length=3)
    assert set(found.words) <= set(VOCAB.tokens)
    assert any("without its word list" in note for note in found.notes)
    other = ShapeCaptioner(classes=30, filters=(4, 8, 8), units=8, embedding_dim=4).build()
    with pytest.raises(ProbeUnavailable, match="word list"):
        caption(other, scenes[0][0], vocabulary=None)
    with pytest.raises(ProbeUnavailable, match="<start> or <end>"):
        from dlviz.core.data.text_vocabulary import Vocabulary
        caption(model, scenes[0][0], vocabulary=Vocabulary(["a", "b"]))
    with pytest.raises(ProbeUnavailable):
        check_captioner(keras.Model(*(lambda i: (i, i))(keras.Input((3,), name="x"))))


@pytest.mark.slow
def test_the_shipped_captioner_captions_unseen_scenes_and_looks_at_the_circle():
    from dlviz.core.data.scene_captions import TEST_SEED_OFFSET, caption_words
    from dlviz.core.zoo.registry import create

    net = create("captions-shapes")
    model = net.build()
    images, scenes = generate_scenes(60, seed=2 * TEST_SEED_OFFSET)   # never trained on
    ids, weights, _ = greedy_captions(model, images, net.vocabulary, 12)
    written = [caption_words(row, net.vocabulary) for row in ids]
    exact = np.mean([w == s.caption().split() for w, s in zip(written, scenes)])
    # Guessing: 1 caption in 264 (66 pairs of coloured shapes x 4 relations).
    assert exact > 0.7
    inside = outside = 0.0
    looked = 0
    for row, words, scene in zip(weights, written, scenes):
        circles = [t for t in (scene.subject, scene.other) if t.shape == "circle"]
        if not circles or "circle" not in words:
            continue
        circle = circles[0]
        attention = row[words.index("circle")].reshape(8, 8)
        r, c = (int(v * 8 / scene.size) for v in circle.centre)
        near = np.zeros((8, 8), bool)
        near[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2] = True
        inside += attention[near].sum() / near.sum()       # mean weight near the circle
        outside += attention[~near].sum() / (~near).sum()  # mean weight elsewhere
        looked += 1
    assert looked >= 10 and inside > 10 * outside


def test_the_public_api_captions_a_scene_file_with_a_model_file(tmp_path):
    from dlviz import probes

    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    model_path = root / "resources" / "models" / "captions-shapes.keras"
    scene = root / "resources" / "samples" / "22_scene_captions_b.png"
    found = probes.caption(model_path, scene)
    assert found.text == "a blue circle below a red square"
    assert found.source_name == scene.name and found.weights.shape == (7, 8, 8)
    again = probes.load(found.save(tmp_path / "caption.npz"))
    assert again.words == found.words
    with pytest.raises(ProbeUnavailable, match="writes no captions"):
        probes.caption(root / "resources" / "models" / "lenet5-digits.keras", scene)


def test_the_shipped_vietnamese_captioner_writes_vietnamese():
    from dlviz import probes
    from dlviz.core.zoo.registry import REGISTRY

    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    names = [n for n in REGISTRY if REGISTRY[n].module.startswith("captioner")]
    assert names == ["captions-shapes", "captions-shapes-vi", "shape-captioner"]
    scene = root / "resources" / "samples" / "22_scene_captions_b.png"
    found = probes.caption(root / "resources" / "models" / "captions-shapes-vi.keras", scene)
    assert found.text == "một hình tròn xanh dương ở dưới một hình vuông đỏ"
    # The noun's syllable "tròn" (circle) looks at the circle, low in the picture.
    row, _col = np.unravel_index(int(np.argmax(found.weights[found.words.index("tròn")])),
                                 found.grid)
    assert row >= 4
