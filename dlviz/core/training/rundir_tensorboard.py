"""A run's scalars as TensorBoard event files, when TensorBoard is installed.

People who already use TensorBoard can open a dlviz run directory with
``tensorboard --logdir RUN/tensorboard``. Without the package nobody could
read the files, so none are written (``run.json`` says so).
"""

from __future__ import annotations

import importlib.util
import math


def tensorboard_available() -> bool:
    """Whether the ``tensorboard`` package can be imported here."""
    return importlib.util.find_spec("tensorboard") is not None


class ScalarWriter:
    """Loss and metrics per batch (``batch/...``) and per epoch (``epoch/...``)."""

    def __init__(self, folder):
        import tensorflow as tf

        from tensorflow.core.framework import summary_pb2

        self._tf = tf
        self._writer = tf.summary.create_file_writer(str(folder))
        # What tensorboard.summary.scalar writes, minus the need to import
        # tensorboard (tf.summary.scalar refuses to run without it).
        self._metadata = summary_pb2.SummaryMetadata(
            plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"),
            data_class=summary_pb2.DATA_CLASS_SCALAR).SerializeToString()

    def batch(self, global_step: int, loss: float, metrics: dict) -> None:
        self._write("batch", global_step, {"loss": loss, **(metrics or {})})

    def epoch(self, epoch: int, logs: dict) -> None:
        # Keras's TensorBoard callback counts epochs from 0 too.
        self._write("epoch", epoch, logs or {})
        self._writer.flush()

    def _write(self, prefix: str, step: int, values: dict) -> None:
        with self._writer.as_default():
            for name, value in values.items():
                try:
                    value = float(value)
                except (TypeError, ValueError):
                    continue
                if math.isfinite(value):
                    self._tf.summary.write(f"{prefix}/{name}", self._tf.constant(value),
                                           step=int(step), metadata=self._metadata)

    def flush(self) -> None:
        self._writer.flush()

    def close(self) -> None:
        self._writer.close()
