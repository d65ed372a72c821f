"""What a live frame costs the batches after it: measured, charged, never ratcheted up."""

import random
import time

import pytest

from dlviz.core.training.budget import PROBE_FLOOR, ProbeBudget
from dlviz.core.training.frame_aftermath import STALE_BATCHES, WINDOW, FrameAftermath


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_two_batches_after_a_frame_pay_their_shift_and_the_third_is_reference():
    meter = FrameAftermath()
    for _ in range(WINDOW):
        assert meter.batch(0.050) == 0.0                 # reference
    meter.frame()
    assert meter.batch(0.054) == pytest.approx(0.004)    # the frame's own turn
    assert meter.batch(0.052) == pytest.approx(0.002)    # the turn after it
    assert meter.batch(0.070) == 0.0                     # far from it: reference again
    assert meter.charged == pytest.approx(0.006)
    assert meter.by_offset == pytest.approx([0.004, 0.002])


def test_skewed_noise_with_no_real_cost_charges_about_nothing():
    """Batch times are skewed to the slow side: charging each after-frame batch's own
    time over the reference median would charge mean - median every time (1.2 ms a
    frame here); the shift of medians of equal numbers of batches does not."""
    naive_bias = 2 * 0.002 * (1 - 0.6931)               # exponential: mean - median
    for seed in range(3):
        rng, meter, frames = random.Random(seed), FrameAftermath(), 0
        for step in range(6000):
            meter.batch(0.010 + rng.expovariate(1 / 0.002))
            if step % 6 == 0:
                meter.frame()
                frames += 1
        assert abs(meter.charged / frames) < 0.2 * naive_bias, seed


def test_a_stalled_batch_after_a_frame_moves_the_charge_by_a_rank_not_its_time():
    rng, meter = random.Random(0), FrameAftermath()
    for step in range(600):
        meter.batch(0.010 + rng.uniform(0, 0.001) + (0.003 if step % 6 in (1, 2) else 0))
        if step % 6 == 0:
            meter.frame()
    before = meter.charged
    meter.frame()
    stalled = meter.batch(1.0)                # a neighbour's process took the CPU
    assert 0.0 < stalled < 0.005
    assert before / (2 * 100) == pytest.approx(0.003, abs=0.0007)   # 3 ms a batch, found


def test_batches_after_setup_are_neither_charged_nor_reference():
    meter = FrameAftermath()
    for _ in range(5):
        meter.batch(0.010)
    meter.disturbed()                         # a first, compiling probe run
    assert meter.batch(5.0) == 0.0 and meter.batch(1.0) == 0.0
    meter.frame()
    assert meter.batch(0.012) == pytest.approx(0.002)   # the reference is still 10 ms


def test_frames_at_every_batch_are_held_back_for_a_reference_batch():
    meter = FrameAftermath()
    steps, held = 0, 0
    while steps < 200:
        meter.batch(0.1)
        steps += 1
        if meter.needs_reference:
            held += 1
        else:
            meter.frame()
    assert 0 < held <= 200 * 3 / STALE_BATCHES
    assert not meter.needs_reference or held


def test_the_budget_charges_a_positive_aftermath_in_full_and_a_negative_not_at_all():
    clock = FakeClock()
    budget = ProbeBudget(0.1, max_fps=1e6, clock=clock)
    clock.now = 1.0
    assert budget.allowance == pytest.approx(0.1)
    budget.aftermath(-0.05)                   # estimated below zero: no credit
    assert budget.allowance == pytest.approx(0.1)
    budget.aftermath(0.08)                    # the signed sum, 0.03, is charged,
    assert budget.training_seconds == pytest.approx(0.97)     # and is not training
    assert budget.allowance == pytest.approx(0.097 - 0.03)
    budget.bookkeeping(1.0)                   # bookkeeping stops at the probes' floor,
    budget.aftermath(0.05)                    # the aftermath does not
    assert budget.allowance == pytest.approx(PROBE_FLOOR * 0.1 * 0.92 - 0.08)
    budget.start()
    assert budget.aftermath_seconds == 0.0


