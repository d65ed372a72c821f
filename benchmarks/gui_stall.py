"""How late the GUI thread gets while a model trains in the app.

A 10 ms QTimer on the GUI thread records how late each tick fires while
vgg16-mini trains on generated shapes with live probes at default settings
(the same window a person uses, offscreen). Lateness is a stall: the time
the GUI could not answer a click or repaint. Target: 99th percentile under
50 ms.

    python benchmarks/gui_stall.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from _common import report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--model", default="vgg16-mini")
    parser.add_argument("--tab", choices=("training", "maps"), default="training")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from dlviz.app.main_window import MainWindow
    from dlviz.core.training.config import DataSpec, TrainingConfig

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    window.start_engine()
    done = {"model": False}
    window.bridge.job_finished.connect(
        lambda e: done.__setitem__("model", True) if e.kind == "model" else None)
    window.library.choose(args.model)
    while not done["model"]:
        app.processEvents()
        time.sleep(0.01)
    samples = window.gallery.paths()
    if samples:
        window.open_image(str(samples[0]))
        deadline = time.perf_counter() + 60
        while window.images.analysis is None and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)

    lateness: list[float] = []
    clock = QElapsedTimer()
    interval_ms = 10
    state = {"last": None, "frames": 0, "batches": 0}

    def tick():
        now = clock.elapsed()
        if state["last"] is not None:
            lateness.append(max(0.0, now - state["last"] - interval_ms))
        state["last"] = now

    window.bridge.live_frame_arrived.connect(lambda _e: state.__setitem__("frames", state["frames"] + 1))
    window.bridge.batch_ended.connect(lambda _e: state.__setitem__("batches", state["batches"] + 1))
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(tick)
    config = TrainingConfig(data=DataSpec(kind="shapes", samples=2000), epochs=50, batch_size=32)
    window.training.start(config)
    # The heaviest screen: every training plot redraws (feature maps of the
    # live frames are drawn too, on their tab, when --tab maps is given).
    window.tabs.setCurrentWidget(window.maps_view if args.tab == "maps" else window.training_view)
    while window.training.state != "running" or state["batches"] == 0:
        app.processEvents()
        time.sleep(0.005)
    clock.start()
    timer.start()
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    window.training.stop()
    while window.training.training:
        app.processEvents()
        time.sleep(0.01)
    window.close()

    stalls = np.asarray(lateness)
    p99, worst = float(np.percentile(stalls, 99)), float(stalls.max())
    print(f"{len(stalls)} ticks over {args.seconds:.0f} s of training; "
          f"{state['batches']} batch events, {state['frames']} live frames drawn")
    print(f"lateness: median {np.median(stalls):.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms")
    report({"benchmark": "gui_stall", "p99_ms": round(p99, 1), "max_ms": round(worst, 1),
            "target": 50})


if __name__ == "__main__":
    main()
