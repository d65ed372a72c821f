"""Run directories in the window: open a finished run, follow a growing one, resume."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from _rundir_events import CONFIG, run_events  # noqa: E402

from dlviz.core.training.events import LiveFrame, TrainingStopped  # noqa: E402
from dlviz.core.training.rundir import RunWriter  # noqa: E402


def write(writer, events):
    for event in events:
        writer(event)


def test_a_run_still_being_written_is_followed_until_it_stops(qtbot, window, tmp_path):
    events = run_events(epochs=2, steps=3)
    writer = RunWriter(tmp_path / "run", config=CONFIG, model_source="lenet5")
    stop_at = next(i for i, e in enumerate(events) if type(e).__name__ == "EpochEnded")
    write(writer, events[:stop_at + 1])  # the first epoch only, so far
    assert window.open_run(str(tmp_path / "run"))
    view = window.training_view
    assert window.runs.following
    assert window.tabs.currentWidget() is view
    assert view.epochs == 2
    qtbot.waitUntil(lambda: len(window.runs._steps) >= 3, timeout=5_000)
    write(writer, events[stop_at + 1:])  # the other process carries on and finishes
    writer.close()
    qtbot.waitUntil(lambda: not window.runs.following, timeout=5_000)
    assert "finished" in view.banner.text().lower()
    steps = sorted(window.runs._steps)
    assert steps == sorted(e.global_step for e in events if isinstance(e, LiveFrame))
    with qtbot.waitSignal(window.images.maps_view.layer_selected, timeout=5_000, raising=False):
        view.snapshot_requested.emit(steps[0])  # replay the first stored frame
    assert window.images.analysis is not None
    assert window.images.analysis.source_name == "sample 3"


def test_a_broken_run_folder_gets_a_message(window, tmp_path):
    assert not window.open_run(str(tmp_path))
    assert window.banner.isVisible() and tmp_path.name in window.banner.text()


@pytest.mark.slow
def test_a_run_recorded_by_the_app_can_be_reopened_and_resumed(qtbot, window):
    from dlviz.core.training.config import DataSpec, TrainingConfig

    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("lenet5-modern")
    config = TrainingConfig(data=DataSpec(kind="digits", samples=200), epochs=1, batch_size=32)
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=180_000):
        window.training.start(config)
    run_dir = window.runs.run_dir
    assert window.open_run(str(run_dir)) and not window.runs.following
    assert window.resume_action.isEnabled()
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=180_000) as blocker:
        window.resume_action.trigger()
    stopped = blocker.args[0]
    assert isinstance(stopped, TrainingStopped) and stopped.reason == "finished"
    assert stopped.epochs_done == 2  # one more epoch on top of the checkpoint
    assert len(list((run_dir / "checkpoints").glob("epoch_*.keras"))) == 2
