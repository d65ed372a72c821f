"""Stop and close reach the workspace's long jobs: a model build, a dataset download.

The engine runs real workspace methods; the data comes from a local server
that trickles bytes (``tests/local_http.py``). Tests check the order of
events, never a duration.
"""

import threading

import pytest
from local_http import LocalServer

from dlviz.core.engine import Engine
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.events import (EngineReady, JobDropped, JobFailed, JobFinished,
                                        TrainingStopped)
from dlviz.core.workspace import Workspace


class Events(list):
    """Every engine event, and a way to wait until one of them matches."""

    def __init__(self):
        super().__init__()
        self._cond = threading.Condition()

    def __call__(self, event):
        with self._cond:
            self.append(event)
            self._cond.notify_all()

    def wait(self, predicate, timeout=120):
        with self._cond:
            assert self._cond.wait_for(lambda: any(predicate(e) for e in self), timeout), self


@pytest.fixture
def engine():
    eng = Engine(warm_up=lambda: EngineReady("CPU", "test", "test", 0.0))
    eng.events = Events()
    eng.add_listener(eng.events)
    eng.start()
    yield eng
    assert eng.stop()


def ends(job_id):
    return lambda e: isinstance(e, (JobFinished, JobFailed, JobDropped)) and e.job_id == job_id


def test_a_cancelled_model_build_stops_between_its_stages(engine):
    ws, started, go = Workspace(), threading.Event(), threading.Event()

    def build():
        started.set()
        go.wait(30)
        return ws.build_zoo_model("lenet5")

    job = engine.submit("model", build, slot="model")
    assert started.wait(30)
    assert engine.cancel(job)
    go.set()
    engine.events.wait(ends(job))
    assert [type(e).__name__ for e in engine.events if ends(job)(e)] == ["JobDropped"]
    assert [e.reason for e in engine.events if isinstance(e, JobDropped)] == ["cancelled"]
    assert ws.model is None  # nothing was built


def test_stopping_training_while_its_dataset_downloads_ends_it_as_stopped(
        engine, tmp_path, monkeypatch):
    from dlviz.core.training import keras_datasets

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    ws, control, got_bytes = Workspace(), TrainingControl(), threading.Event()
    built = engine.submit("model", lambda: ws.build_zoo_model("lenet5"))
    engine.events.wait(ends(built))

    def progress(done, total):
        if done > 0:
            got_bytes.set()

    with LocalServer(b"\0" * 400_000, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(keras_datasets.FILES, "mnist", (("mnist.npz", server.url, None),))
        config = TrainingConfig(data=DataSpec("mnist"), epochs=1)
        job = engine.submit("train", lambda: ws.train(config, emit=engine.emit, control=control,
                                                      progress=progress))
        assert got_bytes.wait(LocalServer.STALL_LIMIT_S)
        control.stop()  # the Stop button
        engine.events.wait(ends(job))
        assert not server.finished.is_set()  # it did not wait for the download
    stops = [e for e in engine.events if isinstance(e, TrainingStopped)]
    assert [(s.reason, s.epochs_done) for s in stops] == [("stopped", 0)]
    finished = [e for e in engine.events if ends(job)(e)]
    assert isinstance(finished[0], JobFinished) and finished[0].result == stops[0]
    assert list((tmp_path / "keras" / "datasets").iterdir()) == []


def test_a_stopped_weights_download_leaves_the_current_model_as_it_was(tmp_path, monkeypatch):
    from dlviz.core.engine import JobCancelled
    from dlviz.core.zoo import imagenet_weights as iw

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(iw, "_TMP_HOME", str(tmp_path / "tmp_keras"))
    monkeypatch.setattr(iw, "_class_index_tried", True)
    ws = Workspace()
    ws.build_zoo_model("lenet5")
    before = ws.model

    def stop_once_bytes_arrive(done, total):
        if done > 0:
            raise JobCancelled("Stop")

    with LocalServer(b"\0" * 400_000, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(iw.WEIGHTS, "mobilenet",
                            iw.WeightsFile("MobileNet", "mobilenet_1_0_224_tf.h5", server.url, None))
        with pytest.raises(JobCancelled):
            ws.build_zoo_model("mobilenet-imagenet", stop_once_bytes_arrive)
        assert not server.finished.is_set()
    assert ws.model is before and ws.source == "lenet5"  # images can still be looked at
    assert ws.current_summary().total_params == 61_706
