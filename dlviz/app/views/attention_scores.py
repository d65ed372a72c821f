"""The Score switch: each of the course's four score functions is its own trained model.

The library ships one encoder-decoder per score, named alike
(``dates-attention-dot``, ``dates-attention-general``, ...). When the current
model is one of them, its siblings are the same name with another score;
choosing a score in the view asks the window to open that sibling, and the
typed sentence is read again by it.

Example:
    >>> score_siblings("dates-attention-dot")                   # doctest: +SKIP
    {'dot': 'dates-attention-dot', 'general': 'dates-attention-general', ...}
"""

from __future__ import annotations

import re

from dlviz.core.probes.attention_results import SCORE_FORMULAS

#: The course's four scores, in the order the course teaches them.
SCORES = ("dot", "general", "additive", "cosine")
_NAMED = re.compile(r"^(?P<stem>.+-attention-)(?P<score>" + "|".join(SCORES) + r")$")


def score_of(source: str | None) -> str | None:
    """The score a library name says (``"...-attention-dot"`` -> "dot"), else None."""
    found = _NAMED.match(source or "")
    return found.group("score") if found else None


def score_siblings(source: str | None, names=None) -> dict[str, str]:
    """Score -> library name of the models that differ from ``source`` only by score.

    Args:
        source: the current model's library name (or a file path: no siblings).
        names: the library's names; None reads the model registry.

    Returns:
        The scores whose model is in the library (``source``'s own included),
        or {} when ``source`` is not one of a family of score models.
    """
    found = _NAMED.match(source or "")
    if not found:
        return {}
    if names is None:
        from dlviz.core.zoo.registry import REGISTRY

        names = REGISTRY
    stem = found.group("stem")
    return {score: stem + score for score in SCORES if stem + score in names}


def score_label(score: str) -> str:
    """What the combo shows for a score: its name and formula."""
    formula = SCORE_FORMULAS.get(score, "")
    return f"{score}: {formula.split(' (')[0]}" if formula else score
