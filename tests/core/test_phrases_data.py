"""The English <-> Vietnamese phrase task: deterministic, aligned, word order moving."""

from __future__ import annotations

import unicodedata

import pytest

from dlviz.core.data.phrases import phrase_examples, phrase_pairs
from dlviz.core.data.text import tokenize


def test_same_seed_same_pairs_other_seed_others():
    assert phrase_pairs(50, seed=4) == phrase_pairs(50, seed=4)
    assert phrase_pairs(50, seed=4) != phrase_pairs(50, seed=5)
    assert len(set(phrase_pairs(500))) == 500  # no sentence twice


def test_directions_swap_the_pair():
    en_vi = phrase_pairs(20, seed=1)
    vi_en = phrase_pairs(20, direction="vi-en", seed=1)
    assert vi_en == [(vi, en) for en, vi in en_vi]
    with pytest.raises(ValueError, match="en-vi"):
        phrase_pairs(3, direction="fr-en")


def test_vietnamese_is_nfc_and_words_are_dlviz_tokens():
    for english, vietnamese in phrase_pairs(300, seed=2):
        assert unicodedata.normalize("NFC", vietnamese) == vietnamese
        assert tokenize(vietnamese) == vietnamese.split()
        assert tokenize(english) == english.split()
    assert any("ư" in vi or "ộ" in vi for _, vi in phrase_pairs(300, seed=2))


def test_alignment_covers_every_word_within_bounds():
    for example in phrase_examples(300, seed=3):
        en, vi = example.english.split(), example.vietnamese.split()
        assert {e for e, _ in example.alignment} == set(range(len(en)))
        assert {v for _, v in example.alignment} == set(range(len(vi)))


def _aligned(example, english_word):
    """Vietnamese words aligned to the first English ``english_word``."""
    en, vi = example.english.split(), example.vietnamese.split()
    at = en.index(english_word)
    return [vi[v] for e, v in example.alignment if e == at]


def test_adjectives_follow_the_noun_in_vietnamese():
    examples = [e for e in phrase_examples(2000, seed=0) if " red " in f" {e.english} "]
    assert examples
    for example in examples:
        en, vi = example.english.split(), example.vietnamese.split()
        red, noun = en.index("red"), en.index("red") + 1  # the noun follows in English
        vi_red = min(v for e, v in example.alignment if e == red)
        vi_noun = min(v for e, v in example.alignment if e == noun)
        assert vi_noun < vi_red, example
        assert _aligned(example, "red") == ["màu", "đỏ"]


def test_the_issue_example_and_classifiers():
    found = {e.english: e.vietnamese for e in phrase_examples(20000, seed=0)}
    assert found.get("she buys a red car") in (None, "cô ấy mua một chiếc xe màu đỏ")
    cars = [vi for en, vi in found.items() if "a red car" in en]
    assert cars and all("một chiếc xe màu đỏ" in vi for vi in cars)
    assert any("the student reads a book in the library" in en for en in found)


def test_time_moves_to_the_front_and_possessors_after_the_noun():
    examples = phrase_examples(2000, seed=0)
    timed = [e for e in examples if e.english.endswith("last week")]
    assert timed and all(e.vietnamese.startswith("tuần trước ") for e in timed)
    for example in timed:  # "last week" -> "tuần trước": the two words swap
        assert _aligned(example, "last") == ["trước"] and _aligned(example, "week") == ["tuần"]
    mothers = [e for e in examples if e.english.startswith("my mother ")]
    assert mothers and all("mẹ của tôi " in e.vietnamese for e in mothers)


def test_alignments_are_not_diagonal():
    examples = phrase_examples(500, seed=0)
    crossing = [e for e in examples
                if any(e1 < e2 and v1 > v2 for e1, v1 in e.alignment for e2, v2 in e.alignment)]
    assert len(crossing) > len(examples) // 2


def test_source_of_maps_target_words_back():
    example = next(e for e in phrase_examples(500, seed=0) if "yesterday" in e.english)
    en = example.english.split()
    back = example.source_of("en-vi")
    assert {en[i] for i in back[0]} == {"yesterday"}  # "hôm" starts the Vietnamese
    assert example.source_of("vi-en")[en.index("yesterday")] == {0, 1}
