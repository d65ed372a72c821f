"""The download helper against a real local server: unknown sizes, slow servers, cancel.

No internet: every byte comes from ``tests/local_http.py`` on 127.0.0.1.
Tests check the order of events (the client gave up before the server had
sent everything), never a duration.
"""

import threading

import pytest
from local_http import LocalServer

from dlviz.core.downloads import download_file
from dlviz.core.engine import Engine, JobCancelled
from dlviz.core.training.events import EngineReady, JobFailed, JobFinished, JobProgress

BODY = bytes(range(256)) * 1600  # 409,600 bytes


def cancel_once_bytes_arrive(done, total):
    if done > 0:
        raise JobCancelled("the person pressed stop")


def test_a_download_without_content_length_reports_an_unknown_total(tmp_path):
    events, ended = [], threading.Event()
    engine = Engine(warm_up=lambda: EngineReady("CPU", "test", "test", 0.0))

    def listen(event):
        events.append(event)
        if isinstance(event, (JobFinished, JobFailed)):
            ended.set()

    engine.add_listener(listen)
    target = tmp_path / "weights.h5"
    with LocalServer(BODY, content_length=False, piece=64 * 1024) as server:
        def job():
            return download_file(server.url, target, progress=lambda done, total:
                                 engine.report_progress(done, total, "Downloading weights:"))

        engine.start()
        engine.submit("model", job)
        assert ended.wait(LocalServer.STALL_LIMIT_S), events
        assert engine.stop()
    assert [type(e).__name__ for e in events if isinstance(e, (JobFinished, JobFailed))] \
        == ["JobFinished"], [e for e in events if isinstance(e, JobFailed)]
    assert target.read_bytes() == BODY
    progress = [e for e in events if isinstance(e, JobProgress)]
    assert progress and all(p.total == 0 for p in progress)  # 0: unknown, a busy bar
    assert progress[0].done == 0 and progress[0].text == "Downloading weights:"


def test_raising_from_progress_stops_a_trickling_download_at_once(tmp_path):
    with LocalServer(BODY, piece=2048, interval=0.02) as server:  # 200 pieces
        with pytest.raises(JobCancelled):
            download_file(server.url, tmp_path / "w.h5", progress=cancel_once_bytes_arrive)
        assert not server.finished.is_set()  # it gave up while the server still sent
    assert list(tmp_path.iterdir()) == []  # no partial file left behind


def test_a_stalled_download_still_asks_its_progress_callback(tmp_path):
    """A server that stops sending must not hold the job until its timeout."""
    got_bytes, cancel, outcome = threading.Event(), threading.Event(), []

    def progress(done, total):
        if done > 0:
            got_bytes.set()
        if cancel.is_set():
            raise JobCancelled("closing the window")

    def fetch():
        try:
            download_file(server.url, tmp_path / "w.h5", progress=progress)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome.append(exc)

    with LocalServer(BODY, piece=1024, stall=True) as server:
        worker = threading.Thread(target=fetch)
        worker.start()
        assert got_bytes.wait(LocalServer.STALL_LIMIT_S)
        cancel.set()  # now, while the server sends nothing
        worker.join(LocalServer.STALL_LIMIT_S)
        assert not server.finished.is_set()  # cancelled during the stall
        server.release()
    assert len(outcome) == 1 and isinstance(outcome[0], JobCancelled), outcome
    assert list(tmp_path.iterdir()) == []


def test_weights_download_is_cancelled_not_reported_unavailable(tmp_path, monkeypatch):
    from dlviz.core.zoo import imagenet_weights as iw

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(iw, "_TMP_HOME", str(tmp_path / "tmp_keras"))
    monkeypatch.setattr(iw, "_class_index_tried", False)
    with LocalServer(BODY, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(iw.WEIGHTS, "mobilenet",
                            iw.WeightsFile("MobileNet", "mobilenet_1_0_224_tf.h5", server.url, None))
        with pytest.raises(JobCancelled):
            iw.ensure_weights("mobilenet", progress=cancel_once_bytes_arrive)
        assert not server.finished.is_set()
        assert server.requests == 1  # nothing else (the class names) fetched after it
    assert list((tmp_path / "keras" / "models").iterdir()) == []


def test_dataset_download_is_cancelled_not_reported_unavailable(tmp_path, monkeypatch):
    from dlviz.core.training import keras_datasets

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    with LocalServer(BODY, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(keras_datasets.FILES, "mnist", (("mnist.npz", server.url, None),))
        with pytest.raises(JobCancelled):
            keras_datasets.load("mnist", progress=cancel_once_bytes_arrive)
        assert not server.finished.is_set()
    assert list((tmp_path / "keras" / "datasets").iterdir()) == []



def test_the_class_names_download_ends_when_its_job_is_cancelled(tmp_path, monkeypatch):
    from dlviz.core.training.events import JobDropped
    from dlviz.core.zoo import imagenet_weights as iw

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(iw, "_TMP_HOME", str(tmp_path / "tmp_keras"))
    monkeypatch.setattr(iw, "_class_index_tried", False)
    weights = tmp_path / "keras" / "models" / iw.WEIGHTS["mobilenet"].file_name
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"cached")  # Keras checks no hash for MobileNet
    events, ended = [], threading.Event()
    engine = Engine(warm_up=lambda: EngineReady("CPU", "test", "test", 0.0))
    engine.add_listener(lambda e: (events.append(e), isinstance(e, (JobFinished, JobFailed,
                                                                    JobDropped)) and ended.set()))
    with LocalServer(BODY, piece=1024, stall=True) as server:  # sends 1 kB, then nothing
        monkeypatch.setattr(iw, "CLASS_INDEX", iw.WeightsFile(
            "ImageNet class names", "imagenet_class_index.json", server.url, None))
        engine.start()
        job = engine.submit("model", lambda: iw.ensure_weights("mobilenet"))
        assert server.first_piece_sent.wait(LocalServer.STALL_LIMIT_S)
        engine.cancel(job)
        assert ended.wait(LocalServer.STALL_LIMIT_S)
        assert not server.finished.is_set()  # cancelled during the stall
        assert engine.stop()
    assert [(type(e).__name__, getattr(e, "reason", "")) for e in events
            if isinstance(e, (JobFinished, JobFailed, JobDropped))] == [("JobDropped", "cancelled")]
    assert iw._class_index_tried is False  # a later build tries again
    assert sorted(p.name for p in weights.parent.iterdir()) == [weights.name]
