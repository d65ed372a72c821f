"""The engine yields the CPU to the GUI thread, and long-lived imports stay out of
garbage collections (the two causes of the longest GUI stalls while training)."""

import gc
import os
import sys
import threading
import weakref

import pytest

from dlviz.core.engine import ENGINE_NICENESS, Engine, freeze_imported_objects
from dlviz.core.training.events import EngineReady, JobFinished

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread nice values are a Linux feature")


def nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def run_on_engine(fn):
    """Run ``fn`` as one job on a fresh engine; its result."""
    engine = Engine(warm_up=lambda: EngineReady("CPU", "test", "test", 0.0))
    results, done = [], threading.Event()

    def listen(event):
        if isinstance(event, JobFinished):
            results.append(event.result)
            done.set()

    engine.add_listener(listen)
    engine.start()
    engine.submit("probe", fn)
    assert done.wait(10), "the job did not finish"
    assert engine.stop(timeout=5)
    return results[0]


@linux_only
def test_the_engine_thread_runs_nicer_than_the_thread_that_started_it():
    mine = nice_of_this_thread()
    engines = run_on_engine(nice_of_this_thread)
    assert engines == min(19, mine + ENGINE_NICENESS)
    assert nice_of_this_thread() == mine   # the GUI thread itself is left alone


@linux_only
def test_threads_the_engine_starts_inherit_its_lower_priority():
    # TensorFlow's worker threads are started from the engine thread.
    def from_a_worker():
        seen = []
        worker = threading.Thread(target=lambda: seen.append(nice_of_this_thread()))
        worker.start()
        worker.join()
        return seen[0], nice_of_this_thread()

    workers, engines = run_on_engine(from_a_worker)
    assert workers == engines
    assert engines > nice_of_this_thread() or engines == 19


def test_frozen_imports_are_left_out_but_later_garbage_is_still_collected():
    class Node:
        pass

    freeze_imported_objects()
    assert gc.get_freeze_count() > 0
    # A reference cycle made afterwards (a replaced model, say) is still freed.
    node = Node()
    node.itself = node
    alive = weakref.ref(node)
    del node
    gc.collect()
    assert alive() is None


def test_full_collections_are_rarer_within_a_training_block_and_restored_after():
    from dlviz.core.engine import fewer_full_collections

    before = gc.get_threshold()
    with fewer_full_collections(factor=10):
        assert gc.get_threshold() == (*before[:2], before[2] * 10)
    assert gc.get_threshold() == before
    with pytest.raises(ValueError):   # a run that fails restores the pace too
        with fewer_full_collections():
            raise ValueError("training failed")
    assert gc.get_threshold() == before