def simulate(meter, *, secret, probe=0.004, share=0.02, batches=20000, batch=0.010):
    """Batches of ``batch`` s on a fake clock; each frame costs ``probe`` charged and
    ``secret`` more in each of the two batches after it. Returns (frames, live
    seconds, bare seconds)."""
    clock = FakeClock()
    budget = ProbeBudget(share, max_fps=1e6, clock=clock)
    budget.record("maps", probe)
    budget.start()
    rng, slow, frames, live = random.Random(1), 0, 0, 0.0
    for _ in range(batches):
        seconds = batch + rng.uniform(0, 0.002) + (secret if slow else 0.0)
        live += secret if slow else 0.0
        slow = max(slow - 1, 0)
        clock.now += seconds
        if meter is not None:
            budget.aftermath(meter.batch(seconds))
        if budget.plan(["maps"]) and not (meter is not None and meter.needs_reference):
            clock.now += probe
            budget.record("maps", probe)
            budget.frame_done()
            live += probe
            frames += 1
            slow = 2
            if meter is not None:
                meter.frame()
    return frames, live, clock.now - live


def test_a_simulated_run_whose_frames_slow_the_next_batches_stays_within_its_share():
    frames, live, bare = simulate(FrameAftermath(), secret=0.003)
    # Within 1 % of the share (the estimate's error), and one frame.
    assert live <= 1.01 * 0.02 * bare + 0.004 + 2 * 0.003
    assert frames >= 0.95 * 0.02 * bare / (0.004 + 2 * 0.003) - 1   # and uses it
    # Told only the probes' seconds, the same run spends 2.5x its share.
    _frames, live, bare = simulate(None, secret=0.003)
    assert live > 2 * 0.02 * bare


class _SecretlySlowProbes:
    """A probe group of 2 ms whose frame makes the next two batches 15 ms slower
    (not the first frame's: its setup run and warm run are set aside, as setup)."""

    kinds = ("maps",)

    def __init__(self):
        self.owed = 0
        self.runs = 0
        self.secret = 0.0       # seconds the slower batches really took

    def urgent_groups(self, control):
        return ()

    def compute(self, group):
        time.sleep(0.002)
        self.runs += 1
        self.owed = 2 if self.runs > 2 else 0
        return {"feature_maps": group}


@pytest.mark.slow
def test_a_run_whose_frames_secretly_slow_the_next_batches_stays_within_its_share():
    from _training_models import bright_dark, tiny_cnn
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.training.live_callback import LiveCallback

    keras = import_keras()
    probes, spans = _SecretlySlowProbes(), {}

    class SlowAfterFrames(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            spans["began"] = time.perf_counter()

        def on_train_batch_begin(self, batch, logs=None):
            if probes.owed:
                probes.owed -= 1
                began = time.perf_counter()
                time.sleep(0.015)
                probes.secret += time.perf_counter() - began

        def on_train_end(self, logs=None):
            spans["ended"] = time.perf_counter()

    data = bright_dark(n=6400)
    model = tiny_cnn()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    share = 0.3
    callback = LiveCallback(lambda e: None, probes=probes,
                            budget=ProbeBudget(share, max_fps=1e6),
                            batch_size=8, samples=len(data.y_train))
    model.fit(data.x_train, data.y_train, batch_size=8, epochs=1, verbose=0,
              callbacks=[SlowAfterFrames(), callback])
    budget = callback.budget
    live = budget.probe_seconds + probes.secret
    bare = spans["ended"] - spans["began"] - live - budget.excluded_seconds - \
        budget.bookkeeping_seconds
    assert callback.frames >= 5
    assert live <= share * bare * 1.1 + 0.002 + 2 * 0.015 + 0.01, (
        live, bare, callback.frames, budget.aftermath_seconds)
    # The estimate found most of what the slower batches took.
    assert budget.aftermath_seconds >= 0.7 * probes.secret


def test_a_machine_getting_busier_does_not_price_frames_below_or_above_zero():
    """Frames are rarer than reference batches: windows of equal counts would
    compare an older stretch of the run with a newer one."""
    for slope in (2e-5, -2e-6):
        meter, frames = FrameAftermath(), 0
        for step in range(3000):
            meter.batch(0.010 + slope * step + 0.0005 * (step * 7919 % 13) / 13)
            if step % 10 == 0:
                meter.frame()
                frames += 1
        assert abs(meter.charged / frames) < 0.1 * abs(slope) * 10 * 31, slope
