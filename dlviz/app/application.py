"""Start the Qt application: window first, TensorFlow in the background.

The window is shown before the engine starts importing TensorFlow, so a
person sees dlviz within a second or two while TensorFlow (several seconds)
loads behind it; the status bar says when it is ready. (Importing TensorFlow
on a thread of its own from launch was measured and left out: imports hold
the GIL, so the window came two to three times later on a busy machine and
the first picture no sooner; measured again in December 2026: a thread
importing TensorFlow beside a busy one took twice as long.) Python's garbage
collector is off from launch until TensorFlow has loaded, which saves a
fifth of the import (see ``MainWindow.start_engine``).

Two benchmark hooks, each an environment variable: ``DLVIZ_EXIT_WHEN_SHOWN``
prints when the window is on screen and quits (``benchmarks/startup.py``);
``DLVIZ_BENCH_FIRST_PICTURE`` prints one line when the first feature-map
mosaic has been painted, then quits (``benchmarks/first_picture.py``).
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
    import gc

    # No garbage collections until TensorFlow has loaded (the window turns
    # them on again then, see ``MainWindow.start_engine``): the imports of
    # Qt, pyqtgraph and TensorFlow make objects that live as long as the
    # app, and collecting set off by them only walked them again and again.
    gc.disable()
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
    if os.environ.get("DLVIZ_BENCH_FIRST_PICTURE"):
        watch_first_mosaic(window, lambda line: (print(line, flush=True), os._exit(0)))
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


def watch_first_mosaic(window, report) -> None:
    """Benchmark hook: call ``report(line)`` once the first mosaic is painted.

    An event filter on the feature-map canvas waits for a paint event that
    comes while the mosaic item holds an image and the view is on screen;
    ``report`` runs right after that paint has been done (a zero timer), with
    a line naming the seconds since start, the layer and the mosaic's size.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    view = window.maps_view
    viewport = view.canvas.viewport()

    class _FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            image = view.mosaic_item.image
            if (event.type() == QEvent.Type.Paint and image is not None
                    and view.mosaic_item.isVisible() and viewport.isVisible()):
                viewport.removeEventFilter(self)
                seconds = time.perf_counter() - _STARTED
                height, width = image.shape[:2]
                line = (f"first mosaic painted after {seconds:.3f} s: "
                        f"{view.selected_layer()} {height}x{width}")
                QTimer.singleShot(0, lambda: report(line))
            return False

    window._first_paint_watch = _FirstPaint(window)  # kept alive by the window
    viewport.installEventFilter(window._first_paint_watch)
