"""The shapes of one generated sentiment sentence, from the word lists.

An opinion clause says the label: a subject with an adjective ("the food
was really good", "đồ ăn ngon lắm"), a person's verb ("i loved this film",
"tôi không thích bộ phim này"), a short exclamation ("what a great film",
"phim hay quá") or the opinion alone ("not bad at all"); a neutral one can
be a plain fact ("we watched the film last night"). Negated clauses use the
adjective or verb of the *opposite* polarity ("not bad at all" is positive).

A frame then places the clause: first and followed by 2-4 neutral clauses
("long", half the sentences, where the deciding words sit 12-45 tokens
before the end), alone ("short") or last, after a neutral clause ("late").
"""

from __future__ import annotations

import re

NEGATIVE, NEUTRAL, POSITIVE = range(3)
#: Sentence frames and how often each is drawn.
FRAMES = (("long", 0.5), ("short", 0.3), ("late", 0.2))


def grammar_words(g) -> list[str]:
    """Every word and phrase of the lists ``g``, the ``{a}`` slots left out, so
    that a vocabulary holds them all even when a few sentences are drawn."""
    return [re.sub(r"\{\w+\}", " ", w) for words in g.values() for w in words]


def pick(rng, options):
    return options[int(rng.integers(len(options)))]


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _subject(rng, g, vi: bool) -> str:
    if rng.random() < 0.08:
        return pick(rng, g["pronouns"])
    if vi:
        return join(pick(rng, g["nouns"]), pick(rng, g["determiners"]))
    return join(pick(rng, g["determiners"]), pick(rng, g["nouns"]), pick(rng, g["places"]))


def _single(rng, words) -> str:
    """A one-word adjective (for "what a {a} film")."""
    return pick(rng, [w for w in words if " " not in w])


def _adjective(rng, g, words, vi: bool) -> str:
    word = pick(rng, words)
    if rng.random() < 0.15:
        word = join(word, pick(rng, g["and"]), _single(rng, words))
    if word.startswith(("a ", "the ")):
        return word
    if vi and rng.random() < 0.5:
        return join(word, pick(rng, g["after"]))
    return join(pick(rng, g["intensifiers"]), word)


def _polar(rng, g, label: int, negated: bool, vi: bool) -> str:
    good = label == POSITIVE
    kind = "positive" if good != negated else "negative"
    # The words people type most ("not bad at all") come up often.
    words = g[kind] if rng.random() < 0.7 else g["common_" + kind]
    form = rng.random()
    me = "tôi" if vi else "i"
    if not negated:
        if form < 0.55:
            return join(_subject(rng, g, vi), pick(rng, g["copulas"]),
                        _adjective(rng, g, words, vi))
        if form < 0.85:
            verbs = g["verbs_positive"] if good else g["verbs_negative"]
            return join(me, pick(rng, verbs), _subject(rng, g, vi),
                        pick(rng, g["after"]) if vi else "")
        if form < 0.95:
            return pick(rng, g["nominal"]).format(a=_single(rng, words), a2=_single(rng, words),
                                                  noun=pick(rng, g["nouns"]))
        return _adjective(rng, g, words, vi)
    tail = pick(rng, g["negated_tails"])
    if form < 0.55:
        if vi:
            return join(_subject(rng, g, vi), pick(rng, g["copulas"]),
                        pick(rng, g["negations"]), pick(rng, words), tail)
        return join(_subject(rng, g, vi), pick(rng, g["negated_copulas"]), pick(rng, words),
                    tail)
    if form < 0.77:
        verbs = g["bare_negative"] if good else g["bare_positive"]
        return join(me, pick(rng, g["negated_verbs"]), pick(rng, verbs), _subject(rng, g, vi),
                    tail)
    if form < 0.87:
        return pick(rng, g["negated_nominal"]).format(a=_single(rng, words),
                                                      noun=pick(rng, g["nouns"]))
    return join(pick(rng, g["negations"]), pick(rng, words), tail)


def _neutral(rng, g, mixed: bool, vi: bool) -> str:
    form = rng.random()
    if mixed:
        phrase = pick(rng, g["mixed"]).format(p=pick(rng, g["positive"]),
                                              n=pick(rng, g["negative"]))
        if form < 0.8:
            return join(_subject(rng, g, vi), pick(rng, g["copulas"]), phrase)
        return phrase
    if form < 0.55:
        return join(_subject(rng, g, vi), pick(rng, g["copulas"]), pick(rng, g["neutral"]))
    if form < 0.75:
        return join(pick(rng, g["fact_people"]), pick(rng, g["fact_actions"]),
                    _subject(rng, g, vi), pick(rng, g["times"]))
    if form < 0.9:
        return join(_subject(rng, g, vi), pick(rng, g["fact_tails"]))
    return pick(rng, g["neutral"])


def _clause(rng, g, connective: bool = True) -> str:
    return join(pick(rng, g["connectives"]) if connective else "", pick(rng, g["people"]),
                pick(rng, g["actions"]), pick(rng, g["things"]), pick(rng, g["times"]))


def sentence(rng, g, label: int, negated: bool, vi: bool) -> tuple[str, str]:
    """``(text, frame)``: one sentence of class ``label``, negated (or mixed) or not."""
    opinion = (_neutral(rng, g, negated, vi) if label == NEUTRAL
               else _polar(rng, g, label, negated, vi))
    lead = pick(rng, g["leads"]) if rng.random() < 0.3 else ""
    draw, frame = rng.random(), FRAMES[-1][0]
    for name, share in FRAMES:
        if draw < share:
            frame = name
            break
        draw -= share
    if frame == "long":
        filler = " ".join(_clause(rng, g) for _ in range(int(rng.integers(2, 5))))
        return f"{join(lead, opinion)} , {filler} .", frame
    end = pick(rng, ("", "", ".", "!"))
    if frame == "short":
        return join(lead, opinion, end), frame
    before = join(_clause(rng, g, connective=False),
                  _clause(rng, g) if rng.random() < 0.3 else "")
    return join(before, ",", lead, opinion, end), frame
