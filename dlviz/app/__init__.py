"""The Qt application. Imports ``dlviz.core``; the core never imports this."""

from dlviz.app import signal_refcounts

# Before anything emits. pyproject excludes PySide6 6.12.0, whose emit()
# drains True's reference count until Python 3.11 aborts; this guard keeps a
# machine that has it anyway alive, and does nothing on a correct PySide6.
signal_refcounts.install()
