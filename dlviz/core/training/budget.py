"""How often live probes may run: a share of training wall time, measured.

Protocol (DESIGN.md, "Live probes are budgeted by time, not by count"):

1. ``start`` when training starts. Training time is wall time since then,
   less what probes took and less pauses (``exclude``).
2. Each probe *kind* (feature maps, gradients, weights, ...) has an expected
   cost: what it took last time (smoothed). A kind never measured is run
   alone, to measure it (the caller pays its compile time with ``spend``
   and prices the kind by a second, warm run).
3. ``plan(kinds)`` picks, in the caller's order of priority, the kinds whose
   expected costs fit in what the budget has left (nothing until the first
   one fits, so the stalest kind is never starved by cheaper ones): probe time so far plus
   the new costs must stay within ``share`` x training time. When everything
   fits, one frame carries everything; when it does not, the kinds take
   turns. Frames are also capped at the display rate (``max_fps``), except
   for an urgent frame (a new probe input). A kind with an ``interval``
   (a view people glance at rather than watch: weight histograms, gradient
   norms) runs at most once per interval, and at most as often as keeps its
   cost within ``GLANCED_SHARE`` of the share, so the watched views (feature
   maps, gates, attention) get the rest of the share and refresh most. A
   kind with a ``pace`` (a watched view that draws at most so often) runs
   at most once per pace, whatever it costs: frames its view would never
   draw are not computed.
4. ``record(kind, seconds)`` after each warm run of a kind; ``spend(seconds)``
   for other overhead (compiling a probe, weight copies) that the budget
   must pay for too.
5. ``bookkeeping(seconds)`` for the rest of what the live run costs (batch
   events, sending frames, run-directory writes): it counts against the
   share too, so that the whole live run stays within it (2 %: ~1.02x a
   bare ``fit``), but never leaves the probes less than ``PROBE_FLOOR`` of
   the share (on a fast model the batch events alone can come to more than
   the share, and the views would stop).
6. ``aftermath(seconds)`` for what frames cost the training batches after
   them (cold caches, thread pools waking: ``frame_aftermath.py`` measures
   it in the run), signed: the sum is charged in full, like probe time,
   while it is above zero. Charged in full since it comes with frames
   only: fewer frames, less of it, so it cannot stop the views. It is not
   training time either (``training_seconds`` leaves it out, as probe
   time). (Bookkeeping stays in: the share is then of up to 0.5 % more
   time than a bare run's, a 0.01 % error.)

No Keras here; the clock is injectable so tests can drive it.
"""

from __future__ import annotations

import math
import time
from typing import Callable, Iterable

#: Weight of the newest measurement in a kind's smoothed cost.
SMOOTHING = 0.3
#: The most of the share one kind with an interval (a view glanced at) may
#: take: a costly one runs less often than its interval says (a probe-batch
#: gradient pass of 7 ms every second took half of a 1.5 % budget).
GLANCED_SHARE = 0.15
#: The least part of the share left to the probes, whatever the bookkeeping
#: costs (1.5 % of 2 %: the share the probes had before bookkeeping counted).
PROBE_FLOOR = 0.75


