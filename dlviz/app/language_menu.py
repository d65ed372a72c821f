"""View > Language: English / Tiếng Việt, remembered for the next launch.

Widgets take their texts when they are built, so the new language applies
when dlviz starts again; the status bar says so in both languages (the
person may not read the one they are leaving).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup

from dlviz.app.i18n import LANGUAGES, current_language, save_language

#: Shown in both languages whatever the interface is in now.
RESTART_NOTE = ("The new language applies when dlviz starts again. · "
                "Ngôn ngữ mới sẽ được dùng khi mở lại dlviz.")


def add_language_menu(window) -> QActionGroup:
    """Add View > Language to ``window`` (a ``MainWindow`` with ``view_menu``).

    Returns:
        The exclusive group of language actions; each action's data is its code.
    """
    menu = window.view_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("language_menu")
    group = QActionGroup(window)
    group.setExclusive(True)
    now = current_language()
    for code, name in LANGUAGES.items():   # each language named in its own words
        action = QAction(name, window)
        action.setCheckable(True)
        action.setChecked(code == now)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _choose(window, action.data()))
    window.language_actions = group
    return group


def _choose(window, code: str) -> None:
    save_language(code)
    if code != current_language():
        window.statusBar().showMessage(RESTART_NOTE, 15000)
