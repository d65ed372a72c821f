"""The Keras callback that streams a training run to the live views.

After every training batch, on the engine thread:

1. read the loss; not finite -> flag it and stop (the session restores the
   last good weights);
2. send ``BatchEnded`` (at most ``MAX_BATCH_EVENTS`` a second, and always
   for an epoch's last batch and the last before a stop), with the mean of the batches since the last
   one sent;
3. answer stop (``model.stop_training``: the fit loop ends after this
   batch) and pause (wait here, answering probe requests meanwhile);
4. keep the last good weights: a copy at each epoch's end and every
   ``SNAPSHOT_SECONDS``, trusted once the next batch's loss is finite;
5. run the live probes the time budget allows and send a ``LiveFrame``;
6. time each batch, so that the budget also pays what a frame costs the
   batches after it (``frame_aftermath.py``), not only its probes' seconds.
"""

from __future__ import annotations

import math

from dlviz.core.kerasenv import import_keras
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.events import BatchEnded, EpochEnded, LiveFrame
from dlviz.core.training.frame_aftermath import FrameAftermath

#: Most ``BatchEnded`` events a second. Each carries the mean of the batches since
#: the one before, so the loss curve loses no batch, only resolution. At 30 a
#: second each cost the engine ~0.26 ms in the window (the run directory's
#: line, the hand-over to the GUI thread and its GIL): 0.8 % of vgg16-mini's
#: training time, more than the live views' frames; the curves, progress bar
#: and rate redraw at most ten times a second anyway.
MAX_BATCH_EVENTS = 10.0
#: Least seconds between two frames of a watched group whose views draw at
#: most so often: the gates, gradient-through-time and attention views draw
#: at most five times a second (their live clocks, 200 ms); frames between
#: them were computed and never seen (attention ran at ~9.6 a second).
GROUP_PACES = {"text": 0.2}
#: Seconds between weight copies within an epoch (each is paid from the live
#: probes' budget: ~10 ms for vgg16-mini on a busy CPU).
SNAPSHOT_SECONDS = 30.0
#: Weight of the newest step time in the samples-per-second average.
RATE_SMOOTHING = 0.1
#: A new probe input's first run taking this many times the kind's usual
#: cost, and at least NEW_INPUT_SETUP_SECONDS, compiled something: setup.
NEW_INPUT_SETUP_FACTOR = 10.0
NEW_INPUT_SETUP_SECONDS = 0.05

keras = import_keras()


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


