"""Bare ``fit`` and the live run batch by batch in one process: pairs a busy machine
disturbs alike.

On a machine shared with other people's processes, whole runs (or epochs)
seconds apart see different loads: paired per round, the steady b/a of
``live_overhead_text.py`` spread from 0.79 to 1.24 (quartiles, 8 rounds,
2 cores shared by 5 agents). Here the two trainings run in two threads that
hand a baton over after every batch, so batch k of the bare run and batch k
of the live run are seconds apart at most and a neighbour's burst lands on
both. Each side's turns are timed (wall and the process's CPU seconds); the
ratio is the live run's steady turns over the bare run's (the epochs after
the first), with the spread of the ratio over blocks of ``BLOCK`` batches.

How each side hands over:

- bare (a): a Keras callback gives the baton at each batch end and waits
  there for it back (Keras then calls callbacks synchronously, as it does
  for the live run); an a turn is Keras's loop between two batches, then the
  batch, as a b turn is;
- live (b): a ``TrainingControl`` whose ``paused`` says "paused" once per
  batch end, after the batch's events and before the live frame: the live
  callback then waits in ``wait_while_paused`` as for a person's pause, and
  its budget sets the wait aside (``ProbeBudget.exclude``), so the share it
  keeps is of its own training time. A b turn is the live frame of the batch
  before, then the batch itself; the run directory's checkpoints (epoch
  hooks) are taken out of the turn they fall in.

The live run's own clock: its budget (and so its callback and probes, which
time everything by the budget's clock) counts by a ``TurnClock`` that stops
while the bare run has the baton, so its display cap, paces and intervals
pass as they would in a run alone. On the wall clock they passed twice as
fast per second of its own training: attention drew 8.6 frames a second of
its own time here against 4.9 in a run alone, and each frame was charged to
the ratio (1.04 where the frames a person sees cost 1.02).

Left alike or nearly: tf.data prefetches both pipelines in the background
whoever holds the baton; the two models take turns in the caches.
"""

from __future__ import annotations

import threading
import time

from _common import show_as_the_app_does

#: Batches per block for the spread of the ratio.
BLOCK = 10


class Baton:
    """Turns of two sides, "a" and "b", one batch each; the wall and CPU seconds
    of every turn (``turns[side]``), less what ``deduct`` took out of it."""

    def __init__(self, first: str = "b"):
        self._cond = threading.Condition()
        self.turn = first
        self.done: set[str] = set()
        self.turns: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}
        self._began = {first: (time.perf_counter(), time.process_time())}
        self._deducted = {"a": [0.0, 0.0], "b": [0.0, 0.0]}

    @staticmethod
    def _other(side: str) -> str:
        return "b" if side == "a" else "a"

    def wait_for(self, side: str, timeout: float | None = None) -> bool:
        """Block until it is ``side``'s turn (or the other side finished)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: self.turn == side or self._other(side) in self.done, timeout)

    def take(self, side: str) -> None:
        """Start ``side``'s turn (waits for it)."""
        self.wait_for(side)
        with self._cond:
            self.turn = side
        self._began[side] = (time.perf_counter(), time.process_time())

    def give(self, side: str) -> None:
        """End ``side``'s turn; the other side's starts."""
        began = self._began.pop(side, None)
        if began is not None:
            wall, cpu = self._deducted[side]
            self.turns[side].append((time.perf_counter() - began[0] - wall,
                                     time.process_time() - began[1] - cpu))
            self._deducted[side] = [0.0, 0.0]
        with self._cond:
            if self._other(side) not in self.done:
                self.turn = self._other(side)
            self._cond.notify_all()

    def deduct(self, side: str, wall: float, cpu: float) -> None:
        """Take ``wall`` and ``cpu`` seconds out of ``side``'s current turn."""
        self._deducted[side][0] += wall
        self._deducted[side][1] += cpu

    def finish(self, side: str) -> None:
        """``side`` trains no more: the other side never waits for it again."""
        with self._cond:
            self.done.add(side)
            self.turn = self._other(side)
            self._cond.notify_all()


