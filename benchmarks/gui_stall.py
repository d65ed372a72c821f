"""How late the GUI thread gets while a model trains in the app, and why.

A 10 ms precise QTimer on the GUI thread records how late each tick fires
while a model trains with live probes at default settings, in the window a
person uses (offscreen), under Qt's own event loop. Lateness is a stall: the
time the GUI could not answer a click or repaint. A watchdog thread samples
the GUI and engine threads' stacks while a tick is overdue
(``_stall_watchdog.py``), and the benchmark prints what was running during the
worst stall. Target: p99 at most 16 ms, max at most 50 ms (one 60 Hz frame).
It also prints the lateness less the GUI thread's waits for a free core
(``own_p99_ms``, ``own_max_ms``): on a machine busy with other work that is
what dlviz's drawing and the GIL cost, apart from the machine's load.

Tabs (``--tab``), each with its own model and data:
    training  vgg16-mini on generated shapes, the Training tab's plots
    maps      vgg16-mini on generated shapes, the Feature maps tab (live mosaics)
    gates     lstm-sentiment on sentiment-en, the Gates tab (live gates)

    python benchmarks/gui_stall.py [--tab training|maps|gates] [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from _common import report  # noqa: E402
from _stall_watchdog import CollectionClock, Stall, StallWatchdog, describe, describe_gil_waits, leaves  # noqa: E402

#: Per tab: the view people watch there (its refreshes a second are printed:
#: what a person sees, drawing and the app's other threads included).
WATCHED = {"training": "gradient_norms", "maps": "feature_maps", "gates": "gates"}
#: Per tab: the library model, the training data and the data's size.
SETUPS = {
    "training": ("vgg16-mini", "shapes", 2000),
    "maps": ("vgg16-mini", "shapes", 2000),
    "gates": ("lstm-sentiment", "sentiment-en", 3000),
}
TARGET_P99_MS, TARGET_MAX_MS = 16, 50
INTERVAL_MS = 10


def wait_until(app, done, seconds: float = 120.0, what: str = "the window") -> None:
    deadline = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def open_model(app, window, tab: str, model: str) -> None:
    """Open the tab's model and its first input (an image, or the sample sentence)."""
    done = {"model": False}
    window.bridge.job_finished.connect(
        lambda e: done.__setitem__("model", True) if e.kind == "model" else None)
    window.library.choose(model)
    wait_until(app, lambda: done["model"], what="the model")
    if tab == "gates":
        wait_until(app, lambda: window.gate_view.result is not None, what="the gates")
        return
    samples = window.gallery.paths()
    if samples:
        window.open_image(str(samples[0]))
        wait_until(app, lambda: window.images.analysis is not None, 60, "the maps")


