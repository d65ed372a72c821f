"""Larger text for the projector: View > Larger / Smaller / Normal text.

A lecturer showing dlviz to a hall needs the layer table readable from the
back row; scaling the application font scales every widget at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

translate = QCoreApplication.translate
STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


class FontZoom:
    """Keeps the base font size and applies one of ``STEPS`` to it."""

    def __init__(self, app: QApplication):
        self.app = app
        self.base = app.font().pointSizeF()
        self.index = STEPS.index(1.0)

    @property
    def factor(self) -> float:
        return STEPS[self.index]

    def step(self, delta: int) -> float:
        self.index = max(0, min(len(STEPS) - 1, self.index + delta))
        return self._apply()

    def reset(self) -> float:
        self.index = STEPS.index(1.0)
        return self._apply()

    def _apply(self) -> float:
        font = self.app.font()
        font.setPointSizeF(self.base * self.factor)
        self.app.setFont(font)
        return self.factor


def add_view_menu(window: QMainWindow) -> FontZoom:
    """Add View > Larger/Smaller/Normal text to ``window``'s menu bar."""
    zoom = FontZoom(QApplication.instance())
    menu = window.menuBar().addMenu(translate("FontZoom", "&View"))
    window.view_menu = menu  # others add their View options here
    for text, keys, action in (
        (translate("FontZoom", "&Larger text"), [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")],
         lambda: zoom.step(+1)),
        (translate("FontZoom", "&Smaller text"), [QKeySequence.StandardKey.ZoomOut], lambda: zoom.step(-1)),
        (translate("FontZoom", "&Normal text"), [QKeySequence("Ctrl+0")], zoom.reset),
    ):
        act = QAction(text, window)
        act.setShortcuts(keys)
        act.triggered.connect(action)
        menu.addAction(act)
    return zoom
