"""The CTC view draws a reading (image, probabilities, path, string; hover), the digit
canvas sends drawings, and a CRNN in the window reads a dropped or drawn picture."""

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from _ctc_samples import ctc_alignment_sample  # noqa: E402

from dlviz.app.panels.digit_canvas import BOARD, DigitCanvasPanel  # noqa: E402
from dlviz.app.views.ctc_plot import describe_column  # noqa: E402
from dlviz.app.views.ctc_view import CtcView  # noqa: E402
from dlviz.app.views.registry import view_for  # noqa: E402

SHOTS = Path("/tmp/shots/h4")


@pytest.fixture
def view(qtbot):
    widget = CtcView()
    qtbot.addWidget(widget)
    widget.resize(900, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_registry_sends_ctc_alignments_to_this_view():
    assert view_for(ctc_alignment_sample()) is CtcView


def test_the_view_lines_probabilities_up_under_the_image(view, qtbot):
    found = ctc_alignment_sample()
    view.show_result(found)
    qtbot.wait(50)   # the layout settles
    plot = view.plot
    assert view.reading.text() == "Reads: 15"
    assert view.steps.text().splitlines() == ["best path        -11--5--",
                                              "merge repeats →  -1-5-",
                                              "drop blanks   →  15"]
    np.testing.assert_array_equal(plot.heat.image, found.probabilities.T)
    np.testing.assert_array_equal(plot.image.image, found.image)
    # The picture and the probabilities span the same columns: x = 0 .. steps.
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "ctc_view_sample.png"))
    image_rect = plot.image.mapRectToScene(plot.image.boundingRect())
    heat_rect = plot.heat.mapRectToScene(plot.heat.boundingRect())
    assert image_rect.left() == pytest.approx(heat_rect.left(), abs=1.5)
    assert image_rect.right() == pytest.approx(heat_rect.right(), abs=1.5)
    assert image_rect.bottom() <= heat_rect.top()
    # ... and the picture keeps its aspect (16x64 here).
    assert image_rect.height() * 4 == pytest.approx(image_rect.width(), rel=0.05)
    assert [t.toPlainText() for t in plot.texts] == ["—", "1", "1", "—", "—", "5", "—", "—"]
    assert "sample.png" in view.hint.text() and "kept as it is" in view.hint.text()


def test_hover_names_column_class_and_probability(view, qtbot):
    found = ctc_alignment_sample()
    view.show_result(found, step=120)
    assert "live, step 120" in view.title.text()
    plot = view.plot
    scene = plot.bottom.vb.mapViewToScene(QPointF(5.5, 6.5))   # column 6, class "5"
    assert plot.cell_at(scene) == (5, 6)
    plot._on_mouse_moved(scene)
    text = view.hover_label.text()
    assert text.startswith("column 6 of 8") and "class “5”" in text
    assert f"{found.probabilities[5, 6]:.3f}" in text and plot.mark.isVisible()
    over_image = plot.top.vb.mapViewToScene(QPointF(1.5, 1.0))
    assert plot.cell_at(over_image) == (1, None)
    plot._on_mouse_moved(over_image)
    assert plot.column_mark.isVisible() and not plot.mark.isVisible()
    assert "best: “1”" in describe_column(found, 1, None)
    plot._on_mouse_moved(plot.bottom.vb.mapViewToScene(QPointF(-3, -3)))
    assert not plot.mark.isVisible() and not plot.column_mark.isVisible()
    plot._on_mouse_moved(scene)
    view.show_result(found)            # a new reading: the old hover text goes
    assert view.hover_label.text().startswith("Each column") and not plot.mark.isVisible()


def test_only_blanks_read_as_nothing(view, qtbot):
    from dataclasses import replace

    found = ctc_alignment_sample()
    blank = replace(found, path=np.zeros_like(found.path), text="")
    view.show_result(blank)
    assert "nothing" in view.reading.text()
    # In large type the words wrap rather than widen the window (1280 became 1345).
    qtbot.wait(20)   # the layout takes the new text's size
    assert view.minimumSizeHint().width() < 600
    assert view.reading.width() <= view.width()


def test_a_model_without_strings_says_why(view):
    view.show_unavailable("'lenet5' gives outputs of shape (10,), not one (time steps, "
                          "classes) output")
    assert view.title.text() == CtcView.unavailable_title and not view.body.isVisible()


