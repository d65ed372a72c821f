"""Where the docks go, and remembering where the person put them.

At 1280×800 (a laptop, a projector) the pictures are the point, so the first
launch gives the centre, where the feature maps are, everything but one
narrow column: Model library above Images on the left. The Training controls
share the library's place as a tab and stay hidden until the person trains:
they appear when the Training tab is chosen, when a run starts or resumes,
or from View > Training controls. (Beside the feature maps, as a right-hand
dock, they left the mosaic about 130 px wide and pushed the window past
1280 px.)

The window's geometry and dock layout are saved when it closes and restored
on the next launch, in an INI file: the user's configuration folder
(``~/.config/dlviz/dlviz.ini`` on Linux), or ``$DLVIZ_SETTINGS_DIR/dlviz.ini``
where that is set, as the tests do, so they never touch a person's settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

SETTINGS_ENV = "DLVIZ_SETTINGS_DIR"
#: Bump when the set of docks changes: a state saved by an older version is then
#: ignored (Qt would otherwise restore a half-matching layout).
STATE_VERSION = 1
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
VERSION_KEY = "window/state_version"
#: The first-launch size: a common laptop and projector resolution.
FIRST_SIZE = (1280, 800)


def layout_settings() -> QSettings:
    """Where the layout is kept: ``$DLVIZ_SETTINGS_DIR/dlviz.ini``, else the user's."""
    folder = os.environ.get(SETTINGS_ENV)
    if folder:
        return QSettings(str(Path(folder) / "dlviz.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "dlviz", "dlviz")


class WindowLayout(QObject):
    """Arranges ``window``'s docks, shows the training controls when needed,
    and saves and restores the layout.

    ``window`` is the ``MainWindow``: it has ``tabs``, ``training_view``,
    ``training_dock``, ``training`` (the controller) and ``view_menu``, and
    docks named ``model_library_dock`` and ``image_gallery_dock``.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.library_dock = window.findChild(QDockWidget, "model_library_dock")
        self.gallery_dock = window.findChild(QDockWidget, "image_gallery_dock")
        self.training_dock: QDockWidget = window.training_dock
        self._give_training_room = False  # on its first appearance after a fresh layout
        self._add_actions()
        if not self.restore():
            self.arrange_first_launch()
        window.tabs.currentChanged.connect(self._on_tab_changed)
        window.training.state_changed.connect(self._on_training_state_changed)

    # -- layout ------------------------------------------------------------------

    def arrange_first_launch(self) -> None:
        """Library above Images on the left; Training tabbed with the library, hidden."""
        window, left = self.window, Qt.DockWidgetArea.LeftDockWidgetArea
        for dock in (self.library_dock, self.gallery_dock, self.training_dock):
            dock.setFloating(False)
            window.addDockWidget(left, dock)
        window.splitDockWidget(self.library_dock, self.gallery_dock, Qt.Orientation.Vertical)
        window.tabifyDockWidget(self.library_dock, self.training_dock)
        self.library_dock.show()
        self.gallery_dock.show()
        self.training_dock.hide()
        self.library_dock.raise_()
        self._give_training_room = True
        if not window.isMaximized() and not window.isFullScreen():
            window.resize(*FIRST_SIZE)

    def show_training_controls(self) -> None:
        """Show the Training dock in front of whatever shares its place."""
        self.training_dock.show()
        self.training_dock.raise_()
        if self._give_training_room:
            # The first time, the long form gets most of the column's height;
            # after that the person's own split is kept.
            self._give_training_room = False
            column = self.library_dock.height() + self.gallery_dock.height()
            self.window.resizeDocks([self.training_dock, self.gallery_dock],
                                    [int(column * 0.68), int(column * 0.32)],
                                    Qt.Orientation.Vertical)

    # -- settings ----------------------------------------------------------------

    def save(self) -> None:
        """Remember the window's geometry and dock layout for the next launch."""
        settings = layout_settings()
        settings.setValue(GEOMETRY_KEY, self.window.saveGeometry())
        settings.setValue(STATE_KEY, self.window.saveState(STATE_VERSION))
        settings.setValue(VERSION_KEY, STATE_VERSION)
        settings.sync()

    def restore(self) -> bool:
        """Put the docks and window back as saved; False when nothing usable is saved."""
        settings = layout_settings()
        geometry, state = settings.value(GEOMETRY_KEY), settings.value(STATE_KEY)
        try:
            version = int(settings.value(VERSION_KEY, -1))
        except (TypeError, ValueError):
            return False
        if version != STATE_VERSION or geometry is None or state is None:
            return False
        # Geometry first: the dock sizes in the state are relative to the window.
        return self.window.restoreGeometry(geometry) and \
            self.window.restoreState(state, STATE_VERSION)

    def reset(self) -> None:
        """Back to the first-launch layout (View > Reset window layout)."""
        self.window.showNormal()
        self.arrange_first_launch()

    # -- handlers ----------------------------------------------------------------

    def _add_actions(self) -> None:
        menu = self.window.view_menu
        menu.addSeparator()
        toggle = self.training_dock.toggleViewAction()
        toggle.setText(self.tr("&Training controls"))
        toggle.setShortcut(QKeySequence("Ctrl+T"))
        toggle.setToolTip(self.tr("Data, optimiser and Start / Pause / Stop"))
        # Shown from the menu, it should also come to the front of its tab group.
        toggle.triggered.connect(lambda checked: self.training_dock.raise_() if checked else None)
        menu.addAction(toggle)
        self.training_action = toggle
        self.reset_action = menu.addAction(self.tr("&Reset window layout"))
        self.reset_action.triggered.connect(self.reset)

    def _on_tab_changed(self, _index: int) -> None:
        if self.window.tabs.currentWidget() is self.window.training_view:
            self.show_training_controls()

    def _on_training_state_changed(self, state: str) -> None:
        if state == "running":
            self.show_training_controls()  # Pause and Stop must be at hand
