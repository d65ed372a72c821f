"""The builder's layer list: one row per layer with what ``infer`` says of it.

Every row shows the layer's output shape, its parameters (trainable and
not), its multiply-accumulate operations and its receptive field. A row whose
setting is impossible is painted red, its reason in the last column and in
the tooltip of every cell, so a student sees at once which choice broke it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from dlviz.app.builder.builder_messages import row_error
from dlviz.app.numbers import count_text

ERROR_BACKGROUND = QColor("#fde2e1")
ERROR_TEXT = QColor("#9b1c17")
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_shape(shape) -> str:
    """``(None, 28, 28, 6)`` as a person writes it; "—" when unknown.

    Example:
        >>> format_shape((None, 28, 28, 6))
        '(None, 28, 28, 6)'
    """
    if shape is None:
        return "—"
    if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
        return ", ".join(format_shape(s) for s in shape)
    if isinstance(shape, (list, tuple)):
        inner = ", ".join("None" if d is None else str(d) for d in shape)
        return f"({inner},)" if len(shape) == 1 else f"({inner})"
    return str(shape)


def format_count(value) -> str:
    """A count with the language's thousands separators; "—" when not computed."""
    return count_text(value)


class BuilderTable(QTableWidget):
    """The architecture's layers, in order, with their live costs.

    Signals:
        layer_selected(str): the name of the layer the person picked ("" for none).
    """

    layer_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builder_table")
        self.setColumnCount(8)
        self.setHorizontalHeaderLabels([
            self.tr("Layer"), self.tr("Type"), self.tr("Output shape"),
            self.tr("Trainable"), self.tr("Non-trainable"), self.tr("MACs"),
            self.tr("Receptive field"), self.tr("Problem")])
        for column, tip in (
                (3, self.tr("Weights learned by training")),
                (4, self.tr("Weights kept, not trained (batch normalisation's mean and "
                            "variance)")),
                (5, self.tr("Multiply-accumulate operations for one sample: how much "
                            "computing this layer costs")),
                (6, self.tr("How many input pixels (height × width) one output value "
                            "of this layer sees"))):
            self.horizontalHeaderItem(column).setToolTip(tip)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Sized once after each fill: "resize to contents" re-measured every
        # column at every cell set (10 s to refill ResNet-50's 177 rows).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.names: list[str] = []
        self.itemSelectionChanged.connect(self._on_selection_changed)

    def show_rows(self, rows) -> None:
        """Fill the table from ``infer``'s rows, keeping the selected layer selected."""
        selected = self.selected_name()
        self.blockSignals(True)
        self.setRowCount(len(rows))
        self.names = [row.name for row in rows]
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        for index, row in enumerate(rows):
            rf = row.receptive_field
            problem = row_error(row)
            # A broken row's counts are not known (infer gives 0): say so, not "0".
            counts = (None, None, None) if row.error else (
                row.trainable, row.non_trainable, row.macs)
            cells = (row.name, row.class_name, format_shape(row.output_shape),
                     *(format_count(c) for c in counts),
                     "—" if rf is None else f"{rf}×{rf}" if isinstance(rf, int) else str(rf),
                     problem)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4, 5, 6):
                    item.setTextAlignment(_NUMBER_ALIGN)
                if column == 2:
                    item.setFont(mono)
                if row.error:
                    item.setBackground(QBrush(ERROR_BACKGROUND))
                    item.setForeground(QBrush(ERROR_TEXT))
                    item.setToolTip(problem)
                self.setItem(index, column, item)
        self.blockSignals(False)
        for column in range(self.columnCount() - 1):
            self.resizeColumnToContents(column)
        if selected in self.names:
            self.select_name(selected)

    def selected_name(self) -> str:
        """The selected layer's name, or "" when none is selected."""
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows or rows[0].row() >= len(self.names):
            return ""
        return self.names[rows[0].row()]

    def select_name(self, name: str) -> None:
        """Select the row of layer ``name`` (nothing when there is none)."""
        if name in self.names:
            self.selectRow(self.names.index(name))

    def _on_selection_changed(self) -> None:
        self.layer_selected.emit(self.selected_name())
