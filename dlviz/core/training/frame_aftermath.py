"""What a live frame costs the training batches after it, measured in the run itself.

A frame costs more than its probes' own seconds: TensorFlow's thread pools
wake for the probe and sleep again, the probe's tensors push the training
step's out of the caches, so the batch right after a frame, and the one
after that, run slower than batches far from one (vgg16-mini, interleaved
benchmark, CPU ms: the turn with a frame 58.4, the turn after it 54.7, a
turn without a frame 52.8, against 3.5 ms of probe time charged). The
budget pays for that too (``ProbeBudget.aftermath``), measured so:

1. Batches far from any live work (more than ``AFTERMATH_BATCHES`` after
   it) are the reference: the newest ``WINDOW`` of their times are kept.
2. The batches at offset 1, 2, ... after a charged frame are kept apart,
   by offset, the newest ``WINDOW`` of each. A batch at offset ``o`` is
   charged ``median(offset o) - median(reference)``: the shift of the
   batch-time distribution a frame causes there. Medians, so that a batch
   a neighbour's process stalled for 200 ms moves the charge by one rank,
   not by 200 ms; the same statistic on both sides, so that were frames to
   cost nothing after them, the charge would average zero (an after-frame
   batch's own time minus the reference median would not: batch times are
   skewed to the slow side, and every such batch would seem to cost
   mean - median). Both sides cover the same stretch of the run (the
   reference batches since the offset's oldest kept batch, at least as many
   as it keeps): frames are rarer than reference batches, and windows of
   equal counts would compare an older stretch with a newer one, so a
   machine getting busier would price frames below zero (-15 ms a frame,
   seen while other benchmarks started) and one getting quieter above.
3. Charges are signed and summed; the budget charges the sum only while it
   is above zero. A shift estimated low offsets one estimated high, so the
   noise does not ratchet the charge up (charging only the positive ones
   would charge half the noise's mean absolute deviation every time).
4. The batches after work the budget does not charge (setup runs, a frame
   taken while paused) and an epoch's first (its time holds more than a
   step) are neither reference nor charged (``disturbed``).
5. Frames that come at every batch would leave no reference batch:
   ``needs_reference`` tells the callback to hold frames back for a few
   batches once ``STALE_BATCHES`` have gone by without one. Batches after
   frames before the first reference batch are priced when it comes.

Pure Python, no clock: the callback passes each batch's seconds.
"""

from __future__ import annotations

from collections import deque

#: Batches after a frame that it slows (measured: the turn after a frame's
#: turn still ran ~2 ms slower on vgg16-mini; the one after that did not).
AFTERMATH_BATCHES = 2
#: Batch times kept per window (odd: the median is one of them).
WINDOW = 31
#: Batches without a reference batch before frames are held back for one.
STALE_BATCHES = 24


def _median(values) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else 0.5 * (ordered[middle - 1] + ordered[middle])


class FrameAftermath:
    """The time live frames cost the batches after them (see the module's protocol).

    Args:
        batches: how many batches after a frame it slows.
        window: batch times kept for the reference and for each offset.

    Attributes:
        charged: signed seconds charged so far (the budget clamps the sum at 0).
        by_offset: signed seconds charged at each offset (1, 2, ...).

    Example:
        >>> meter = FrameAftermath(batches=1, window=3)
        >>> [meter.batch(t) for t in (0.010, 0.011, 0.010)]
        [0.0, 0.0, 0.0]
        >>> meter.frame(); round(meter.batch(0.014), 6)      # 4 ms slower after it
        0.004
    """

    def __init__(self, batches: int = AFTERMATH_BATCHES, window: int = WINDOW):
        self.batches = int(batches)
        # (batch number, seconds): the reference keeps enough batches to
        # cover the stretch the offsets' windows do.
        self._reference: deque[tuple[int, float]] = deque(maxlen=8 * window)
        self._after = [deque(maxlen=window) for _ in range(self.batches)]
        self._count = 0
        self._offset = self.batches + 1     # batches since the last live work
        self._charging = False
        self._skip = 0
        self._since_reference = 0
        self._owed: deque[tuple[int, float]] = deque(maxlen=4 * window)
        self.charged = 0.0
        self.by_offset = [0.0] * self.batches

    def frame(self) -> None:
        """Charged live work ran after this batch (a frame, a weight copy)."""
        self._offset, self._charging = 0, True

    def disturbed(self, batches: int | None = None) -> None:
        """Leave the next ``batches`` batches out (default: as many as a frame
        slows): uncharged work ran after this batch (setup, a paused frame),
        or the next batch's time holds more than a step (an epoch's first)."""
        self._skip = max(self._skip, self.batches if batches is None else int(batches))
        self._offset, self._charging = self.batches + 1, False

    @property
    def needs_reference(self) -> bool:
        """Whether frames should wait until a batch far from them is timed."""
        return self._since_reference >= STALE_BATCHES

    def batch(self, seconds: float) -> float:
        """A training batch took ``seconds``: the signed seconds to charge for it."""
        self._count += 1
        if self._skip > 0:
            self._skip -= 1
            self._since_reference += 1
            return 0.0
        self._offset += 1
        if self._offset > self.batches:
            self._reference.append((self._count, float(seconds)))
            self._since_reference = 0
            # Frames before the first reference batch (the run's first ones,
            # or frames at every batch) are priced now.
            owed = [self._charge(offset, count, t) for offset, count, t in self._owed]
            self._owed.clear()
            return float(sum(owed))
        self._since_reference += 1
        if not self._charging:
            return 0.0
        if not self._reference:
            self._owed.append((self._offset, self._count, float(seconds)))
            return 0.0
        return self._charge(self._offset, self._count, seconds)

    def _charge(self, offset: int, count: int, seconds: float) -> float:
        after = self._after[offset - 1]
        after.append((count, float(seconds)))
        oldest = after[0][0]
        reference = [t for c, t in self._reference if c >= oldest]
        if len(reference) < len(after):
            reference = [t for _c, t in self._reference][-len(after):]
        shift = _median([t for _c, t in after]) - _median(reference)
        self.charged += shift
        self.by_offset[offset - 1] += shift
        return shift
