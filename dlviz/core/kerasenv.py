"""Import Keras and TensorFlow quietly, once, on whichever thread asks first.

TensorFlow prints CUDA-probe lines on machines without a GPU. Setting the
log level *before* the first import keeps the user's terminal for dlviz's
own messages.
"""

from __future__ import annotations

import os
import threading

_lock = threading.Lock()
_device: str | None = None


def quiet_tensorflow_logs() -> None:
    """Ask TensorFlow's C++ side to print errors only (must run before import)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def import_keras():
    """Return the ``keras`` module, importing TensorFlow first if needed."""
    quiet_tensorflow_logs()
    import keras  # noqa: PLC0415  (lazy on purpose; see module docstring)

    return keras


def training_device() -> str:
    """Name the device training will use: the first GPU's name, else ``"CPU"``.

    Memory growth is switched on for every GPU before first use so that
    dlviz does not grab the whole card at start-up.
    """
    global _device
    with _lock:
        if _device is not None:
            return _device
        quiet_tensorflow_logs()
        import tensorflow as tf  # noqa: PLC0415

        gpus = tf.config.list_physical_devices("GPU")
        if not gpus:
            _device = "CPU"
            return _device
        for gpu in gpus:
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
            except RuntimeError:
                pass  # already initialised; growth can no longer change
        details = tf.config.experimental.get_device_details(gpus[0])
        name = details.get("device_name") or gpus[0].name
        _device = f"GPU: {name}" + (f" (+{len(gpus) - 1} more)" if len(gpus) > 1 else "")
        return _device
