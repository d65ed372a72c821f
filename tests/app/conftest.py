"""Fixtures for Qt tests: a real window over a real engine, and no leaks.

Like napari's test suite, any test that leaves the engine thread running
fails: leaked threads are the main source of flaky Qt tests.
"""

import gc
import threading

import pytest


def _engine_threads():
    return [t for t in threading.enumerate() if t.name == "dlviz-engine" and t.is_alive()]


def _active_timers():
    from PySide6.QtCore import QTimer

    timers = []
    for obj in gc.get_objects():
        try:
            # dlviz parents every timer it makes; parentless ones are
            # pyqtgraph's own housekeeping (e.g. its ImageItem helpers).
            if isinstance(obj, QTimer) and obj.isActive() and obj.parent() is not None:
                timers.append(obj)
        except RuntimeError:  # its C++ side is already deleted
            continue
    return timers


@pytest.fixture(autouse=True)
def no_leaked_engine_threads():
    before = set(_engine_threads())
    timers_before = {id(t) for t in _active_timers()}
    yield
    leaked = [t for t in _engine_threads() if t not in before]
    for t in leaked:
        t.join(timeout=30)  # a job may be finishing; give it a moment
    still = [t for t in leaked if t.is_alive()]
    assert not still, f"test left engine threads running: {still}"
    timers = [t for t in _active_timers() if id(t) not in timers_before]
    assert not timers, f"test left QTimers running: {[(t.objectName(), type(t.parent()).__name__) for t in timers]}"


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """Each test's windows save and restore their layout in a folder of its own,
    so one test's layout never reaches the next (and never the user's)."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("DLVIZ_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot):
    """The main window, shown, with its engine started and ready."""
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.bridge.engine_ready, timeout=120_000):
        win.start_engine()
    yield win
    win.close()
