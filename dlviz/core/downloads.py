"""Fetch a file from the web into a cache, safely, reporting progress.

Used where dlviz offers a download (ImageNet weights, keras.datasets); never
by tests or default paths. The protocol, step by step:

1. A reader thread opens the URL and reads the body piece by piece, each
   piece as soon as it arrives (``read1``), into a small bounded queue.
2. The calling thread (the engine's) writes each piece to a ``.part`` file
   beside the target and calls ``progress(done, total)``; ``total`` is None
   when the server sends no ``Content-Length``. While the server sends
   nothing it still calls ``progress`` every ``HEARTBEAT_S``, so a callback
   that raises (the job was cancelled) ends the download at once, even on a
   stalled connection.
3. The length and hash are checked and the file is swapped in with
   ``os.replace``: an interrupted, cancelled or damaged download never leaves
   a file that looks complete. On any exception the reader is abandoned: it
   closes the connection when its current read returns (at the latest after
   ``TIMEOUT_S``), on its own thread, never holding up the caller.
"""

from __future__ import annotations

import hashlib
import os
import queue
import tempfile
import threading
import urllib.request
from pathlib import Path

CHUNK_BYTES = 1 << 20
TIMEOUT_S = 30
#: How often ``progress`` is called while the server sends nothing.
HEARTBEAT_S = 0.25


def download_file(url: str, target: Path, *, progress=None, expected_hash: str | None = None,
                  hash_name: str = "sha256") -> Path:
    """Download ``url`` to ``target`` atomically; returns ``target``.

    Args:
        progress: ``progress(done_bytes, total_bytes_or_None)`` while it runs,
            for every piece and at least every ``HEARTBEAT_S``; whatever it
            raises (e.g. ``JobCancelled``) stops the download and propagates.
        expected_hash: hex digest the file must have (None: not checked).
        hash_name: ``hashlib`` algorithm of ``expected_hash`` ("sha256", "md5").

    Raises:
        OSError / urllib.error.URLError: the network failed.
        ValueError: the download was cut short or its hash is wrong.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.new(hash_name, usedforsecurity=False)
    report = progress or (lambda done, total: None)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".part")
    reader = _Reader(url)
    try:
        with os.fdopen(handle, "wb") as out:
            total = reader.wait_for(reader.started, report, 0, None)
            report(0, total)
            done = 0
            while chunk := reader.next_chunk(report, done, total):
                out.write(chunk)
                hasher.update(chunk)
                done += len(chunk)
                report(done, total)
        if total is not None and done != total:
            raise ValueError(f"the download stopped after {done:,} of {total:,} bytes")
        if expected_hash and hasher.hexdigest() != expected_hash:
            raise ValueError(f"the downloaded file is damaged (its {hash_name.upper()} hash "
                             f"is {hasher.hexdigest()}, not {expected_hash})")
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        reader.abandon()
    return target


class _Reader:
    """Reads one URL on its own thread; the caller takes pieces with a heartbeat.

    The reader alone touches the connection (opens, reads, closes it), so
    the caller can walk away at any moment without a cross-thread close.
    """

    def __init__(self, url: str):
        self.started: queue.Queue = queue.Queue(maxsize=1)   # total or an exception
        self._pieces: queue.Queue = queue.Queue(maxsize=16)  # bytes, b"" at the end, or an exception
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(url,),
                                        name="dlviz-download", daemon=True)
        self._thread.start()

    def abandon(self) -> None:
        """The caller is done (finished, failed or cancelled); stop reading."""
        self._abandoned.set()

    def next_chunk(self, report, done: int, total: int | None) -> bytes:
        return self.wait_for(self._pieces, report, done, total)

    def wait_for(self, box: queue.Queue, report, done: int, total: int | None):
        """The next item of ``box``, calling ``report`` each heartbeat meanwhile."""
        while True:
            try:
                item = box.get(timeout=HEARTBEAT_S)
            except queue.Empty:
                report(done, total)  # nothing arrived: the callback may cancel
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def _run(self, url: str) -> None:
        try:
            response = urllib.request.urlopen(url, timeout=TIMEOUT_S)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            self._put(self.started, exc)
            return
        try:
            length = response.headers.get("Content-Length")
            self._put(self.started, int(length) if length and length.isdigit() else None)
            read = getattr(response, "read1", response.read)  # read1: what has arrived
            while not self._abandoned.is_set():
                chunk = read(CHUNK_BYTES)
                self._put(self._pieces, chunk)
                if not chunk:
                    break
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            self._put(self._pieces, exc)
        finally:
            response.close()

    def _put(self, box: queue.Queue, item) -> None:
        while not self._abandoned.is_set():
            try:
                box.put(item, timeout=HEARTBEAT_S)
                return
            except queue.Full:
                continue
