"""The gates tab in a short window (1024x768 projector less its bars: 928x708):
every panel keeps a usable height, and the gradient-through-time plot is whole."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from test_span_match import cell_point, read, selected

from dlviz.app.views.gate_view import SPAN_HEIGHT
from dlviz.app.views.gradient_time_view import PLOT_MIN_HEIGHT

MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZES = ((928, 708, False), (1280, 800, True))   # (width, height, gradient hint shown)


def bottom_in(widget, ancestor) -> int:
    """The y of ``widget``'s last row of pixels in ``ancestor``'s coordinates."""
    return widget.mapTo(ancestor, QPoint(0, widget.height() - 1)).y()


def check_panels(qtbot, window, name, *, span: bool):
    view = window.gate_view
    gradient, pane = view.gradient_view, view.body.widget(0)
    for width, height, hint_shown in SIZES:
        window.resize(width, height)
        qtbot.wait(200)
        # The gates tab no longer makes the window taller than the screen allows
        # (other tabs hold its width above 928: not this tab's doing).
        assert window.height() <= height
        assert view.grid.height() >= 300                        # seven rows of gates
        assert gradient.body.height() >= PLOT_MIN_HEIGHT
        # Whole: the plot ends inside the pane that holds it (it was cut off).
        assert bottom_in(gradient.body, pane) < pane.height()
        assert gradient.title.isVisible()
        if hint_shown:   # room for it; at 928x708 it may be a tooltip instead
            assert gradient.hint.isVisible()
        assert gradient.body.toolTip() == gradient.hint.text()
        spans = view.span_view
        least = spans.title.height() + spans.hint.heightForWidth(spans.width())
        assert spans.height() >= (SPAN_HEIGHT if span else least)
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / f"gates_tab_{name}_{width}x{height}.png"))
    return view


def test_every_gates_panel_is_usable_at_928x708_and_1280x800(qtbot, window):
    view = read(qtbot, window, None, open_path=MODELS / "lstm-sentiment-en.keras")
    check_panels(qtbot, window, "lstm", span=False)

    # A span selected at 928x708: its pane grows to show the matches, the plot stays whole.
    window.resize(928, 708)
    qtbot.wait(200)
    grid, tokens = view.grid, view.result.tokens
    middle = view.result.traces[0].units // 2   # well inside the short heatmap rows
    begin = cell_point(grid, "c", tokens.index("not"), middle)
    end = cell_point(grid, "c", tokens.index("bad"), middle)

    def drag():
        QTest.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=begin)
        QTest.mouseMove(grid.viewport(), end)
        QTest.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end)

    spans = selected(qtbot, window, drag)
    assert spans.matches.isVisible() and spans.height() >= SPAN_HEIGHT
    check_panels(qtbot, window, "lstm_span", span=True)


def test_a_gru_and_a_bidirectional_tagger_fit_too(qtbot, window):
    for name in ("gru-sentiment-en", "bilstm-tagger-en"):
        read(qtbot, window, None, open_path=MODELS / f"{name}.keras")
        view = check_panels(qtbot, window, name, span=False)
        assert view.convention.isVisible() is name.startswith("gru")
    # Both directions are named above the grid, not over its first heatmaps:
    # every row of heatmaps is as tall as the next (the first was squeezed).
    window.resize(928, 708)
    qtbot.wait(200)
    heights = {gate: view.grid.plots[(0, gate)].vb.height() for gate in ("i", "f", "h")}
    assert heights["i"] >= heights["f"] - 2 and heights["i"] >= 12, heights
