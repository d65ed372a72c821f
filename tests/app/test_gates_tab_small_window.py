"""The gates tab in a short window (1024x768 projector less its bars: 928x708):
every panel keeps a usable height, and the gradient-through-time plot is whole."""

from pathlib import Path

from PySide6.QtCore import QPoint

from dlviz.app.views.gradient_time_view import PLOT_MIN_HEIGHT
from dlviz.core.probes.text_results import TextAnalysis

MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def bottom_in(widget, ancestor) -> int:
    """The y of ``widget``'s last row of pixels in ``ancestor``'s coordinates."""
    return widget.mapTo(ancestor, QPoint(0, widget.height() - 1)).y()


def test_every_gates_panel_is_usable_at_928x708_and_1280x800(qtbot, window):
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)):
        window.open_model_file(str(MODELS / "lstm-sentiment-en.keras"))
    view = window.gate_view
    gradient = view.gradient_view
    for width, height, hint_shown in ((928, 708, False), (1280, 800, True)):
        window.resize(width, height)
        qtbot.wait(200)
        # The gates tab no longer makes the window taller than the screen allows
        # (other tabs hold its width above 928: not this tab's doing).
        assert window.height() <= height
        assert view.grid.height() >= 300                       # seven rows of gates
        assert view.span_view.height() >= 120                  # title, units, matches
        assert gradient.body.height() >= PLOT_MIN_HEIGHT
        # Whole: the plot ends inside the pane that holds it (it was cut off).
        pane = view.body.widget(0)
        assert bottom_in(gradient.body, pane) < pane.height()
        assert gradient.title.isVisible()
        assert gradient.hint.isVisible() is hint_shown         # else it is a tooltip
        assert gradient.body.toolTip() == gradient.hint.text()
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / f"gates_tab_{width}x{height}.png"))
