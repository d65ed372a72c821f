"""What a live attention frame of an encoder-decoder costs, and what Keras's per-batch hook costs.

Part 1, a frame: the greedy decode behind the attention map of one date,

- ``whole``: the whole model run on ``<start> y1 .. y(t-1)`` once per token
  written (``whole_model_decode``, the only way before the step decoder);
- ``steps``: the compiled step-wise decode in a plain graph (the encoder
  once, the decoder's cell token by token in one ``tf.while_loop``), what a
  typed sentence gets;
- ``steps_xla``: the same compiled with XLA, what live frames get;
- ``probe``: the whole live attention probe (``seq2seq_attention`` with a
  frame's memo: tokenising, the decode, the result), as a live frame runs it;

on the shipped ``dates-attention-general`` (writes the 11 tokens of an ISO
date and ``<end>``) and on the untrained library preset that
``live_overhead_text.py`` trains (it writes the live decode length, 11
tokens, without ``<end>``). Median and fastest of ``--repeats`` calls, in
ms, and the share of training time four refreshes a second cost.

Part 2, the hook (``--hook-rounds``, 0 to skip): dates-attention trained as
``live_overhead_text.py`` trains it, (a) by a bare ``model.fit``; (h) with a
callback whose ``on_train_batch_end`` does nothing (Keras then calls back
after every batch and no longer dispatches batch ends on a worker thread, so
every step waits for the previous one's logs); (s) the same callback marked
``async_safe`` (Keras keeps dispatching batch ends asynchronously). Ratios
h/a and s/a over the steady epochs show what the live callback pays only for
having a per-batch hook.

    python benchmarks/attention_decode.py [--repeats 40] [--hook-rounds 3] [--epochs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from _common import median, report
from live_overhead import bare_fit, paired, rotated_rounds, spread

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[1]
TEXT = "Tuesday, 10 March 1987"
#: Tokens an ISO date takes with <end>: the live decode length of dates.
LENGTH = 11
#: The default live budget: probe time per training time.
SHARE = 0.015


def _timed(call, repeats: int) -> dict:
    call()   # compiles (once per model and length)
    seconds = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - began)
    return {"median_ms": round(1000 * median(seconds), 2),
            "min_ms": round(1000 * min(seconds), 2)}


def frame_costs(model, vocabulary, repeats: int) -> dict:
    """The four costs of Part 1 for ``model`` (see the module)."""
    import numpy as np

    from dlviz.core.probes.seq2seq_attention import seq2seq_attention, whole_model_decode
    from dlviz.core.probes.step_decoder import step_decoder

    source = vocabulary.source.ids(vocabulary.tokenize(TEXT))[None].astype(np.int32)
    start, end = vocabulary.start_id, vocabulary.end_id
    decoder = step_decoder(model)
    costs = {
        "whole": _timed(lambda: whole_model_decode(model, source, start, end, LENGTH),
                        max(3, repeats // 5)),
        "steps": _timed(lambda: decoder(source, start, end, LENGTH), repeats),
        "steps_xla": _timed(lambda: decoder(source, start, end, LENGTH, True), repeats),
        "probe": _timed(lambda: seq2seq_attention(model, TEXT, vocabulary=vocabulary,
                                                  max_length=LENGTH, memo={}), repeats),
    }
    written, _ = whole_model_decode(model, source, start, end, LENGTH)
    costs["tokens_written"] = len(written)
    costs["whole/steps_xla"] = round(costs["whole"]["median_ms"]
                                     / costs["steps_xla"]["median_ms"], 1)
    # Four refreshes a second cost 4 x frame seconds per second of training.
    costs["share_at_4_per_s"] = round(4 * costs["probe"]["median_ms"] / 1000, 4)
    return costs


def decode_part(repeats: int) -> dict:
    from live_overhead_text import load

    from dlviz.core.kerasenv import import_keras
    from dlviz.core.zoo import create
    from dlviz.core.zoo.seq2seq import Seq2SeqAttention

    shipped = Seq2SeqAttention.load(ROOT / "resources" / "models"
                                    / "dates-attention-general.keras")
    data = load("dates-attention", 400)
    import_keras().utils.set_random_seed(0)
    preset = create("dates-attention").with_vocabulary(data.vocabulary).build()
    figures = {}
    for name, model, vocabulary in (("shipped dates-attention-general", shipped.model,
                                     shipped.vocabulary),
                                    ("untrained dates-attention", preset, data.vocabulary)):
        figures[name] = frame_costs(model, vocabulary, repeats)
        print(f"{name}: {json.dumps(figures[name])}", flush=True)
    return figures


def hook_callbacks():
    """(a callback with a do-nothing batch hook, the same marked async_safe)."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()

    class BatchHook(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            pass

    class AsyncBatchHook(BatchHook):
        async_safe = True

    return BatchHook(), AsyncBatchHook()


def hook_part(rounds: int, epochs: int, samples: int, batch: int) -> dict:
    from live_overhead_text import builder, load

    from dlviz.core.training.config import TrainingConfig

    data = load("dates-attention", samples)
    config = TrainingConfig(epochs=epochs, batch_size=batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    build = builder("dates-attention", data)
    runs = rotated_rounds({
        "a": lambda: bare_fit(data, config, build=build),
        "h": lambda: bare_fit(data, config, callbacks=(hook_callbacks()[0],), build=build),
        "s": lambda: bare_fit(data, config, callbacks=(hook_callbacks()[1],), build=build),
    }, rounds)

    def steady(r):
        return sum(r["epoch_seconds"][1:])

    batches = (len(data.y_train) + batch - 1) // batch * (epochs - 1)
    def cpu(r):
        return r["epoch_cpu"][-1] - r["epoch_cpu"][0]

    figures = {"steady h/a": spread(paired(runs, "h", "a", steady)),
               "steady s/a": spread(paired(runs, "s", "a", steady)),
               "steady CPU h/a": spread(paired(runs, "h", "a", cpu)),
               "steady CPU s/a": spread(paired(runs, "s", "a", cpu)),
               "bare ms per batch": round(1000 * median([steady(r) for r in runs["a"]])
                                          / batches, 2),
               "hook ms per batch": round(1000 * median(
                   [steady(h) - steady(a) for h, a in zip(runs["h"], runs["a"])]) / batches, 3)}
    for key, value in figures.items():
        print(f"hook: {key}: {json.dumps(value)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="timed decodes per figure")
    parser.add_argument("--hook-rounds", type=int, default=3,
                        help="kept rounds of Part 2 (after a warm-up); 0 skips it")
    parser.add_argument("--epochs", type=int, default=3, help="Part 2: at least 2")
    parser.add_argument("--samples", type=int, default=9600, help="Part 2: training items")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    if args.hook_rounds and args.epochs < 2:
        parser.error("--epochs must be at least 2: the first one compiles")
    frames = decode_part(args.repeats)
    hook = hook_part(args.hook_rounds, args.epochs, args.samples, args.batch) \
        if args.hook_rounds else {}
    live = frames["untrained dates-attention"]
    report({"benchmark": "attention_decode", "frames": frames, "hook": hook,
            "frame_ms": live["probe"]["median_ms"],
            "share_at_4_per_s": live["share_at_4_per_s"], "budget_share": SHARE})


if __name__ == "__main__":
    main()
