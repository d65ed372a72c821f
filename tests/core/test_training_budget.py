"""The live-probe budget: frames are due when probe time stays within the share."""

import pytest

from dlviz.core.training.budget import ProbeBudget


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def make(share=0.05, fps=10.0):
    clock = FakeClock()
    return ProbeBudget(share, max_fps=fps, clock=clock), clock


def test_first_frame_measures_one_kind_then_waits_for_the_budget():
    budget, clock = make()
    assert budget.plan(["maps", "grads"]) == ()          # no training time yet
    clock.now = 1.0
    assert budget.plan(["maps", "grads"]) == ("maps",)   # unmeasured: alone
    clock.now += 0.1                                     # the probe took 0.1 s
    budget.record("maps", 0.1)
    budget.frame_done()
    # Due again when 0.05 * (t - 0.1) >= 0.1 + 0.1, i.e. t >= 4.1.
    clock.now = 4.0
    assert budget.plan(["maps"]) == ()
    clock.now = 4.2
    assert budget.plan(["maps"]) == ("maps",)


def test_display_rate_caps_cheap_frames_but_urgent_ones_skip_the_cap():
    budget, clock = make(share=0.5, fps=10.0)
    clock.now = 1.0
    budget.record("maps", 0.001)
    budget.frame_done()
    clock.now = 1.05
    assert budget.plan(["maps"]) == ()
    assert budget.plan(["maps"], urgent=True) == ("maps",)
    clock.now = 1.11
    assert budget.plan(["maps"]) == ("maps",)


def test_kinds_take_turns_when_all_of_them_do_not_fit():
    budget, clock = make(share=0.1, fps=100.0)
    for kind in ("maps", "grads", "weights"):
        budget.record(kind, 0.03)
        budget.record(kind, 0.03)
    budget.start()                 # costs are kept, time spent is not
    clock.now = 0.65               # allowance 0.065 s: two kinds of 0.03 s fit
    assert budget.plan(["grads", "maps", "weights"]) == ("grads", "maps")
    clock.now = 0.25               # allowance 0.025 s: none fits
    assert budget.plan(["grads", "maps", "weights"]) == ()


def test_everything_in_one_frame_when_cheap():
    budget, clock = make(share=0.05, fps=10.0)
    for kind in ("maps", "grads"):
        budget.record(kind, 0.001)
        budget.record(kind, 0.001)
    clock.now = 10.0
    assert budget.plan(["maps", "grads"]) == ("maps", "grads")


@pytest.mark.parametrize("cost", [0.004, 0.02, 0.3])
def test_simulated_run_keeps_the_share_within_budget_plus_one_frame(cost):
    budget, clock = make(share=0.05, fps=10.0)
    frames = 0
    for _step in range(5000):                    # 50 s of 10 ms batches
        clock.now += 0.01
        if budget.plan(["maps"]):
            clock.now += cost
            budget.record("maps", cost)
            budget.frame_done()
            frames += 1
        training = budget.training_seconds
        assert budget.probe_seconds <= 0.05 * training + cost + 1e-9
    assert abs(budget.training_seconds - 50.0) < 1e-6
    assert budget.share_used <= 0.05 + cost / budget.training_seconds
    # The budget is used, not wasted: within one frame of the share, and
    # never more than the display rate.
    assert frames >= min(int(0.05 * 50 / cost) - 1, 400)
    assert frames <= 10 * 50 + 1


def test_pauses_do_not_count_as_training_time():
    budget, clock = make()
    clock.now = 2.0
    budget.exclude(1.5)
    assert budget.training_seconds == pytest.approx(0.5)
    budget.spend(0.1)
    assert budget.training_seconds == pytest.approx(0.4)
    assert budget.share_used == pytest.approx(0.25)


def test_zero_budget_never_probes_and_bad_shares_are_refused():
    budget, clock = make(share=0.0)
    clock.now = 100.0
    assert budget.plan(["maps"]) == ()
    with pytest.raises(ValueError):
        ProbeBudget(1.5)


def test_a_cheap_kind_does_not_starve_the_stalest_one():
    budget, clock = make(share=0.1, fps=100.0)
    budget.record("grads", 0.05)
    budget.record("weights", 0.01)
    budget.start()
    clock.now = 0.2                     # allowance 0.02: weights would fit, grads not
    assert budget.plan(["grads", "weights"]) == ()
    clock.now = 0.6                     # allowance 0.06: grads first, weights does not fit
    assert budget.plan(["grads", "weights"]) == ("grads",)


