"""One thread for a run directory's slow disk work, so training does not wait on the disk.

Forcing the history to disk (``fsync``) and writing a snapshot file (encoding
its arrays, writing, two ``fsync`` calls) took 5-700 ms on a busy disk, on the
engine thread, between two training batches: time the live views' budget pays
for (``ProbeBudget.bookkeeping``) and a bare ``fit`` does not. Epoch
checkpoints are written here too, from a copy the engine took
(``checkpoint_copy``). Jobs run in the
order given; ``wait`` returns when all are done. A job that fails keeps its
exception until the next ``submit`` or ``wait`` raises it, so no error is lost.

Example:
    >>> worker = DiskWorker()
    >>> done = []
    >>> worker.submit(lambda: done.append(1)); worker.wait(); done
    [1]
    >>> worker.close()
"""

from __future__ import annotations

import queue
import threading
from typing import Callable


class DiskWorker:
    """A background thread running jobs (callables without arguments) in order.

    Args:
        name: the thread's name (seen in debuggers and stall reports).
    """

    def __init__(self, name: str = "dlviz-run-disk"):
        self._name = name
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def submit(self, job: Callable[[], object]) -> None:
        """Run ``job`` after the jobs before it; raises an earlier job's error first."""
        self._raise()
        if self._thread is None or not self._thread.is_alive():
            # A daemon: a process that exits without ``close`` loses only the
            # jobs still queued, as a crash would (every file is written atomically).
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def wait(self) -> None:
        """Return when every job submitted so far is done; raise the first failure."""
        if self._thread is not None:
            self._jobs.join()
        self._raise()

    def close(self) -> None:
        """Finish the queued jobs and end the thread (idempotent); raise a failure."""
        thread, self._thread = self._thread, None
        if thread is not None and thread.is_alive():
            self._jobs.put(None)
            thread.join()
        self._raise()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except BaseException as exc:  # noqa: BLE001 - kept, raised on the caller's thread
                if self._error is None:
                    self._error = exc
            finally:
                self._jobs.task_done()

    def _raise(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error
