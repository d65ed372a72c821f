"""What the live-overhead benchmarks time inside a run: epochs' wall and CPU clocks,
each thread's CPU over the steady epochs, the run writer's own seconds."""

from __future__ import annotations

import time

from _common import IdleSampler, cpu_by_thread, thread_names, thread_seconds

#: Idle windows of this process (set by ``live_overhead.start_sampler``; None: not sampled).
SAMPLER: IdleSampler | None = None


class SteadyMarks:
    """Wall and CPU clocks at each epoch's begin and end, and every thread's CPU
    over the steady epochs (those after the first): what ``steady()`` returns.

    Epoch hooks (the live run's checkpoints) fall between an epoch's end and
    the next one's begin, outside both the wall and the CPU figures, as they
    are outside ``EpochEnded.seconds``.
    """

    def __init__(self):
        self.marks: list[list[float]] = []     # [wall begin, cpu begin, wall end, cpu end]
        self._threads = None

    def begin(self, epoch: int) -> None:
        if epoch >= 1 and self._threads is None:
            self._threads = thread_seconds()
        self.marks.append([time.perf_counter(), time.process_time(), None, None])

    def end(self) -> None:
        if self.marks and self.marks[-1][2] is None:
            self.marks[-1][2:] = [time.perf_counter(), time.process_time()]
            self._after = thread_seconds()

    def steady(self) -> dict:
        """``steady_cpu`` (CPU seconds within the steady epochs), ``idle`` (seconds
        no thread of the process ran or waited for a CPU in them) and
        ``threads`` (CPU seconds of each thread from the first steady epoch's
        begin to the last one's end)."""
        steady = [m for m in self.marks[1:] if m[2] is not None]
        idle = sum(SAMPLER.idle_between(m[0], m[2]) for m in steady) if SAMPLER else 0.0
        threads = cpu_by_thread(self._threads, self._after, thread_names()) \
            if self._threads is not None else {}
        return {"steady_cpu": sum(m[3] - m[1] for m in steady), "idle": idle,
                "steady_epochs": [(m[2] - m[0], m[3] - m[1]) for m in steady],
                "threads": {k: v for k, v in threads.items() if v > 0.005}}


def epoch_timer():
    """A callback keeping each epoch's seconds (as ``EpochEnded.seconds`` does), the
    process's CPU seconds at each epoch's end (what a busy machine disturbs less)
    and its ``SteadyMarks`` (``timer.steady()``)."""
    from dlviz.core.kerasenv import import_keras

    class Timer(import_keras().callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.cpu = [], []
            self.marks = SteadyMarks()
            self.steady = self.marks.steady

        def on_epoch_begin(self, epoch, logs=None):
            self._began = time.perf_counter()
            self.marks.begin(epoch)

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._began)
            self.cpu.append(time.process_time())
            self.marks.end()

    return Timer()


class RunTimer:
    """A run writer that also keeps the seconds its calls took during ``fit``
    (batches, frames, epoch ends; not the run's start and end records)."""

    def __init__(self, folder, config, model_source: str = "vgg16-mini"):
        from dlviz.core.training.rundir_writer import SNAPSHOT_SECONDS, RunWriter

        self.writer = RunWriter(folder, config=config, model_source=model_source,
                                snapshot_seconds=SNAPSHOT_SECONDS)   # as the app
        self.seconds = 0.0

    def __call__(self, event) -> None:
        from dlviz.core.training.events import TrainingStarted, TrainingStopped

        began = time.perf_counter()
        self.writer(event)
        if not isinstance(event, (TrainingStarted, TrainingStopped)):
            self.seconds += time.perf_counter() - began

    def checkpoint(self, model, epoch, logs=None):
        return self.writer.checkpoint(model, epoch, logs)