def test_a_costly_glanced_at_kind_runs_less_often_than_its_interval():
    from dlviz.core.training.budget import GLANCED_SHARE

    budget, clock = make(share=0.01, fps=1e6)
    budget.intervals = {"grads": 1.0}
    spacing = 0.005 / (0.01 * GLANCED_SHARE)   # 5 ms every second: half of 1 %
    assert spacing > 1.0
    clock.now = 40.0                           # plenty of allowance
    budget.record("grads", 0.005)
    clock.now = 40.0 + 0.9 * spacing
    assert not budget.due("grads") and budget.plan(["grads"]) == ()
    clock.now = 40.0 + 1.01 * spacing
    assert budget.due("grads") and budget.plan(["grads"]) == ("grads",)


def test_a_paced_kind_runs_at_most_once_per_pace_however_cheap_and_a_new_input_skips_it():
    # Attention frames of 1.9 ms came ~10 a second; its view draws at most 5.
    budget, clock = make(share=0.5, fps=10.0)
    budget.paces = {"text": 0.2}
    clock.now = 10.0
    budget.record("text", 0.002)
    budget.frame_done()
    clock.now = 10.15                          # past the display cap, not the pace
    assert not budget.due("text") and budget.plan(["text"]) == ()
    assert budget.plan(["text"], urgent=True, waited_for=["text"]) == ("text",)
    clock.now = 10.21
    assert budget.due("text") and budget.plan(["text"]) == ("text",)
    # A pace is not stretched by the cost as a glanced-at interval is.
    budget.record("text", 0.05)
    clock.now += 0.21
    assert budget.due("text")


def test_a_hidden_groups_interval_still_wins_over_its_pace():
    budget, clock = make(share=0.5, fps=100.0)
    budget.paces, budget.intervals = {"text": 0.2}, {"text": 10.0}
    clock.now = 20.0
    budget.record("text", 0.002)
    clock.now = 21.0
    assert not budget.due("text")
    clock.now = 30.5
    assert budget.due("text")


def test_may_plan_says_when_plan_could_choose_anything():
    budget, clock = make(share=0.05, fps=10.0)
    budget.record("maps", 0.001)
    budget.frame_done()
    clock.now = 0.05
    assert not budget.may_plan() and budget.plan(["maps"]) == ()        # display cap
    assert budget.may_plan(urgent=True) == bool(budget.plan(["maps"], urgent=True))
    clock.now = 1.0
    assert budget.may_plan() and budget.plan(["maps"]) == ("maps",)
    assert not ProbeBudget(0.0).may_plan(urgent=True)


def test_bookkeeping_counts_against_the_share_but_leaves_the_probes_their_floor():
    from dlviz.core.training.budget import PROBE_FLOOR

    budget, clock = make(share=0.1, fps=1e6)
    clock.now = 1.0
    assert budget.allowance == pytest.approx(0.1)
    budget.bookkeeping(0.01)                  # batch events, frames sent, run writes
    assert budget.allowance == pytest.approx(0.09)
    budget.record("maps", 0.05)
    assert budget.allowance == pytest.approx(0.095 - 0.01 - 0.05)   # 0.95 s of training
    budget.bookkeeping(10.0)                  # a slow listener: more than the whole share
    assert budget.allowance == pytest.approx(PROBE_FLOOR * 0.1 * budget.training_seconds - 0.05)
    budget.start()                            # a new run: nothing spent yet
    assert budget.bookkeeping_seconds == 0.0


def test_a_simulated_run_with_bookkeeping_keeps_probes_and_bookkeeping_within_the_share():
    budget, clock = make(share=0.02, fps=10.0)
    frames = 0
    for _step in range(6000):                  # 60 s of 10 ms batches, 0.05 ms events each
        clock.now += 0.01 + 0.00005
        budget.bookkeeping(0.00005)
        if budget.plan(["maps"]):
            clock.now += 0.004
            budget.record("maps", 0.004)
            budget.frame_done()
            frames += 1
    spent = budget.probe_seconds + budget.bookkeeping_seconds
    assert spent <= 0.02 * budget.training_seconds + 0.004
    # 2 % less 0.5 % of bookkeeping: 1.5 % for 4 ms frames, ~3.75 a second.
    assert frames >= int(0.015 * 60 / 0.004) - 1