def timed_application(slow_ms: float = 8.0):
    """A QApplication that notes every event that took over ``slow_ms`` to handle
    (receiver class, event type), to see which widget's paint or which slot is slow."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    class TimedApplication(QApplication):
        slow: list[tuple[float, str, str]] = []
        measuring = False   # only events while the stalls are measured count

        def notify(self, receiver, event):  # noqa: N802 (Qt API)
            if not isinstance(receiver, QObject):
                # PySide6 sometimes passes an event as the receiver here; the call
                # would fail, and formatting its error took 0.2 s (dropped instead).
                return False
            began, cpu = time.perf_counter(), time.thread_time()
            kind = event.type()
            done = super().notify(receiver, event)
            ms = (time.perf_counter() - began) * 1000.0
            if ms > slow_ms and self.measuring:
                self.slow.append((ms, _name(receiver), kind.name,
                                  (time.thread_time() - cpu) * 1000.0))
            return done

    def _name(receiver) -> str:
        """The receiver's class, and its parent's when it is a plain QWidget or a scene."""
        name = type(receiver).__name__
        parent = receiver.parent() if hasattr(receiver, "parent") else None
        if name in ("QWidget", "GraphicsScene", "QWidgetWindow", "QScrollBar") and parent is not None:
            name += f"<{type(parent).__name__}"
            grand = parent.parent() if hasattr(parent, "parent") else None
            if grand is not None:
                name += f"<{type(grand).__name__}"
        return name

    return TimedApplication([])


def print_slow_events(slow) -> None:
    from collections import defaultdict

    total: dict = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0])
    for ms, receiver, kind, cpu in slow:
        entry = total[(receiver, kind)]
        entry[0] += 1
        entry[1] += ms
        entry[2] = max(entry[2], ms)
        entry[3] += cpu
        entry[4] = max(entry[4], cpu)
    print("slow events (receiver, event): count, total ms, longest ms, and the GUI thread's own "
          "CPU ms in them (total, longest: the rest is waiting for a core or the GIL); "
          "nested events count twice")
    for (receiver, kind), (count, ms, most, cpu, most_cpu) in sorted(
            total.items(), key=lambda kv: -kv[1][1])[:12]:
        print(f"  {receiver:46s} {kind:16s} {count:5d} {ms:8.0f} {most:7.1f} {cpu:8.0f} {most_cpu:7.1f}")


#: Open ``schedstat`` files by thread: read again with ``pread``, not opened at every
#: tick (1450 opens took 0.2 s of the GUI thread in 15 s, counted as its drawing).
_SCHEDSTAT_FILES: dict[int, int] = {}


def schedstat(native_id: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of a thread (Linux), or zeros."""
    try:
        fd = _SCHEDSTAT_FILES.get(native_id)
        if fd is None:
            fd = _SCHEDSTAT_FILES[native_id] = os.open(
                f"/proc/self/task/{native_id}/schedstat", os.O_RDONLY)
        on_cpu, waiting, _slices = (int(v) for v in os.pread(fd, 128, 0).split())
    except (OSError, ValueError):
        return 0.0, 0.0
    return on_cpu / 1e9, waiting / 1e9


class CheckpointTimes:
    """When the run writer's epoch checkpoints ran (engine thread), to tell which
    stalls they caused."""

    def __init__(self):
        self.began = 0.0
        self.spans: list[tuple[float, float]] = []   # (start, end), s into the measurement

    def note(self, start: float, end: float) -> None:
        if self.began:
            self.spans.append((start - self.began, end - self.began))

    def summary(self, stalls) -> str:
        def near(stall) -> bool:   # a stall ends at its tick, at most its length after it began
            return any(a - 0.02 <= stall.at_s and stall.at_s - stall.late_ms / 1000 <= b + 0.02
                       for a, b in self.spans)
        spans = ", ".join(f"{a:.2f}+{1000 * (b - a):.0f}ms" for a, b in self.spans) or "none"
        return (f"epoch checkpoints on the engine thread (s into the measurement + ms): {spans}; "
                f"stalls over {TARGET_MAX_MS} ms during one: {sum(map(near, stalls))}")


