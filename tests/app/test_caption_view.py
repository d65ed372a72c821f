"""The caption view draws a caption (picture, words, a picture per word; hover and click
show a word's attention), and the shipped captioner in the window captions a dropped scene."""

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from _caption_samples import caption_sample  # noqa: E402

from dlviz.app.views.caption_view import CaptionView  # noqa: E402
from dlviz.app.views.registry import view_for  # noqa: E402

SHOTS = Path("/tmp/shots/h6")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def view(qtbot):
    widget = CaptionView()
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _enter(widget):
    event = QEnterEvent(QPointF(3, 3), QPointF(3, 3), QPointF(3, 3))
    QApplication.sendEvent(widget, event)


def _leave(widget):
    QApplication.sendEvent(widget, QEvent(QEvent.Type.Leave))


def _picture(view) -> np.ndarray:
    image = view.picture.pixmap().toImage().convertToFormat(
        view.picture.pixmap().toImage().Format.Format_RGB888)
    width, height = image.width(), image.height()
    return np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())[
        :, :3 * width].reshape(height, width, 3).copy()


def subject_centre():
    from dlviz.core.data.shape_scenes import generate_scenes

    return generate_scenes(1, seed=3)[1][0].subject.centre


def test_the_registry_sends_captions_to_this_view():
    assert view_for(caption_sample()) is CaptionView


def test_words_and_their_pictures_are_shown(view, qtbot):
    found = caption_sample()
    view.show_result(found)
    qtbot.wait(50)
    assert [b.text() for b in view.buttons] == list(found.words)
    assert len(view.tiles) == len(found.words)
    assert view.buttons[0].font().pointSizeF() > 1.8 * view.hint.font().pointSizeF()
    assert "scene.png" in view.hint.text() and "8x8 regions" in view.hint.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "caption_view.png"))


def test_hovering_a_word_lights_where_it_looked_and_leaving_restores(view, qtbot):
    found = caption_sample()
    view.show_result(found)
    plain = _picture(view)
    shape = 2   # the subject's shape word looks at the subject
    _enter(view.buttons[shape])
    assert view.shown_word == shape and f"'{found.words[shape]}'" in view.about.text()
    lit = _picture(view)
    r, c = (int(v * 320 / 64) for v in subject_centre())
    far = (320 - 1 - r, 320 - 1 - c)
    # Where it looked stays bright, the rest is dimmed.
    assert lit[r, c].astype(int).sum() > 0.6 * plain[r, c].astype(int).sum()
    assert lit[far].astype(int).sum() < 0.5 * plain[far].astype(int).sum()
    assert view.tiles[shape].styleSheet()      # its small picture is marked
    _leave(view.buttons[shape])
    assert view.shown_word is None
    np.testing.assert_array_equal(_picture(view), plain)
    _enter(view.tiles[shape])                  # its small picture answers the pointer too
    assert view.shown_word == shape
    np.testing.assert_array_equal(_picture(view), lit)
    _leave(view.tiles[shape])
    assert view.shown_word is None


def test_a_click_pins_a_word_until_clicked_again(view, qtbot):
    found = caption_sample("vi")     # Vietnamese words are buttons like any other
    view.show_result(found)
    last = len(found.words) - 1
    qtbot.mouseClick(view.tiles[last], Qt.MouseButton.LeftButton)
    assert view.pinned == last and view.buttons[last].isChecked()
    _enter(view.buttons[0])
    assert view.shown_word == 0
    _leave(view.buttons[0])
    assert view.shown_word == last                     # back to the pinned word
    assert found.words[last] in view.about.text()
    qtbot.wait(50)   # the layout settles
    assert all(b.isVisible() for b in view.buttons) and all(t.isVisible() for t in view.tiles)
    view.grab().save(str(SHOTS / "caption_view_vi_pinned.png"))
    view.buttons[last].click()
    assert view.pinned is None and not view.buttons[last].isChecked()
    view.show_result(caption_sample())                 # a new result keeps working
    assert len(view.buttons) == len(caption_sample().words)


