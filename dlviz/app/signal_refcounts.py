"""Work around PySide6 6.12.0 losing a reference to True on every emit.

In PySide6 6.12.0, ``SignalInstance.emit()`` (and a successful
``disconnect()``) returns ``True`` without adding a reference to it. Each
call from Python therefore takes one reference away from ``True``; when the
count reaches zero the interpreter aborts with "Fatal Python error:
bool_dealloc". pyqtgraph emits from Python on every repaint, range change
and mouse move, so a window with plots dies within minutes, and a test run
dies at exit.

``install()`` measures the bug first and patches only when it is there, so
a fixed PySide6 is left alone. Each patched call adds back the missing
reference. Call it before the first emit (importing ``dlviz.app.views``
does).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    fired = Signal()


def emit_loses_true() -> int:
    """How many references to True ten emits lose (0 in a correct PySide6)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):  # give back what the measurement took
        _incref(True)
    return lost


def _mend(method):
    def mended(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        if result is True:
            _incref(result)
        return result

    mended.__name__, mended.__doc__ = method.__name__, method.__doc__
    mended.dlviz_mended = True
    return mended


def install() -> bool:
    """Patch emit/disconnect where they lose references; True if patched."""
    if getattr(SignalInstance.emit, "dlviz_mended", False):
        return True
    if emit_loses_true() < 10:
        return False
    SignalInstance.emit = _mend(SignalInstance.emit)
    SignalInstance.disconnect = _mend(SignalInstance.disconnect)
    return True
