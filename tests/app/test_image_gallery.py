"""The image gallery: one thumbnail per sample file; picking one names its path."""

from pathlib import Path

import pytest
from _image_checks import save_screenshot
from PySide6.QtCore import Qt

from dlviz.app.panels.image_gallery import CAPTION, ImageGalleryPanel
from dlviz.core.data.samples import sample_images, sample_label

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def gallery(qtbot):
    panel = ImageGalleryPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 520)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_samples_are_bundled_and_small():
    files = sample_images()
    assert len(files) >= 8
    assert {p.suffix for p in files} <= {".png", ".jpg"}
    assert sum(p.stat().st_size for p in files) < 1_500_000
    assert sample_label(files[0]) == "landscape"


def test_one_thumbnail_per_sample_file(gallery):
    files = sample_images()
    assert gallery.list.count() == len(files)
    assert gallery.paths() == [str(p) for p in files]
    assert all(not gallery.list.item(i).icon().isNull() for i in range(len(files)))
    assert gallery.caption.text() == CAPTION
    assert not gallery.empty_note.isVisible()


def test_clicking_a_sample_emits_its_path(gallery, qtbot):
    item = gallery.list.item(2)
    centre = gallery.list.visualItemRect(item).center()
    with qtbot.waitSignal(gallery.image_chosen, timeout=2000) as blocker:
        qtbot.mouseClick(gallery.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [str(sample_images()[2])]


def test_enter_on_the_current_sample_emits_it_once(gallery, qtbot):
    gallery.list.setCurrentRow(0)
    seen = []
    gallery.image_chosen.connect(seen.append)
    qtbot.keyClick(gallery.list, Qt.Key.Key_Return)
    assert seen == [str(sample_images()[0])]


def test_open_and_paste_buttons_ask_for_an_image(gallery, qtbot):
    with qtbot.waitSignal(gallery.open_image_requested, timeout=1000):
        qtbot.mouseClick(gallery.open_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(gallery.paste_requested, timeout=1000):
        qtbot.mouseClick(gallery.paste_button, Qt.MouseButton.LeftButton)


def test_missing_samples_folder_shows_a_note_not_an_error(qtbot, tmp_path):
    assert sample_images(tmp_path / "nowhere") == []
    panel = ImageGalleryPanel(samples=sample_images(tmp_path / "nowhere"))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.list.count() == 0 and panel.empty_note.isVisible()


def test_screenshot(gallery):
    save_screenshot(gallery, SCREENSHOTS / "image_gallery.png")
