"""A small English <-> Vietnamese translation task, generated from templates.

Sentences are made of slots, subject / verb / object / place / time, from
the word lists of :mod:`~dlviz.core.data.phrase_words`::

    the student reads a book in the library yesterday
    hôm qua sinh viên đọc một quyển sách trong thư viện

Word order moves between the languages in known places, so the attention
of a model that learned the task can be checked against the truth:

- a time ends the English sentence and starts the Vietnamese one;
- adjectives follow their noun in Vietnamese, size before colour
  ("a big red car" -> "một chiếc xe lớn màu đỏ");
- a possessor follows its noun ("my mother" -> "mẹ của tôi");
- within a time, "last week" -> "tuần trước", "this morning" -> "sáng nay";
- a counted noun takes a classifier ("một quyển sách", "hai con mèo").

Each :class:`PhraseExample` keeps its word alignment (which English word
gives which Vietnamese words). The same seed always gives the same
sentences; no two examples of one call are the same sentence.

Example:
    >>> phrase_pairs(1, seed=3)[0]                          # doctest: +SKIP
    ('my sister washes two old bicycles', 'chị gái của tôi rửa hai chiếc xe đạp cũ')
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from dlviz.core.data import phrase_words as words

DIRECTIONS = ("en-vi", "vi-en")
# Share of sentences with each optional slot.
_PLACE, _TIME, _SIZE, _COLOUR, _POSSESSED = 0.6, 0.6, 0.4, 0.5, 0.35


@dataclass(frozen=True)
class PhraseExample:
    """One English sentence, its Vietnamese, and which words translate which.

    Attributes:
        english, vietnamese: the sentences (lower case; Vietnamese in NFC).
        alignment: (English word index, Vietnamese word index) pairs, words
            being the space-separated pieces (dlviz's word tokens).
    """

    english: str
    vietnamese: str
    alignment: tuple[tuple[int, int], ...]

    def pair(self, direction: str = "en-vi") -> tuple[str, str]:
        """(source, target) for ``direction`` ("en-vi" or "vi-en")."""
        return (self.english, self.vietnamese) if direction == "en-vi" else \
            (self.vietnamese, self.english)

    def source_of(self, direction: str = "en-vi") -> dict[int, set[int]]:
        """Target word index -> the source word indices it translates."""
        found: dict[int, set[int]] = {}
        for en, vi in self.alignment:
            source, target = (en, vi) if direction == "en-vi" else (vi, en)
            found.setdefault(target, set()).add(source)
        return found


def phrase_pairs(n: int, *, direction: str = "en-vi", seed: int = 0) -> list[tuple[str, str]]:
    """``n`` different (source, target) sentence pairs, English and Vietnamese.

    Args:
        n: how many pairs.
        direction: "en-vi" (English source) or "vi-en".
        seed: the same seed gives the same pairs.

    Returns:
        A list of (source sentence, target sentence).

    Raises:
        ValueError: an unknown direction or a negative ``n``.
    """
    return [example.pair(direction) for example in phrase_examples(n, direction=direction,
                                                                   seed=seed)]


def phrase_examples(n: int, *, direction: str = "en-vi", seed: int = 0) -> list[PhraseExample]:
    """``n`` different :class:`PhraseExample` (``direction`` only checked here)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; choose {' or '.join(DIRECTIONS)}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    rng = random.Random(seed)
    seen: dict[str, PhraseExample] = {}
    while len(seen) < n:  # millions of sentences exist: repeats are rare
        example = _example(rng)
        seen.setdefault(example.english, example)
    return list(seen.values())


def _example(rng: random.Random) -> PhraseExample:
    """One sentence: slots in English order, and the Vietnamese order of each."""
    time = _time(rng) if rng.random() < _TIME else None
    past = time is not None and time[2]
    slots = [_subject(rng), *_verb_and_object(rng, past)]
    if rng.random() < _PLACE:
        preposition, vi_preposition, place, vi_place = rng.choice(words.PLACES)
        slots.append(([(preposition, vi_preposition), (place, vi_place)], [0, 1]))
    vi_slots = list(slots)
    if time is not None:
        slots.append(time[:2])
        vi_slots.insert(0, time[:2])
    return _assemble(slots, vi_slots)


def _subject(rng):
    if rng.random() < _POSSESSED:
        possessor, vi_possessor = rng.choice(words.POSSESSORS)
        noun, vi_noun = rng.choice(words.KIN)
        return [(possessor, vi_possessor), (noun, vi_noun)], [1, 0]
    return [rng.choice(words.SUBJECTS)], [0]


def _verb_and_object(rng, past: bool):
    present, past_form, vi_verb, nouns = rng.choice(words.VERBS)
    noun = rng.choice(nouns)
    plural_form, vi_noun, coloured = words.NOUNS[noun]
    number, vi_number, plural = rng.choice(words.NUMBERS)
    pieces = [(number, vi_number)]
    if rng.random() < _SIZE:
        pieces.append(rng.choice(words.SIZES))
    if coloured and rng.random() < _COLOUR:
        pieces.append(rng.choice(words.COLOURS))
    if number == "a" and len(pieces) > 1 and pieces[1][0][0] in "aeiou":
        pieces[0] = ("an", vi_number)  # "an old car"
    pieces.append((plural_form if plural else noun, vi_noun))
    # Vietnamese: number, the noun with its classifier, then the adjectives.
    vi_order = [0, len(pieces) - 1, *range(1, len(pieces) - 1)]
    verb = ([(past_form if past else present, vi_verb)], [0])
    return verb, (pieces, vi_order)


def _time(rng):
    pieces, vi_order, past = rng.choice(words.TIMES)
    return list(pieces), list(vi_order), past


def _assemble(slots, vi_slots) -> PhraseExample:
    """Words of both sentences and their alignment, piece by piece."""
    en_words: list[str] = []
    en_at: dict[tuple[int, int], list[int]] = {}
    for pieces, _order in slots:
        for index, (english, _vi) in enumerate(pieces):
            start = len(en_words)
            en_words += english.split()
            en_at[id(pieces), index] = list(range(start, len(en_words)))
    vi_words: list[str] = []
    alignment = []
    for pieces, order in vi_slots:
        for index in order:
            start = len(vi_words)
            vi_words += pieces[index][1].split()
            alignment += [(en, vi) for en in en_at[id(pieces), index]
                          for vi in range(start, len(vi_words))]
    vietnamese = unicodedata.normalize("NFC", " ".join(vi_words))
    return PhraseExample(" ".join(en_words), vietnamese, tuple(sorted(alignment)))
