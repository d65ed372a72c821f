"""What every result view shares: Export PNG, and saying why there is nothing.

Views inherit ``ExportMixin`` before ``QWidget`` and set ``self.title``,
``self.hint`` and ``self.body`` (the part hidden when nothing can be shown).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QToolButton

from dlviz.app.core_messages import core_message


class ExportMixin:
    """``export_png``, its button, and ``show_unavailable`` for a view."""

    #: File name the save dialog suggests.
    export_name = "view.png"
    #: Title shown when the result cannot be computed for this model.
    unavailable_title = QT_TRANSLATE_NOOP("ExportMixin", "Nothing to show")

    def export_png(self, path) -> bool:
        """Save what the view shows now as a PNG; True when the file was written.

        Example:
            view.export_png("block3_conv2.png")
        """
        pixmap = self.grab()
        if pixmap.isNull():
            return False
        return bool(pixmap.save(str(path), "PNG"))

    def show_unavailable(self, reason: str) -> None:
        """Say why this view has nothing to draw (e.g. a subclassed model)."""
        # Each view marks its title for the catalogue (QT_TRANSLATE_NOOP, its class).
        self.title.setText(self.tr(self.unavailable_title))
        self.hint.setText(core_message(reason))   # the core writes it in English
        self.body.hide()

    def _show_body(self) -> None:
        self.body.show()

    def _export_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(QCoreApplication.translate("ExportMixin", "Export PNG…"))
        button.setToolTip(QCoreApplication.translate("ExportMixin",
                                                     "Save this view as a PNG image"))
        button.clicked.connect(self._on_export_clicked)
        return button

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ExportMixin", "Export view as PNG"), self.export_name,
            QCoreApplication.translate("ExportMixin", "PNG images (*.png)"))
        if not path:
            return
        if Path(path).suffix.lower() != ".png":
            path += ".png"
        if not self.export_png(path):
            self.hint.setText(
                QCoreApplication.translate("ExportMixin", "Could not write {0}.").format(path))
