"""Training in the window: start, watch, pause, stop, faults, close."""

import numpy as np
import pytest
from PIL import Image

from dlviz.core.training.config import DataSpec, TrainingConfig


def small_config(**changes):
    base = dict(data=DataSpec(kind="digits", samples=256), epochs=1, batch_size=32,
                learning_rate=1e-3)
    base.update(changes)
    return TrainingConfig(**base)


@pytest.fixture
def lenet(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("lenet5-modern")
    path = tmp_path / "digit.png"
    Image.fromarray((np.random.default_rng(0).random((32, 32)) * 255).astype("uint8")).save(path)
    with qtbot.waitSignal(window.images.analysis_shown, timeout=60_000):
        window.open_image(str(path))
    return window


def test_a_short_run_streams_batches_frames_and_finishes(qtbot, lenet):
    win = lenet
    batches, frames = [], []
    win.bridge.batch_ended.connect(batches.append)
    win.bridge.live_frame_arrived.connect(frames.append)
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=180_000) as blocker:
        win.training_panel.start_requested.emit(small_config(epochs=2))
        assert win.training.state == "running"
        assert not win.library.isEnabled()  # no model swap mid-training
    stopped = blocker.args[0]
    assert stopped.reason == "finished" and stopped.epochs_done == 2
    assert batches and batches[-1].epoch == 1
    assert all(np.isfinite(b.loss) for b in batches)
    assert frames, "no live frame arrived"
    assert any("feature_maps" in f.results for f in frames)
    assert win.training.state == "idle" and win.library.isEnabled()
    assert "finished" in win.training_view.banner.text().lower()  # says how it ended
    # The run was recorded: its snapshots feed the replay scrubber.
    run_dir = win.runs.run_dir
    assert run_dir is not None and (run_dir / "history.jsonl").exists()
    assert win.runs._steps, "no snapshot reached the scrubber"


def test_stop_ends_within_a_batch_or_two(qtbot, lenet):
    from dlviz.core.training.events import BatchEnded

    win = lenet
    seen = []
    # Counted on the engine thread as batches end: under load the GUI thread
    # may still have batches queued when it asks to stop, which is not a late stop.
    win.engine.add_listener(lambda e: seen.append(e) if isinstance(e, BatchEnded) else None)
    win.training.start(small_config(epochs=1000, data=DataSpec(kind="digits")))
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=120_000)
    # The gradient-flow lines were made as the run started, not in its first frames.
    from dlviz.app.views.gradient_flow_view import PREPARED_CURVES

    flow = win.training_view.gradient_flow
    assert len(flow.curves) + len(flow._spare) >= PREPARED_CURVES
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=60_000) as blocker:
        win.training_panel.stop_requested.emit()
        at_stop = seen[-1].global_step
    assert blocker.args[0].reason == "stopped"
    assert seen[-1].global_step <= at_stop + 2
    assert win.training.state == "idle"


def test_pause_holds_then_resume_continues(qtbot, lenet):
    win = lenet
    seen = []
    win.bridge.batch_ended.connect(seen.append)
    win.training.start(small_config(epochs=1000, data=DataSpec(kind="digits")))
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=120_000)
    win.training_panel.pause_requested.emit()
    qtbot.wait(600)
    held = len(seen)
    qtbot.wait(800)
    assert len(seen) <= held + 1  # at most the batch that was running
    win.training_panel.resume_requested.emit()
    qtbot.waitUntil(lambda: len(seen) > held + 1, timeout=60_000)
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=60_000):
        win.training.stop()


def test_absurd_learning_rate_stops_on_nan_and_restores_weights(qtbot, lenet):
    win = lenet
    config = small_config(optimizer="sgd", learning_rate=1e8, epochs=3)
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=180_000) as blocker:
        win.training.start(config)
    stopped = blocker.args[0]
    assert stopped.reason == "nan" and stopped.restored_weights
    assert all(np.all(np.isfinite(w)) for w in win.workspace.model.get_weights())
    assert win.banner.level == "warning"


def test_bad_data_is_refused_with_the_reason(qtbot, lenet, tmp_path):
    win = lenet
    config = small_config(data=DataSpec(kind="folder", path=str(tmp_path / "nowhere")))
    with qtbot.waitSignal(win.bridge.job_failed, timeout=60_000):
        win.training.start(config)
    assert win.training.state == "idle"
    assert "nowhere" in win.banner.text()


def test_closing_the_window_while_training_stops_and_joins(qtbot, lenet):
    win = lenet
    seen = []
    win.bridge.batch_ended.connect(seen.append)
    win.training.start(small_config(epochs=1000, data=DataSpec(kind="digits")))
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=120_000)
    win.close()
    assert not win.engine.running  # joined, not abandoned
