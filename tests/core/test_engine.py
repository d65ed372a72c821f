"""The engine runs jobs on its own thread, in order, latest-wins per slot."""

import threading
import time

import pytest

from dlviz.core.engine import Engine, describe_error
from dlviz.core.training.events import (
    EngineFailed,
    EngineReady,
    JobDropped,
    JobFailed,
    JobFinished,
    JobStarted,
)


def fake_ready():
    return EngineReady("CPU", "test", "test", 0.0)


class Recorder:
    def __init__(self):
        self.events = []
        self.done = threading.Event()
        self.expect = None

    def __call__(self, event):
        self.events.append(event)
        if self.expect and self.expect(self.events):
            self.done.set()

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def engine():
    eng = Engine(warm_up=fake_ready)
    rec = Recorder()
    eng.add_listener(rec)
    eng.recorder = rec
    yield eng
    assert eng.stop(timeout=5), "engine thread did not end"


def wait_for(engine, predicate, timeout=5):
    engine.recorder.done.clear()
    engine.recorder.expect = predicate
    if predicate(engine.recorder.events):
        return
    assert engine.recorder.done.wait(timeout), engine.recorder.events


def test_jobs_run_in_order_on_the_engine_thread(engine):
    seen = []
    engine.start()
    for i in range(3):
        engine.submit("work", lambda i=i: seen.append((i, threading.current_thread().name)) or i)
    wait_for(engine, lambda ev: len([e for e in ev if isinstance(e, JobFinished)]) == 3)
    assert [i for i, _ in seen] == [0, 1, 2]
    assert {name for _, name in seen} == {"dlviz-engine"}
    assert [e.result for e in engine.recorder.of(JobFinished)] == [0, 1, 2]
    assert isinstance(engine.recorder.events[0], EngineReady)


def test_failure_is_reported_and_engine_keeps_serving(engine):
    engine.start()
    engine.submit("bad", lambda: 1 / 0)
    engine.submit("good", lambda: "ok")
    wait_for(engine, lambda ev: any(isinstance(e, JobFinished) for e in ev))
    failed = engine.recorder.of(JobFailed)
    assert len(failed) == 1 and failed[0].error_type == "ZeroDivisionError"
    assert "division by zero" in failed[0].message
    assert engine.recorder.of(JobFinished)[0].result == "ok"


def test_waiting_job_in_same_slot_is_replaced(engine):
    gate = threading.Event()
    engine.submit("block", gate.wait)  # occupies the thread once started
    engine.start()
    wait_for(engine, lambda ev: any(isinstance(e, JobStarted) for e in ev))
    ids = [engine.submit("image", lambda n=n: n, slot="image") for n in range(3)]
    gate.set()
    wait_for(engine, lambda ev: sum(isinstance(e, JobFinished) for e in ev) == 2)
    dropped = engine.recorder.of(JobDropped)
    assert [d.job_id for d in dropped] == ids[:2]
    assert {d.reason for d in dropped} == {"replaced"}
    finished = [e for e in engine.recorder.of(JobFinished) if e.kind == "image"]
    assert [(f.job_id, f.result) for f in finished] == [(ids[2], 2)]


def test_result_of_a_job_overtaken_while_running_is_not_delivered(engine):
    running, release = threading.Event(), threading.Event()

    def slow():
        running.set()
        release.wait(5)
        return "stale"

    engine.start()
    first = engine.submit("image", slow, slot="image")
    assert running.wait(5)
    second = engine.submit("image", lambda: "fresh", slot="image")
    release.set()
    wait_for(engine, lambda ev: any(isinstance(e, JobFinished) for e in ev))
    assert [(d.job_id, d.reason) for d in engine.recorder.of(JobDropped)] == [(first, "superseded")]
    assert [(f.job_id, f.result) for f in engine.recorder.of(JobFinished)] == [(second, "fresh")]


def test_failed_warm_up_is_reported_and_jobs_still_run():
    def broken():
        raise ImportError("no tensorflow here")

    eng = Engine(warm_up=broken)
    rec = Recorder()
    eng.add_listener(rec)
    eng.recorder = rec
    eng.start()
    eng.submit("work", lambda: 42)
    wait_for(eng, lambda ev: any(isinstance(e, JobFinished) for e in ev))
    assert "no tensorflow here" in rec.of(EngineFailed)[0].message
    assert eng.stop(timeout=5)


def test_stop_joins_and_refuses_new_jobs(engine):
    engine.start()
    assert engine.running
    assert engine.stop(timeout=5)
    assert not engine.running
    with pytest.raises(RuntimeError, match="stopped"):
        engine.submit("late", lambda: None)


def test_out_of_memory_message_says_what_to_do():
    class ResourceExhaustedError(Exception):
        pass

    msg = describe_error(ResourceExhaustedError("OOM when allocating tensor"))
    assert msg.startswith("Out of memory") and "smaller batch" in msg


