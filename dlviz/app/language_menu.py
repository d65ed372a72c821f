"""View > Language: English / Tiếng Việt, remembered for the next launch.

Widgets take their texts when they are built (about sixty classes set their
labels in ``__init__``; none re-reads them on ``QEvent.LanguageChange``), so
switching live would mean a retranslate method in every one of them, or
rebuilding the window while the engine holds the open model and a run may be
training. dlviz keeps it simple and honest instead: the choice is saved
(``QSettings``, ``i18n.save_language``) and applies when dlviz starts again.
The menu says so under the languages, and choosing one says so in a banner over
the views and in the status bar, in both languages (the person may not read the
one they are leaving). The banner offers "Restart now" while nothing trains (a
restart would stop a run): dlviz starts again with the same command and this
window closes as it does on File > Quit.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction, QActionGroup

from dlviz.app.i18n import (LANGUAGE_ENV, LANGUAGES, current_language, save_language,
                            saved_language)

#: Shown in both languages whatever the interface is in now.
RESTART_NOTE = ("The new language applies when dlviz starts again: close dlviz and open it. · "
                "Ngôn ngữ mới sẽ được dùng khi mở lại dlviz: hãy đóng dlviz rồi mở lại.")
#: Choosing the language the window is already in again, after picking another.
KEPT_NOTE = ("dlviz stays in {0}. · dlviz giữ nguyên {0}.")
#: The banner's button, in both languages too.
RESTART_NOW = "Restart now · Mở lại ngay"


def add_language_menu(window) -> QActionGroup:
    """Add View > Language to ``window`` (a ``MainWindow`` with ``view_menu``).

    Returns:
        The exclusive group of language actions; each action's data is its code.
    """
    menu = window.view_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("language_menu")
    group = QActionGroup(window)
    group.setExclusive(True)
    chosen = saved_language()   # a choice made earlier in this session stays ticked
    for code, name in LANGUAGES.items():   # each language named in its own words
        action = QAction(name, window)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    menu.addSeparator()
    note = menu.addAction(QCoreApplication.translate(
        "LanguageMenu", "Applies when dlviz starts again"))
    note.setEnabled(False)   # a note, not a command
    group.triggered.connect(lambda action: _choose(window, action.data()))
    window.language_actions = group
    return group


def _choose(window, code: str) -> None:
    save_language(code)
    actions = ()
    if code != current_language():
        text = RESTART_NOTE
        training = getattr(getattr(window, "training", None), "training", False)
        if not training:   # a restart would stop the run: then the person restarts later
            actions = [(RESTART_NOW, lambda: restart(window))]
    else:
        text = KEPT_NOTE.format(LANGUAGES[code])
    window.statusBar().showMessage(text, 15000)
    banner = getattr(window, "banner", None)
    if banner is not None:   # stays until dismissed: a status line is easy to miss
        banner.show_message(text, "info", actions)


def restart(window, start=QProcess.startDetached) -> bool:
    """Start dlviz again with this process's command, then close ``window``.

    ``$DLVIZ_LANGUAGE`` is left out of the new process's environment, so the saved
    choice applies. Nothing closes when the new process cannot start.

    Args:
        window: the ``MainWindow``.
        start: how to start the process (``QProcess.startDetached``; tests pass their own).

    Returns:
        Whether the new process started.
    """
    os.environ.pop(LANGUAGE_ENV, None)   # inherited by the new process
    started = start(sys.executable, list(sys.argv), os.getcwd())
    started = started[0] if isinstance(started, tuple) else bool(started)
    if started:
        window.close()
    else:
        window.statusBar().showMessage(RESTART_NOTE, 15000)
    return started
