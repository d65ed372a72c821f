"""A thread asking for TensorFlow while another imports it waits for the import to end."""

import sys
import threading

from dlviz.core import kerasenv


def test_a_second_thread_waits_for_the_import_under_way(monkeypatch):
    import tensorflow

    # As in the app: the module is in sys.modules from the start of its import,
    # and the importing thread holds the lock until the import is done.
    monkeypatch.setattr(kerasenv, "_tensorflow", None)
    assert "tensorflow" in sys.modules
    got = []
    kerasenv._lock.acquire()
    try:
        asker = threading.Thread(target=lambda: got.append(kerasenv.import_tensorflow()))
        asker.start()
        asker.join(0.3)
        # It did not take the half-imported module from sys.modules.
        assert asker.is_alive() and got == []
    finally:
        kerasenv._lock.release()
    asker.join(120)
    assert not asker.is_alive() and got == [tensorflow]
    assert kerasenv.import_tensorflow() is tensorflow   # kept: no lock the next time
