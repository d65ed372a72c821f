"""Live probes during training, against a bare ``model.fit`` and TensorBoard.

Three ways to train ``vgg16-mini`` on generated shapes for the same batches:

(a) bare ``model.fit(verbose=0)`` on the session's own pipeline;
(b) dlviz's ``TrainingSession`` as the app runs it, live probes at default
    settings (``TrainingConfig.probe_budget``, 10 fps cap): every conv
    layer's maps of a pinned image, the first conv layer's filters,
    per-layer gradient norms, weight and activation histograms, dead ReLUs;
    events go to a listener, as the app's bridge would take them, and to a
    ``RunWriter`` into a temporary run directory (history lines, snapshots,
    a checkpoint per epoch), as the app writes one (``--no-rundir``: not);
(c) ``keras.callbacks.TensorBoard(histogram_freq=1, write_images=True)``
    into a temporary folder (the ``bench`` extra installs tensorboard).

Each run builds a fresh model from the same seed, compiles it the same way
and times compile + fit. Every round runs the three in a rotated order
(a b c, b c a, c a b, ...) so neither warm-up nor a busy neighbour favours
one; a first round is a discarded warm-up. Ratios are paired within a round
and printed as min / median / max: the steady state (epochs after the first,
the JSON's "ratio"), its CPU seconds (what other people's processes on a
shared machine disturb less), and whole runs, one-time tracing and the
checkpoints included ("whole_run_ratio"). The live run's time beyond the bare run
is broken down: warm probe runs, probe setup (first, compiling runs), the
callback's events (logs, ``BatchEnded``, frames, the listener and the run
writer), weight copies, epoch hooks (checkpoints), time before ``fit``
(session checks, compiling, pipeline, probes' setup) and what is left.
Refreshes per second are counted per view (frames of the steady epochs that
carry it, per steady second): the feature maps are the view people watch;
weights and gradient norms refresh less often by design (``GROUP_SECONDS``).
The watched views (``--watching``'s kinds, else feature maps, gates,
attention) get their own rate ("watched_refreshes_per_s": steady frames that
carry one of them), with the median probe milliseconds of such a frame and
where the budget's share went (each probe group, the bookkeeping the budget
charges beside them, weight copies; % of training time).
Per run, the seconds no thread of the process ran or waited for a CPU
within the steady epochs ("idle": tf.data's tuner once made bare epochs
bimodal) and every thread's CPU seconds are printed too.

On a machine shared with other people's processes, rounds seconds apart
see different loads (steady b/a quartiles 0.79-1.24 over 8 rounds of
lstm-sentiment, 2 cores shared by 5 agents): ``--interleaved N`` (default
1) then trains N more pairs batch by batch in turns (``_interleaved.py``),
the figure to read there ("interleaved_cpu_ratio", with its spread over
blocks of 10 batches and what a frame costs the batch it is in), beside
its refresh rate: the live run's clock stands still while the bare run has
its turn (``TurnClock``), so its views refresh as often per second of its
own training as in a run alone, where the rounds' rates swing with the
load (2.4-3.8 a second for vgg16-mini's maps on a shared machine).
Target: b/a <= 1.02 with the watched views refreshed at least 4 times a second.

    python benchmarks/live_overhead.py [--rounds 3] [--epochs 3] [--samples 3200] [--interleaved 1]
        [--watching feature_maps]   # the app's Feature maps tab on screen
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

import _run_timers
from _common import IdleSampler, median, report, show_as_the_app_does
from _overhead_summary import WATCHED, breakdown, paired, spread, summary, watched_views  # noqa: F401
from _run_timers import RunTimer, SteadyMarks, epoch_timer  # noqa: F401

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
#: The library model trained (gpu_check.py passes "vgg16", the full size).
MODEL = "vgg16-mini"
#: What each run's line shows.
SHOWN = ("seconds", "frames", "kinds", "probe_seconds", "share", "idle")


def fresh_model(classes: int, seed: int = 0, name: str = MODEL):
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.zoo import create

    import_keras().utils.set_random_seed(seed)
    return create(name, classes=classes).build()


def bare_fit(data, config, callbacks=(), model_name: str = MODEL, build=None) -> dict:
    """Compile + fit seconds of a fresh model (``build()``, else the library's)."""
    from dlviz.core.training.session import TrainingSession, _compile

    model = build() if build is not None else fresh_model(data.num_classes, name=model_name)
    began = time.perf_counter()
    _compile(model, config)
    # The same pipeline the session builds (shuffle, batch, prefetch).
    session = TrainingSession(model, data, config, emit=lambda event: None)
    pipeline = session._pipeline(model, data.x_train, data.y_train, shuffle=True)
    timer = epoch_timer()
    before_fit = time.perf_counter() - began
    model.fit(pipeline, epochs=config.epochs, verbose=0, shuffle=False,
              callbacks=[*callbacks, timer])
    return {"seconds": time.perf_counter() - began, "epoch_seconds": timer.seconds,
            "epoch_cpu": timer.cpu, "before_fit": before_fit, **timer.steady()}


def live_fit(data, config, model_name: str = MODEL, build=None, rundir: bool = True,
             shown=None) -> dict:
    """The same fit through ``TrainingSession`` with its live probes, and what they did.

    ``shown``: the probe kinds whose views are on screen, as the app says with
    ``TrainingControl.show_views`` (None: every view counts as shown).
    """
    from dlviz.core.probes.registry import live_kinds
    from dlviz.core.training.control import TrainingControl
    from dlviz.core.training.events import EpochEnded, LiveFrame, TrainingStarted, TrainingStopped
    from dlviz.core.training.session import TrainingSession

    model = build() if build is not None else fresh_model(data.num_classes, name=model_name)
    frames, epochs, cpu, marks = [], [], [], {}
    steady = SteadyMarks()
    with tempfile.TemporaryDirectory() as folder:
        writer = RunTimer(folder, config) if rundir else None

        def listener(event):
            if isinstance(event, TrainingStopped):
                marks["stopped"] = time.perf_counter()
            if writer is not None:
                writer(event)
            if isinstance(event, LiveFrame):
                frames.append(event)
            elif isinstance(event, EpochEnded):
                epochs.append(event.seconds)
                cpu.append(time.process_time())
                steady.end()
            elif isinstance(event, TrainingStarted):
                marks["fit"] = time.perf_counter()
                steady.begin(0)

        def next_epoch(model, epoch, logs=None):
            # After the epoch's checkpoint: the next epoch's training begins.
            steady.begin(epoch + 1)

        began = time.perf_counter()
        control = TrainingControl()
        show_as_the_app_does(control, model, shown)
        session = TrainingSession(model, data, config, emit=listener, control=control,
                                  on_epoch_end=(next_epoch,) if writer is None
                                  else (writer.checkpoint, next_epoch))
        result = session.run()
        seconds = time.perf_counter() - began
        if writer is not None:
            writer.writer.close()
    if result.reason != "finished":
        raise SystemExit(f"live run ended: {result.reason}: {result.message}")
    callback = session.callback
    budget = callback.budget
    groups = {kind.name: kind.live_group for kind in live_kinds()}
    kinds = {group: sum(1 for f in frames if any(groups[name] == group for name in f.results))
             for group in dict.fromkeys(groups.values())}
    spent = dict(callback.spent)
    spent["rundir_writes"] = writer.seconds if writer is not None else 0.0
    # The writer runs inside the callback's events; show it apart.
    spent["events"] -= spent["rundir_writes"]
    spent["before_fit"] = marks.get("fit", began) - began
    spent["after_fit"] = began + seconds - marks.get("stopped", began + seconds)
    training = budget.training_seconds
    return {"seconds": seconds, "frames": len(frames), "kinds": kinds, "shown": shown,
            "probe_seconds": budget.probe_seconds, "share": budget.share_used,
            "shares": {**{group: s / training for group, s in callback.group_seconds.items()},
                       "bookkeeping": budget.bookkeeping_seconds / training,
                       "weight_copies": spent["weight_copies"] / training},
            "frame_costs": [(f.epoch, f.probe_seconds, tuple(f.results)) for f in frames],
            "costs": {k: budget.expected(k) for k in kinds}, "epoch_seconds": epochs,
            "epoch_cpu": cpu, "spent": spent, **steady.steady(),
            "frame_epochs": [f.epoch for f in frames],
            "view_epochs": {kind: [f.epoch for f in frames if kind in f.results]
                            for kind in groups},
            "text_epochs": [f.epoch for f in frames if "gates" in f.results],
            "attention_epochs": [f.epoch for f in frames if "attention" in f.results]}


def tensorboard_fit(data, config, build=None) -> dict:
    """The bare fit with Keras's TensorBoard callback (histograms, images) attached."""
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        raise SystemExit("TensorBoard is the anchor of this benchmark: install it with "
                         "`pip install -e .[bench]` (or `make bench`)") from None
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    with tempfile.TemporaryDirectory() as folder:
        board = keras.callbacks.TensorBoard(folder, histogram_freq=1, write_images=True)
        return bare_fit(data, config, [board], build=build)


def rotated_rounds(steps: dict, rounds: int, shown=SHOWN) -> dict:
    """Run ``steps`` (name -> callable returning a dict) for ``rounds`` kept rounds.

    A first, discarded warm-up round; then round r runs the names rotated by
    r (a b c, b c a, c a b, ...). Returns ``{name: [result of each kept round]}``.
    """
    names = list(steps)
    runs = {name: [] for name in names}
    for round_ in range(rounds + 1):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            result = steps[name]()
            if round_ > 0:
                runs[name].append(result)
            line = {k: (round(v, 3) if isinstance(v, float) else v)
                    for k, v in result.items() if k in shown}
            line["epoch_seconds"] = [round(v, 2) for v in result["epoch_seconds"]]
            line["steady_epoch_cpu"] = [round(c, 2) for _w, c in result["steady_epochs"]]
            print(f"round {round_}{' (warm-up)' if round_ == 0 else ''} {name}: "
                  f"{json.dumps(line)}", flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="kept rounds (after a warm-up)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=3200, help="training images")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--no-rundir", action="store_true",
                        help="the live run writes no run directory")
    parser.add_argument("--watching", default=None,
                        help="comma-separated probe kinds on screen, as the app says with "
                             "TrainingControl.show_views (e.g. feature_maps); default: all")
    parser.add_argument("--interleaved", type=int, default=1,
                        help="pairs of runs trained batch by batch in turns (_interleaved.py)")
    args = parser.parse_args()
    start_sampler()

    from dlviz.core.data import load_shapes_split
    from dlviz.core.training.config import TrainingConfig

    data = load_shapes_split(n=int(args.samples / 0.8), size=32, seed=0)
    config = TrainingConfig(epochs=args.epochs, batch_size=args.batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    runs = rotated_rounds({"a": lambda: bare_fit(data, config),
                           "b": lambda: live_fit(data, config, rundir=not args.no_rundir,
                                                 shown=watching(args.watching)),
                           "c": lambda: tensorboard_fit(data, config)}, args.rounds)
    figures = summary(runs)
    batches = -(-len(data.x_train) // args.batch)
    print(f"batches per run: {args.epochs} x {batches}; median seconds "
          f"a={median([r['seconds'] for r in runs['a']]):.3f} "
          f"b={median([r['seconds'] for r in runs['b']]):.3f} "
          f"c={median([r['seconds'] for r in runs['c']]):.3f}", flush=True)
    for name, value in figures.items():
        print(f"{name}: {json.dumps(value)}", flush=True)
    interleaved = interleave(args.interleaved, data, config, build=lambda: fresh_model(
        data.num_classes), rundir=not args.no_rundir, shown=watching(args.watching))
    for name, value in interleaved.items():
        print(f"{name}: {json.dumps(value)}", flush=True)
    report({"benchmark": "live_overhead",
            "interleaved_ratio": interleaved.get("interleaved_ratio"),
            "interleaved_cpu_ratio": interleaved.get("interleaved_cpu_ratio"), "ratio": figures["steady b/a"]["median"],
            "ratio_spread": figures["steady b/a"],
            "cpu_ratio_spread": figures["steady CPU b/a"],
            "fastest_epoch_ratio": figures["fastest steady epoch b/a"],
            "whole_run_ratio": figures["whole run b/a"]["median"],
            "cpu_ratio": figures["steady CPU b/a"]["median"],
            "tensorboard_ratio": figures["steady c/a"]["median"],
            "refreshes_per_s": figures["refreshes/s"]["median"],
            "view_refreshes_per_s": figures["refreshes/s by view (median)"].get("feature_maps", 0.0),
            "watched": figures["watched views"],
            "watched_refreshes_per_s": figures["watched refreshes/s"]["median"],
            "target": 1.02,
            "target_rate": 4})


def interleave(pairs: int, data, config, *, build, rundir: bool = True, shown=None) -> dict:
    """``pairs`` bare and live runs trained batch by batch in turns
    (``_interleaved.py``): their figures, and the medians as
    "interleaved_ratio" and "interleaved_cpu_ratio" ({} for no pairs)."""
    if pairs <= 0:
        return {}
    from _interleaved import interleaved_figures, interleaved_fit

    steps = -(-len(data.y_train) // config.batch_size)
    runs = []
    for pair in range(pairs):
        runs.append(interleaved_fit(data, config, build_a=build, build_b=build, steps=steps,
                                    shown=shown, rundir=rundir))
        print(f"interleaved pair {pair}: {len(runs[-1]['b'])} steady batches, "
              f"{len(runs[-1]['frames'])} frames; the live run's budget charged (s): "
              f"{json.dumps(runs[-1]['charged'])}", flush=True)
    offered = {kind for run in runs for _turn, kinds in run["frames"] for kind in kinds}
    watched = set(shown) if shown else {kind for kind in WATCHED if kind in offered}
    figures = interleaved_figures(runs, watched)
    for key, label in (("interleaved_ratio", "wall"), ("interleaved_cpu_ratio", "CPU")):
        figures[key] = median(figures[f"interleaved {label} b/a (whole steady part, each pair)"])
    return figures


def start_sampler() -> None:
    """Sample this process's idle windows from now on (``SAMPLER``)."""
    _run_timers.SAMPLER = IdleSampler().start()


def watching(option: str | None):
    """``--watching``'s kinds, or None (every view counts as on screen)."""
    return None if not option else [k.strip() for k in option.split(",") if k.strip()]


if __name__ == "__main__":
    main()
