"""Tokenisation: NFC, syllables vs words, characters, and no surprises on any text."""

import sys
import types
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlviz.core.data.text import (MAX_CHARS, SPACE, TextError, describe_tokens, normalize,
                                  tokenize)

SENTENCE = "Học sinh ấy không tệ chút nào, thật đấy!"


def test_composed_and_decomposed_vietnamese_give_the_same_tokens():
    composed = unicodedata.normalize("NFC", SENTENCE)
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert composed != decomposed  # the two really are different strings
    assert tokenize(decomposed) == tokenize(composed)
    assert tokenize(decomposed, level="char") == tokenize(composed, level="char")
    assert "tệ" in tokenize(decomposed)


def test_vietnamese_words_are_syllables_by_default():
    assert tokenize("Học sinh") == ["học", "sinh"]
    assert "syllables" in describe_tokens("word", "syllable")


def test_punctuation_and_emoji_are_tokens_of_their_own():
    assert tokenize("not bad at all!😀") == ["not", "bad", "at", "all", "!", "😀"]


def test_character_level_keeps_marks_on_their_letter_and_marks_spaces():
    assert tokenize("tệ quá", level="char") == ["t", "ệ", SPACE, "q", "u", "á"]
    assert tokenize("  ", level="char") == []


def test_word_segmentation_without_pyvi_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyvi", None)  # import fails
    with pytest.raises(TextError, match="pip install pyvi"):
        tokenize("học sinh", segmentation="word")


def test_word_segmentation_joins_syllables_with_pyvi(monkeypatch):
    fake = types.ModuleType("pyvi")
    fake.ViTokenizer = types.SimpleNamespace(
        tokenize=lambda text: text.replace("học sinh", "học_sinh"))
    monkeypatch.setitem(sys.modules, "pyvi", fake)
    assert tokenize("Học sinh giỏi", segmentation="word") == ["học_sinh", "giỏi"]


def test_unknown_options_and_non_text_are_clear_value_errors():
    with pytest.raises(TextError, match="level"):
        tokenize("a", level="byte")
    with pytest.raises(TextError, match="segmentation"):
        tokenize("a", segmentation="morpheme")
    with pytest.raises(TextError, match="string"):
        normalize(b"bytes")
    assert issubclass(TextError, ValueError)


def test_empty_and_very_long_text():
    assert tokenize("") == []
    assert len(tokenize(" ".join(["word"] * 10_000))) == 10_000
    with pytest.raises(TextError, match="split it"):
        tokenize("a" * (MAX_CHARS + 1))


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["word", "char"]))
def test_any_text_gives_nonempty_normalised_tokens(text, level):
    tokens = tokenize(text, level=level)
    assert all(tokens) and all(t == unicodedata.normalize("NFC", t) for t in tokens)
    assert all(not t.isspace() for t in tokens)
    assert tokenize(unicodedata.normalize("NFD", text), level=level) == tokens