class ProbeBudget:
    """Decides when live probes are due, from measured costs.

    Args:
        share: the most live-view time per training time (0.02 = 2 %, the
            default: live views at most ~1.02x a bare ``fit``): probes, and
            bookkeeping down to ``PROBE_FLOOR`` of it.
        max_fps: the most frames per second (the display rate).
        clock: seconds, monotonic; ``time.perf_counter`` unless testing.
        intervals: least seconds between two runs of a kind (``{kind:
            seconds}``); kinds not named run whenever the budget allows.
            None: the live probes' own (``LiveProbes.intervals``), set by
            the callback.
        paces: least seconds between two runs of a watched kind, the most
            often its view draws (``{kind: seconds}``), not stretched by its
            cost as an interval is.

    Example:
        >>> now = [0.0]
        >>> budget = ProbeBudget(0.05, clock=lambda: now[0])
        >>> budget.start(); budget.record("maps", 0.01); budget.frame_done()
        >>> now[0] = 0.1; budget.plan(["maps"])
        ()
        >>> now[0] = 0.5; budget.plan(["maps"])
        ('maps',)
    """

    def __init__(self, share: float = 0.02, max_fps: float = 10.0,
                 clock: Callable[[], float] = time.perf_counter,
                 intervals: dict[str, float] | None = None,
                 paces: dict[str, float] | None = None):
        if not 0.0 <= share < 1.0:
            raise ValueError(f"the probe budget is a share of time in [0, 1), got {share}")
        self.share = float(share)
        self.min_interval = 1.0 / max_fps if max_fps > 0 else 0.0
        self._clock = clock
        self._costs: dict[str, float] = {}
        self.intervals = None if intervals is None else dict(intervals)
        self.paces = dict(paces or {})
        self._ran: dict[str, float] = {}
        self.start()

    @property
    def clock(self) -> Callable[[], float]:
        """The seconds this budget counts by (the live run's other timing uses it too)."""
        return self._clock

    def start(self) -> None:
        """Training starts now: forget time spent so far (costs are kept)."""
        self._began = self._clock()
        self.probe_seconds = 0.0
        self.bookkeeping_seconds = 0.0
        self.aftermath_seconds = 0.0
        self._excluded = 0.0
        self._last_frame = -math.inf
        self.frames = 0

    def exclude(self, seconds: float) -> None:
        """Time that was neither training nor probing (a pause)."""
        self._excluded += max(float(seconds), 0.0)

    @property
    def excluded_seconds(self) -> float:
        """Time set aside so far: pauses and one-time probe setup."""
        return self._excluded

    @property
    def training_seconds(self) -> float:
        """Wall time since ``start`` less probes, what frames cost the batches
        after them (while above zero) and pauses."""
        return max(self._clock() - self._began - self.probe_seconds - self._excluded
                   - max(self.aftermath_seconds, 0.0), 0.0)

    @property
    def share_used(self) -> float:
        """Probe time so far per training time (0 before any training)."""
        training = self.training_seconds
        return self.probe_seconds / training if training > 0 else 0.0

    @property
    def allowance(self) -> float:
        """Seconds of probing the budget allows now (negative: overspent).

        The share less probe time so far, less what frames cost the batches
        after them (while above zero) and less bookkeeping, as much of it as
        leaves the probes ``PROBE_FLOOR`` of the share.
        """
        allowed = self.share * self.training_seconds
        charged = min(self.bookkeeping_seconds, (1.0 - PROBE_FLOOR) * allowed)
        return allowed - charged - self.probe_seconds - max(self.aftermath_seconds, 0.0)

    def expected(self, kind: str) -> float | None:
        """What ``kind`` is expected to cost, or None before it first ran."""
        return self._costs.get(kind)

    def due(self, kind: str) -> bool:
        """Whether ``kind``'s interval and pace have passed since its last run
        (or it never ran)."""
        last = self._ran.get(kind)
        if last is None:
            return True
        waited = self._clock() - last
        if waited < self.paces.get(kind, 0.0):
            return False
        interval = (self.intervals or {}).get(kind)
        if interval is None:
            return True
        cost = self._costs.get(kind)
        if cost is not None and self.share > 0:
            interval = max(interval, cost / (self.share * GLANCED_SHARE))
        return waited >= interval

    def may_plan(self, *, urgent: bool = False) -> bool:
        """Whether ``plan`` could choose anything now (the display-rate cap has
        passed, unless ``urgent``, and the budget has time left): a cheap test
        before ordering the candidates."""
        if self.share <= 0:
            return False
        if not urgent and self._clock() - self._last_frame < self.min_interval:
            return False
        return self.allowance > 0

    def plan(self, kinds: Iterable[str], *, urgent: bool = False,
             waited_for: Iterable[str] = ()) -> tuple[str, ...]:
        """The kinds to compute now, in the given order; () when none is due.

        Args:
            kinds: candidates, most wanted first (e.g. the stalest first).
            urgent: a person is waiting (a new probe input): ignore the
                display-rate cap, not the budget.
            waited_for: the kinds that person waits for: their ``interval``
                is ignored too (a layer picked in a glanced-at view shows
                at once, not seconds later).
        """
        if not self.may_plan(urgent=urgent):
            return ()
        allowance = self.allowance
        chosen: list[str] = []
        waited_for = set(waited_for) if urgent else set()
        for kind in (k for k in kinds if k in waited_for or self.due(k)):
            cost = self._costs.get(kind)
            if cost is None:
                if not chosen:     # measure a new kind on its own
                    return (kind,)
                continue
            if cost <= allowance:
                chosen.append(kind)
                allowance -= cost
            elif not chosen:
                # The most wanted kind waits for its turn; letting a cheaper
                # one take the allowance would starve it for good.
                return ()
        return tuple(chosen)

    def record(self, kind: str, seconds: float) -> None:
        """``kind`` ran and took ``seconds``: pay for it and learn its cost.

        Record warm runs only; pay a first, compiling run with ``spend``.
        """
        seconds = max(float(seconds), 0.0)
        self.probe_seconds += seconds
        self._ran[kind] = self._clock()
        old = self._costs.get(kind)
        self._costs[kind] = seconds if old is None else old + SMOOTHING * (seconds - old)

    def spend(self, seconds: float) -> None:
        """Overhead that is not a probe kind (weight copies) but costs time."""
        self.probe_seconds += max(float(seconds), 0.0)

    def bookkeeping(self, seconds: float) -> None:
        """Live-run time besides the probes (batch events, frames sent, run
        writes): charged to the share as far as ``PROBE_FLOOR`` allows."""
        self.bookkeeping_seconds += max(float(seconds), 0.0)

    def aftermath(self, seconds: float) -> None:
        """Signed seconds frames cost the batches after them (an estimate: the
        sum is charged while it is above zero, so noise does not ratchet up)."""
        self.aftermath_seconds += float(seconds)

    def frame_done(self) -> None:
        """A frame was sent: the display-rate cap counts from now."""
        self._last_frame = self._clock()
        self.frames += 1
