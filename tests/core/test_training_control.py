"""TrainingControl: stop, pause and latest-wins probe requests across threads."""

import threading

import numpy as np
import pytest

from dlviz.core.training.control import TrainingControl


def test_pause_resume_and_stop_flags():
    control = TrainingControl()
    assert not control.paused and not control.stopped
    control.pause()
    assert control.paused
    control.resume()
    assert not control.paused
    control.pause()
    control.stop()
    assert control.stopped and not control.paused
    control.pause()                      # a stopped run cannot be paused again
    assert not control.paused
    control.reset()
    assert not control.stopped and not control.paused


def test_wait_while_paused_returns_promptly_on_stop_from_another_thread():
    control = TrainingControl()
    control.pause()
    stopper = threading.Timer(0.2, control.stop)
    stopper.start()
    waited = control.wait_while_paused(poll=0.05)  # returns once stop() is called
    stopper.join()
    assert waited >= 0.15  # it really waited for the stop, not returned at once
    assert control.stopped and not control.paused  # stop also ends the pause


def test_wait_while_paused_with_timeout_and_without_pause():
    control = TrainingControl()
    assert control.wait_while_paused() < 0.05
    control.pause()
    assert 0.1 <= control.wait_while_paused(poll=0.02, timeout=0.1) < 0.5
    assert control.paused


def test_probe_requests_are_latest_wins_and_copied():
    control = TrainingControl()
    assert control.take_probe_request() is None
    first = np.zeros((4, 4, 3), np.float32)
    control.request_probe(first, "first")
    control.request_probe(np.ones((5, 5, 1)), "second")
    first[:] = 1
    request = control.take_probe_request()
    assert request.name == "second" and request.image.shape == (5, 5, 1)
    assert request.image.dtype == np.float32
    assert control.take_probe_request() is None and not control.probe_pending
    with pytest.raises(ValueError):
        control.request_probe(np.zeros((4, 4)), "flat")


def test_watched_layer():
    control = TrainingControl()
    assert control.watched_layer is None
    control.watch_layer("conv")
    assert control.watched_layer == "conv"
    # Where the run starts, not a request: its first frame is not the filters' by force.
    assert not control.layer_pending
    control.watch_layer("conv")
    assert not control.layer_pending             # the same layer again
    control.watch_layer("conv2")                 # another, picked while it trains
    assert control.layer_pending and control.take_layer_request()
    assert not control.layer_pending and not control.take_layer_request()
