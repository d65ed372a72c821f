"""What a drop or a paste holds, turned into something ``read_image`` takes.

No window code: the main window passes the event's ``QMimeData`` (or the
clipboard) here and gets back either a :class:`DroppedSource` or an
:class:`InputRejected` whose message it shows. Decoding and every check on
the picture itself stay in ``dlviz.core.data.read_image``.

The protocol, in order of preference:

1. Local file URLs: exactly one, and not a folder -> its path (the file
   itself keeps its EXIF orientation and original format).
2. An image file's own bytes under an ``image/...`` type (browsers and
   screenshot tools offer these) -> those bytes, undecoded, so the safe
   loader is the only decoder that sees them.
3. Only a decoded image (``hasImage``) -> the ``QImage`` encoded as PNG.
4. Web URLs -> rejected: dlviz works offline and fetches nothing.
5. Text, or nothing usable -> rejected, saying what was there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice,
                            QMimeData, QUrl)
from PySide6.QtGui import QImage

#: Raw image types taken as they are (read_image checks the format by content).
RAW_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/bmp",
                   "image/webp", "image/tiff")


translate = QCoreApplication.translate
#: What messages call an image that came without a file name (shown translated).
DROPPED = QT_TRANSLATE_NOOP("ImageInput", "the dropped image")
PASTED = QT_TRANSLATE_NOOP("ImageInput", "the pasted image")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class DroppedSource:
    """An image to load: a local file, or an image file's bytes.

    Attributes:
        path: the local file, or None.
        data: the image file's bytes (PNG when Qt handed over a decoded
            image), or None.
        name: what messages call it: the file name, or "the dropped image".

    Example:
        >>> src = DroppedSource(path="/tmp/cat.png", data=None, name="cat.png")
        >>> src.source
        '/tmp/cat.png'
    """

    path: str | None
    data: bytes | None
    name: str

    @property
    def source(self) -> str | bytes:
        """What to pass to ``read_image(source, name=self.name)``."""
        return self.path if self.path is not None else self.data


class InputRejected(Exception):
    """A drop or paste that holds no single usable image; ``str()`` says why."""

    user_message = True

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def dropped_image_source(mime: QMimeData) -> DroppedSource:
    """The image a drag-and-drop carries (see the module's protocol).

    Raises:
        InputRejected: several files, a folder, a web address, text, or
            nothing that could be an image.
    """
    return _image_source(mime, verb="drop", what=DROPPED)


def clipboard_image_source(clipboard) -> DroppedSource:
    """The image on the clipboard (a ``QClipboard``, or ``QMimeData`` itself).

    Raises:
        InputRejected: as :func:`dropped_image_source`; also an empty clipboard.
    """
    mime = clipboard if isinstance(clipboard, QMimeData) else clipboard.mimeData()
    if mime is None or not mime.formats():
        raise InputRejected("empty", translate("ImageInput", "The clipboard is empty; copy an image or an "
                                                           "image file first"))
    return _image_source(mime, verb="paste", what=PASTED)


def _image_source(mime: QMimeData, verb: str, what: str) -> DroppedSource:
    # Whole sentences per verb ("drop" or "paste"): word order differs between languages.
    drop = verb == "drop"
    what = translate("ImageInput", what)
    urls = list(mime.urls()) if mime.hasUrls() else []
    local = [u for u in urls if u.isLocalFile()]
    if len(urls) > 1 and (local or not _has_image(mime)):
        files = len(local) == len(urls)
        message = ((translate("ImageInput", "Drop one image at a time (you dropped {0} files)") if files else
                    translate("ImageInput", "Drop one image at a time (you dropped {0} items)")) if drop else
                   (translate("ImageInput", "Paste one image at a time (the clipboard holds {0} files)")
                    if files else
                    translate("ImageInput", "Paste one image at a time (the clipboard holds {0} items)")))
        raise InputRejected("several", message.format(len(urls)))
    if local:
        return _local_file(local[0], verb)
    for mime_type in RAW_IMAGE_TYPES:
        if mime.hasFormat(mime_type):
            data = bytes(mime.data(mime_type).data())
            if data:
                return DroppedSource(None, data, what)
    if mime.hasImage():
        return DroppedSource(None, _png_bytes(mime.imageData(), what), what)
    if urls:
        raise InputRejected("remote", _offline_message(urls[0].toString(), verb))
    if mime.hasText():
        text = mime.text().strip()
        if text.lower().startswith(("http://", "https://", "ftp://")):
            raise InputRejected("remote", _offline_message(text, verb))
        raise InputRejected("text", translate("ImageInput", "You dropped text, not an image") if drop else
                            translate("ImageInput", "The clipboard holds text, not an image"))
    kinds = ", ".join(mime.formats()[:3]) or translate("ImageInput", "nothing")
    message = translate("ImageInput", "That drop held no image (it carried {0}); drop an image file or a "
                        "picture") if drop else \
        translate("ImageInput", "That paste held no image (it carried {0}); paste an image file or a picture")
    raise InputRejected("no_image", message.format(kinds))


def _has_image(mime: QMimeData) -> bool:
    return mime.hasImage() or any(mime.hasFormat(t) for t in RAW_IMAGE_TYPES)


def _local_file(url: QUrl, verb: str) -> DroppedSource:
    path = Path(url.toLocalFile())
    name = path.name or str(path)
    if path.is_dir():
        message = translate("ImageInput", "{0} is a folder; drop an image file (or load the folder as a "
                            "dataset)") if verb == "drop" else \
            translate("ImageInput", "{0} is a folder; paste an image file (or load the folder as a dataset)")
        raise InputRejected("folder", message.format(name))
    # A missing or unreadable file is read_image's to report, with its wording.
    return DroppedSource(str(path), None, name)


def _offline_message(address: str, verb: str) -> str:
    short = address if len(address) <= 80 else address[:77] + "…"
    message = translate("ImageInput", "{0} is a web address, and dlviz works offline (it downloads nothing); "
                        "save the image to your computer, then drop the file") if verb == "drop" \
        else translate("ImageInput", "{0} is a web address, and dlviz works offline (it downloads nothing); "
                       "save the image to your computer, then paste the file")
    return message.format(short)


def _png_bytes(image, what: str) -> bytes:
    """Encode the ``QImage`` (or ``QPixmap``) a mime object decoded to PNG."""
    if not isinstance(image, QImage):
        image = image.toImage() if hasattr(image, "toImage") else QImage()
    if image.isNull():
        raise InputRejected("no_image", translate("ImageInput", "{0} could not be read; save it as a file and "
                                                              "open that").format(_capital(what)))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok:
        raise InputRejected("no_image", translate("ImageInput", "{0} could not be converted to PNG; save it "
                                                              "as a file and open that").format(
                                                                  _capital(what)))
    return bytes(array.data())
