"""Downloads and long loads in the window: busy bar, newer choices, Stop, closing.

Weights and datasets come from a local server (``tests/local_http.py``) that
trickles bytes; nothing touches the internet. Tests check the order of
events (the job ended while the server still had bytes to send), never a
duration.
"""

import threading

import pytest
from local_http import LocalServer

from dlviz.core.training.events import JobDropped, JobFailed, JobFinished

BODY = b"\0" * 800_000  # 400 pieces of 2 kB, one every 20 ms: the download takes a while


@pytest.fixture(params=[False, True], ids=["size unknown", "size known"])
def slow_weights(request, tmp_path, monkeypatch):
    """MobileNet's ImageNet weights served slowly, without and with a Content-Length."""
    from dlviz.core.zoo import imagenet_weights as iw

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(iw, "_TMP_HOME", str(tmp_path / "tmp_keras"))
    monkeypatch.setattr(iw, "_class_index_tried", True)  # no second request
    with LocalServer(BODY, content_length=request.param, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(iw.WEIGHTS, "mobilenet",
                            iw.WeightsFile("MobileNet", "mobilenet_1_0_224_tf.h5", server.url, None))
        yield server


def start_download(qtbot, window):
    """Choose MobileNet (ImageNet) and wait until its first bytes are shown."""
    with qtbot.waitSignal(window.bridge.job_progressed, timeout=60_000,
                          check_params_cb=lambda e: e.done > 0) as blocker:
        window.build_model("mobilenet-imagenet")
    return blocker.args[0].job_id


def test_unknown_size_shows_a_busy_bar_until_a_newer_choice_replaces_it(
        qtbot, window, slow_weights):
    job = start_download(qtbot, window)
    assert window.progress.isVisible()
    assert window.progress.busy == (not slow_weights.content_length)
    assert window.progress.bar.format().startswith("Downloading weights:")
    dropped = []
    window.bridge.job_dropped.connect(dropped.append)
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.build_model("lenet5")
    assert not slow_weights.finished.is_set()  # the download was interrupted, not waited for
    assert [(d.job_id, d.reason) for d in dropped] == [(job, "superseded")]
    assert window.progress.isHidden()
    assert not window.banner.isVisible()  # a replaced job is no error
    assert window.layer_table.title.text() == "LeNet-5 (1998)"


def test_stop_beside_the_bar_cancels_the_download(qtbot, window, slow_weights):
    job = start_download(qtbot, window)
    with qtbot.waitSignal(window.bridge.job_dropped, timeout=60_000) as blocker:
        window.progress.stop_button.click()
    assert (blocker.args[0].job_id, blocker.args[0].reason) == (job, "cancelled")
    assert not slow_weights.finished.is_set()
    assert window.progress.isHidden() and not window.banner.isVisible()
    assert window.layer_table.notes.text() == ""  # no longer "Building…"


def test_closing_during_a_download_cancels_it_instead_of_waiting(qtbot, window, slow_weights):
    seen, lock = [], threading.Lock()

    def record(event):  # on the engine thread: the bridge is silenced by close
        with lock:
            seen.append(event)

    window.engine.add_listener(record)
    job = start_download(qtbot, window)
    window.close()
    assert not window.engine.running
    assert not slow_weights.finished.is_set()  # closed while the server still sent
    ends = [e for e in seen if isinstance(e, (JobFinished, JobFailed, JobDropped))
            and e.job_id == job]
    assert [(type(e).__name__, getattr(e, "reason", "")) for e in ends] \
        == [("JobDropped", "cancelled")]


def test_stopping_training_while_its_dataset_downloads(qtbot, window, tmp_path, monkeypatch):
    from dlviz.core.training import keras_datasets
    from dlviz.core.training.config import DataSpec, TrainingConfig

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.build_model("lenet5")
    with LocalServer(BODY, piece=2048, interval=0.02) as server:
        monkeypatch.setitem(keras_datasets.FILES, "mnist", (("mnist.npz", server.url, None),))
        with qtbot.waitSignal(window.bridge.job_progressed, timeout=60_000,
                              check_params_cb=lambda e: e.kind == "train" and e.done > 0):
            window.training.start(TrainingConfig(data=DataSpec("mnist"), epochs=1))
        assert window.progress.isVisible() and not window.progress.busy
        with qtbot.waitSignal(window.bridge.training_stopped, timeout=60_000) as blocker:
            window.progress.stop_button.click()  # routed to the training's own Stop
        assert not server.finished.is_set()
    assert blocker.args[0].reason == "stopped"
    qtbot.waitUntil(lambda: window.progress.isHidden(), timeout=10_000)
    assert window.training.state == "idle" and window.library.isEnabled()


def test_a_stale_model_failure_leaves_the_newer_load_busy(qtbot, window, tmp_path):
    from dlviz.core.zoo import create

    failed = threading.Event()
    window.engine.add_listener(
        lambda e: failed.set() if isinstance(e, JobFailed) and e.kind == "model" else None)
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    net = create("lenet5")
    net.build()
    good = net.save(tmp_path / "mine.keras")

    window.open_model_file(str(bad))
    assert failed.wait(60)  # the engine reported it; the window has not seen it yet
    gate = threading.Event()
    window.engine.submit("hold", lambda: gate.wait(60))  # keeps the newer load waiting
    window.open_model_file(str(good))
    with qtbot.waitSignal(window.bridge.job_failed, timeout=60_000):
        pass  # the old failure reaches the window now
    assert window.layer_table.notes.text() == "Opening mine.keras…"
    assert not window.banner.isVisible()
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "model"):
        gate.set()
    assert window.layer_table.title.text() == "mine.keras"
