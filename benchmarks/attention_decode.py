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

Part 2, the hook (``--hook-rounds``, 0 to skip): one dates-attention model
compiled as ``live_overhead_text.py`` trains it, then ``fit`` for 100
batches at a time, in rotating order: (a) bare; (h) with a callback whose
``on_train_batch_end`` does nothing (Keras then calls back after every batch
and no longer dispatches batch ends on a worker thread, so every step waits
for the previous one's logs); (s) the same callback marked ``async_safe``
(Keras keeps dispatching batch ends asynchronously); (g) a callback with a
do-nothing ``on_train_batch_begin`` only (batch ends stay asynchronous).
Milliseconds per batch (wall and CPU; fastest and median of the rounds) and
h/a, s/a, g/a show what the live callback pays only for having a per-batch
hook, and what each way of having one costs.

    python benchmarks/attention_decode.py [--repeats 40] [--hook-rounds 15]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from _common import median, report

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
    """Callbacks with a do-nothing hook: after each batch, the same marked
    async_safe, before each batch."""
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()

    class BatchHook(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            pass

    class AsyncBatchHook(BatchHook):
        async_safe = True

    class BeginHook(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            pass

    return BatchHook(), AsyncBatchHook(), BeginHook()


def hook_part(rounds: int, samples: int, batch: int, steps: int = 100) -> dict:
    """Part 2: one compiled dates-attention model, ``fit`` for ``steps`` batches at a
    time with no callback (a), the do-nothing batch hook (h), the async-safe one
    (s) and a batch-begin hook (g), in rotating order for ``rounds`` rounds after a warm-up; the fastest and
    the median of each (the fastest is what a busy machine disturbs least)."""
    from live_overhead_text import builder, load

    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.session import TrainingSession, _compile

    data = load("dates-attention", samples)
    config = TrainingConfig(epochs=1, batch_size=batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    model = builder("dates-attention", data)()
    _compile(model, config)
    session = TrainingSession(model, data, config, emit=lambda event: None)
    pipeline = session._pipeline(model, data.x_train, data.y_train, shuffle=True)
    hook, async_hook, begin_hook = hook_callbacks()
    variants = {"a": [], "h": [hook], "s": [async_hook], "g": [begin_hook]}
    seconds = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    names = list(variants)
    for round_ in range(rounds + 1):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            began, began_cpu = time.perf_counter(), time.process_time()
            model.fit(pipeline, epochs=1, steps_per_epoch=steps, verbose=0, shuffle=False,
                      callbacks=variants[name])
            if round_:   # the first round compiles and warms up
                seconds[name].append((time.perf_counter() - began) / steps)
                cpu[name].append((time.process_time() - began_cpu) / steps)

    def ms(values):
        return {"min": round(1000 * min(values), 3), "median": round(1000 * median(values), 3)}

    figures = {f"{name} ms per batch": ms(seconds[name]) for name in names}
    figures.update({f"{name} CPU ms per batch": ms(cpu[name]) for name in names})
    for top in ("h", "s", "g"):
        figures[f"{top}/a (fastest)"] = round(min(seconds[top]) / min(seconds["a"]), 4)
        figures[f"{top}/a (median)"] = round(median(seconds[top]) / median(seconds["a"]), 4)
    for key, value in figures.items():
        print(f"hook: {key}: {json.dumps(value)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="timed decodes per figure")
    parser.add_argument("--hook-rounds", type=int, default=15,
                        help="rounds of Part 2 (after a warm-up); 0 skips it")
    parser.add_argument("--samples", type=int, default=9600, help="Part 2: training items")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    frames = decode_part(args.repeats)
    hook = hook_part(args.hook_rounds, args.samples, args.batch) \
        if args.hook_rounds else {}
    live = frames["untrained dates-attention"]
    report({"benchmark": "attention_decode", "frames": frames, "hook": hook,
            "frame_ms": live["probe"]["median_ms"],
            "share_at_4_per_s": live["share_at_4_per_s"], "budget_share": SHARE})


if __name__ == "__main__":
    main()
