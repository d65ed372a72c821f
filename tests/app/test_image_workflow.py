"""Drop an image, see inside: the whole path through the real engine."""

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from _image_checks import save_screenshot
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def drop(window, *paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(80, 80), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def picture(tmp_path, name="photo.png", size=(80, 60), **save):
    rng = np.random.default_rng(len(name))
    pixels = (rng.random((size[1], size[0], 3)) * 255).astype("uint8")
    pixels[10:30, 10:40] = [255, 0, 0]
    path = tmp_path / name
    Image.fromarray(pixels).save(path, **save)
    return path


def bomb_png(tmp_path):
    """A tiny PNG whose header claims 40000x40000 pixels (a decompression bomb)."""
    path = tmp_path / "bomb.png"
    Image.new("L", (1, 1)).save(path)
    data = bytearray(path.read_bytes())
    ihdr = struct.pack(">II", 40000, 40000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def lenet_window(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000):
        window.library.choose("lenet5-modern")
    return window


def analyse(qtbot, window, *paths, timeout=120_000):
    with qtbot.waitSignal(window.images.analysis_shown, timeout=timeout) as blocker:
        drop(window, *paths)
    return blocker.args[0]


def test_dropping_an_image_shows_maps_and_predictions(qtbot, lenet_window, tmp_path):
    win = lenet_window
    analysis = analyse(qtbot, win, picture(tmp_path))
    assert analysis.source_name == "photo.png"
    paths = [layer.path for layer in analysis.maps.layers]
    assert "c1_conv" in paths and analysis.maps.input.shown.shape == (32, 32, 1)
    assert analysis.predictions is not None
    scores = analysis.predictions.heads[analysis.predictions.primary]
    assert [s.probability for s in scores] == sorted((s.probability for s in scores), reverse=True)
    assert win.tabs.currentWidget() is win.maps_view
    assert "resized" in win.statusBar().currentMessage() or "grey" in win.statusBar().currentMessage()


def test_a_drop_tiles_the_layer_on_screen_and_any_layer_picked_later(qtbot, lenet_window,
                                                                     tmp_path):
    from dlviz.core.probes.mosaic import make_mosaic

    win, view = lenet_window, lenet_window.maps_view
    first = analyse(qtbot, win, picture(tmp_path))
    paths = [layer.path for layer in first.maps.layers]
    assert list(first.maps.mosaics) == [paths[0]] == [view.selected_layer()]
    assert all(layer.stats is not None for layer in first.maps.layers)  # the list's numbers
    view.select_layer(paths[2])
    expected = make_mosaic(first.maps.layer(paths[2]).values)
    np.testing.assert_array_equal(view.mosaic_item.image, expected.image)
    # The next image tiles the layer now on screen.
    second = analyse(qtbot, win, picture(tmp_path, "other.png", size=(50, 70)))
    assert list(second.maps.mosaics) == [paths[2]] == [view.selected_layer()]


def text_named_png(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("hello, I am text")
    return path


def truncated_jpeg(tmp_path):
    path = tmp_path / "cut.jpg"
    path.write_bytes(picture(tmp_path, "full.jpg", size=(200, 150)).read_bytes()[:600])
    return path


@pytest.mark.parametrize("make_bad, expected", [
    (text_named_png, "notes.png"),
    (truncated_jpeg, "cut.jpg"),
    (bomb_png, "bomb.png"),
    (lambda d: d, "folder"),
])
def test_bad_input_gets_a_message_and_keeps_the_last_good_state(qtbot, lenet_window, tmp_path,
                                                               make_bad, expected):
    win = lenet_window
    good = analyse(qtbot, win, picture(tmp_path))
    bad = make_bad(tmp_path)
    if bad.is_dir():
        drop(win, bad)
    else:
        with qtbot.waitSignal(win.images.problem_reported, timeout=60_000):
            drop(win, bad)
    assert win.banner.isVisible()
    assert expected in win.banner.text()
    assert win.images.analysis is good  # the last good result stays on screen


def test_many_files_at_once_are_refused(lenet_window, tmp_path):
    drop(lenet_window, picture(tmp_path, "a.png"), picture(tmp_path, "b.png"))
    assert "one image at a time" in lenet_window.banner.text().lower()


@pytest.mark.parametrize("name, save, note_word", [
    ("rgba.png", {}, "transparent"),
    ("cmyk.jpg", {}, None),
    ("sixteen.png", {}, "16-bit"),
    ("anim.gif", {}, "frame"),
])
def test_unusual_but_valid_images_are_analysed(qtbot, lenet_window, tmp_path, name, save, note_word):
    path = tmp_path / name
    base = Image.fromarray((np.random.default_rng(1).random((40, 50, 3)) * 255).astype("uint8"))
    if name == "rgba.png":
        rgba = base.convert("RGBA")
        rgba.putalpha(Image.linear_gradient("L").resize(rgba.size))  # real transparency
        rgba.save(path)
    elif name == "cmyk.jpg":
        base.convert("CMYK").save(path)
    elif name == "sixteen.png":
        Image.fromarray((np.arange(2000).reshape(40, 50) * 30).astype("uint16")).save(path)
    else:
        frames = [base, base.rotate(90)]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    analysis = analyse(qtbot, lenet_window, path)
    assert analysis.source_name == name
    if note_word:
        assert any(note_word in note for note in analysis.load_notes), analysis.load_notes


def test_latest_dropped_image_wins(qtbot, lenet_window, tmp_path):
    win = lenet_window
    shown = []
    win.images.analysis_shown.connect(lambda a: shown.append(a.source_name))
    paths = [picture(tmp_path, f"img{i}.png") for i in range(4)]
    with qtbot.waitSignal(win.images.analysis_shown, timeout=120_000,
                          check_params_cb=lambda a: a.source_name == "img3.png"):
        for path in paths:
            drop(win, path)
    qtbot.wait(200)
    assert shown[-1] == "img3.png"
    assert len(shown) < 4  # the waiting ones were replaced, never drawn


def test_switching_model_redoes_the_image_and_filters_arrive(qtbot, lenet_window, tmp_path):
    win = lenet_window
    analyse(qtbot, win, picture(tmp_path))
    with qtbot.waitSignal(win.images.analysis_shown, timeout=120_000) as blocker:
        win.library.choose("vgg16-mini")
    assert any(layer.path == "block1_conv1" for layer in blocker.args[0].maps.layers)
    qtbot.waitUntil(lambda: win.filter_view.current_bank is not None, timeout=60_000)


def test_screenshots_of_each_view(qtbot, lenet_window, tmp_path):
    win = lenet_window
    with qtbot.waitSignal(win.bridge.job_finished, timeout=120_000):
        win.library.choose("vgg16-mini")
    sample = win.gallery.paths()
    analyse(qtbot, win, sample[0] if sample else picture(tmp_path))
    for index in range(win.tabs.count()):
        win.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        name = win.tabs.tabText(index).split()[0].lower().replace("/", "")
        save_screenshot(win, SCREENSHOTS / f"window_{name}.png")


def test_gradcam_tab_explains_the_image_and_follows_the_controls(qtbot, lenet_window, tmp_path):
    win = lenet_window
    analysis = analyse(qtbot, win, picture(tmp_path))
    with qtbot.waitSignal(win.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "heatmap") as blocker:
        win.tabs.setCurrentWidget(win.heatmap_view)
    cam = blocker.args[0].result
    top = analysis.predictions.heads[analysis.predictions.primary][0]
    assert cam.kind == "gradcam" and cam.class_index == top.index
    assert cam.layer == win.heatmap_view.layer_combo.currentText()
    assert cam.heatmap.shape == analysis.maps.input.shown.shape[:2]
    with qtbot.waitSignal(win.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "heatmap") as blocker:
        win.heatmap_view.kind_combo.setCurrentIndex(win.heatmap_view.kind_combo.findData("saliency"))
    assert blocker.args[0].result.kind == "saliency"


def open_tabular(qtbot, window, tmp_path, name="tabular.keras"):
    """Save a model that takes 20 numbers (no images) as ``name`` and open it."""
    import keras

    inputs = keras.Input((20,), name="features")
    outputs = keras.layers.Dense(3, activation="softmax", name="scores")(inputs)
    path = tmp_path / name
    keras.Model(inputs, outputs).save(path)
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.open_model_file(str(path))
    return path


def test_a_model_that_takes_no_images_says_why(qtbot, window, tmp_path):
    open_tabular(qtbot, window, tmp_path)
    assert "not images" in window.maps_view.hint.text()
    assert not window.maps_view.body.isVisible()
    drop(window, picture(tmp_path))
    assert window.banner.isVisible() and "Cannot look at photo.png" in window.banner.text()
    assert "not images" in window.banner.text()


def test_centre_crop_option_redoes_the_image(qtbot, lenet_window, tmp_path):
    win = lenet_window
    first = analyse(qtbot, win, picture(tmp_path, size=(120, 60)))
    assert "resized" in first.maps.input.note
    with qtbot.waitSignal(win.images.analysis_shown, timeout=60_000) as blocker:
        win.crop_action.setChecked(True)
    assert "crop" in blocker.args[0].maps.input.note
