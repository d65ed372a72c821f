"""Whole networks side by side: parameters, multiply-accumulates, depth.

The numbers come from building each library network and counting it
(``dlviz.core.costs.compare.compare_networks``), so they are those of the
models a student can open and train here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGroupBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from dlviz.app.core_texts import core_text
from dlviz.app.numbers import count_text, short_number
from dlviz.core.costs.compare import NetworkCost

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class NetworkTable(QGroupBox):
    """One row per network; filled when the engine has built and counted them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Whole networks"))
        self.status = QLabel(self.tr("Shown when the tab opens: each network is built once "
                                     "(random weights) and counted."))
        self.status.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("network_costs")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.rows: tuple[NetworkCost, ...] = ()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def show_busy(self, text: str) -> None:
        self.status.setText(text)

    def show_rows(self, rows: tuple[NetworkCost, ...]) -> None:
        self.rows = rows
        self.status.setText(self.tr(
            "Depth counts the layers that multiply (convolutions, dense) on the longest "
            "path from input to output, as the papers count them. MACs for one image."))
        columns = [self.tr("Network"), self.tr("Input"), self.tr("Parameters"),
                   self.tr("Multiply-accumulates"), self.tr("Depth")]
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [core_text(row.title), "×".join(str(d) for d in row.input_shape),
                     count_text(row.params), f"{count_text(row.macs)}  ({short_number(row.macs)})",
                     count_text(row.depth)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(r, col, item)
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4
                                  + sum(self.table.rowHeight(r) for r in range(len(rows))))
