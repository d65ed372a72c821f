"""Fetch a file from the web into a cache, safely, reporting progress.

Used where dlviz offers a download (ImageNet weights, keras.datasets); never
by tests or default paths. The file is written to a ``.part`` beside its
target, checked (length and hash), then swapped in with ``os.replace``: an
interrupted or damaged download never leaves a file that looks complete.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.request
from pathlib import Path

CHUNK_BYTES = 1 << 20
TIMEOUT_S = 30


def download_file(url: str, target: Path, *, progress=None, expected_hash: str | None = None,
                  hash_name: str = "sha256") -> Path:
    """Download ``url`` to ``target`` atomically; returns ``target``.

    Args:
        progress: ``progress(done_bytes, total_bytes_or_None)`` while it runs.
        expected_hash: hex digest the file must have (None: not checked).
        hash_name: ``hashlib`` algorithm of ``expected_hash`` ("sha256", "md5").

    Raises:
        OSError / urllib.error.URLError: the network failed.
        ValueError: the download was cut short or its hash is wrong.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.new(hash_name, usedforsecurity=False)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, \
                urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            if progress is not None:
                progress(0, total)
            while chunk := response.read(CHUNK_BYTES):
                out.write(chunk)
                hasher.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        if total is not None and done != total:
            raise ValueError(f"the download stopped after {done:,} of {total:,} bytes")
        if expected_hash and hasher.hexdigest() != expected_hash:
            raise ValueError(f"the downloaded file is damaged (its {hash_name.upper()} hash "
                             f"is {hasher.hexdigest()}, not {expected_hash})")
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target

