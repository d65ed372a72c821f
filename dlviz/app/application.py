"""Start the Qt application: window first, TensorFlow in the background.

TensorFlow (several seconds) starts importing on a thread of its own at
launch, while Qt builds the window; the window appears within a second or
two, the engine thread picks TensorFlow up when it starts (waiting for the
import to finish if need be), and the status bar says when it is ready.
Starting the import at once, rather than after the first frame, brings the
first picture sooner (``benchmarks/first_picture.py``).

Two benchmark hooks, each an environment variable: ``DLVIZ_EXIT_WHEN_SHOWN``
prints when the window is on screen and quits (``benchmarks/startup.py``);
``DLVIZ_BENCH_FIRST_PICTURE`` prints one line when the first feature-map
mosaic has been painted, then quits (``benchmarks/first_picture.py``).
"""

from __future__ import annotations

import os
import sys
import threading
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
    threading.Thread(target=_import_tensorflow_meanwhile, name="dlviz-import-tf",
                     daemon=True).start()
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
    # Let the first frame paint, then start the engine; queue the first
    # example so it appears as soon as TensorFlow is ready.
    QTimer.singleShot(0, window.start_engine)
    QTimer.singleShot(0, window.show_first_example)
    return app.exec()


def _import_tensorflow_meanwhile() -> None:
    """Import TensorFlow while Qt builds the window (only an import: the engine
    thread still owns every Keras object). At the engine's lower priority, as
    the engine thread itself runs: on a busy machine the window comes first."""
    from dlviz.core.engine import ENGINE_NICENESS, lower_this_thread_priority
    from dlviz.core.kerasenv import import_tensorflow

    lower_this_thread_priority(ENGINE_NICENESS)
    import_tensorflow()


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