def time_checkpoints(skip: bool = False) -> CheckpointTimes:
    """Wrap ``RunWriter.checkpoint`` to note when it runs (or, ``skip``, to do nothing)."""
    from dlviz.core.training.rundir_writer import RunWriter

    times, original = CheckpointTimes(), RunWriter.checkpoint

    def checkpoint(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return None if skip else original(self, *args, **kwargs)
        finally:
            times.note(start, time.perf_counter())

    RunWriter.checkpoint = checkpoint
    return times


def tab_widget(window, tab: str):
    return {"training": window.training_view, "maps": window.maps_view,
            "gates": window.gates_tab}[tab]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--tab", choices=tuple(SETUPS), default="training")
    parser.add_argument("--model", default=None, help="another library model than the tab's")
    parser.add_argument("--events", action="store_true",
                        help="note slow Qt events (adds a little overhead to every event)")
    parser.add_argument("--budget", type=float, default=None,
                        help="the live probes' share of training time instead of the default "
                             "(e.g. 0.3 for several live frames a second, to load the views)")
    parser.add_argument("--engine-nice", type=int, default=None,
                        help="the engine thread's niceness instead of dlviz's (experiments)")
    parser.add_argument("--switch-ms", type=float, default=None,
                        help="sys.setswitchinterval in ms instead of dlviz's (experiments)")
    parser.add_argument("--no-checkpoints", action="store_true",
                        help="skip the run directory's epoch checkpoints (to see what they cost)")
    parser.add_argument("--keras-checkpoints", action="store_true",
                        help="save the checkpoints with Keras on the engine thread, as before they "
                             "were copied there and written on the run writer's disk thread")
    parser.add_argument("--shots", default=None, help="after measuring, save the tab three times, 1 s apart, into this folder")
    args = parser.parse_args()
    model, data, samples = SETUPS[args.tab]
    model = args.model or model

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from dlviz.app.main_window import MainWindow
    from dlviz.core.training.config import DataSpec, TrainingConfig, suggested_settings

    import dlviz.core.engine

    if args.engine_nice is not None:
        dlviz.core.engine.ENGINE_NICENESS = args.engine_nice
    if args.switch_ms is not None:
        import sys

        sys.setswitchinterval(args.switch_ms / 1000.0)
    app = timed_application() if args.events else (QApplication.instance() or QApplication([]))
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.start_engine()
    open_model(app, window, args.tab, model)

    state = {"last": None, "frames": 0, "batches": 0, "ticking": 0.0}
    clock = QElapsedTimer()   # started when the measurement starts
    frame_times: list[float] = []   # when each live frame reached the GUI, s into the measurement

    watched_times: list[float] = []  # those that carried the tab's watched view

    def frame_arrived(event) -> None:
        state["frames"] += 1
        if clock.isValid():
            frame_times.append(clock.elapsed() / 1000.0)
            if WATCHED[args.tab] in event.results:
                watched_times.append(frame_times[-1])

    window.bridge.live_frame_arrived.connect(frame_arrived)
    checkpoints = time_checkpoints(skip=args.no_checkpoints)
    if args.keras_checkpoints:
        from dlviz.core.training.checkpoint_copy import CheckpointCopier

        CheckpointCopier.copy = lambda self, model: None   # the writer's fallback: Keras's save
    window.bridge.batch_ended.connect(lambda _e: state.__setitem__("batches", state["batches"] + 1))
    rate = suggested_settings(data)["learning_rate"]
    config = TrainingConfig(data=DataSpec(kind=data, samples=samples), epochs=50, batch_size=32,
                            learning_rate=rate)
    if args.budget is not None:
        config = replace(config, probe_budget=args.budget)
    window.training.start(config)
    window.tabs.setCurrentWidget(tab_widget(window, args.tab))
    wait_until(app, lambda: window.training.state == "running" and state["batches"] > 0,
               what="the first batch")

    dog = StallWatchdog({"gui": threading.get_ident(), "engine": window.engine._thread.ident},
                        interval_ms=INTERVAL_MS)
    stalls: list[Stall] = []
    lateness: list[float] = []
    gui_thread = threading.get_native_id()
    own_lateness: list[float] = []   # lateness less the GUI thread's wait for a free core

    def tick():
        began = time.thread_time()
        try:
            measure()
        finally:
            state["ticking"] += time.thread_time() - began

    def measure():
        now = clock.elapsed()
        dog.beat()
        waited = schedstat(gui_thread)[1] * 1000.0
        if state["last"] is not None:
            late = max(0.0, now - state["last"] - INTERVAL_MS)
            lateness.append(late)
            # Runnable but not running: the machine's other work held the cores.
            # (Waiting for the GIL is not runnable: it stays in the own lateness.)
            own_lateness.append(max(0.0, late - (waited - state["waited"])))
            samples = dog.take()
            if late > TARGET_P99_MS:
                stalls.append(Stall(late, samples, now / 1000.0, own_lateness[-1]))
        state["last"], state["waited"] = now, waited

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(tick)
    collections = CollectionClock()
    collections.start()
    clock.start()
    checkpoints.began = time.perf_counter()
    dog.start()
    timer.start()
    app.measuring = True
    gui_cpu = time.thread_time()
    gui_sched = schedstat(threading.get_native_id())
    loop = QEventLoop()   # Qt's own loop, as in the app (app.quit would close the window)
    QTimer.singleShot(int(args.seconds * 1000), loop.quit)
    loop.exec()
    app.measuring = False
    gui_cpu = time.thread_time() - gui_cpu
    gui_sched = [b - a for a, b in zip(gui_sched, schedstat(threading.get_native_id()))]
    timer.stop()
    dog.stop()
    collections.stop()
    if args.shots:   # after the measurement: grabbing the tab is a stall of its own
        for shot in range(3):
            QTimer.singleShot(1000, loop.quit)
            loop.exec()
            tab_widget(window, args.tab).grab().save(
                os.path.join(args.shots, f"{args.tab}_{shot}.png"))
    window.training.stop()
    wait_until(app, lambda: not window.training.training, 60, "training to stop")
    window.close()

    stalls_ms = np.asarray(lateness)
    p99, worst = float(np.percentile(stalls_ms, 99)), float(stalls_ms.max())
    print(f"tab {args.tab}: {model} on {data}; {len(stalls_ms)} ticks over {args.seconds:.0f} s "
          f"of training; {state['batches']} batch events, {state['frames']} live frames")
    print(f"lateness: median {np.median(stalls_ms):.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms; "
          f"{int((stalls_ms > TARGET_P99_MS).sum())} ticks over {TARGET_P99_MS} ms, "
          f"{int((stalls_ms > TARGET_MAX_MS).sum())} over {TARGET_MAX_MS} ms; "
          f"watchdog woke at worst {dog.worst_wake_ms:.1f} ms late")
    own = np.asarray(own_lateness)
    own_p99, own_worst = float(np.percentile(own, 99)), float(own.max())
    print(f"lateness less the GUI thread's waits for a free core (the GUI's own work and its "
          f"waits for the GIL; a core taken by other programs, or by the engine's threads, "
          f"is left out): p99 {own_p99:.1f} ms, max {own_worst:.1f} ms")
    gui_cpu -= state["ticking"]   # this script's own ticks are not the app's work
    print(f"GUI thread's CPU time: {gui_cpu:.1f} s of {args.seconds:.0f} s "
          f"({100 * gui_cpu / args.seconds:.0f} %), drawing and handling events "
          f"(this script's ticks, {state['ticking']:.2f} s, left out); "
          f"it waited {gui_sched[1]:.2f} s for a free CPU core (runnable, not running: "
          "the machine's load, not dlviz's code)")
    over = sorted((s for s in stalls if s.late_ms > TARGET_MAX_MS), key=lambda s: s.at_s)
    print(f"stalls over {TARGET_MAX_MS} ms (ms late @ s into the measurement): "
          + (", ".join(f"{s.late_ms:.0f}@{s.at_s:.2f}" for s in over) or "none"))
    print(checkpoints.summary(over))
    print("live frames reached the GUI at (s): "
          + ", ".join(f"{t:.2f}" for t in frame_times[:12]) + (" …" if len(frame_times) > 12 else ""))
    if stalls:
        worst_stall = max(stalls, key=lambda s: s.late_ms)
        for line in describe(worst_stall, ("gui", "engine")):
            print(line)
        worst_own = max(stalls, key=lambda s: s.own_ms)
        if worst_own is not worst_stall and worst_own.own_ms > TARGET_P99_MS:
            print("the worst stall less the waits for a core:")
            for line in describe(worst_own, ("gui", "engine")):
                print(line)
        for name in ("gui", "engine"):
            print(f"{name} thread's innermost frames over all stalls > {TARGET_P99_MS} ms:")
            for frame, count in leaves(stalls, name, TARGET_P99_MS):
                print(f"  {count:4d}  {frame}")
    for line in describe_gil_waits(dog.gil_waits, ("gui", "engine")):
        print(line)
    print(collections.summary())
    if args.events:
        print_slow_events(app.slow)
    watched_rate = len(watched_times) / args.seconds
    print(f"{WATCHED[args.tab]} refreshed {len(watched_times)} times in {args.seconds:g} s "
          f"({watched_rate:.2f} a second, in the window)")
    report({"benchmark": "gui_stall", "tab": args.tab, "live_frames": state["frames"],
            "watched_refreshes_per_s": round(watched_rate, 2), "p99_ms": round(p99, 1),
            "max_ms": round(worst, 1), "own_p99_ms": round(own_p99, 1),
            "own_max_ms": round(own_worst, 1), "target_p99_ms": TARGET_P99_MS,
            "target_max_ms": TARGET_MAX_MS})


if __name__ == "__main__":
    main()
