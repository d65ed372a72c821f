"""The interleaved benchmark's baton: two threads take strict turns, each turn timed,
and a side that finished never keeps the other waiting."""

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from _interleaved import Baton  # noqa: E402


def test_two_sides_alternate_and_each_turn_is_recorded():
    baton, order = Baton(first="b"), []

    def side(name, turns):
        if name == "a":
            baton.take("a")
        for i in range(turns):
            order.append(name)
            baton.give(name)
            if i < turns - 1:
                baton.take(name)
        baton.finish(name)

    a = threading.Thread(target=side, args=("a", 5))
    a.start()
    side("b", 5)
    a.join(timeout=10)
    assert not a.is_alive()
    assert order == ["b", "a"] * 5
    assert len(baton.turns["a"]) == len(baton.turns["b"]) == 5
    assert all(wall >= 0 for wall, _cpu in baton.turns["a"] + baton.turns["b"])


def test_a_finished_side_never_keeps_the_other_waiting():
    baton = Baton(first="b")
    baton.finish("b")
    assert baton.wait_for("a", timeout=0)
    baton.take("a")
    baton.give("a")
    assert baton.wait_for("a", timeout=0)   # b is done: a's turn again at once


def test_deducted_seconds_leave_the_turn():
    baton = Baton(first="b")
    baton.deduct("b", 1000.0, 0.0)
    baton.give("b")
    assert baton.turns["b"][0][0] < 0      # the turn lasted far less than what was taken out


def test_the_live_sides_clock_stands_still_while_it_waits_for_its_turn(monkeypatch):
    import _interleaved

    now = [10.0]
    monkeypatch.setattr(_interleaved.time, "perf_counter", lambda: now[0])
    clock = _interleaved.TurnClock()
    assert clock() == 10.0
    now[0] = 11.0
    clock.stop()                  # the bare run's turn
    now[0] = 14.0
    assert clock() == 11.0        # three seconds of waiting do not pass
    clock.stop()                  # stopping again changes nothing
    clock.resume()
    now[0] = 14.5
    assert clock() == 11.5        # its own time runs on from where it stopped
    clock.resume()
    assert clock() == 11.5
