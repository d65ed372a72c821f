"""Fixtures for Qt tests: a real window over a real engine, and no leaks.

Like napari's test suite, any test that leaves the engine thread running
fails: leaked threads are the main source of flaky Qt tests.
"""

import threading

import pytest


def _engine_threads():
    return [t for t in threading.enumerate() if t.name == "dlviz-engine" and t.is_alive()]


@pytest.fixture(autouse=True)
def no_leaked_engine_threads():
    before = set(_engine_threads())
    yield
    leaked = [t for t in _engine_threads() if t not in before]
    for t in leaked:
        t.join(timeout=30)  # a job may be finishing; give it a moment
    still = [t for t in leaked if t.is_alive()]
    assert not still, f"test left engine threads running: {still}"


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
