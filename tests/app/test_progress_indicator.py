"""The status-bar progress indicator: known and unknown sizes, every way a job ends, Stop."""

import pytest

from dlviz.app.bridge import EngineBridge
from dlviz.app.views.progress_indicator import ProgressIndicator
from dlviz.core.engine import Engine
from dlviz.core.training.events import JobDropped, JobFailed, JobFinished, JobProgress


@pytest.fixture
def shown(qtbot):
    """An indicator following a bridge whose events the test sends by hand."""
    bridge = EngineBridge(Engine())  # never started: no thread
    indicator = ProgressIndicator()
    qtbot.addWidget(indicator)
    indicator.follow(bridge)
    indicator.send = bridge._on_relayed  # what the bridge does on the GUI thread
    return indicator


def test_a_known_size_shows_a_bar_and_an_unknown_one_a_busy_bar(shown):
    shown.send(JobProgress(7, "model", 2e6, 8e6, "Downloading weights:"))
    assert not shown.isHidden() and not shown.busy
    assert shown.bar.value() == 250 and shown.bar.format() == "Downloading weights: 2 MB of 8 MB"
    shown.send(JobProgress(7, "model", 3e6, 0.0, "Downloading weights:"))
    assert not shown.isHidden() and shown.busy
    assert shown.bar.format() == "Downloading weights: 3 MB"


@pytest.mark.parametrize("end", [
    JobFinished(7, "model", None, 1.0),
    JobFailed(7, "model", "offline", "WeightsUnavailable"),
    JobDropped(7, "model", "superseded"),
    JobDropped(7, "model", "cancelled"),
])
def test_every_way_a_job_ends_hides_its_bar(shown, end):
    shown.send(JobProgress(7, "model", 1e6, 0.0, "Downloading weights:"))
    shown.send(JobFinished(6, "summary", None, 0.1))  # another job ending: stays
    assert not shown.isHidden()
    shown.send(end)
    assert shown.isHidden()


def test_stop_asks_once_to_cancel_the_job_it_shows(shown, qtbot):
    shown.send(JobProgress(9, "train", 1e6, 11e6, "Downloading data:"))
    with qtbot.waitSignal(shown.cancel_requested) as asked:
        shown.stop_button.click()
    assert asked.args == [9, "train"]
    assert not shown.stop_button.isEnabled()
