"""Which devices train: one device, MirroredStrategy over several, mixed precision.

``tf.distribute.MirroredStrategy`` keeps a copy of the model on each device
and averages their gradients every step. Without several GPUs it can still
be seen working by splitting the CPU into logical devices
(:func:`split_cpu`), which must happen before TensorFlow sets its devices up.
"""

from __future__ import annotations

import contextlib

from dlviz.core.kerasenv import import_keras, import_tensorflow, training_device


def split_cpu(n: int = 2) -> None:
    """Split the first CPU into ``n`` logical devices (for MirroredStrategy on CPU).

    Raises:
        RuntimeError: TensorFlow has already set up its devices (any model,
            tensor or device query does that); call this first thing.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    tf = import_tensorflow()
    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(n)])
    except RuntimeError as exc:
        raise RuntimeError(
            "the CPU can only be split into logical devices before TensorFlow sets up "
            "its devices; call split_cpu() before building any model or tensor") from exc


def training_devices() -> list:
    """The logical devices training could spread over: the GPUs, else the CPUs."""
    tf = import_tensorflow()
    return tf.config.list_logical_devices("GPU") or tf.config.list_logical_devices("CPU")


def strategy_for(config):
    """The distribution strategy for ``config``, the device text and notes.

    Args:
        config: a :class:`~dlviz.core.training.config.TrainingConfig`; only
            ``distribute`` is read.

    Returns:
        ``(strategy, device_text, notes)``: a MirroredStrategy over every
        logical GPU (else CPU) when ``config.distribute`` and there are at
        least two, with text like "2 devices (MirroredStrategy): CPU:0,
        CPU:1"; otherwise ``(None, training_device(), notes)``.

    Example:
        >>> strategy, text, notes = strategy_for(TrainingConfig())  # doctest: +SKIP
        >>> strategy, text
        (None, 'CPU')
    """
    if not config.distribute:
        return None, training_device(), ()
    devices = training_devices()
    if len(devices) < 2:
        return None, training_device(), (
            "only one device: training without MirroredStrategy",)
    tf = import_tensorflow()
    names = [d.name for d in devices]
    strategy = tf.distribute.MirroredStrategy(devices=names)
    short = ", ".join(name.split("device:")[-1] for name in names)
    text = f"{len(names)} devices (MirroredStrategy): {short}"
    return strategy, text, (f"each batch is split across {len(names)} devices and "
                            "their gradients averaged",)


def _has_gpu() -> bool:
    return bool(import_tensorflow().config.list_physical_devices("GPU"))


@contextlib.contextmanager
def mixed_precision_scope(enabled: bool):
    """Build a model in mixed precision (float16 maths, float32 weights) on a GPU.

    Yields notes. On a GPU with ``enabled``, Keras's global policy is
    "mixed_float16" inside the block and restored on exit (also on error).
    Without a GPU nothing changes and the note says so.

    Example:
        >>> with mixed_precision_scope(True) as notes:  # doctest: +SKIP
        ...     model = build()
    """
    if not enabled:
        yield ()
        return
    if not _has_gpu():
        yield ("mixed precision needs a GPU; training in float32",)
        return
    keras = import_keras()
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        yield ("mixed precision: float16 maths, float32 weights",)
    finally:
        keras.mixed_precision.set_global_policy(previous)
