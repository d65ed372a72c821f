"""Select a span in the gates, through the real engine: its units, and where else they fire.

Runs on the shipped trained LSTMs (English and Vietnamese sentiment): a drag
(or click, shift-click) across token columns reaches the engine; the units
come back outlined in the heatmaps and followed in the lines, and the
matches found in the model's dataset are checked against the model itself.
"""

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtTest import QTest

from dlviz.core.probes.registry import PROBES
from dlviz.core.probes.text_results import TextAnalysis
from dlviz.core.probes.unit_match import UnitSelection
from dlviz.core.span_jobs import SpanMatches
from dlviz.core.zoo.sequence_trained import TrainedSequenceModel

MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"
WAIT = 120_000


def read(qtbot, window, text, *, open_path=None):
    """Open a model (its sample is read) or read ``text``; wait for that sentence's gates."""
    def check(result):
        return isinstance(result, TextAnalysis) and (open_path is not None or result.text == text)

    with qtbot.waitSignal(window.images.results.result_shown, timeout=WAIT,
                          check_params_cb=check):
        if open_path is not None:
            window.open_model_file(str(open_path))
        else:
            window.text_panel.set_text(text, emit=True)
    qtbot.wait(50)   # the grid lays itself out
    return window.gate_view


def cell_point(grid, gate, token, unit=0):
    """Where, in the grid's viewport, the centre of (token, unit) of ``gate`` is drawn."""
    plot = grid.plots[(0, gate)]
    scene = plot.vb.mapViewToScene(QPointF(token + 0.5, unit + 0.5))
    return grid.mapFromScene(scene)


def selected(qtbot, window, action):
    """Do ``action`` (a selection); wait for its units, then its matches."""
    results = window.images.results
    with qtbot.waitSignals([results.result_shown, results.result_shown], timeout=WAIT,
                           check_params_cbs=[lambda r: isinstance(r, UnitSelection),
                                             lambda r: isinstance(r, SpanMatches)]):
        action()
    qtbot.wait(30)
    return window.gate_view.span_view


def check_matches(view, zoo, threshold):
    """Every match: a span of its sentence where each selected unit's state is above
    the threshold, recomputed here from the model's own weights."""
    found, selection = view.result.found, view.result.found.selection
    assert found.matches and found.found >= len(found.matches)
    for i, match in enumerate(found.matches[:5]):
        text, tokens = view.result.texts[i], view.result.sentence_tokens[i]
        assert match.end - match.start >= selection.end - selection.start   # as long at least
        assert tokens[match.start:match.end] == match.tokens
        gates = PROBES["gates"].compute(zoo.model, text, vocabulary=zoo.vocabulary)
        assert gates.tokens == tokens
        trace = next(t for t in gates.traces if t.layer == selection.layer)
        states = trace.gates[selection.state][0, match.start:match.end][:, selection.units]
        assert (states > threshold).all()
        assert f">{match.tokens[0]}" in view.matches.toHtml() or match.tokens[0] in \
            view.matches.toPlainText()


def test_dragging_across_tokens_outlines_units_and_finds_them_in_the_dataset(qtbot, window):
    view = read(qtbot, window, None, open_path=MODELS / "lstm-sentiment-en.keras")
    grid = view.grid
    tokens = view.result.tokens            # the sample: "the film was not bad at all"
    start, last = tokens.index("not"), tokens.index("bad")
    begin, end = cell_point(grid, "c", start), cell_point(grid, "c", last)

    def drag():
        QTest.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=begin)
        QTest.mouseMove(grid.viewport(), end)
        QTest.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end)

    spans = selected(qtbot, window, drag)
    selection = spans.selection
    assert (selection.layer, selection.state) == (view.result.traces[0].layer, "c")
    assert (selection.start, selection.end, selection.tokens) == (start, last + 1,
                                                                  ("not", "bad"))
    trace = view.result.traces[0]
    c = trace.gates["c"][0, start:last + 1]
    assert selection.units.size > 0
    assert (c[:, selection.units] > selection.threshold).all()
    assert set(selection.units) == set(np.flatnonzero(c.min(axis=0) > selection.threshold))
    # Outlined in the heatmaps over the span, and followed in the unit lines.
    assert grid.marks.span == (0, start, last + 1)
    assert grid.marks.units == tuple(selection.units.tolist())
    rects = [item.rect() for _plot, item in grid.marks._items if item.rect().height() == 1]
    assert {int(r.y()) for r in rects} == set(selection.units.tolist())
    assert all((r.x(), r.width()) == (start, last + 1 - start) for r in rects)
    assert grid.selected == selection.units.tolist()[:len(grid.selected)]
    assert grid.line_gate == "c"
    assert "not bad" in spans.title.text() and str(selection.units[0]) in spans.units.text()

    zoo = TrainedSequenceModel(trained="lstm-sentiment-en")
    zoo.build()
    check_matches(spans, zoo, selection.threshold)
    assert "sentiment-en" in spans.hint.text()

    # Clicking a match types its sentence into the box, and it is read.
    first = spans.result.texts[0]
    with qtbot.waitSignal(window.images.results.result_shown, timeout=WAIT,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)
                          and r.text == first):
        spans.matches.anchorClicked.emit(QUrl("0"))
    assert window.text_panel.text() == first
    assert grid.marks.span is None        # the old sentence's span is gone


def test_a_vietnamese_span_by_click_and_shift_click_searches_the_vietnamese_set(qtbot,
                                                                               window):
    read(qtbot, window, None, open_path=MODELS / "lstm-sentiment-vi.keras")
    text = "bộ phim này không tệ chút nào"
    view = read(qtbot, window, text)
    grid, tokens = view.grid, view.result.tokens
    assert tokens == tuple(text.split())
    first, last = tokens.index("không"), tokens.index("tệ")

    def click_then_shift_click():
        QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                         pos=cell_point(grid, "h", first))
        QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ShiftModifier, cell_point(grid, "h", last))

    spans = selected(qtbot, window, click_then_shift_click)
    selection = spans.selection
    assert selection.tokens == ("không", "tệ")
    assert selection.units.size > 0 and selection.state == "c"
    zoo = TrainedSequenceModel(trained="lstm-sentiment-vi")
    zoo.build()
    check_matches(spans, zoo, selection.threshold)
    assert "sentiment-vi" in spans.hint.text()
