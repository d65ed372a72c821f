"""The chosen model's layers as a readable ``model.summary()``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dlviz.app.core_texts import core_text
from dlviz.core.summary import ModelSummary

#: Column titles, shown through ``self.tr``.
COLUMNS = (QT_TRANSLATE_NOOP("LayerTableView", "Layer"),
           QT_TRANSLATE_NOOP("LayerTableView", "Type"),
           QT_TRANSLATE_NOOP("LayerTableView", "Output shape"),
           QT_TRANSLATE_NOOP("LayerTableView", "Params"),
           QT_TRANSLATE_NOOP("LayerTableView", "Trainable"))


class LayerTableView(QWidget):
    """Header (model name and totals) above one row per layer.

    Layers of nested models sit under their model's row, so a backbone
    inside a transfer-learning model can be folded away.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("No model yet"))
        self.title.setObjectName("layer_table_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.totals = QLabel(self.tr("Pick a model from the library on the left, or open a file."))
        self.totals.setObjectName("layer_table_totals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("layer_table")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(column) for column in COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.summary: ModelSummary | None = None
        self.last_notes: tuple[str, ...] = ()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)

    def show_busy(self, text: str) -> None:
        """Say what is being computed; keep the old table visible meanwhile."""
        self.notes.setText(text)

    def show_summary(self, title: str, summary: ModelSummary, notes=()) -> None:
        self.summary = summary
        self.last_notes = tuple(notes)
        self.title.setText(core_text(title))
        self.totals.setText(
            self.tr("Total params: {0}   ·   Trainable: {1}   ·   Non-trainable: {2}   ·   "
                    "{3} layers").format(
                f"{summary.total_params:,}", f"{summary.trainable_params:,}",
                f"{summary.non_trainable_params:,}",
                sum(1 for r in summary.rows if r.depth == 0)))
        self.notes.setText("   ·   ".join(notes))
        self._update_rows(summary)

    def _update_rows(self, summary: ModelSummary) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem | None] = [None]
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        frozen = QBrush(QColor("#888888"))
        items = []
        for row in summary.rows:
            item = QTreeWidgetItem([
                row.name, row.type, row.output_shape, f"{row.params:,}",
                self.tr("yes") if row.trainable else self.tr("no"),
            ])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setFont(2, mono)
            if not row.trainable:
                for col in range(len(COLUMNS)):
                    item.setForeground(col, frozen)
            del parents[row.depth + 1:]
            parent = parents[row.depth] if row.depth < len(parents) else parents[-1]
            if parent is None:
                items.append(item)
            else:
                parent.addChild(item)
            parents.append(item)
        self.tree.addTopLevelItems(items)
        # Branch arrows only when there is something to fold (nested models).
        self.tree.setRootIsDecorated(any(r.depth for r in summary.rows))
        self.tree.expandAll()
        for col in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(col)

    def row_count(self) -> int:
        """Every row, nested ones included."""
        count = 0
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            count += 1
            stack.extend(item.child(i) for i in range(item.childCount()))
        return count
