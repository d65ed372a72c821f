"""Shared helpers for benchmark scripts: timing subprocesses, the result line."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_command(argv: list[str], env: dict | None = None, repeats: int = 5) -> list[float]:
    """Wall-clock seconds of each of ``repeats`` runs of ``argv`` (must exit 0)."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, env={**os.environ, **(env or {})},
                              capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return times


def median(values) -> float:
    return statistics.median(values)


def report(result: dict) -> None:
    """Print the one JSON line every benchmark ends with."""
    print(json.dumps(result), flush=True)


def thread_names() -> dict[int, str]:
    """``{native thread id: name}``: Python threads by their ``threading`` name,
    the others (TensorFlow's pools, tf.data) by their kernel name (``comm``)."""
    import threading

    names = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            names[int(tid)] = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
        except OSError:
            pass   # the thread ended meanwhile
    for thread in threading.enumerate():
        if thread.native_id in names:
            names[thread.native_id] = thread.name
    return names


def thread_seconds() -> dict[int, tuple[float, float]]:
    """``{native thread id: (seconds on a CPU, seconds runnable but waiting for one)}``
    of this process's threads (Linux ``schedstat``; {} where there is none)."""
    times = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            run, wait, _slices = Path(f"/proc/self/task/{tid}/schedstat").read_text().split()
        except (OSError, ValueError):
            continue
        times[int(tid)] = (int(run) / 1e9, int(wait) / 1e9)
    return times


class IdleSampler:
    """Seconds when no thread of this process ran or waited for a CPU (idle, not
    crowded out): what made bare-fit epochs bimodal (tf.data's tuner, 2 s).

    A daemon thread reads every thread's ``schedstat`` each ``period`` seconds;
    a window whose threads ran or queued for less than ``IDLE_SHARE`` of it
    counts as idle. ``idle_between(t0, t1)`` sums the idle windows inside.

    Example:
        >>> sampler = IdleSampler(); sampler.start()  # doctest: +SKIP
        >>> ...; sampler.idle_between(t0, t1)          # doctest: +SKIP
    """

    #: A window whose threads were busy (running or runnable) less than this
    #: share of one core is idle.
    IDLE_SHARE = 0.1

    def __init__(self, period: float = 0.1):
        import threading

        self.period = period
        self.windows: list[tuple[float, float]] = []   # (end time, busy share)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-idle-sampler",
                                        daemon=True)

    def start(self) -> "IdleSampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _busy(self) -> float:
        return sum(run + wait for run, wait in thread_seconds().values())

    def _run(self) -> None:
        last_t, last_busy = time.perf_counter(), self._busy()
        while not self._stop.wait(self.period):
            now, busy = time.perf_counter(), self._busy()
            # Threads that ended meanwhile take their seconds with them: a
            # negative difference is no evidence of idleness.
            share = (busy - last_busy) / max(now - last_t, 1e-9)
            self.windows.append((now, share if share >= 0 else 1.0))
            last_t, last_busy = now, busy

    def idle_between(self, began: float, ended: float) -> float:
        """Seconds of idle windows ending within ``(began + period, ended]``."""
        return sum(self.period for t, share in self.windows
                   if began + self.period < t <= ended and share < self.IDLE_SHARE)


def cpu_by_thread(before: dict, after: dict, names: dict) -> dict[str, float]:
    """CPU seconds between two ``thread_seconds()`` readings, by thread name
    (numbered pool threads summed under their common name)."""
    import re

    spent: dict[str, float] = {}
    for tid, (run, _wait) in after.items():
        name = re.sub(r"[-_/:]?\d+$", "", names.get(tid, "?")) or "?"
        spent[name] = spent.get(name, 0.0) + run - before.get(tid, (0.0, 0.0))[0]
    return spent


def show_as_the_app_does(control, model, shown) -> None:
    """Tell ``control`` which views are on screen, and, with the Feature maps
    view among them, the layer it shows after a drop (the first spatial one):
    live frames then tile that layer's mosaic alone, as in the app."""
    control.show_views(shown)
    if shown is None or "feature_maps" in shown:
        from dlviz.core.probes.structure import spatial_layers

        layers = spatial_layers(model)
        control.show_maps_layer(layers[0].path if layers else None)
