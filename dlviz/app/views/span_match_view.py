"""Select a span, see its units and where else they fire (LSTMVis's select-and-match).

Draws two results of the same request: the ``UnitSelection`` (the units on
across the span, first, in well under a second) and then the
``SpanMatches`` (the best spans of the model's dataset where every one of
those units is on too), each sentence with its matching span highlighted.
Clicking a sentence types it into the text box (``sentence_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from dlviz.app.numbers import count_text
from dlviz.app.views.canvas import hint_label, title_label
from dlviz.core.probes.unit_match import UnitSelection
from dlviz.core.span_jobs import SpanMatches

HOW = QT_TRANSLATE_NOOP("SpanMatchView", "Select a span: drag across tokens in a heatmap (or click a token, "
                        "then shift-click another) to find the units that stay on across them, "
                        "and where else they do.")
STATE_NAMES = {"c": QT_TRANSLATE_NOOP("SpanMatchView", "cell state c"), "h": QT_TRANSLATE_NOOP("SpanMatchView", "hidden state h")}
MARK = "background-color:#bff3ff; color:#00363d; font-weight:bold"


class SpanMatchView(QWidget):
    """The units of a selected span and the dataset's sentences where they fire alike.

    Signals:
        selection_shown(object): a ``UnitSelection`` was drawn (the grid outlines it).
        sentence_chosen(str): a match was clicked; its sentence should be read.
    """

    selection_shown = Signal(object)
    sentence_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.selection: UnitSelection | None = None
        self.result: SpanMatches | None = None
        self.title = title_label(self.tr("Select a span"))
        self.hint = hint_label(self.tr(HOW))
        self.units = hint_label("")
        self.units.setObjectName("span_units")
        self.matches = QTextBrowser()
        self.matches.setObjectName("span_matches")
        self.matches.setOpenLinks(False)
        self.matches.anchorClicked.connect(lambda url: self.choose(int(url.path() or 0)))
        self.matches.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        for widget in (self.title, self.units, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.matches, 1)

    def show_result(self, result, step: int | None = None) -> None:
        if isinstance(result, SpanMatches):
            self._show_matches(result)
        else:
            self._show_selection(result)

    def show_problem(self, message: str) -> None:
        """Say why the span found nothing (e.g. no sentence yet)."""
        self.title.setText(self.tr("No span selected"))
        self.units.setText(message)
        self.matches.hide()

    def reset(self) -> None:
        """A new sentence: the last span's units and matches no longer apply."""
        self.selection = self.result = None
        self.title.setText(self.tr("Select a span"))
        self.hint.setText(self.tr(HOW))
        self.units.setText("")
        self.matches.hide()

    def choose(self, index: int) -> None:
        """Type match ``index``'s sentence into the text box."""
        if self.result is not None and 0 <= index < len(self.result.texts):
            self.sentence_chosen.emit(self.result.texts[index])

    def _show_selection(self, selection: UnitSelection) -> None:
        self.selection, self.result = selection, None
        span = " ".join(selection.tokens)
        self.title.setText(self.tr("Units of {0} on across “{1}”").format(selection.layer, span))
        state = self.tr(STATE_NAMES.get(selection.state, selection.state))
        if selection.units.size:
            listed = ", ".join(f"<b>{u}</b> ({s:+.2f})"
                               for u, s in zip(selection.units.tolist(), selection.scores))
            self.units.setText(self.tr(
                "{0} unit(s) keep {1} above {2} on every token (lowest value in brackets): "
                "{3}. Outlined in the heatmaps, drawn as lines below.").format(
                    selection.units.size, state, f"{selection.threshold:g}", listed))
            self.matches.setHtml(self.tr("<p style='color:#606060'>Searching where else these units "
                                 "fire together…</p>"))
            self.matches.show()
        else:
            self.units.setText(selection.note)
            self.matches.hide()
        self.selection_shown.emit(selection)

    def _show_matches(self, result: SpanMatches) -> None:
        self.result = result
        found = result.found
        if not found.selection.units.size:   # nothing was searched: the units line says why
            self.hint.setText(self.tr(HOW))
            self.matches.hide()
            return
        self.hint.setText(self.tr(
            "Searched {0}: {1} span(s) where every one of these units stays on, the best {2} "
            "below (number: the weakest unit's mean state over the span). Click “read” to read "
            "that sentence.").format(result.source, count_text(found.found), len(found.matches)) +
                          (f" {found.note}." if found.note else ""))
        if not found.matches:
            self.matches.setHtml(self.tr("<p>No other span keeps all these units on; select fewer "
                                 "tokens (fewer units) to find more.</p>"))
        else:
            self.matches.setHtml("".join(
                _match_html(i, m, tokens) for i, (m, tokens) in
                enumerate(zip(found.matches, result.sentence_tokens))))
        self.matches.show()


def _match_html(index: int, match, tokens, context: int = 8, longest: int = 12) -> str:
    """One match: its sentence around the span, the span highlighted (its first
    ``longest`` tokens, then how many more), a link to read it."""
    first = max(0, match.start - context)
    shown = min(match.end, match.start + longest)
    last = min(len(tokens), match.end + context // 2)
    before = " ".join(tokens[first:match.start])
    inside = " ".join(tokens[match.start:shown])
    if shown < match.end:
        inside += f" … (+{match.end - shown} tokens)"
    after = " ".join(tokens[match.end:last])
    return (f"<p style='margin:2px 0'><a href='{index}'>read</a>&nbsp; "
            f"<span style='color:#606060'>{match.score:.2f}</span>&nbsp; "
            f"{'… ' if first else ''}{_escape(before)} "
            f"<span style='{MARK}'>{_escape(inside)}</span> {_escape(after)}"
            f"{' …' if last < len(tokens) else ''}</p>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