def test_jobs_report_progress_throttled_but_always_the_end(engine):
    from dlviz.core.training.events import JobProgress

    def download():
        for done in range(0, 1001, 10):  # 101 calls within a few milliseconds
            engine.report_progress(done, 1000, "weights")
        return "done"

    engine.start()
    engine.submit("model", download)
    wait_for(engine, lambda ev: any(isinstance(e, JobFinished) for e in ev))
    progress = engine.recorder.of(JobProgress)
    assert 2 <= len(progress) < 20
    assert progress[-1].done == 1000 and progress[-1].total == 1000
    assert all(p.kind == "model" and p.text == "weights" for p in progress)
    engine.report_progress(5, 10)  # outside a job: ignored, no error
    assert len(engine.recorder.of(JobProgress)) == len(progress)


# -- unknown totals, cancellation, superseded failures --------------------------

def progress_until_cancelled(engine, started=None, limit=2000):
    """A job body that reports progress until the engine cancels it (or ``limit``)."""
    def run():
        if started is not None:
            started.set()
        for n in range(limit):
            engine.report_progress(n, None, "working")
            time.sleep(0.005)
        return "ran to the end"
    return run


def ended(kind, job_id):
    return lambda ev: any(isinstance(e, kind) and e.job_id == job_id for e in ev)


def test_progress_with_an_unknown_total_is_reported_as_zero(engine):
    from dlviz.core.training.events import JobProgress

    engine.start()
    job = engine.submit("model", lambda: engine.report_progress(4096, None, "weights") or "ok")
    wait_for(engine, lambda ev: any(isinstance(e, (JobFinished, JobFailed)) for e in ev))
    assert engine.recorder.of(JobFailed) == []
    assert [(p.job_id, p.done, p.total) for p in engine.recorder.of(JobProgress)] \
        == [(job, 4096.0, 0.0)]


def test_cancelling_a_running_job_stops_it_at_its_next_progress_report(engine):
    started = threading.Event()
    engine.start()
    job = engine.submit("model", progress_until_cancelled(engine, started))
    assert started.wait(5)
    assert engine.cancel(job)
    wait_for(engine, ended(JobDropped, job))
    assert [(d.job_id, d.reason) for d in engine.recorder.of(JobDropped)] == [(job, "cancelled")]
    assert engine.recorder.of(JobFailed) == [] and engine.recorder.of(JobFinished) == []


def test_cancelling_a_waiting_job_drops_it_unrun(engine):
    gate, ran = threading.Event(), []
    engine.submit("block", gate.wait)
    waiting = engine.submit("model", lambda: ran.append(1))
    assert engine.cancel(waiting)
    engine.start()
    gate.set()
    wait_for(engine, ended(JobDropped, waiting))
    assert ran == [] and not engine.cancel(waiting)  # already gone


def test_stop_cancels_the_running_job_instead_of_waiting_for_it(engine):
    started = threading.Event()
    engine.start()
    job = engine.submit("model", progress_until_cancelled(engine, started))
    assert started.wait(5)
    assert engine.stop(timeout=30)
    assert [(d.job_id, d.reason) for d in engine.recorder.of(JobDropped)] == [(job, "cancelled")]
    assert engine.recorder.of(JobFinished) == []  # it did not run to the end


def test_a_newer_request_cancels_the_running_job_in_its_slot(engine):
    started = threading.Event()
    engine.start()
    first = engine.submit("model", progress_until_cancelled(engine, started), slot="model")
    assert started.wait(5)
    second = engine.submit("model", lambda: "fresh", slot="model")
    wait_for(engine, ended(JobFinished, second))
    assert [(d.job_id, d.reason) for d in engine.recorder.of(JobDropped)] == [(first, "superseded")]
    assert [f.result for f in engine.recorder.of(JobFinished)] == ["fresh"]


def test_a_superseded_job_that_fails_is_dropped_not_reported_as_an_error(engine):
    running, release = threading.Event(), threading.Event()

    def doomed():
        running.set()
        release.wait(5)
        raise OSError("the old file vanished")

    engine.start()
    first = engine.submit("model", doomed, slot="model")
    assert running.wait(5)
    second = engine.submit("model", lambda: "fresh", slot="model")
    release.set()
    wait_for(engine, ended(JobFinished, second))
    assert engine.recorder.of(JobFailed) == []
    assert [(d.job_id, d.reason) for d in engine.recorder.of(JobDropped)] == [(first, "superseded")]


def test_raise_if_cancelled_only_acts_inside_a_cancelled_job(engine):
    from dlviz.core.engine import raise_if_cancelled

    raise_if_cancelled()  # not in a job: nothing happens
    started, go = threading.Event(), threading.Event()
    reached = []

    def job():
        started.set()
        go.wait(5)
        raise_if_cancelled()
        reached.append("past the check")

    engine.start()
    job_id = engine.submit("model", job)
    assert started.wait(5)
    engine.cancel(job_id)
    go.set()
    wait_for(engine, ended(JobDropped, job_id))
    assert reached == []
