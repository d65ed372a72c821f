"""The attention view's words: how to read the picture, and the text → output line.

An encoder-decoder (one of the course's four scores) *writes*: its rows are
the tokens it generated, its columns the source it read. A Keras attention
layer in a model people bring has queries and keys instead; the words say so.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dlviz.app.numbers import count_text
from dlviz.app.views.attention_scores import SCORES
from dlviz.core.probes.attention_results import SCORE_FORMULAS, AttentionMap

#: Marked for the catalogue; shown through ``translated``.
HOW = QT_TRANSLATE_NOOP("AttentionText", "Hover over a cell for its weight; scroll to zoom along "
                        "the source, drag to pan, double-click to see it all.")
FORMULA = QT_TRANSLATE_NOOP("AttentionText", "α = softmax(e) over the source tokens · context c = Σ α h̄")
LAYER_FORMULA = QT_TRANSLATE_NOOP("AttentionText", "α = softmax(e) over the keys · output = Σ α v")
#: Axis titles (x, y) for an encoder-decoder, and for a layer's queries and keys.
SEQ2SEQ_LABELS = (QT_TRANSLATE_NOOP("AttentionText", "source tokens (what the model reads) →"),
                  QT_TRANSLATE_NOOP("AttentionText", "← output tokens (what it writes)"))
LAYER_LABELS = (QT_TRANSLATE_NOOP("AttentionText", "keys: the tokens looked at →"),
                QT_TRANSLATE_NOOP("AttentionText", "← queries: the tokens looking"))
#: The typed text and the output are cut to this many characters each.
OUTPUT_LINE_CHARS = 90


def translated(text: str) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP or translate below) in the interface's language."""
    return QCoreApplication.translate("AttentionText", text)


def writes(result: AttentionMap) -> bool:
    """True for an encoder-decoder (its rows are tokens it wrote), False for a layer of
    a model people bring (its rows are the layer's queries)."""
    return result.score in SCORES


def axis_titles(result: AttentionMap) -> tuple[str, str]:
    """(x, y) axis titles for ``result``."""
    x, y = SEQ2SEQ_LABELS if writes(result) else LAYER_LABELS
    return translated(x), translated(y)


def title(result: AttentionMap, step: int | None) -> str:
    """The view's heading: layer, model, heads and, live, the training step."""
    heads = QCoreApplication.translate("AttentionText", " · {0} heads").format(result.heads) \
        if result.heads > 1 else ""
    when = QCoreApplication.translate("AttentionText", " · training step {0}").format(count_text(step)) \
        if step is not None else ""
    return QCoreApplication.translate("AttentionText", "Attention · layer “{0}” of {1}").format(
        result.layer, result.model) + heads + when


def formula(result: AttentionMap) -> str:
    """The score function's formula and how its weights are used."""
    score = SCORE_FORMULAS.get(result.score, result.score)
    return QCoreApplication.translate("AttentionText", "Score {0} · {1}").format(
        score, translated(FORMULA if writes(result) else LAYER_FORMULA))


def reading(result: AttentionMap) -> str:
    """How to read the picture, in one line."""
    across, down = len(result.source_tokens), len(result.output_tokens)
    if writes(result):
        return QCoreApplication.translate(
            "AttentionText", "{0} source tokens across, {1} output tokens down. Each row is one output token: "
            "where the model looked in the source while writing it (bright = much).").format(
                across, down)
    return QCoreApplication.translate(
        "AttentionText", "{0} keys across, {1} queries down. Each row is one query token: how much it takes "
        "from each token across (bright = much).").format(across, down)


def output_line(result: AttentionMap) -> str:
    """The typed text → what the model wrote (rich text), each cut to a line or two
    (512 tokens would fill the view); self-attention shows the text alone.

    Example:
        >>> output_line(found)                                   # doctest: +SKIP
        "ngày 10 tháng 3 năm 1987  <span ...>→</span>  <b>1987-03-10</b>"
    """
    typed = escape(cut(result.text))
    if not result.output_text and result.output_tokens == result.source_tokens:
        note = QCoreApplication.translate("AttentionText", "(self-attention: each token over the others)")
        return f"{typed}  <span style='color:#606060'>{note}</span>"
    written = result.output_text or " ".join(result.output_tokens)
    return f"{typed}  <span style='color:#2563a8'>→</span>  <b>{escape(cut(written))}</b>"


def cut(text: str, longest: int = OUTPUT_LINE_CHARS) -> str:
    """``text`` whole when short, else its start and "…"."""
    return text if len(text) <= longest else text[:longest - 1].rstrip() + "…"


def escape(text: str) -> str:
    """``text`` safe inside a rich-text label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
