"""Live gate and attention views while sequence models train, against a bare ``model.fit``.

Two library models, each trained two ways for the same batches:

- ``lstm-sentiment`` (Embedding, one LSTM, softmax) on the generated English
  sentiment sentences: live gates of every LSTM step and the gradient
  through time of the pinned sentence;
- ``dates-attention`` (an LSTM encoder-decoder with attention) on generated
  dates: the live attention map of the pinned date;

(a) bare ``model.fit(verbose=0)`` on the session's own pipeline;
(b) dlviz's ``TrainingSession`` at default settings (``probe_budget``, 10
    fps cap), with per-layer gradient norms, dead units and weight
    histograms too, events to a listener and a run directory (as the app).

The measurement code is ``live_overhead.py``'s (``bare_fit``, ``live_fit``,
``rotated_rounds``). Each run builds a fresh model from the same seed; the
order rotates within rounds (a b, then b a) and a first round is a
discarded warm-up. Throughput is read in the steady state, the epochs
after the first (the first compiles Keras's train step and every probe
once; the whole-run ratio is printed too); ratios are printed as min /
median / max, with the live run's time broken down as in
``live_overhead.py`` (its "aftermath": what the budget charged for the
batches after its frames) and that charge per frame. Target: b/a <= 1.02 with at least 4 live refreshes
per second, the gates (or attention) among them.

    python benchmarks/live_overhead_text.py [--rounds 3] [--epochs 3] [--models lstm-sentiment,dates-attention]
        [--watching gates]
"""

from __future__ import annotations

import argparse
import json
import os

from _common import median, report
from live_overhead import (bare_fit, interleave, live_fit, rotated_rounds, start_sampler,
                           summary, watching)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
#: The models measured and what their live frames must carry.
MODELS = {"lstm-sentiment": "text_epochs", "dates-attention": "attention_epochs"}
#: Items per run as a multiple of --samples: dates-attention trains ~4x faster per
#: item, and a budget of 1.5 % needs seconds of training to pay for a frame.
SCALE = {"lstm-sentiment": 1, "dates-attention": 4}


def load(name: str, samples: int):
    """The generated data ``name`` trains on: sentiment sentences or date pairs."""
    if name == "dates-attention":
        from dlviz.core.data.pair_dataset import load_pair_data

        return load_pair_data("dates-en", samples=int(samples / 0.8), seed=0)
    from dlviz.core.data.sentiment import load_sentiment

    return load_sentiment("en", n=int(samples / 0.8), seed=0)


def builder(name: str, data, seed: int = 0):
    """A fresh library model ``name`` reading ``data``'s vocabulary, from ``seed``."""
    def build():
        from dlviz.core.kerasenv import import_keras
        from dlviz.core.zoo import create

        import_keras().utils.set_random_seed(seed)
        if name == "dates-attention":
            return create(name).with_vocabulary(data.vocabulary).build()
        return create(name, classes=data.num_classes, vocabulary=data.vocabulary).build()

    return build


def measure(name: str, args) -> dict:
    """Run the rounds for one model, print its lines; its figures."""
    from dlviz.core.training.config import TrainingConfig

    data = load(name, args.samples * SCALE[name])
    config = TrainingConfig(epochs=args.epochs, batch_size=args.batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    build = builder(name, data)
    print(f"== {name}", flush=True)
    runs = rotated_rounds({"a": lambda: bare_fit(data, config, build=build),
                           "b": lambda: live_fit(data, config, build=build,
                                                 shown=watching(args.watching))}, args.rounds)
    figures = summary(runs)
    items = len(data.y_train) * (args.epochs - 1)
    # What the budget charged for the batches after its frames (its own
    # estimate, frame_aftermath.py), beside the probes' own seconds.
    figures["aftermath ms per frame, budget's estimate (median)"] = round(1e3 * median(
        [r["spent"].get("aftermath", 0.0) / max(r["frames"], 1) for r in runs["b"]]), 3)
    figures["steady items/s"] = {
        k: round(median([items / sum(r["epoch_seconds"][1:]) for r in runs[k]])) for k in runs}
    print(f"{name}: {args.epochs} epochs of {len(data.y_train)} items, batches of "
          f"{args.batch}", flush=True)
    for key, value in figures.items():
        print(f"{name}: {key}: {json.dumps(value)}", flush=True)
    interleaved = interleave(args.interleaved, data, config, build=build,
                             shown=watching(args.watching))
    for key, value in interleaved.items():
        print(f"{name}: {key}: {json.dumps(value)}", flush=True)
    shown = "refreshes/s with " + ("attention" if name == "dates-attention" else "gates")
    return {"interleaved_ratio": interleaved.get("interleaved_ratio"),
            "interleaved_cpu_ratio": interleaved.get("interleaved_cpu_ratio"), "ratio": figures["steady b/a"]["median"], "ratio_spread": figures["steady b/a"],
            "cpu_ratio": figures["steady CPU b/a"]["median"],
            "cpu_ratio_spread": figures["steady CPU b/a"],
            "fastest_epoch_ratio": figures["fastest steady epoch b/a"],
            "whole_run_ratio": figures["whole run b/a"]["median"],
            "refreshes_per_s": figures["refreshes/s"]["median"],
            "view_refreshes_per_s": figures.get(shown, {}).get("median", 0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="kept rounds (after a warm-up)")
    parser.add_argument("--epochs", type=int, default=3, help="at least 2")
    parser.add_argument("--samples", type=int, default=2400, help="training items")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--watching", default=None,
                        help="comma-separated probe kinds on screen (TrainingControl."
                             "show_views), e.g. gates or attention; default: all")
    parser.add_argument("--interleaved", type=int, default=1,
                        help="pairs of runs trained batch by batch in turns (_interleaved.py)")
    parser.add_argument("--models", default=",".join(MODELS),
                        help=f"comma-separated, of {', '.join(MODELS)}")
    args = parser.parse_args()
    start_sampler()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: the first one compiles")
    names = [n.strip() for n in args.models.split(",") if n.strip()]
    unknown = [n for n in names if n not in MODELS]
    if unknown or not names:
        parser.error(f"unknown model(s) {unknown}; choose among {', '.join(MODELS)}")
    figures = {name: measure(name, args) for name in names}
    report({"benchmark": "live_overhead_text", "models": figures,
            "ratio": max(f["ratio"] for f in figures.values()),
            "refreshes_per_s": min(f["refreshes_per_s"] for f in figures.values()),
            "target": 1.02, "target_rate": 4})


if __name__ == "__main__":
    main()
