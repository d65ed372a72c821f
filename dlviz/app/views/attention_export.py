"""Export PNG and SVG for the attention view, offline.

PNG is what the view shows (``ExportMixin``). SVG is a drawing a student can
put in a report and zoom without blur: the heads shown, drawn by the core's
``attention_svg`` (the same drawing ``dlviz attention --out`` writes), its
tokens text (searchable, Vietnamese diacritics included). Before any result
the view itself is rendered through Qt's SVG generator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QToolButton

from dlviz.app.views.export import ExportMixin


class AttentionExportMixin(ExportMixin):
    """``export_svg`` and its button, beside ``ExportMixin``'s PNG."""

    export_svg_name = "attention.svg"

    def export_svg(self, path) -> bool:
        """Save the view as an SVG drawing; True when the file was written.

        Example:
            view.export_svg("alignment.svg")
        """
        path = Path(path)
        if not path.parent.is_dir():
            return False
        result = getattr(self, "result", None)
        if result is not None:
            from dlviz.core.probes.attention_svg import attention_svg

            try:
                path.write_text(attention_svg(result, heads=self.shown_heads()), "utf-8")
            except OSError:
                return False
            return True
        return self._render_svg(path)

    def _render_svg(self, path: Path) -> bool:
        """The widget as it looks, through Qt's SVG generator."""
        size = self.size() if self.width() > 0 and self.height() > 0 else QSize(960, 640)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(getattr(self, "export_title", lambda: "dlviz attention")())
        generator.setDescription("Attention weights drawn by dlviz")
        painter = QPainter()
        if not painter.begin(generator):
            return False
        try:
            self.render(painter, QPoint(0, 0))
        finally:
            painter.end()
        return path.is_file() and path.stat().st_size > 0

    def _export_svg_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(self.tr("Export SVG…"))
        button.setToolTip(self.tr("Save this view as an SVG drawing (tokens stay text)"))
        button.clicked.connect(self._on_export_svg_clicked)
        return button

    def _on_export_svg_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export view as SVG", self.export_svg_name, "SVG drawings (*.svg)")
        if not path:
            return
        if Path(path).suffix.lower() != ".svg":
            path += ".svg"
        if not self.export_svg(path):
            self.hint.setText(self.tr("Could not write {0}.").format(path))
