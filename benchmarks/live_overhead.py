"""Live probes during training, against a bare ``model.fit`` and TensorBoard.

Three ways to train ``vgg16-mini`` on generated shapes for the same batches:

(a) bare ``model.fit(verbose=0)``;
(b) dlviz's ``TrainingSession`` with live probes at default settings (5 %
    budget, 10 fps cap): every conv layer's maps and predictions of a pinned
    image, the first conv layer's filters, per-layer gradient norms, weight
    and activation histograms, dead ReLUs; events go to a listener, as the
    app's bridge would take them;
(c) ``keras.callbacks.TensorBoard(histogram_freq=1, write_images=True)``
    into a temporary folder (null when the tensorboard package is missing).

Each run builds a fresh model from the same seed, compiles it the same way
and times compile + fit. Runs are interleaved (a b c a b c ...) so a busy
machine slows all alike; medians are compared. Target: b/a <= 1.05 with at
least 2 live refreshes per second.

    python benchmarks/live_overhead.py [--rounds 3] [--epochs 3] [--samples 3200]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

from _common import median, report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
#: The library model trained (gpu_check.py passes "vgg16", the full size).
MODEL = "vgg16-mini"


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
    model.fit(pipeline, epochs=config.epochs, verbose=0, shuffle=False,
              callbacks=[*callbacks, timer])
    return {"seconds": time.perf_counter() - began, "epoch_seconds": timer.seconds,
            "epoch_cpu": timer.cpu}


def epoch_timer():
    """A callback keeping each epoch's seconds (as ``EpochEnded.seconds`` does) and the
    process's CPU seconds at each epoch's end (what a busy machine disturbs less)."""
    from dlviz.core.kerasenv import import_keras

    class Timer(import_keras().callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.cpu = [], []

        def on_epoch_begin(self, epoch, logs=None):
            self._began = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._began)
            self.cpu.append(time.process_time())

    return Timer()


def live_fit(data, config, model_name: str = MODEL, build=None) -> dict:
    """The same fit through ``TrainingSession`` with its live probes, and what they did."""
    from dlviz.core.probes.registry import live_kinds
    from dlviz.core.training.events import EpochEnded, LiveFrame
    from dlviz.core.training.session import TrainingSession

    model = build() if build is not None else fresh_model(data.num_classes, name=model_name)
    frames, epochs, cpu = [], [], []

    def listener(event):
        if isinstance(event, LiveFrame):
            frames.append(event)
        elif isinstance(event, EpochEnded):
            epochs.append(event.seconds)
            cpu.append(time.process_time())

    began = time.perf_counter()
    session = TrainingSession(model, data, config, emit=listener)
    result = session.run()
    seconds = time.perf_counter() - began
    if result.reason != "finished":
        raise SystemExit(f"live run ended: {result.reason}: {result.message}")
    budget = session.callback.budget
    groups = {kind.name: kind.live_group for kind in live_kinds()}
    kinds = {group: sum(1 for f in frames if any(groups[name] == group for name in f.results))
             for group in dict.fromkeys(groups.values())}
    return {"seconds": seconds, "frames": len(frames), "kinds": kinds,
            "probe_seconds": budget.probe_seconds, "share": budget.share_used,
            "costs": {k: budget.expected(k) for k in kinds}, "epoch_seconds": epochs,
            "epoch_cpu": cpu,
            "frame_epochs": [f.epoch for f in frames],
            "text_epochs": [f.epoch for f in frames if "gates" in f.results]}


def tensorboard_fit(data, config) -> dict | None:
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        return None
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    with tempfile.TemporaryDirectory() as folder:
        board = keras.callbacks.TensorBoard(folder, histogram_freq=1, write_images=True)
        return bare_fit(data, config, [board])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=3200, help="training images")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    from dlviz.core.data import load_shapes_split
    from dlviz.core.training.config import TrainingConfig

    data = load_shapes_split(n=int(args.samples / 0.8), size=32, seed=0)
    config = TrainingConfig(epochs=args.epochs, batch_size=args.batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    bare_fit(data, TrainingConfig(epochs=1, batch_size=args.batch, validation_split=0.0))
    runs = {"a": [], "b": [], "c": []}
    for round_ in range(args.rounds):
        for name, run in (("a", bare_fit), ("b", live_fit), ("c", tensorboard_fit)):
            result = run(data, config)
            if result is not None:
                runs[name].append(result)
                shown = {k: (round(v, 3) if isinstance(v, float) else v)
                         for k, v in result.items() if k in ("seconds", "frames", "kinds",
                                                             "probe_seconds", "share")}
                print(f"round {round_ + 1} {name}: {json.dumps(shown)}", flush=True)
    bare = median([r["seconds"] for r in runs["a"]])
    live = median([r["seconds"] for r in runs["b"]])
    board = median([r["seconds"] for r in runs["c"]]) if runs["c"] else None
    rate = median([r["frames"] / r["seconds"] for r in runs["b"]])
    paired = median([b["seconds"] / a["seconds"] for a, b in zip(runs["a"], runs["b"])])
    costs = {k: v for k, v in runs["b"][-1]["costs"].items() if v}
    # What the budget allows once every probe is compiled (long runs tend to it).
    steady = config.probe_budget / (sum(costs.values()) / len(costs)) if costs else 0.0
    batches = -(-len(data.x_train) // args.batch)
    print(f"batches per run: {args.epochs} x {batches}; median seconds a={bare:.3f} "
          f"b={live:.3f} c={board if board is None else round(board, 3)}; median of "
          f"paired b/a {paired:.4f}; warm probe costs (s): "
          f"{json.dumps({k: round(v, 4) for k, v in costs.items()})}; steady-state "
          f"frames/s within the budget: {steady:.1f}", flush=True)
    report({"benchmark": "live_overhead", "ratio": round(live / bare, 4),
            "tensorboard_ratio": None if board is None else round(board / bare, 4),
            "refreshes_per_s": round(rate, 2), "target": 1.05})


if __name__ == "__main__":
    main()
