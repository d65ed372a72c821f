"""Best-path CTC decoding: known paths, and the same strings as keras.ops.ctc_decode."""

import numpy as np
import pytest
from _ctc_samples import ctc_alignment_sample

from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.ctc import (
    best_path,
    best_path_text,
    character_error_rate,
    collapse_path,
    edit_distance,
)

keras = import_keras()


@pytest.mark.parametrize("path, labels", [
    ([0, 0, 0], []),                       # only blanks: nothing
    ([3, 3, 3], [3]),                      # one symbol over many columns
    ([0, 2, 2, 0, 0, 6, 0], [2, 6]),       # repeats merged, blanks dropped
    ([2, 0, 2], [2, 2]),                   # a blank between repeats keeps both
    ([2, 2, 0, 2, 2, 0, 0, 2], [2, 2, 2]),
    ([1, 2, 1, 2], [1, 2, 1, 2]),          # no blank needed between different symbols
    ([], []),
])
def test_collapse_merges_repeats_then_drops_blanks(path, labels):
    assert collapse_path(path, blank_index=0) == labels


def test_another_blank_index_is_honoured():
    assert collapse_path([4, 1, 1, 4, 1], blank_index=4) == [1, 1]


def test_best_path_reads_the_argmax_of_each_column():
    names = ("blank", *"0123456789")
    probabilities = np.eye(11, dtype=np.float32)[[0, 2, 2, 0, 2, 0, 10, 10]] * 0.9 + 0.01
    path, labels = best_path(probabilities)
    assert path.tolist() == [0, 2, 2, 0, 2, 0, 10, 10] and labels == [2, 2, 10]
    assert best_path_text(probabilities, names) == "119"


def test_best_path_refuses_scores_that_are_not_time_by_classes():
    with pytest.raises(ValueError, match="time, classes"):
        best_path(np.zeros((4,)))


def test_same_strings_as_keras_greedy_ctc_decode():
    rng = np.random.default_rng(0)
    batch, steps, classes = 64, 20, 6
    # Peaked random logits with runs, so repeats and blanks between repeats occur.
    winners = rng.integers(0, classes, size=(batch, steps))
    winners = np.repeat(winners[:, ::2], 2, axis=1)
    logits = rng.normal(size=(batch, steps, classes)).astype(np.float32)
    logits[np.arange(batch)[:, None], np.arange(steps)[None], winners] += 4.0
    decoded, _ = keras.ops.ctc_decode(logits, np.full(batch, steps, np.int32),
                                      strategy="greedy", mask_index=0)
    theirs = np.asarray(decoded)[0]
    for row in range(batch):
        want = [int(v) for v in theirs[row] if v >= 0]   # Keras pads with -1
        assert best_path(logits[row], blank_index=0)[1] == want
    assert any(len(best_path(x)[1]) > 3 for x in logits)


def test_edit_distance_and_character_error_rate():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "12") == 2
    assert character_error_rate(["12", "7"], ["123", "7"]) == pytest.approx(0.25)
    assert character_error_rate(["123"], ["123"]) == 0.0


def test_the_result_writes_the_two_collapse_steps():
    found = ctc_alignment_sample()
    assert found.path_text() == "-11--5--"
    assert found.merged_text() == "-1-5-"
    assert found.text == "".join(c for c in found.merged_text() if c != "-") == "15"