class TurnClock:
    """``time.perf_counter`` less the seconds one side waited for the baton: its
    own time, as if it trained alone."""

    def __init__(self):
        self._waited = 0.0
        self._since: float | None = None    # when the current wait began

    def __call__(self) -> float:
        now = time.perf_counter()
        waiting = now - self._since if self._since is not None else 0.0
        return now - self._waited - waiting

    def stop(self) -> None:
        if self._since is None:
            self._since = time.perf_counter()

    def resume(self) -> None:
        if self._since is not None:
            self._waited += time.perf_counter() - self._since
            self._since = None


def baton_callback(baton: Baton):
    """The bare run's side: a Keras callback taking the baton around each batch."""
    from dlviz.core.kerasenv import import_keras

    class Hand(import_keras().callbacks.Callback):
        started = False

        def on_train_batch_begin(self, batch, logs=None):
            if not self.started:      # the run's first batch
                self.started = True
                baton.take("a")

        def on_train_batch_end(self, batch, logs=None):
            # Hand over and wait here, as the live run waits in its batch end:
            # both turns then hold the same parts of Keras's loop.
            baton.give("a")
            baton.take("a")

        def on_train_end(self, logs=None):
            baton.finish("a")

    return Hand()


def baton_control(baton: Baton, clock: TurnClock):
    """The live run's side: a ``TrainingControl`` pausing the run at every batch
    end while the bare run has the baton; ``clock`` stops meanwhile."""
    from dlviz.core.training.control import TrainingControl

    class Handing(TrainingControl):
        holding = True     # the live run starts (sets up, traces) first

        @property
        def paused(self) -> bool:
            if self.stopped:
                return False
            if self.holding:             # a batch end: hand over
                self.holding = False
                clock.stop()
                baton.give("b")
                return True
            if baton.wait_for("b", timeout=0):
                baton.take("b")
                clock.resume()
                self.holding = True
                return False
            return True

        def wait_while_paused(self, poll: float = 0.05, timeout: float | None = None) -> float:
            # The seconds of the run's own clock that passed: none, it stood
            # still (the budget sets nothing aside for a wait it never saw).
            began = clock()
            baton.wait_for("b", timeout)
            return clock() - began

    return Handing()


def interleaved_fit(data, config, *, build_a, build_b, steps: int, shown=None,
                    rundir: bool = True) -> dict:
    """Train fresh models a (bare) and b (live) batch by batch; their steady turns.

    Args:
        build_a, build_b: fresh models from the same seed.
        steps: batches per epoch (turns before it are the first epoch's).
        shown: the probe kinds on screen (``TrainingControl.show_views``).

    Returns:
        ``{"a": [(wall, cpu) of each steady turn], "b": [...], "frames":
        [(turn, kinds) of each live frame], "reason": how the live run ended}``.
    """
    import tempfile

    from live_overhead import RunTimer

    from dlviz.core.training.budget import ProbeBudget
    from dlviz.core.training.events import LiveFrame, TrainingStopped
    from dlviz.core.training.session import TrainingSession, _compile

    baton = Baton()
    frames, errors = [], []

    def bare():
        try:
            model = build_a()
            _compile(model, config)
            session = TrainingSession(model, data, config, emit=lambda event: None)
            pipeline = session._pipeline(model, data.x_train, data.y_train, shuffle=True)
            model.fit(pipeline, epochs=config.epochs, verbose=0, shuffle=False,
                      callbacks=[baton_callback(baton)])
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            baton.finish("a")

    thread = threading.Thread(target=bare, name="bench-bare-fit")
    with tempfile.TemporaryDirectory() as folder:
        writer = RunTimer(folder, config) if rundir else None

        def listener(event):
            if writer is not None:
                writer(event)
            if isinstance(event, LiveFrame):
                frames.append((len(baton.turns["b"]), tuple(event.results),
                               event.probe_seconds))

        def checkpoint(model, epoch, logs=None):
            wall, cpu = time.perf_counter(), time.process_time()
            writer.checkpoint(model, epoch, logs)
            baton.deduct("b", time.perf_counter() - wall, time.process_time() - cpu)

        clock = TurnClock()
        control = baton_control(baton, clock)
        model_b = build_b()
        show_as_the_app_does(control, model_b, shown)
        thread.start()
        try:
            session = TrainingSession(model_b, data, config, emit=listener, control=control,
                                      on_epoch_end=(checkpoint,) if writer is not None else (),
                                      budget=ProbeBudget(config.probe_budget, clock=clock))
            result = session.run()
        finally:
            baton.finish("b")
            thread.join()
            if writer is not None:
                writer.writer.close()
    if errors:
        raise errors[0]
    if not isinstance(result, TrainingStopped) or result.reason != "finished":
        raise SystemExit(f"interleaved live run ended: {result.reason}: {result.message}")
    budget = session.callback.budget
    # What the live run's budget charged, in its own seconds: why it drew as often as it did.
    charged = {"training": budget.training_seconds, "probes": budget.probe_seconds,
               "aftermath": budget.aftermath_seconds, "bookkeeping": budget.bookkeeping_seconds}
    return {"charged": {k: round(v, 3) for k, v in charged.items()},
            "a": baton.turns["a"][steps:], "b": baton.turns["b"][steps:],
            "frames": [(turn - steps, kinds) for turn, kinds, _s in frames if turn >= steps],
            "frame_seconds": [(turn - steps, s) for turn, _k, s in frames if turn >= steps]}


