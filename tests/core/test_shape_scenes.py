"""Shape scenes: each caption says what the picture shows, in English and Vietnamese."""

import numpy as np
import pytest

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.scene_captions import (
    caption_length,
    caption_vocabulary,
    caption_words,
    encode_captions,
    load_scene_captions,
)
from dlviz.core.data.shape_scenes import (
    SCENE_COLOURS,
    SCENE_SHAPES,
    generate_scenes,
)
from dlviz.core.data.text import TextError


def _colour_at(image, centre):
    """Mean RGB of the 3x3 pixels at a shape's centre."""
    r, c = (int(round(v)) for v in centre)
    return image[r - 1:r + 2, c - 1:c + 2].reshape(-1, 3).mean(axis=0)


def test_captions_match_the_drawn_layout():
    images, scenes = generate_scenes(60, seed=7)
    for image, scene in zip(images, scenes):
        (sr, sc), (orow, ocol) = scene.subject.centre, scene.other.centre
        gap_rows, gap_cols = orow - sr, ocol - sc
        # The relation is the axis along which the shapes lie far apart.
        if scene.relation in ("above", "below"):
            assert abs(gap_rows) > 2 * abs(gap_cols)
            assert (gap_rows > 0) == (scene.relation == "above")
        else:
            assert abs(gap_cols) > 2 * abs(gap_rows)
            assert (gap_cols > 0) == (scene.relation == "left of")
        # The pixel at each centre has that shape's colour (nearest named colour).
        for thing in (scene.subject, scene.other):
            rgb = _colour_at(image, thing.centre)
            nearest = min(SCENE_COLOURS, key=lambda n: np.linalg.norm(rgb - SCENE_COLOURS[n]))
            assert nearest == thing.colour
        # Touching shapes would be one blob: centres further apart than both radii.
        distance = np.hypot(gap_rows, gap_cols)
        assert distance > scene.subject.radius + scene.other.radius
        words = scene.caption().split()
        assert words[0] == "a" and words[1:3] == [scene.subject.colour, scene.subject.shape]
        assert words[-2:] == [scene.other.colour, scene.other.shape]


def test_the_subject_comes_first_so_each_picture_has_one_caption():
    _, scenes = generate_scenes(200, seed=1)
    order = [(s, c) for s in SCENE_SHAPES for c in SCENE_COLOURS]
    for scene in scenes:
        subject = order.index((scene.subject.shape, scene.subject.colour))
        other = order.index((scene.other.shape, scene.other.colour))
        assert subject < other
    assert {s.relation for s in scenes} == {"above", "below", "left of", "right of"}


def test_scenes_are_deterministic_by_seed():
    a, scenes_a = generate_scenes(5, seed=3)
    b, scenes_b = generate_scenes(5, seed=3)
    c, _ = generate_scenes(5, seed=4)
    np.testing.assert_array_equal(a, b)
    assert scenes_a == scenes_b and not np.array_equal(a, c)
    assert a.dtype == np.float32 and a.shape == (5, 64, 64, 3) and 0 <= a.min() <= a.max() <= 1


def test_vietnamese_captions_put_the_colour_after_the_noun():
    _, scenes = generate_scenes(30, seed=2)
    scene = next(s for s in scenes if s.subject.shape == "circle" and s.relation == "above")
    words = {"red": "đỏ", "green": "xanh lá", "blue": "xanh dương", "yellow": "vàng"}
    assert scene.caption("vi").startswith(f"một hình tròn {words[scene.subject.colour]} ở trên một")
    vocab = caption_vocabulary("vi")
    for s in scenes:   # every Vietnamese word is known (NFC, lower case)
        assert vocab.unknown_share(s.caption("vi")) == 0
    with pytest.raises(ValueError, match="en or vi"):
        scene.caption("fr")


def test_teacher_forcing_arrays_shift_by_one_word():
    vocab = caption_vocabulary("en")
    t_in, t_out = encode_captions(["a red circle above a blue square"], vocab, caption_length())
    start, end = vocab.ids([START, END])
    assert t_in.shape == t_out.shape == (1, 9) and t_in[0, 0] == start
    assert t_in[0, 1:8].tolist() == t_out[0, :7].tolist() and t_out[0, 7] == end
    assert caption_words(t_out[0], vocab) == "a red circle above a blue square".split()
    with pytest.raises(TextError, match="'purple'"):
        encode_captions(["a purple circle"], vocab)


def test_held_out_scenes_are_not_training_scenes():
    data = load_scene_captions(40, 20, seed=0)
    assert data.x_train[0].shape == (40, 64, 64, 3) and data.x_test[1].shape == (20, 9)
    train = {s.caption() + str(s.subject.centre) for s in data.train_scenes}
    assert not train & {s.caption() + str(s.subject.centre) for s in data.test_scenes}
    assert caption_length("vi") == 15 and data.name == "scenes-en"
