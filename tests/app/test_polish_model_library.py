"""The model library at 1280×800: the column stays narrow, and a title too long
for it is cut in the middle and given whole in its tooltip."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDockWidget

from dlviz.app.main_window import MainWindow
from dlviz.core.zoo.registry import REGISTRY


@pytest.fixture
def window(qtbot):
    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(10)
    yield win
    win.close()


def leaves(tree):
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        yield from (group.child(j) for j in range(group.childCount()))


def test_long_titles_are_cut_in_the_middle_and_whole_in_their_tooltips(window):
    dock = window.findChild(QDockWidget, "model_library_dock")
    assert dock.width() <= 300  # narrow: the feature maps get the room
    tree = window.library.tree
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    metrics = QFontMetrics(tree.font())
    cut = [item for item in leaves(tree)
           if metrics.horizontalAdvance(item.text(0)) > tree.visualItemRect(item).width()]
    assert cut, "at 1280 px some titles do not fit: the check would be empty"
    for item in leaves(tree):
        name = item.data(0, Qt.ItemDataRole.UserRole)
        assert item.toolTip(0).splitlines()[0] == f"{name}: {REGISTRY[name].title}"
    titles = {item.text(0) for item in cut}
    assert any(title.startswith("LSTM, trained on English") for title in titles)