def interleaved_figures(pairs: list[dict], watched: set) -> dict:
    """Ratios of the live run's steady turns to the bare run's, their spread over
    blocks of ``BLOCK`` batches, and the watched views' refreshes per second
    of the live run's own steady time."""
    from live_overhead import spread

    def blocks(pair, which):
        n = min(len(pair["a"]), len(pair["b"]))
        return [sum(t[which] for t in pair["b"][i:i + BLOCK]) /
                sum(t[which] for t in pair["a"][i:i + BLOCK])
                for i in range(0, n - BLOCK + 1, BLOCK)]

    def total(pair, side, which):
        n = min(len(pair["a"]), len(pair["b"]))
        return sum(t[which] for t in pair[side][:n])

    figures = {}
    for which, label in ((0, "wall"), (1, "CPU")):
        figures[f"interleaved {label} b/a (whole steady part, each pair)"] = [
            round(total(p, "b", which) / total(p, "a", which), 4) for p in pairs]
        figures[f"interleaved {label} b/a over blocks of {BLOCK} batches"] = spread(
            [r for p in pairs for r in blocks(p, which)])
    figures["interleaved ms per batch (median turn: a, b)"] = [
        round(1e3 * sorted(t[0] for p in pairs for t in p[side])[
            len([t for p in pairs for t in p[side]]) // 2], 2) for side in ("a", "b")]
    # Turns without a live frame: what the live run costs every batch besides
    # its frames (the callback's bookkeeping, the training step's recording).
    framed = [{turn for turn, _kinds in p["frames"]} for p in pairs]
    bare = sorted(t[1] for p in pairs for t in p["a"])
    plain = sorted(t[1] for p, f in zip(pairs, framed) for i, t in enumerate(p["b"])
                   if i not in f)
    figures["interleaved CPU ms per batch, turns without a frame (median: a, b)"] = [
        round(1e3 * bare[len(bare) // 2], 3), round(1e3 * plain[len(plain) // 2], 3)]
    # What a frame costs the turn it is in, and the turn after it (slower
    # steps after a probe: caches, memory), against what the budget was told
    # (the probes' own seconds): medians, ms.
    def turns_at(offset):
        return sorted(p["b"][turn + offset][1] for p in pairs for turn, _s in p["frame_seconds"]
                      if 0 <= turn + offset < len(p["b"]))

    def mid(values):
        return 1e3 * values[len(values) // 2] if values else 0.0

    told = sorted(s for p in pairs for _turn, s in p["frame_seconds"])
    after = {turn + 1 for p in pairs for turn, _s in p["frame_seconds"]}
    figures["interleaved frame cost, CPU ms (turn with a frame, turn after it, "
            "turn without, the probes' own seconds)"] = [
        round(mid(turns_at(0)), 3), round(mid(turns_at(1)), 3),
        round(mid(sorted(t[1] for p, f in zip(pairs, framed) for i, t in enumerate(p["b"])
                         if i not in f and i not in after)), 3), round(mid(told), 3)]
    figures["interleaved watched refreshes/s"] = [
        round(sum(1 for _turn, kinds in p["frames"] if watched & set(kinds)) /
              total(p, "b", 0), 2) for p in pairs]
    return figures
