"""The main window's menu bar: File and View.

Each action calls a method of the window; the window keeps the actions that
change state later (``resume_action``, ``crop_action``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from dlviz.app.explainers.explain_menu import add_explain_menu
from dlviz.app.font_zoom import add_view_menu
from dlviz.app.language_menu import add_language_menu

translate = QCoreApplication.translate


def _action(window, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window) -> None:
    """Fill ``window``'s menu bar (a ``MainWindow``)."""
    file_menu = window.menuBar().addMenu(translate("Menus", "&File"))
    _action(window, file_menu, translate("Menus", "&Open model…"), window._on_open_requested,
            QKeySequence.StandardKey.Open)
    _action(window, file_menu, translate("Menus", "Open &image…"), window._on_open_image_requested,
            QKeySequence("Ctrl+I"))
    _action(window, file_menu, translate("Menus", "&Paste image"), window._on_paste_requested,
            QKeySequence.StandardKey.Paste)
    _action(window, file_menu, translate("Menus", "&Export window as PNG…"), window._on_export_window_requested)
    file_menu.addSeparator()
    _action(window, file_menu, translate("Menus", "Open training &run…"), window._on_open_run_requested,
            tip=translate("Menus", "Show a run directory (dlviz train --run DIR); follows it while it grows"))
    window.resume_action = _action(window, file_menu, translate("Menus", "&Resume training of this run"),
                                   window._on_resume_requested)
    window.resume_action.setEnabled(False)
    file_menu.addSeparator()
    _action(window, file_menu, translate("Menus", "&Quit"), window.close, QKeySequence.StandardKey.Quit)

    window.font_zoom = add_view_menu(window)
    window.view_menu.addSeparator()
    window.crop_action = QAction(translate("Menus", "&Centre-crop images (keep aspect)"), window)
    window.crop_action.setCheckable(True)
    window.crop_action.setToolTip(translate("Menus", "Off: the whole picture is resized to the model's input"))
    window.crop_action.toggled.connect(
        lambda on: window.images.set_fit("crop" if on else "resize"))
    window.view_menu.addAction(window.crop_action)
    add_language_menu(window)
    add_explain_menu(window)