def test_a_model_without_captions_says_why_and_live_frames_name_their_step(view):
    view.show_unavailable("'lenet5' writes no captions")
    assert view.title.text() == "This model writes no captions" and not view.body.isVisible()
    view.show_result(caption_sample(), step=1200)
    assert "live, step 1,200" in view.title.text() and view.body.isVisible()


def test_the_shipped_captioner_in_the_window_captions_a_dropped_scene(qtbot, window):
    from dlviz.core.probes.caption_results import Caption

    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("captions-shapes")
    assert window.tabs.currentWidget() is window.caption_view   # a captioner's first screen
    scene = ROOT / "resources" / "samples" / "21_scene_captions_a.png"
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, Caption)) as blocker:
        window.open_image(str(scene))
    found = blocker.args[0]
    assert found.text == "a yellow circle below a yellow triangle"
    assert window.caption_view.result is found and found.source_name == scene.name
    assert [b.text() for b in window.caption_view.buttons] == list(found.words)
    window.caption_view.pin(2)
    qtbot.wait(50)
    window.grab().save(str(SHOTS / "window_captioner.png"))


def test_a_cnn_in_the_window_says_the_caption_view_has_nothing(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("lenet5")
    assert window.caption_view.title.text() == "This model writes no captions"
    assert "captions-shapes" in window.caption_view.hint.text()


def test_a_captioner_trains_from_the_window_with_live_captions(qtbot, window):
    from PySide6.QtCore import Qt

    from dlviz.app.panels.training_data_group import CAPTION_CHOICES
    from dlviz.core.training.events import LiveFrame

    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("shape-captioner")
    panel = window.training_panel
    kinds = [panel.data_combo.itemData(i) for i in range(panel.data_combo.count())]
    assert kinds == [kind for _, kind in CAPTION_CHOICES] == ["scenes-en", "scenes-vi"]
    panel.data_combo.setCurrentIndex(1)          # Vietnamese captions
    panel.samples_spin.setValue(160)
    panel.epochs_spin.setValue(2)
    frames = []
    window.bridge.live_frame_arrived.connect(frames.append)
    scene = ROOT / "resources" / "samples" / "22_scene_captions_b.png"
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=180_000) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        window.open_image(str(scene))   # dropped while it trains: captioned between batches
    assert blocker.args[0].reason == "finished", blocker.args[0].message
    captions = [f.results["caption"] for f in frames
                if isinstance(f, LiveFrame) and "caption" in f.results]
    assert captions and captions[-1].source_name == scene.name
    # The workspace takes the run's vocabulary when the training job ends,
    # after the run directory has closed (its last checkpoint written), which
    # may come a moment after the "stopped" event.
    qtbot.waitUntil(lambda: set(captions[-1].words) <= set(window.workspace.vocabulary.tokens),
                    timeout=30_000)
    qtbot.waitUntil(lambda: window.caption_view.result is not None, timeout=30_000)
    assert "live, step" in window.caption_view.title.text()
    assert "hình" in window.workspace.vocabulary   # dropped scenes now get Vietnamese words
    window.tabs.setCurrentWidget(window.caption_view)
    window.grab().save(str(SHOTS / "window_captioner_training.png"))


def test_a_long_caption_wraps_its_words_instead_of_widening_the_window(view, qtbot):
    from dataclasses import replace

    from dlviz.app.views.caption_view import BIG

    sample = caption_sample("vi")    # Vietnamese: more, longer words
    view.show_result(sample)
    narrow = view.minimumSizeHint().width()
    assert narrow < BIG + 200          # the words ask for no width of their own
    view.resize(BIG + 360, 640)        # a narrow window: the words take more rows
    qtbot.waitUntil(lambda: view.width() == BIG + 360)
    rows = {view.words_row.getItemPosition(view.words_row.indexOf(b))[0] for b in view.buttons}
    assert len(rows) >= 2
    for button in view.buttons:        # each row fits beside the picture
        assert button.mapTo(view, button.rect().bottomRight()).x() <= view.width()
    view.resize(1100, 640)
    qtbot.waitUntil(lambda: view.width() == 1100)
    wide = {view.words_row.getItemPosition(view.words_row.indexOf(b))[0] for b in view.buttons}
    assert len(wide) < len(rows)
