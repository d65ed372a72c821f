"""The image gallery: the bundled samples as thumbnails, plus Open and Paste.

The thumbnails are read with ``QImage`` because the samples are dlviz's own
files (``resources/samples/``); every image a person brings goes through
``dlviz.core.data.read_image`` elsewhere, with its checks and messages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.data.samples import sample_images, sample_label

_PATH_ROLE = Qt.ItemDataRole.UserRole
THUMBNAIL = 96  # pixels, the longer side of each thumbnail
CAPTION = QT_TRANSLATE_NOOP("ImageGalleryPanel",
                            "Drag any image onto the window, or pick a sample")


class ImageGalleryPanel(QWidget):
    """Sample thumbnails; picking one, or Open / Paste, asks for an image.

    Args:
        samples: the files to show; by default :func:`sample_images`.
        parent: the owning widget.

    Example:
        >>> panel = ImageGalleryPanel()  # doctest: +SKIP
        >>> panel.image_chosen.connect(print)  # doctest: +SKIP
    """

    image_chosen = Signal(str)        # path of the sample picked
    open_image_requested = Signal()
    paste_requested = Signal()

    def __init__(self, samples: list[Path] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel(self.tr(CAPTION))
        self.caption.setWordWrap(True)
        self.caption.setObjectName("image_gallery_caption")

        self.list = QListWidget()
        self.list.setObjectName("image_gallery_list")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.list.setGridSize(QSize(THUMBNAIL + 24, THUMBNAIL + 34))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.itemClicked.connect(self._on_item_clicked)
        # Not itemActivated: styles that activate on a single click would
        # then emit twice per click. Enter is caught in eventFilter instead.
        self.list.installEventFilter(self)

        self.empty_note = QLabel(self.tr("No sample images found (resources/samples/ is missing)."))
        self.empty_note.setWordWrap(True)
        self.empty_note.setObjectName("image_gallery_empty")

        open_button = QPushButton(self.tr("Open image…"))
        open_button.setToolTip(self.tr("Choose an image file (PNG, JPEG, GIF, BMP, TIFF, WebP)"))
        open_button.clicked.connect(self.open_image_requested)
        paste_button = QPushButton(self.tr("Paste"))
        paste_button.setToolTip(self.tr("Use the image on the clipboard (a screenshot, a copied file)"))
        paste_button.clicked.connect(self.paste_requested)
        self.open_button, self.paste_button = open_button, paste_button

        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(paste_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_note)
        layout.addLayout(buttons)
        self.set_samples(sample_images() if samples is None else samples)

    def set_samples(self, paths: list[Path]) -> None:
        """Show these files as the gallery (replacing what was there)."""
        self.list.clear()
        for path in paths:
            item = QListWidgetItem(_thumbnail(Path(path)), sample_label(path))
            item.setData(_PATH_ROLE, str(path))
            item.setToolTip(Path(path).name)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        self.empty_note.setVisible(self.list.count() == 0)

    def paths(self) -> list[str]:
        """The files shown, in order."""
        return [self.list.item(i).data(_PATH_ROLE) for i in range(self.list.count())]

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.image_chosen.emit(item.data(_PATH_ROLE))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.list.currentItem() is not None):
            self._on_item_clicked(self.list.currentItem())
            return True
        return super().eventFilter(watched, event)


def _thumbnail(path: Path) -> QIcon:
    """The picture fitted and centred in a transparent THUMBNAIL square.

    A square icon for every sample keeps the captions on one line in the
    grid, whatever each picture's aspect ratio. An unreadable file gets an
    empty icon (the caption still names it).
    """
    image = QImage(str(path))
    if image.isNull():
        return QIcon()
    scaled = image.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    square = QPixmap(THUMBNAIL, THUMBNAIL)
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)
    painter.drawImage((THUMBNAIL - scaled.width()) // 2,
                      (THUMBNAIL - scaled.height()) // 2, scaled)
    painter.end()
    return QIcon(square)
