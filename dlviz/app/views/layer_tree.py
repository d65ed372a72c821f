"""Fill a QTreeWidget with a model's layers the way the model is built.

Nested models (a ResNet-50 backbone inside a transfer-learning model) become
folders; an Inception block becomes a folder holding its parallel branches;
a ResNet block holds its shortcut and residual branches, with the merge
layers (add, output) directly under the block. A folder stands for its
output, so selecting one shows the last layer inside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from dlviz.core.probes.results import LayerMaps

PATH_ROLE = Qt.ItemDataRole.UserRole
#: Column titles, shown translated.
COLUMNS = (QT_TRANSLATE_NOOP("LayerTree", "Layer"), QT_TRANSLATE_NOOP("LayerTree", "Output"))


def shape_text(shape: Sequence[int]) -> str:
    """(56, 56, 256) -> '56×56×256'."""
    return "×".join(str(n) for n in shape)


def fill_layer_tree(tree: QTreeWidget, layers: Sequence[LayerMaps]) -> dict[str, QTreeWidgetItem]:
    """Rebuild ``tree`` from ``layers``; returns each layer path's leaf item."""
    tree.clear()
    tree.setColumnCount(len(COLUMNS))
    tree.setHeaderLabels([QCoreApplication.translate("LayerTree", c) for c in COLUMNS])
    groups: dict[tuple, QTreeWidgetItem] = {}
    leaves: dict[str, QTreeWidgetItem] = {}

    def group(key: tuple, parent: QTreeWidgetItem | None, text: str) -> QTreeWidgetItem:
        if key not in groups:
            item = QTreeWidgetItem([text, ""])
            font = item.font(0)
            font.setBold(key[0] != "branch")
            font.setItalic(key[0] == "branch")
            item.setFont(0, font)
            _attach(tree, parent, item)
            groups[key] = item
        return groups[key]

    for layer in layers:
        parts = layer.path.split("/")
        parent = None
        for depth in range(1, len(parts)):
            parent = group(("model", *parts[:depth]), parent, parts[depth - 1])
        if layer.block:
            parent = group(("block", *parts[:-1], layer.block), parent, layer.block)
            if layer.role and layer.role != "merge":
                parent = group(("branch", *parts[:-1], layer.block, layer.role), parent,
                               layer.role)
        leaf = QTreeWidgetItem([layer.name, shape_text(layer.values.shape)])
        leaf.setData(0, PATH_ROLE, layer.path)
        leaf.setToolTip(0, f"{layer.path} ({layer.type})")
        _attach(tree, parent, leaf)
        leaves[layer.path] = leaf

    # Describe every folder before renaming any: a block is described by
    # the plain names of the branches inside it.
    described = [(item, _describe(key[0], item)) for key, item in groups.items()]
    # A folder's row shows its output's shape; what kind of folder it is
    # (the structure already shows it) is in the tooltip, keeping rows short.
    for item, description in described:
        last = _last_leaf(item)
        item.setData(0, PATH_ROLE, last.data(0, PATH_ROLE))
        item.setText(1, last.text(1))
        tip = QCoreApplication.translate(
            "LayerTree", "{0}: {1}. Selecting it shows its output, {2} ({3}).").format(
                item.text(0), description, last.data(0, PATH_ROLE), last.text(1))
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)
    tree.setIndentation(14)
    tree.setRootIsDecorated(bool(groups))
    tree.expandAll()
    for column in range(len(COLUMNS)):
        tree.resizeColumnToContents(column)
    return leaves


def _attach(tree: QTreeWidget, parent: QTreeWidgetItem | None, item: QTreeWidgetItem) -> None:
    if parent is None:
        tree.addTopLevelItem(item)
    else:
        parent.addChild(item)


def _last_leaf(item: QTreeWidgetItem) -> QTreeWidgetItem:
    while item.childCount():
        item = item.child(item.childCount() - 1)
    return item


def _describe(kind: str, item: QTreeWidgetItem) -> str:
    """A few words a student can read: what kind of folder this is."""
    if kind == "model":
        return QCoreApplication.translate("LayerTree", "a model nested inside this one")
    if kind == "branch":
        return QCoreApplication.translate("LayerTree", "a branch of {0} layer(s)").format(item.childCount())
    roles = {item.child(i).text(0) for i in range(item.childCount()) if item.child(i).childCount()}
    branches = [r for r in roles if r.endswith("branch")]
    if branches:
        return QCoreApplication.translate("LayerTree", "an Inception block with {0} parallel branches").format(
            len(branches))
    if "residual" in roles:
        shortcut = QCoreApplication.translate("LayerTree", "a projection shortcut") if "shortcut" in roles \
            else QCoreApplication.translate("LayerTree", "an identity shortcut")
        return QCoreApplication.translate("LayerTree", "a residual block: {0} plus the residual branch, added").format(
            shortcut)
    return QCoreApplication.translate("LayerTree", "a block of layers")