def test_the_canvas_sends_what_was_drawn_and_clears(qtbot):
    from dlviz.core.data import read_image

    panel = DigitCanvasPanel()
    qtbot.addWidget(panel)
    panel.show()
    seen = []
    panel.drawing_read.connect(lambda data, name: seen.append((data, name)))
    panel.read_button.click()
    assert seen == [] and "empty" in panel.note.text()
    panel.board.draw_stroke([(100, 20), (100, 110)])                  # a "1"
    panel.board.draw_stroke([(200, 20), (260, 20), (215, 110)])       # a "7"
    panel.read_button.click()
    (data, name), = seen
    array = read_image(data, name="drawing.png").array[..., 0]
    assert array.shape == BOARD and name == "drawing 1"
    assert array[60, 100] > 0.9 and array[60, 40] < 0.1 and array[5, 5] < 0.1
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(SHOTS / "digit_canvas.png"))
    panel.clear_button.click()
    assert panel.board.strokes == 0
    assert np.asarray(panel.board.image.constBits()).max() == 0


def _read(qtbot, window, action):
    from dlviz.core.probes.ctc_results import CtcAlignment

    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, CtcAlignment)) as blocker:
        action()
    return blocker.args[0]


def test_a_crnn_in_the_window_reads_dropped_and_drawn_pictures(qtbot, window, tmp_path):
    from PIL import Image

    from dlviz.core.data.digit_strings import digit_string_image

    window.tabs.setCurrentWidget(window.maps_view)
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("crnn")
    assert window.tabs.currentWidget() is window.ctc_tab     # a CRNN opens on what it reads
    path = tmp_path / "digits.png"
    Image.fromarray((digit_string_image("2024", seed=1)[..., 0] * 255).astype("uint8")
                    ).save(path)
    found = _read(qtbot, window, lambda: window.open_image(str(path)))
    assert found.source_name == "digits.png" and found.probabilities.shape == (32, 11)
    assert window.ctc_view.result is found
    assert window.tabs.currentWidget() is window.ctc_tab     # a CRNN's first screen
    window.digit_canvas.board.draw_stroke([(100, 20), (100, 110)])
    drawn = _read(qtbot, window, window.digit_canvas.read_button.click)
    assert drawn.source_name == "drawing 1" and drawn.image.shape == (32, 128)
    assert window.ctc_view.reading.text().startswith("Reads:")
    window.grab().save(str(SHOTS / "window_crnn_random.png"))


def test_a_blank_picture_on_a_crnn_says_so_in_the_banner(qtbot, window, tmp_path):
    from PIL import Image

    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("crnn")
    blank = tmp_path / "blank.png"
    Image.new("L", (300, 80), 255).save(blank)
    with qtbot.waitSignal(window.images.problem_reported, timeout=60_000) as blocker:
        window.open_image(str(blank))
    message = blocker.args[0]
    assert message.startswith("blank.png: the picture is blank") and "draw or drop" in message


def test_live_frames_reach_the_ctc_view_through_the_window_dispatcher(qtbot, window):
    from dlviz.core.training.events import LiveFrame

    found = ctc_alignment_sample()
    drawn = window.images.results.show_frame(LiveFrame(global_step=42, epoch=0,
                                                       results={"ctc": found}))
    assert drawn == 1 and window.ctc_view.result is found
    assert "live, step 42" in window.ctc_view.title.text()


def test_a_cnn_in_the_window_says_the_ctc_view_has_nothing(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("lenet5")
    assert window.ctc_view.title.text() == "This model reads no strings"
    assert "crnn" in window.ctc_view.hint.text().lower()


@pytest.mark.slow
def test_training_a_crnn_in_the_window_updates_the_ctc_view_live(qtbot, window):
    from dlviz.core.training.config import DataSpec, TrainingConfig

    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("crnn")
    combo = window.training_panel.data_combo     # a CRNN is offered digit strings only
    assert [combo.itemData(i) for i in range(combo.count())] == ["digit-strings"]
    frames = []
    window.bridge.live_frame_arrived.connect(frames.append)
    window.tabs.setCurrentWidget(window.ctc_tab)     # as a person training a CRNN watches it
    # Trains until a CTC frame came, then stops: a fixed two epochs (16
    # batches) ended once before the CTC group's turn behind the other
    # groups' first, measuring runs (CI, loaded machine).
    config = TrainingConfig(data=DataSpec(kind="digit-strings", samples=128), epochs=1000,
                            batch_size=16, learning_rate=2e-3)
    window.training_panel.start_requested.emit(config)
    qtbot.waitUntil(lambda: any("ctc" in f.results for f in frames), timeout=300_000)
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=60_000) as blocker:
        window.training.stop()
    assert blocker.args[0].reason == "stopped", blocker.args[0].message
    readings = [f.results["ctc"] for f in frames if "ctc" in f.results]
    assert readings, "no live CTC frame arrived"
    qtbot.waitUntil(lambda: window.ctc_view.result is not None, timeout=10_000)
    assert window.ctc_view.result.source_name.startswith("training strip 0")
