"""The model library: every registry model, grouped by kind, plus "Open file"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlviz.app.core_messages import core_message
from dlviz.app.core_texts import core_text
from dlviz.core.zoo.registry import REGISTRY

_NAME_ROLE = Qt.ItemDataRole.UserRole


class ModelLibraryPanel(QWidget):
    """Lists the library's models; picking one asks for it to be built."""

    model_chosen = Signal(str)      # registry name
    open_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("model_library_tree")
        # The column stays narrow (the picture is the point): a long title is cut
        # in the middle, keeping its distinct end ("…English sentiment",
        # "…v1 (2014)"), and its tooltip gives it whole.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._fill()
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.itemClicked.connect(self._on_item_activated)
        self.tree.currentItemChanged.connect(self._on_current_changed)

        self.description = QLabel(self.tr("Pick a model to see its layers."))
        self.description.setWordWrap(True)
        self.description.setObjectName("model_description")
        open_button = QPushButton(self.tr("Open model file…"))
        open_button.setToolTip(self.tr("Open a .keras or .h5 model (loaded in safe mode)"))
        open_button.clicked.connect(self.open_file_requested)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.description)
        layout.addWidget(open_button)

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for entry in REGISTRY.values():
            group = groups.get(entry.kind)
            if group is None:
                group = QTreeWidgetItem([core_text(f"{entry.kind} models")])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                groups[entry.kind] = group
            item = QTreeWidgetItem([core_text(entry.title)])
            item.setData(0, _NAME_ROLE, entry.name)
            item.setToolTip(0, f"{entry.name}: {core_text(entry.title)}\n"
                                 f"{core_message(core_text(entry.description))}")
            group.addChild(item)
        self.tree.expandAll()

    def item_for(self, name: str) -> QTreeWidgetItem | None:
        """The tree item of a registry name (used by tests and shortcuts)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, _NAME_ROLE) == name:
                    return group.child(j)
        return None

    def choose(self, name: str) -> None:
        """Select ``name`` as if the person had clicked it."""
        item = self.item_for(name)
        if item is None:
            raise KeyError(name)
        self.tree.setCurrentItem(item)
        self._on_item_activated(item)

    def show_current(self, source: str, title: str) -> None:
        """The model now open: its entry selected when it is the library's (without
        asking for it again), else none, and the description says what it is.

        A model opened from a file left the last library entry selected and its
        description shown, as if that model were still the one open.
        """
        item = self.item_for(source)
        self.tree.blockSignals(True)
        try:
            if item is not None:
                self.tree.setCurrentItem(item)
            else:
                self.tree.setCurrentItem(None)
                self.tree.clearSelection()
        finally:
            self.tree.blockSignals(False)
        if item is not None:
            self._on_current_changed(item, None)
        else:
            self.description.setText(self.tr("Open now: {0} (not one of the library's)").format(
                title))

    def _on_current_changed(self, item, _previous) -> None:
        name = item.data(0, _NAME_ROLE) if item else None
        if name:
            self.description.setText(core_message(core_text(REGISTRY[name].description)))

    def _on_item_activated(self, item, _column: int = 0) -> None:
        name = item.data(0, _NAME_ROLE)
        if name:
            self.model_chosen.emit(name)