class LiveCallback(keras.callbacks.Callback):
    """Events, control, NaN guard and budgeted live probes for one ``fit``.

    Args:
        emit: called with each event (on this thread).
        probes: a ``LiveProbes``, or None for no live frames; its ``kinds``
            are the groups the budget prices, its ``urgent_groups`` those a
            new probe input (image or sentence) makes urgent.
        control: a ``TrainingControl``, or None.
        budget: a ``ProbeBudget`` (default: 2 % of training time, 10 fps).
        batch_size: samples per batch (for samples per second).
        samples: training samples per epoch.
        on_epoch_end: callables ``(model, epoch, logs)`` run after each
            complete epoch (checkpoints).

    Attributes:
        nan_step: global step whose loss was not finite, or None.
        stopped: whether a stop request ended training.
        last_good: the newest weights (``model.get_weights()``) known to
            give a finite loss.
        epochs_done: complete epochs so far.
        last_logs: the newest epoch's logs.
        spent: seconds this callback took, by what it did: "probes" (warm
            probe runs), "probe_setup" (first, compiling runs, set aside),
            "events" (reading logs, sending events and frames to ``emit``),
            "weight_copies" (last good weights), "epoch_hooks"
            (``on_epoch_end``: checkpoints), "aftermath" (what frames and
            weight copies cost the batches after them, estimated, signed).
            What slows training besides Keras's own step, for the
            benchmarks' breakdown.
        group_seconds: warm probe seconds by group ("maps", "grads", ...):
            where the probes' share went.
        aftermath: the ``FrameAftermath`` timing the batches.
    """

    def __init__(self, emit, *, probes=None, control=None, budget: ProbeBudget | None = None,
                 batch_size: int = 32, samples: int = 0, on_epoch_end=()):
        super().__init__()
        self._emit = emit
        self.probes = probes
        self.control = control
        self.budget = budget if budget is not None else ProbeBudget()
        # One clock for the run, the budget's: what it paces frames by, the
        # callback times batches, frames and events by (a benchmark that
        # trains two runs in turns gives it one that stops while the other
        # run has its turn, as it would for a run alone).
        self._clock = self.budget.clock
        # Views glanced at (weights, gradient norms) refresh once in a while,
        # views off screen rarely; the watched ones (maps, gates) take the rest
        # of the share. A budget given its own intervals keeps them.
        self._probes_pace = self.budget.intervals is None and hasattr(probes, "intervals_for")
        self._shown = None
        if self._probes_pace:
            self.budget.intervals = probes.intervals_for(None)
            self.budget.paces = {**GROUP_PACES, **self.budget.paces}
        self.batch_size = int(batch_size)
        self.samples = int(samples)
        self._hooks = tuple(on_epoch_end)
        self.nan_step: int | None = None
        self.stopped = False
        self.last_good = None
        self._candidate = None
        self.epochs_done = 0
        self.last_logs: dict = {}
        self.frames = 0
        self._last_seen: dict[str, int] = {}
        self.spent = dict.fromkeys(("probes", "probe_setup", "events", "weight_copies",
                                    "epoch_hooks", "aftermath"), 0.0)
        self.group_seconds: dict[str, float] = {}
        self.aftermath = FrameAftermath()

    # -- run and epoch boundaries --------------------------------------------
    def on_train_begin(self, logs=None):
        self.budget.start()
        self._steps = int(self.params.get("steps") or 0)
        self._epochs = int(self.params.get("epochs") or 1)
        self._snapshot(trusted=True)
        self._last_event = -math.inf
        self._step_time = None
        self._last_end = self._clock()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._epoch_began = self._last_end = self._clock()
        self._sent = (0, {})     # (items seen, running means) at the last BatchEnded
        self._complete = False
        self.aftermath.disturbed(1)   # the first batch's time holds the epoch's start

    def on_epoch_end(self, epoch, logs=None):
        if self.nan_step is not None or not self._complete:
            return
        logs = {k: _number(v) for k, v in (logs or {}).items()}
        self.epochs_done += 1
        self.last_logs = logs
        began = self._clock()
        self._emit(EpochEnded(epoch, logs, began - self._epoch_began))
        self.spent["events"] += self._clock() - began
        self._snapshot()
        began = self._clock()
        for hook in self._hooks:
            hook(self.model, epoch, logs)
        self.spent["epoch_hooks"] += self._clock() - began

    def on_test_begin(self, logs=None):
        # Validation after a stop would delay the answer by a whole pass.
        if self._ending:
            self.model.stop_evaluating = True

    def on_test_batch_end(self, batch, logs=None):
        if self._ending or (self.control is not None and self.control.stopped):
            self.model.stop_evaluating = True

    @property
    def _ending(self) -> bool:
        return self.stopped or self.nan_step is not None

    # -- every batch ------------------------------------------------------------
    def on_train_batch_end(self, batch, logs=None):
        step_end = self._clock()
        budget = self.budget
        probes_before, excluded_before = budget.probe_seconds, budget.excluded_seconds
        try:
            self._after_batch(batch, logs, step_end)
        finally:
            # The callback's own bookkeeping (reading logs, sending the batch
            # events the loss curves draw and the frames, what the listeners
            # do with them: the run directory's writes) is part of what the
            # live views cost, so the budget charges it beside the probes,
            # but only down to its probe floor: on a fast model (LeNet on
            # digits, a few ms a batch) it alone came to more than the whole
            # share, and the live views stopped after their first frames.
            # Probe runs and set-aside time are accounted already.
            accounted = (budget.probe_seconds - probes_before) + \
                (budget.excluded_seconds - excluded_before)
            other = max(self._clock() - step_end - accounted, 0.0)
            self.spent["events"] += other
            budget.bookkeeping(other)

    def _after_batch(self, batch, logs, step_end: float) -> None:
        global_step = self._global_step = self._epoch * self._steps + batch
        means = {k: _number(v) for k, v in (logs or {}).items()}
        loss = means.get("loss", math.nan)
        if not math.isfinite(loss):
            self.nan_step = global_step
            self._candidate = None
            self.model.stop_training = True
            return
        self._trust_candidate()
        last = batch == self._steps - 1
        self._complete = last
        # Keras's step and loop since this callback last returned (pauses and
        # frames are outside it): what the frames before it cost it, if any.
        charge = self.aftermath.batch(step_end - self._last_end)
        self.budget.aftermath(charge)
        self.spent["aftermath"] += charge
        self._update_rate(step_end, batch)
        # The epoch's last batch, and the last before a stop, are always sent:
        # the curves and the progress bar end where training did.
        stopping = self.control is not None and self.control.stopped
        if last or stopping or step_end - self._last_event >= 1.0 / MAX_BATCH_EVENTS:
            self._last_event = step_end
            self._send_batch(batch, global_step, self._values_since_sent(batch, means))
        if self._answer_control():
            return
        if step_end - self._snapshot_time >= SNAPSHOT_SECONDS:
            self._snapshot()
            self.aftermath.frame()    # a copy of every weight: cold caches too
        self._live_frame(global_step)
        self._last_end = self._clock()

    def _values_since_sent(self, batch: int, means: dict) -> dict:
        """The mean of the batches since the last ``BatchEnded`` (this batch's own
        values when every batch is sent), from Keras's running means over the
        epoch; remembers this batch as the last one sent."""
        seen = min((batch + 1) * self.batch_size, self.samples or math.inf)
        before, previous = self._sent
        self._sent = (seen, means)
        if not before or not previous or seen <= before:
            return means
        return {k: (v * seen - previous.get(k, v) * before) / (seen - before)
                for k, v in means.items()}

    def _update_rate(self, step_end: float, batch: int) -> None:
        seconds = step_end - self._last_end
        if self._step_time is None:
            # The run's first step includes compiling the train function.
            self._step_time = seconds if batch > 0 or self._epoch > 0 else None
        else:
            self._step_time += RATE_SMOOTHING * (seconds - self._step_time)
        self._last_end = step_end

    def _send_batch(self, batch: int, global_step: int, values: dict) -> None:
        step_time = self._step_time or 0.0
        remaining = (self._epochs - self._epoch - 1) * self._steps + self._steps - batch - 1
        metrics = {k: v for k, v in values.items() if k != "loss"}
        self._emit(BatchEnded(
            epoch=self._epoch, step=batch, global_step=global_step,
            loss=values.get("loss", math.nan), metrics=metrics,
            samples_per_s=self.batch_size / step_time if step_time > 0 else 0.0,
            eta_s=remaining * step_time))

    def _answer_control(self) -> bool:
        """Stop or wait as asked; True when training must end now."""
        control = self.control
        if control is None:
            return False
        while control.paused:
            self.budget.exclude(control.wait_while_paused(timeout=0.1))
            waiting = self.probes.urgent_groups(control) if self.probes is not None else ()
            if waiting:
                # Nobody trains meanwhile: answer at once, outside the budget.
                self._live_frame(self._global_step, kinds=waiting, paused=True)
        if control.stopped:
            self.stopped = True
            self.model.stop_training = True
        return self.stopped

    # -- last good weights ----------------------------------------------------------
    def _snapshot(self, trusted: bool = False) -> None:
        began = self._clock()
        weights = self.model.get_weights()
        if trusted:
            self.last_good, self._candidate = weights, None
        else:
            self._candidate = weights
        self._snapshot_time = self._clock()
        self.budget.spend(self._snapshot_time - began)
        self.spent["weight_copies"] += self._snapshot_time - began

    def _trust_candidate(self) -> None:
        # A copy taken after batch k is only known good once batch k + 1,
        # computed with those very weights, gave a finite loss.
        if self._candidate is not None:
            self.last_good, self._candidate = self._candidate, None

    # -- live frames --------------------------------------------------------------------
    def _live_frame(self, global_step: int, kinds=None, paused: bool = False) -> None:
        probes, control = self.probes, self.control
        if probes is None:
            return
        showing_input = probes.urgent_groups(control)
        urgent = bool(showing_input)
        if kinds is None and (not self.budget.may_plan(urgent=urgent) or
                              (self.aftermath.needs_reference and not urgent)):
            return   # most batches of a fast model: nothing more to do
        if self._probes_pace and control is not None:
            shown = control.shown_views
            if shown != self._shown:
                self._shown, self.budget.intervals = shown, probes.intervals_for(shown)
        if kinds is None:
            wanted = sorted(probes.kinds, key=lambda k: self._last_seen.get(k, -1))
            if urgent:  # a new probe input: the groups that show it go first
                wanted = [*showing_input, *(k for k in wanted if k not in showing_input)]
            kinds = self.budget.plan(wanted, urgent=urgent, waited_for=showing_input)
        if not kinds:
            return
        if urgent and any(kind in showing_input for kind in kinds):
            probes.take_requests(control, kinds)
        results, spent, charged, setup = {}, 0.0, False, paused
        for kind in kinds:
            began = self._clock()
            part = probes.compute(kind)
            seconds = self._clock() - began
            runs = 1
            while part and self.budget.expected(kind) is None and not paused and runs < 3:
                # A first run builds and compiles the probe: a one-time setup
                # cost, like Keras tracing its own train step, not part of the
                # steady share the budget keeps (charging it would starve the
                # live views for the first half minute of every run). Price
                # the kind by a warm run: the next one, unless that one took
                # longer still (a probe whose first run is eager traces on
                # its second), then the third.
                self.budget.exclude(seconds)
                self.spent["probe_setup"] += seconds
                setup = True
                began = self._clock()
                # Same weights (nobody trained meanwhile): what the setup run
                # had and the warm run skips (a staggered kind) is kept.
                again = probes.compute(kind)
                part = {**part, **again}
                spent += seconds
                previous, seconds = seconds, self._clock() - began
                runs += 1
                if not again:
                    # Nothing new to compute (the gradients the training step
                    # records wait for its next step): an empty run would
                    # price the group near zero; the run that showed prices it.
                    seconds = previous
                    break
                if seconds <= 1.5 * previous:
                    break
            results.update(part)
            if not part and self.budget.expected(kind) is None:
                # Nothing ready yet (the training step records gradients from the
                # next step on): a setup run too; price the kind when it shows.
                self.budget.exclude(seconds)
                self.spent["probe_setup"] += seconds
                spent += seconds
                setup = True
                continue
            expected = self.budget.expected(kind)
            if paused:
                self.budget.exclude(seconds)
            elif urgent and kind in showing_input and expected is not None and \
                    seconds > max(NEW_INPUT_SETUP_FACTOR * expected, NEW_INPUT_SETUP_SECONDS):
                # A new sentence or image that needs compiling again (a longer
                # sentence lands in a new padded length): setup, like a first
                # run. Charged, a 2-4 s compile would stop the live views for
                # minutes; the kind's next run prices the new input.
                self.budget.exclude(seconds)
                self.spent["probe_setup"] += seconds
                setup = True
            else:
                charged = True
                self.budget.record(kind, seconds)
                self.spent["probes"] += seconds
                self.group_seconds[kind] = self.group_seconds.get(kind, 0.0) + seconds
            self._last_seen[kind] = global_step
            spent += seconds
        # The batches after setup or a paused frame are left out, not
        # charged (the budget sets those runs aside); after a paid frame, paid.
        if setup:
            self.aftermath.disturbed()
        elif charged:
            self.aftermath.frame()
        if not results:
            # Nothing to show (the training step has not recorded gradients
            # yet): no frame, so the display-rate cap does not count from now
            # (it kept a short epoch's first frame from ever coming).
            return
        self.budget.frame_done()
        self.frames += 1
        self._emit(LiveFrame(global_step=global_step, epoch=self._epoch, probe_seconds=spent,
                             probe_share=self.budget.share_used, results=results))
        # (Sending the frame is paid in "events" by on_train_batch_end.)
