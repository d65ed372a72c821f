"""Text to tokens: Unicode-normalised, at word or character level.

Every piece of text dlviz reads (a typed sentence, a generated dataset, a
user's CSV file) goes through :func:`tokenize`, so the same sentence always
gives the same tokens:

- NFC normalisation first. Vietnamese diacritics can be typed composed
  ("ệ", one code point) or decomposed ("e" + U+0302 + U+0323); both give the
  same tokens. Then lower case (``str.casefold`` would turn "ß" into "ss").
- Word level: runs of letters and digits are tokens; every other visible
  character (punctuation, an emoji) is a token of its own; white space
  separates. Vietnamese writes a space between *syllables*, so "học sinh"
  (pupil) is two tokens, "học" and "sinh": that is ``segmentation="syllable"``,
  the default, needing nothing installed. ``segmentation="word"`` joins the
  syllables of one word ("học_sinh") with the optional ``pyvi`` segmenter;
  without it, a clear :class:`TextError` says how to install it.
- Character level: one token per character (a letter with its combining
  marks stays one token); spaces are kept as ``"▁"`` so words stay apart.

Nothing here raises anything but :class:`TextError` (a ``ValueError``) on
any ``str``, including empty text, emoji and very long text.
"""

from __future__ import annotations

import re
import unicodedata

LEVELS = ("word", "char")
SEGMENTATIONS = ("syllable", "word")
#: The character-level token that stands for white space.
SPACE = "\u2581"
#: Text longer than this (in characters) is refused, not tokenised: a
#: pasted book would otherwise stall the engine thread.
MAX_CHARS = 1_000_000

# Combining marks NFC could not fold into their letter stay with it.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTERS = rf"(?:[^\W_][{_MARKS}]*)+"
_WORD = re.compile(rf"{_LETTERS}(?:_{_LETTERS})*|\S[{_MARKS}]*")


class TextError(ValueError):
    """Text that cannot be used as asked; ``str(error)`` says why and what to do."""

    user_message = True


def normalize(text: str) -> str:
    """NFC-normalised, lower-cased text (the form every token is made from).

    Example:
        >>> normalize("Vie\\u0323\\u0302t") == normalize("Việt")
        True
    """
    if not isinstance(text, str):
        raise TextError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise TextError(f"the text has {len(text):,} characters; dlviz reads at most "
                        f"{MAX_CHARS:,} at a time, so split it into shorter pieces")
    return unicodedata.normalize("NFC", text).lower()


def tokenize(text: str, level: str = "word", segmentation: str = "syllable") -> list[str]:
    """The tokens of ``text``.

    Args:
        text: any string; empty text gives no tokens.
        level: "word" or "char".
        segmentation: at word level, "syllable" (space-separated pieces; a
            Vietnamese word such as "học sinh" is two tokens) or "word"
            (Vietnamese words segmented by ``pyvi``, syllables joined by
            "_"; needs ``pip install pyvi``).

    Returns:
        A list of tokens, each non-empty and NFC-normalised.

    Raises:
        TextError: an unknown level or segmentation, text that is not a
            string or too long, or ``segmentation="word"`` without pyvi.

    Example:
        >>> tokenize("Học sinh không tệ!")
        ['học', 'sinh', 'không', 'tệ', '!']
    """
    check_options(level, segmentation)
    text = normalize(text)
    if level == "char":
        return char_tokens(text)
    if segmentation == "word":
        text = segment_words(text)
    return _WORD.findall(text)


def check_options(level: str, segmentation: str) -> None:
    """Raise :class:`TextError` unless ``level`` and ``segmentation`` are known."""
    if level not in LEVELS:
        raise TextError(f"unknown token level {level!r}; choose {' or '.join(LEVELS)}")
    if segmentation not in SEGMENTATIONS:
        raise TextError(f"unknown segmentation {segmentation!r}; choose "
                        f"{' or '.join(SEGMENTATIONS)}")


def char_tokens(text: str) -> list[str]:
    """One token per character of normalised ``text``; marks stay on their letter."""
    tokens: list[str] = []
    for ch in text:
        if ch.isspace():
            if tokens and tokens[-1] != SPACE:
                tokens.append(SPACE)
        elif unicodedata.combining(ch) and tokens and tokens[-1] != SPACE:
            tokens[-1] += ch
        elif unicodedata.category(ch)[0] != "C":  # no control or format characters
            tokens.append(ch)
    while tokens and tokens[-1] == SPACE:
        tokens.pop()
    return tokens


def segment_words(text: str) -> str:
    """``text`` with the syllables of each Vietnamese word joined by "_" (pyvi)."""
    try:
        from pyvi import ViTokenizer  # noqa: PLC0415  (optional extra)
    except ImportError:
        raise TextError("segmenting Vietnamese into words needs the optional pyvi package "
                        "(pip install pyvi); without it, tokens are syllables") from None
    try:
        return str(ViTokenizer.tokenize(text))
    except Exception as exc:  # noqa: BLE001  (a third-party segmenter may fail any way)
        raise TextError(f"pyvi could not segment this text: {exc}") from exc


def describe_tokens(level: str, segmentation: str) -> str:
    """One line saying what a token is, for the views and the CLI."""
    if level == "char":
        return "tokens are characters (spaces shown as \u2581)"
    if segmentation == "word":
        return "tokens are words (Vietnamese syllables joined by pyvi, e.g. học_sinh)"
    return ("tokens are syllables: words split at spaces and punctuation "
            "(Vietnamese 'học sinh' is two tokens)")
