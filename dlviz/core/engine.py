"""The one thread that owns every Keras object.

TensorFlow's ``predict`` is not thread-safe and Keras keeps per-thread state
(safe mode, name scopes), so every model call in dlviz runs here, one job at
a time. The protocol, step by step:

1. ``start()`` launches the thread; it imports TensorFlow (slow) and reports
   ``EngineReady`` or ``EngineFailed``. Jobs submitted earlier wait.
2. ``submit(kind, fn, slot=...)`` queues ``fn``. With a ``slot``, a job still
   waiting in the same slot is replaced (``JobDropped("replaced")``): the
   queue never grows with stale requests.
3. The thread runs each job and reports ``JobFinished`` / ``JobFailed``. If a
   newer job entered the same slot while this one ran, its result (or its
   failure) is stale and is reported as ``JobDropped("superseded")`` instead;
   the newer job also cancels it (step 5), so it ends at its next check.
4. ``stop()`` drops the waiting jobs, cancels the running one, joins the thread.
5. Cancellation is cooperative. ``cancel(job_id)`` drops a waiting job at once
   (``JobDropped("cancelled")``) and marks a running one; the running job
   notices at its next ``report_progress`` or ``raise_if_cancelled()``, which
   raise :class:`JobCancelled`, and is reported as ``JobDropped("cancelled")``
   (or ``"superseded"``). Downloads call ``report_progress`` for every piece
   and while a server is silent, so stop and close never wait for a download.

Listeners are plain callables receiving frozen events on the engine thread.
"""

from __future__ import annotations

import itertools
import os
from contextlib import contextmanager
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

from dlviz.core.training.events import (
    EngineEvent,
    EngineFailed,
    EngineReady,
    JobDropped,
    JobFailed,
    JobFinished,
    JobProgress,
    JobStarted,
)

Listener = Callable[[EngineEvent], None]

#: How much lower than the GUI's the engine thread's scheduling priority is
#: (Linux nice steps). TensorFlow's worker threads, started from the engine
#: thread, inherit it. Training keeps every core the GUI leaves idle, but
#: when both want one, the thread that answers clicks and repaints comes
#: first: on two cores, training at equal priority left the GUI thread
#: waiting for a core for up to 0.3 s at a time (benchmarks/gui_stall.py).
ENGINE_NICENESS = 5


class JobCancelled(Exception):
    """Raised inside a job that was cancelled (stop, close, a newer request)."""


# The job running on this thread, if any (only the engine thread ever sets it).
_this_thread = threading.local()


def raise_if_cancelled() -> None:
    """Inside an engine job: raise :class:`JobCancelled` if it was cancelled.

    Long jobs call it between stages (a model build); anywhere else it does
    nothing, so core code can call it whether or not an engine runs it.
    """
    job = getattr(_this_thread, "job", None)
    if job is not None and job.cancelled.is_set():
        raise JobCancelled(f"{job.label} was cancelled")


@dataclass
class _Job:
    job_id: int
    kind: str
    fn: Callable[[], Any]
    slot: str | None
    label: str
    cancelled: threading.Event = field(default_factory=threading.Event)


def describe_error(exc: BaseException) -> str:
    """One line a person can act on, for any exception a job raised."""
    name = type(exc).__name__
    text = " ".join(str(exc).split()) or name
    if name in {"ResourceExhaustedError", "MemoryError"} or "OOM" in text:
        return f"Out of memory: {text[:300]}. Try a smaller batch, input size or model."
    if getattr(exc, "user_message", False) or name.endswith(("FileError", "LoadError", "DatasetError")):
        return text  # dlviz's own errors are already written for people
    return f"{name}: {text[:500]}"


