"""Import Keras and TensorFlow quietly, once, on whichever thread asks first.

TensorFlow's C++ side prints CUDA-probe and oneDNN lines to file descriptor 2
before its own log settings apply (``TF_CPP_MIN_LOG_LEVEL`` no longer hides
them in 2.21). dlviz captures fd 2 while TensorFlow loads and replays every
line that is not one of those known notices, so the user's terminal shows
dlviz's own status and any real error, nothing else.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading

_lock = threading.Lock()
_device: str | None = None
_tensorflow = None   # the module, once its import has finished

# glog/absl line prefix: I0000 00:00:1795728554.045722    4218 port.cc:153] ...
_NATIVE_NOTICE = re.compile(r"^[IWE]\d{4} [\d:.]+\s+\d+ [\w./-]+:\d+\] ")
_ABSL_PREAMBLE = "WARNING: All log messages before absl::InitializeLog() is called"


def quiet_tensorflow_logs() -> None:
    """Ask TensorFlow to print errors only (must run before its import)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def _is_notice(line: str) -> bool:
    return line.startswith(_ABSL_PREAMBLE) or bool(_NATIVE_NOTICE.match(line))


def _with_quiet_fd2(action):
    """Run ``action()`` with fd 2 captured; replay lines that are not notices."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        return action()  # no real fd 2 (embedded interpreter): nothing to hide
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            return action()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            text = capture.read().decode("utf-8", errors="replace")
            kept = [ln for ln in text.splitlines() if ln.strip() and not _is_notice(ln)]
            if kept:
                sys.stderr.write("\n".join(kept) + "\n")


def import_tensorflow():
    """Return the ``tensorflow`` module, importing it quietly on first use.

    A second thread asking while the first imports waits for it to finish:
    ``sys.modules`` holds the module from the import's start, and a thread
    that took it from there went on to import Keras beside the first one's
    import of TensorFlow's own modules, which Python stopped with a
    ``_DeadlockError`` (``benchmarks/draw_cost.py`` failed that way one run
    in three).
    """
    global _tensorflow
    if _tensorflow is not None:
        return _tensorflow
    quiet_tensorflow_logs()
    with _lock:
        if _tensorflow is not None:
            return _tensorflow

        def _load():
            import tensorflow  # noqa: PLC0415  (lazy on purpose; see module docstring)

            # The CUDA probe ("failed call to cuInit") runs at the first device
            # query; make it happen here, inside the capture.
            tensorflow.config.list_physical_devices()
            return tensorflow

        _tensorflow = _with_quiet_fd2(_load)
        return _tensorflow


def import_keras():
    """Return the ``keras`` module (TensorFlow backend), importing it quietly."""
    import_tensorflow()
    import keras  # noqa: PLC0415

    return keras


def training_device() -> str:
    """Name the device training will use: the first GPU's name, else ``"CPU"``.

    Memory growth is switched on for every GPU before first use so that
    dlviz does not grab the whole card at start-up.
    """
    global _device
    tf = import_tensorflow()
    with _lock:
        if _device is None:
            _device = _with_quiet_fd2(lambda: _describe_devices(tf))
        return _device


def _describe_devices(tf) -> str:
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "CPU"
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError:
            pass  # TensorFlow already initialised the GPU; growth is fixed now
    details = tf.config.experimental.get_device_details(gpus[0])
    name = details.get("device_name") or gpus[0].name
    more = f" (+{len(gpus) - 1} more)" if len(gpus) > 1 else ""
    return f"GPU: {name}{more}"
