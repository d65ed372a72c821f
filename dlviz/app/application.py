"""Start the Qt application: window first, TensorFlow in the background.

The window is shown before the engine starts importing TensorFlow, so a
person sees dlviz within a second or two while TensorFlow (several seconds)
loads behind it; the status bar says when it is ready.
"""

from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()


def run(argv: list[str] | None = None) -> int:
    """Run the GUI until its window closes; returns the exit code."""
    from dlviz.app.platform_check import startup_problem

    problem = startup_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from dlviz.core.kerasenv import quiet_tensorflow_logs

    quiet_tensorflow_logs()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dlviz.app.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("dlviz")
    app.setOrganizationName("dlviz")
    from dlviz.app.i18n import install_translator

    install_translator(app)  # before any widget takes its texts
    window = MainWindow()
    window.show()
    if os.environ.get("DLVIZ_EXIT_WHEN_SHOWN"):
        return _report_shown_and_exit(app, window)
    # Let the first frame paint, then start loading TensorFlow; queue the
    # first example so it appears as soon as TensorFlow is ready.
    QTimer.singleShot(0, window.start_engine)
    QTimer.singleShot(0, window.show_first_example)
    return app.exec()


def _report_shown_and_exit(app, window) -> int:
    """Benchmark hook: print when the window is exposed, then leave at once."""
    handle = window.windowHandle()
    while handle is None or not handle.isExposed():
        app.processEvents()
        handle = window.windowHandle()
    app.processEvents()  # the first paint
    print(f"window shown after {time.perf_counter() - _STARTED:.3f} s", flush=True)
    os._exit(0)  # skip interpreter teardown: the benchmark times the window only
