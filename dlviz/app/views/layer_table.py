"""The chosen model's layers as a readable ``model.summary()``.

Beside the parameters, each layer's multiply-accumulates (MACs) and, for
conv and pooling layers, its receptive field; a totals row stays in view
under the table however long it is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dlviz.app.core_messages import core_message
from dlviz.app.core_texts import core_text
from dlviz.app.numbers import count_text, short_number
from dlviz.core.summary import ModelSummary

#: Column titles, shown through ``self.tr``.
COLUMNS = (QT_TRANSLATE_NOOP("LayerTableView", "Layer"),
           QT_TRANSLATE_NOOP("LayerTableView", "Type"),
           QT_TRANSLATE_NOOP("LayerTableView", "Output shape"),
           QT_TRANSLATE_NOOP("LayerTableView", "Params"),
           QT_TRANSLATE_NOOP("LayerTableView", "MACs"),
           QT_TRANSLATE_NOOP("LayerTableView", "Receptive field"),
           QT_TRANSLATE_NOOP("LayerTableView", "Trainable"))
PARAMS, MACS, FIELD, TRAINABLE = 3, 4, 5, 6
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class LayerTableView(QWidget):
    """Header (model name and totals) above one row per layer.

    Layers of nested models sit under their model's row, so a backbone
    inside a transfer-learning model can be folded away.
    """

    layer_selected = Signal(str)  # the name of the row clicked

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
        self._explain_columns()
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.footer = self._totals_row()
        self.summary: ModelSummary | None = None
        self.last_notes: tuple[str, ...] = ()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.footer)

    def _explain_columns(self) -> None:
        header = self.tree.headerItem()
        header.setToolTip(MACS, self.tr(
            "Multiply-accumulates for one input: each is one a×b+c. Papers call them "
            "operations, or FLOPs ÷ 2."))
        header.setToolTip(FIELD, self.tr(
            "How many input pixels (or steps) across one output value of this layer sees."))

    def _totals_row(self) -> QTreeWidget:
        """One row under the table, its columns kept as wide as the table's."""
        footer = QTreeWidget()
        footer.setObjectName("layer_table_footer")
        footer.setColumnCount(len(COLUMNS))
        footer.setHeaderHidden(True)
        footer.setRootIsDecorated(False)
        footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        footer.addTopLevelItem(QTreeWidgetItem([""] * len(COLUMNS)))
        footer.setFixedHeight(footer.sizeHintForRow(0) + 2 * footer.frameWidth() + 2)
        self.tree.header().sectionResized.connect(
            lambda col, _old, new: footer.setColumnWidth(col, new))
        self.tree.horizontalScrollBar().valueChanged.connect(
            footer.horizontalScrollBar().setValue)
        return footer

    def _on_current_changed(self, item, _previous) -> None:
        if item is not None:
            self.layer_selected.emit(item.text(0))

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
                count_text(summary.total_params), count_text(summary.trainable_params),
                count_text(summary.non_trainable_params),
                sum(1 for r in summary.rows if r.depth == 0))
            + self._macs_text(summary))
        # Notes the core writes in English, shown translated where their shape is known.
        self.notes.setText("   ·   ".join(core_message(n) for n in (*notes, *summary.notes)))
        self._update_rows(summary)
        self._update_footer(summary)

    def _macs_text(self, summary: ModelSummary) -> str:
        if summary.total_macs is None:
            return ""
        return self.tr("   ·   MACs: {0} ({1})").format(
            count_text(summary.total_macs), short_number(summary.total_macs))

    def _update_footer(self, summary: ModelSummary) -> None:
        item = self.footer.topLevelItem(0)
        bold = item.font(0)
        bold.setBold(True)
        macs = "" if summary.total_macs is None else count_text(summary.total_macs)
        cells = {0: self.tr("Total"), PARAMS: count_text(summary.total_params), MACS: macs}
        for col in range(len(COLUMNS)):
            item.setText(col, cells.get(col, ""))
            item.setFont(col, bold)
            if col in (PARAMS, MACS):
                item.setTextAlignment(col, RIGHT)
        for col in range(len(COLUMNS)):
            self.footer.setColumnWidth(col, self.tree.columnWidth(col))

    def _update_rows(self, summary: ModelSummary) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem | None] = [None]
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        frozen = QBrush(QColor("#888888"))
        items = []
        for row in summary.rows:
            item = QTreeWidgetItem([
                row.name, row.type, row.output_shape, count_text(row.params),
                "?" if row.macs is None else count_text(row.macs),
                "" if row.receptive_field is None else f"{row.receptive_field}",
                self.tr("yes") if row.trainable else self.tr("no"),
            ])
            for col in (PARAMS, MACS, FIELD):
                item.setTextAlignment(col, RIGHT)
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
        # The totals row (bold) is wider than any one layer's count.
        bold = self.tree.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for col, total in ((PARAMS, summary.total_params), (MACS, summary.total_macs or 0)):
            wide = metrics.horizontalAdvance(count_text(total)) + 24
            self.tree.setColumnWidth(col, max(self.tree.columnWidth(col), wide))

    def row_count(self) -> int:
        """Every row, nested ones included."""
        count = 0
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            count += 1
            stack.extend(item.child(i) for i in range(item.childCount()))
        return count
