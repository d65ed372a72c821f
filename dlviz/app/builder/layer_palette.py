"""The palette of layer types, and the buttons that change the table's order.

Grouped as a course presents them (convolution, pooling, dense, activations,
recurrent, merging), so a student finds "LSTM" or "MaxPooling2D" at a glance.
Double-click a type, or select it and press "Add", to put it after the
selected row.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.builder.layer_types import LAYER_TYPES

_CLASS_ROLE = Qt.ItemDataRole.UserRole
#: group title -> class names, in the order a course meets them.
GROUPS = (
    (QT_TRANSLATE_NOOP("LayerPalette", "Input"),
     ("InputLayer",)),
    (QT_TRANSLATE_NOOP("LayerPalette", "Convolution"),
     ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "ZeroPadding2D")),
    (QT_TRANSLATE_NOOP("LayerPalette", "Pooling"),
     ("MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "Flatten")),
    (QT_TRANSLATE_NOOP("LayerPalette", "Dense, dropout, norm"),
     ("Dense", "Dropout", "BatchNormalization")),
    (QT_TRANSLATE_NOOP("LayerPalette", "Activations"),
     ("Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax")),
    (QT_TRANSLATE_NOOP("LayerPalette", "Sequences"),
     ("Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional")),
    (QT_TRANSLATE_NOOP("LayerPalette", "Branches"),
     ("Add", "Concatenate")),
)


class LayerPalette(QWidget):
    """Layer types to add, and Remove / Move up / Move down for the selected row.

    Signals:
        add_requested(str): the class name to add.
        remove_requested(): remove the selected row.
        move_requested(int): -1 up, +1 down.
    """

    add_requested = Signal(str)
    remove_requested = Signal()
    move_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builder_palette")
        self.list = QListWidget()
        self.list.setObjectName("builder_palette_list")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fill()
        self.list.itemDoubleClicked.connect(lambda item: self._add(item))
        add = QPushButton(self.tr("Add ↓"))
        add.setToolTip(self.tr("Add the chosen type after the selected layer"))
        add.clicked.connect(lambda: self._add(self.list.currentItem()))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_requested.emit)
        up = QPushButton(self.tr("▲ Up"))
        up.clicked.connect(lambda: self.move_requested.emit(-1))
        down = QPushButton(self.tr("▼ Down"))
        down.clicked.connect(lambda: self.move_requested.emit(1))
        moves = QHBoxLayout()
        moves.addWidget(up)
        moves.addWidget(down)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Layer types")))
        layout.addWidget(self.list, 1)
        layout.addWidget(add)
        layout.addWidget(remove)
        layout.addLayout(moves)

    def _fill(self) -> None:
        listed = set()
        for title, names in GROUPS:
            names = [n for n in names if n in LAYER_TYPES]
            if not names:
                continue
            header = QListWidgetItem(self.tr(title))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for name in names:
                self._add_item(name)
                listed.add(name)
        for name in LAYER_TYPES:   # a type added to the core later still shows
            if name not in listed:
                self._add_item(name)

    def _add_item(self, class_name: str) -> None:
        item = QListWidgetItem("   " + ("Input" if class_name == "InputLayer" else class_name))
        item.setData(_CLASS_ROLE, class_name)
        self.list.addItem(item)

    def _add(self, item) -> None:
        if item is not None and item.data(_CLASS_ROLE):
            self.add_requested.emit(item.data(_CLASS_ROLE))

    def class_names(self) -> list[str]:
        """Every type offered, in order (tests check each core type is there)."""
        return [self.list.item(i).data(_CLASS_ROLE) for i in range(self.list.count())
                if self.list.item(i).data(_CLASS_ROLE)]
