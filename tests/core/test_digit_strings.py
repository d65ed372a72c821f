"""Generated digit strings: labels match the pictures, deterministic, unseen drawings in test."""

import numpy as np
import pytest

from dlviz.core.data.digit_strings import (
    CTC_DIGIT_CLASSES,
    HEIGHT,
    MAX_DIGITS,
    WIDTH,
    _split_sources,
    decode_label,
    digit_string_image,
    encode_label,
    load_digit_strings,
)
from dlviz.core.data.digits import load_digits_images


@pytest.fixture(scope="module")
def strings():
    return load_digit_strings(train=120, test=40, seed=3)


def test_labels_are_keras_ctc_rows_of_their_strings(strings):
    assert strings.x_train.shape == (120, HEIGHT, WIDTH, 1)
    assert strings.y_train.shape == (120, MAX_DIGITS) and strings.y_train.dtype == np.int64
    assert CTC_DIGIT_CLASSES[0] == "blank" and CTC_DIGIT_CLASSES[1:] == tuple("0123456789")
    for row, text in zip(strings.y_train, strings.texts_train):
        assert decode_label(row) == text and 1 <= len(text) <= MAX_DIGITS
        assert (row[len(text):] == 0).all() and (row[:len(text)] >= 1).all()
    assert {len(t) for t in strings.texts_train} == set(range(1, MAX_DIGITS + 1))


def test_encode_refuses_what_is_not_a_digit_string():
    assert encode_label("307", 5).tolist() == [4, 1, 8, 0, 0]
    for bad in ("", "12a", "1234567", "٣"):   # the last: an Arabic-Indic three
        with pytest.raises(ValueError, match="digits"):
            encode_label(bad)


def test_ink_grows_with_the_number_of_digits(strings):
    # Each digit brings its strokes: more digits, more ink (the label is the picture's).
    ink = strings.x_train[..., 0].sum(axis=(1, 2))
    count = np.array([len(t) for t in strings.texts_train])
    assert np.corrcoef(ink, count)[0, 1] > 0.8
    assert 0.0 <= strings.x_train.min() and strings.x_train.max() <= 1.0


def test_a_single_digit_strip_holds_that_digit():
    small, labels = load_digits_images(size=8)
    strip = digit_string_image("7", seed=1)[..., 0]
    rows = np.flatnonzero(strip.max(axis=1) > 0.2)
    cols = np.flatnonzero(strip.max(axis=0) > 0.2)
    ink = strip[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    from dlviz.core.data.pixels import fit_image

    shrunk = fit_image(ink, (8, 8)).ravel()
    # The nearest bundled digit to the strip's ink is a 7.
    distances = ((small[..., 0].reshape(len(small), -1) - shrunk) ** 2).sum(axis=1)
    assert labels[int(np.argmin(distances))] == 7


def test_same_seed_same_strings_other_seed_other_strings():
    a, b = load_digit_strings(30, 5, seed=1), load_digit_strings(30, 5, seed=1)
    c = load_digit_strings(30, 5, seed=2)
    assert np.array_equal(a.x_train, b.x_train) and a.texts_test == b.texts_test
    assert a.texts_train != c.texts_train


def test_train_and_test_strings_use_disjoint_drawings():
    _, labels = load_digits_images(size=8)
    train, test = _split_sources(labels, 0.2, seed=0)
    assert not set(train) & set(test)
    assert set(labels[test]) == set(range(10))      # every digit has unseen drawings
    assert 0.15 < len(test) / len(labels) < 0.25
