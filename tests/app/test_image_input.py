"""Drops and pastes: every kind of QMimeData becomes a source or a clear refusal."""

import io

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from dlviz.app.image_input import (DroppedSource, InputRejected, clipboard_image_source,
                                   dropped_image_source)
from dlviz.core.data import ImageLoadError, read_image


def png_file(path, colour=(200, 30, 60), size=(12, 8)):
    Image.new("RGB", size, colour).save(path)
    return path


def mime_with_urls(*targets):
    mime = QMimeData()
    mime.setUrls([t if isinstance(t, QUrl) else QUrl.fromLocalFile(str(t)) for t in targets])
    return mime


def red_qimage(width=10, height=6):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    return image


def rejected(mime, via=dropped_image_source) -> InputRejected:
    with pytest.raises(InputRejected) as info:
        via(mime)
    assert info.value.user_message is True
    return info.value


def test_one_local_file_gives_its_path(qapp, tmp_path):
    path = png_file(tmp_path / "cat.png")
    src = dropped_image_source(mime_with_urls(path))
    assert src == DroppedSource(str(path), None, "cat.png")
    assert read_image(src.source, name=src.name).array.shape == (8, 12, 3)


def test_a_local_file_wins_over_image_data_in_the_same_drop(qapp, tmp_path):
    path = png_file(tmp_path / "photo.png")
    mime = mime_with_urls(path)
    mime.setImageData(red_qimage())
    assert dropped_image_source(mime).path == str(path)


def test_several_files_are_refused_with_their_count(qapp, tmp_path):
    paths = [png_file(tmp_path / f"{i}.png") for i in range(3)]
    error = rejected(mime_with_urls(*paths))
    assert error.reason == "several"
    assert str(error) == "Drop one image at a time (you dropped 3 files)"


def test_a_folder_is_refused(qapp, tmp_path):
    folder = tmp_path / "holiday"
    folder.mkdir()
    error = rejected(mime_with_urls(folder))
    assert error.reason == "folder"
    assert str(error).startswith("holiday is a folder; drop an image file")


def test_a_missing_file_is_left_to_the_safe_loader(qapp, tmp_path):
    src = dropped_image_source(mime_with_urls(tmp_path / "gone.png"))
    with pytest.raises(ImageLoadError, match="gone.png does not exist"):
        read_image(src.source, name=src.name)


def test_a_web_address_is_refused_because_dlviz_is_offline(qapp):
    error = rejected(mime_with_urls(QUrl("https://example.org/cat.jpg")))
    assert error.reason == "remote"
    assert "https://example.org/cat.jpg" in str(error) and "offline" in str(error)


def test_a_browser_drop_with_image_data_uses_the_pixels(qapp):
    mime = mime_with_urls(QUrl("https://example.org/cat.jpg"))
    mime.setImageData(red_qimage())
    src = dropped_image_source(mime)
    assert src.path is None and src.data.startswith(b"\x89PNG")
    pixels = read_image(src.source, name=src.name).array
    assert pixels.shape == (6, 10, 3)
    np.testing.assert_allclose(pixels[0, 0], [1.0, 0.0, 0.0])


def test_raw_image_bytes_are_passed_on_undecoded(qapp):
    buffer = io.BytesIO()
    Image.new("RGB", (5, 4), (0, 128, 255)).save(buffer, "JPEG")
    mime = QMimeData()
    mime.setData("image/jpeg", buffer.getvalue())
    src = dropped_image_source(mime)
    assert src.data == buffer.getvalue() and src.name == "the dropped image"
    assert read_image(src.source).format == "JPEG"


def test_text_and_empty_drops_are_refused(qapp):
    text = QMimeData()
    text.setText("a cat")
    assert rejected(text).reason == "text"
    link = QMimeData()
    link.setText("http://example.org/cat.png")
    assert rejected(link).reason == "remote"
    error = rejected(QMimeData())
    assert error.reason == "no_image" and "drop an image file" in str(error)


class FakeClipboard:
    def __init__(self, mime):
        self._mime = mime

    def mimeData(self):  # noqa: N802 (QClipboard's name)
        return self._mime


def test_clipboard_image_becomes_png_bytes(qapp):
    clipboard = QApplication.clipboard()
    clipboard.setImage(red_qimage(7, 3))
    src = clipboard_image_source(clipboard)
    assert src.path is None and src.name == "the pasted image"
    assert read_image(src.source).array.shape == (3, 7, 3)
    clipboard.clear()


def test_clipboard_file_url_gives_its_path(qapp, tmp_path):
    path = png_file(tmp_path / "copied.png")
    assert clipboard_image_source(FakeClipboard(mime_with_urls(path))).path == str(path)
    two = mime_with_urls(path, path)
    error = rejected(two, via=clipboard_image_source)
    assert str(error) == "Paste one image at a time (the clipboard holds 2 files)"


def test_clipboard_text_and_empty_are_refused(qapp):
    text = QMimeData()
    text.setText("hello")
    error = rejected(FakeClipboard(text), via=clipboard_image_source)
    assert str(error) == "The clipboard holds text, not an image"
    assert rejected(FakeClipboard(QMimeData()), via=clipboard_image_source).reason == "empty"
    assert rejected(FakeClipboard(None), via=clipboard_image_source).reason == "empty"