class Engine:
    """Runs Keras work on a single background thread.

    Args:
        warm_up: called once on the engine thread before the first job; by
            default it imports TensorFlow and names the training device.
    """

    def __init__(self, warm_up: Callable[[], EngineReady] | None = None):
        self._warm_up = warm_up or _load_tensorflow
        self._listeners: list[Listener] = []
        self._pending: deque[_Job] = deque()
        self._latest_in_slot: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.ready_event: EngineReady | None = None
        self._current: _Job | None = None
        self._last_progress = 0.0
        #: Engine-thread-only state that jobs share (the current model, ...).
        self.state: dict[str, Any] = {}

    # -- wiring --------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def emit(self, event: EngineEvent) -> None:
        """Send ``event`` to every listener (jobs use it for training events)."""
        self._emit(event)

    def _emit(self, event: EngineEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not kill the engine
                import traceback

                traceback.print_exc()

    # -- lifecycle -------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="dlviz-engine", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float | None = 30.0) -> bool:
        """Drop waiting jobs, cancel the current one, join the thread.

        A job that never checks for cancellation (a Keras call) still runs to
        its end. Returns True when the thread has ended.
        """
        with self._cond:
            self._stopping = True
            self._pending.clear()
            if self._current is not None:
                self._current.cancelled.set()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    # -- jobs ----------------------------------------------------------------
    def submit(self, kind: str, fn: Callable[[], Any], *, slot: str | None = None,
               label: str = "") -> int:
        """Queue ``fn`` to run on the engine thread; returns its job id."""
        dropped: list[_Job] = []
        with self._cond:
            if self._stopping:
                raise RuntimeError("the engine has stopped")
            job = _Job(next(self._ids), kind, fn, slot, label or kind)
            if slot is not None:
                dropped = [j for j in self._pending if j.slot == slot]
                for old in dropped:
                    self._pending.remove(old)
                self._latest_in_slot[slot] = job.job_id
                if self._current is not None and self._current.slot == slot:
                    self._current.cancelled.set()  # its result would be stale anyway
            self._pending.append(job)
            self._cond.notify_all()
        for old in dropped:
            self._emit(JobDropped(old.job_id, old.kind, "replaced"))
        return job.job_id

    def cancel(self, job_id: int) -> bool:
        """Cancel a waiting or running job; False when it is no longer there.

        A waiting job is dropped now; a running one ends at its next check
        (``report_progress`` or ``raise_if_cancelled``) and is then reported
        as dropped. Safe to call from any thread.
        """
        with self._cond:
            waiting = next((j for j in self._pending if j.job_id == job_id), None)
            if waiting is not None:
                self._pending.remove(waiting)
            elif self._current is not None and self._current.job_id == job_id:
                self._current.cancelled.set()
                return True
            else:
                return False
        self._emit(JobDropped(waiting.job_id, waiting.kind, "cancelled"))
        return True

    def _next_job(self) -> _Job | None:
        with self._cond:
            while not self._pending and not self._stopping:
                self._cond.wait()
            if self._stopping:
                return None
            # Current from the moment it leaves the queue, so cancel() finds it.
            self._current = self._pending.popleft()
            return self._current

    def _run(self) -> None:
        lower_this_thread_priority(ENGINE_NICENESS)
        try:
            self.ready_event = self._warm_up()
            self._emit(self.ready_event)
        except Exception as exc:  # noqa: BLE001 - reported, engine keeps serving
            self._emit(EngineFailed(describe_error(exc)))
        while (job := self._next_job()) is not None:
            self._run_job(job)

    def report_progress(self, done: float, total: float | None = 0, text: str = "") -> None:
        """Called from inside a job: emit ``JobProgress`` at most ~10 times a second.

        ``total`` is None or 0 when unknown (a server that sends no size): the
        event then carries 0 and the window shows a busy bar.

        Raises:
            JobCancelled: the job was cancelled; let it propagate.
        """
        job = self._current
        if job is None or threading.current_thread() is not self._thread:
            return
        raise_if_cancelled()
        total = float(total or 0)
        now = time.perf_counter()
        if now - self._last_progress < 0.1 and not (total and done >= total):
            return
        self._last_progress = now
        self._emit(JobProgress(job.job_id, job.kind, float(done), total, text))

    def _run_job(self, job: _Job) -> None:
        self._emit(JobStarted(job.job_id, job.kind, job.label))
        _this_thread.job = job
        began = time.perf_counter()
        try:
            result, error = job.fn(), None
        except BaseException as exc:  # noqa: BLE001 - every failure is reported
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            result, error = None, exc
        finally:
            _this_thread.job = None
            with self._cond:
                self._current = None
                stale = job.slot is not None and self._latest_in_slot.get(job.slot) != job.job_id
        if stale:  # a newer request took its place: neither result nor failure matters
            self._emit(JobDropped(job.job_id, job.kind, "superseded"))
        elif isinstance(error, JobCancelled) or (error is not None and job.cancelled.is_set()):
            self._emit(JobDropped(job.job_id, job.kind, "cancelled"))
        elif error is not None:
            self._emit(JobFailed(job.job_id, job.kind, describe_error(error),
                                 type(error).__name__))
        else:
            self._emit(JobFinished(job.job_id, job.kind, result, time.perf_counter() - began))


@contextmanager
def fewer_full_collections(factor: int = 10):
    """Within the block (a training run), Python's full garbage collections come
    ``factor`` times less often; the usual pace returns after it, even on an error.

    A full collection walks every object made since TensorFlow was imported
    (the model, its traced functions) with the GIL held: 20-140 ms on two busy
    cores, a visible hitch in the live views every 10-20 s of training
    (``benchmarks/gui_stall.py`` names it). Young collections still run as
    usual, so short-lived garbage is freed as before; long-lived cyclic
    garbage waits a little longer.

    Example:
        with fewer_full_collections():
            workspace.train(config, ...)
    """
    import gc

    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, full * factor)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def lower_this_thread_priority(steps: int) -> bool:
    """Make the calling thread ``steps`` nice levels nicer (Linux; threads it starts inherit it).

    Linux keeps a nice value per thread, so only this thread and those it
    starts later yield. Elsewhere nothing changes: macOS and Windows have no
    per-thread nice value through ``os``, and a whole process must not be
    slowed. Returns True when the priority was lowered.
    """
    if not sys.platform.startswith("linux") or steps <= 0:
        return False
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + steps)
    except OSError:  # a sandbox that forbids it: run at the usual priority
        return False
    return True


def _load_tensorflow() -> EngineReady:
    from dlviz.core.kerasenv import import_keras, import_tensorflow, training_device

    began = time.perf_counter()
    tf = import_tensorflow()
    keras = import_keras()
    device = training_device()
    freeze_imported_objects()
    return EngineReady(device, tf.__version__, keras.__version__, time.perf_counter() - began)


def freeze_imported_objects() -> None:
    """Leave what is alive now (TensorFlow's and Qt's modules) out of later garbage collections.

    Importing TensorFlow adds some 300,000 objects that live as long as the
    process. Each full collection walked them all, about 0.4 s with the GIL
    held, in whichever thread happened to allocate (often the engine thread
    while TensorFlow traces a function): the window froze for that long
    mid-training (``benchmarks/gui_stall.py`` names the collection). Frozen,
    they are never walked again; no collection runs first, which would itself
    be the 0.4 s pause, so the little garbage of the imports stays (a few
    hundred kilobytes). Objects made later (models, traces) are collected as
    usual.
    """
    import gc

    gc.freeze()
