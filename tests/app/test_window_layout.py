"""The window at 1280×800: the feature maps get the room, and the layout is remembered.

Measured on the real widgets after show (no engine needed: the layout does not
wait for TensorFlow). Settings live in the per-test folder that
``own_settings`` (tests/app/conftest.py) points ``DLVIZ_SETTINGS_DIR`` at.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from dlviz.app.main_window import MainWindow
from dlviz.app.window_layout import STATE_VERSION, VERSION_KEY, layout_settings

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@pytest.fixture
def open_window(qtbot):
    """Opens main windows (engine not started); closes any still open at the end."""
    opened = []

    def open_one():
        win = MainWindow(ask_unsafe=lambda *_: False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.tabs.setCurrentWidget(win.maps_view)
        qtbot.wait(10)  # one layout pass
        opened.append(win)
        return win

    yield open_one
    for win in opened:
        win.close()


def dock(win, name) -> QDockWidget:
    return win.findChild(QDockWidget, name)


def test_first_launch_gives_the_feature_maps_most_of_a_laptop_screen(open_window):
    win = open_window()
    assert (win.width(), win.height()) == (1280, 800)  # nothing pushes it past the screen
    maps = win.maps_view
    assert maps.isVisible() and maps.width() >= 0.55 * win.width()
    # The mosaic is the widest part of the view, not squeezed by the list beside it.
    assert maps.canvas.width() > maps.tree.width()
    assert maps.canvas.width() > maps.channel_view.width()
    assert not win.training_dock.isVisible()
    assert dock(win, "model_library_dock").isVisible()
    assert dock(win, "image_gallery_dock").isVisible()


def test_training_controls_appear_when_the_person_trains(qtbot, open_window):
    win = open_window()
    win.tabs.setCurrentWidget(win.training_view)
    qtbot.wait(10)
    assert win.training_dock.isVisible() and not win.training_dock.visibleRegion().isEmpty()
    assert win.training_panel.start_button.isVisible()
    # The long form gets most of the column the first time it appears.
    assert win.training_dock.height() > dock(win, "image_gallery_dock").height()
    assert win.dockWidgetArea(win.training_dock) == LEFT  # sharing the library's place
    assert win.width() == 1280  # still fits the laptop's screen
    win.tabs.setCurrentWidget(win.maps_view)
    qtbot.wait(10)
    assert win.maps_view.width() >= 0.55 * win.width()


def test_a_run_that_starts_brings_pause_and_stop_to_the_front(qtbot, open_window):
    win = open_window()
    win.training.state_changed.emit("running")
    qtbot.wait(10)
    assert win.training_panel.stop_button.isVisible()


def test_view_menu_toggles_the_training_controls(qtbot, open_window):
    win = open_window()
    action = win.window_layout.training_action
    assert action in win.view_menu.actions() and not action.isChecked()
    action.trigger()
    qtbot.wait(10)
    assert win.training_panel.isVisible()
    action.trigger()
    assert not win.training_dock.isVisible()


def test_a_changed_layout_is_restored_in_the_next_window(qtbot, open_window, own_settings):
    first = open_window()
    first.window_layout.show_training_controls()  # in front of the library
    first.addDockWidget(RIGHT, dock(first, "image_gallery_dock"))
    first.showMaximized()  # the geometry; a plain size would be fitted to the 800×800
    qtbot.wait(10)         # offscreen test screen when restored
    first.close()
    assert (own_settings / "dlviz.ini").is_file()

    second = open_window()
    assert second.isMaximized()
    assert second.dockWidgetArea(dock(second, "image_gallery_dock")) == RIGHT
    assert not second.training_dock.visibleRegion().isEmpty()
    assert dock(second, "model_library_dock").visibleRegion().isEmpty()  # behind Training


def test_reset_brings_back_the_first_launch_layout(qtbot, open_window):
    win = open_window()
    win.addDockWidget(RIGHT, win.training_dock)
    win.training_dock.show()
    win.window_layout.reset_action.trigger()
    qtbot.wait(10)
    assert win.dockWidgetArea(win.training_dock) == LEFT
    assert not win.training_dock.isVisible()
    assert win.maps_view.width() >= 0.55 * win.width()


def test_a_layout_saved_by_another_version_is_ignored(qtbot, open_window):
    first = open_window()
    first.addDockWidget(RIGHT, first.training_dock)
    first.training_dock.show()
    first.close()
    settings = layout_settings()
    settings.setValue(VERSION_KEY, STATE_VERSION + 1)
    settings.sync()
    second = open_window()
    assert second.dockWidgetArea(second.training_dock) == LEFT
    assert not second.training_dock.isVisible()


def test_settings_go_where_the_tests_point_them(own_settings):
    assert layout_settings().fileName() == str(own_settings / "dlviz.ini")
