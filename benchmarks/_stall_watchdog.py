"""Who was running while the GUI thread stalled: stacks sampled by a watchdog thread.

The GUI thread calls ``beat()`` on every timer tick. A watchdog thread wakes
every ``poll_s``; when the last beat is overdue it samples the stacks of the
GUI thread and of the engine thread (``sys._current_frames()``), and how late
it woke itself. A watchdog that wakes far later than it asked could not get
the GIL: some thread held it without letting go (a long C call that keeps
the GIL, such as TensorFlow tracing or a big NumPy copy). The tick that ends
a stall collects the samples taken during it (``take()``).

Example:
    dog = StallWatchdog({"gui": threading.get_ident(), "engine": engine_ident})
    dog.start()
    ...  # on every tick: dog.beat(); samples = dog.take() when the tick was late
    dog.stop()
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field

#: Frames shown per stack, innermost last.
DEPTH = 7


@dataclass
class Sample:
    """One look at the threads during a stall."""

    overdue_ms: float                 # how long the GUI had not beaten
    woke_late_ms: float               # how much later the watchdog woke than it asked
    stacks: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Stall:
    """A late tick and what the watchdog saw while it was late."""

    late_ms: float
    samples: list[Sample]
    at_s: float = 0.0                 # when it ended, seconds into the measurement
    own_ms: float = 0.0               # late_ms less the GUI thread's waits for a free core


def short_stack(frame, depth: int = DEPTH) -> tuple[str, ...]:
    """The innermost ``depth`` frames as 'file.py:line function' (site-packages shortened),
    after the innermost dlviz frame when it is deeper (what of ours asked for the work)."""
    entries = traceback.extract_stack(frame)
    shown = [f"{_short(e.filename)}:{e.lineno} {e.name}" for e in entries[-depth:]]
    ours = [e for e in entries[:-depth] if os.sep + "dlviz" + os.sep in e.filename]
    if ours and not any(line.startswith("dlviz" + os.sep) for line in shown):
        e = ours[-1]
        shown.insert(0, f"{_short(e.filename)}:{e.lineno} {e.name} …")
    return tuple(shown)


_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _short(path: str) -> str:
    marker = "site-packages" + os.sep
    if marker in path:
        return path.split(marker, 1)[1]
    if path.startswith(_ROOT):
        return path[len(_ROOT):]
    return os.sep.join(path.split(os.sep)[-2:])


class StallWatchdog(threading.Thread):
    """Samples named threads' stacks whenever the GUI's beat is overdue.

    Args:
        threads: name -> thread ident of the threads to sample.
        interval_ms: the GUI timer's interval (a beat is due this often).
        late_ms: sample once the beat is this much later than due.
        poll_s: how often the watchdog looks.
    """

    def __init__(self, threads: dict[str, int], interval_ms: float = 10.0,
                 late_ms: float = 8.0, poll_s: float = 0.004):
        super().__init__(name="stall-watchdog", daemon=True)
        self.threads = dict(threads)
        self.due_s = (interval_ms + late_ms) / 1000.0
        self.poll_s = poll_s
        self.last_beat = time.perf_counter()
        self._samples: list[Sample] = []
        #: Samples taken right after the watchdog woke much later than asked: the
        #: stacks then show who had kept the GIL (worst first, a few kept).
        self.gil_waits: list[Sample] = []
        self._stopping = threading.Event()
        self.worst_wake_ms = 0.0

    def beat(self) -> None:
        """GUI thread: the timer ticked."""
        self.last_beat = time.perf_counter()

    def take(self) -> list[Sample]:
        """GUI thread: the samples since the last take (a list swap is atomic under the GIL)."""
        samples, self._samples = self._samples, []
        return samples

    def stop(self) -> None:
        self._stopping.set()
        self.join(1.0)

    def run(self) -> None:
        while not self._stopping.is_set():
            asked = time.perf_counter()
            time.sleep(self.poll_s)
            now = time.perf_counter()
            woke_late = (now - asked - self.poll_s) * 1000.0
            self.worst_wake_ms = max(self.worst_wake_ms, woke_late)
            overdue = now - self.last_beat
            kept_gil = woke_late > self.due_s * 1000.0
            if overdue < self.due_s and not kept_gil:
                continue
            frames = sys._current_frames()
            stacks = {name: short_stack(frames[ident]) if ident in frames else ("(no frame)",)
                      for name, ident in self.threads.items()}
            # Any other thread running Python (a tf.data worker calling a Python
            # function, say) could be the one keeping the GIL.
            known = set(self.threads.values()) | {threading.get_ident()}
            for ident, frame in frames.items():
                if ident not in known:
                    stacks[f"other {ident}"] = short_stack(frame)
            sample = Sample(overdue * 1000.0, woke_late, stacks)
            if overdue >= self.due_s:
                self._samples.append(sample)
            if kept_gil:
                self.gil_waits.append(sample)
                self.gil_waits.sort(key=lambda s: -s.woke_late_ms)
                del self.gil_waits[5:]


def describe(stall: Stall, names: tuple[str, ...]) -> list[str]:
    """Lines saying what each thread was doing during ``stall``, commonest stack first
    (``names`` first, then any other thread seen running Python)."""
    others = sorted({n for s in stall.samples for n in s.stacks} - set(names))
    names = (*names, *others)
    lines = [f"worst stall: {stall.late_ms:.1f} ms late ({stall.own_ms:.1f} ms less the waits "
             f"for a core), ending {stall.at_s:.2f} s into the measurement, "
             f"{len(stall.samples)} samples; "
             f"watchdog woke up to "
             f"{max((s.woke_late_ms for s in stall.samples), default=0.0):.1f} ms late "
             "(large: a thread kept the GIL)"]
    for name in names:
        counts = Counter(s.stacks.get(name, ("?",)) for s in stall.samples)
        for stack, count in counts.most_common(3):
            lines.append(f"  {name} thread, {count} of {len(stall.samples)} samples:")
            lines.extend(f"      {entry}" for entry in stack)
    return lines


class CollectionClock:
    """Times Python's garbage collections (``gc.callbacks``): a full collection
    holds the GIL throughout, stalling every thread, whichever thread ran it."""

    def __init__(self):
        self.collections: list[tuple[float, int, str]] = []   # (ms, generation, thread)
        self._began = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.collections.append(((time.perf_counter() - self._began) * 1000.0,
                                     info["generation"], threading.current_thread().name))

    def start(self) -> None:
        import gc

        gc.callbacks.append(self)

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self)

    def summary(self) -> str:
        if not self.collections:
            return "garbage collections: none"
        worst = max(self.collections)
        full = [ms for ms, gen, _ in self.collections if gen == 2]
        return (f"garbage collections: {len(self.collections)}, {len(full)} full "
                f"(longest full {max(full, default=0.0):.1f} ms); longest {worst[0]:.1f} ms, "
                f"generation {worst[1]}, on the {worst[2]} thread")


def describe_gil_waits(waits: list[Sample], names: tuple[str, ...]) -> list[str]:
    """Lines for the longest times the watchdog waited for the GIL, with the stacks just after."""
    lines = []
    for wait in waits[:3]:
        lines.append(f"watchdog waited {wait.woke_late_ms:.1f} ms for the GIL; stacks right after:")
        for name in (*names, *sorted(set(wait.stacks) - set(names))):
            lines.append(f"  {name} thread:")
            lines.extend(f"      {entry}" for entry in wait.stacks.get(name, ("?",)))
    return lines


def leaves(stalls: list[Stall], name: str, over_ms: float, top: int = 6) -> list[tuple[str, int]]:
    """The commonest innermost frames of thread ``name`` in the stalls over ``over_ms``."""
    counts: Counter = Counter()
    for stall in stalls:
        if stall.late_ms <= over_ms:
            continue
        for sample in stall.samples:
            counts[(sample.stacks.get(name) or ("?",))[-1]] += 1
    return counts.most_common(top)
