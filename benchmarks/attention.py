"""The attention probe on 512 tokens through 12 heads, against the model's own forward pass.

The model: ids -> Embedding(1000, 64, mask_zero=True) -> MultiHeadAttention
(12 heads, key size 16, self-attention) -> pooled -> 2 classes, random
weights. The probe is the registry's "attention" kind on a typed text of 512
token ids: encoding, one pass of the model with the layer asked for its
scores (12 × 512 × 512 weights; the pass compiled once per model), and the
weights cut and labelled. The floor is the same model's forward pass on the
same ids, eager and compiled (``tf.function``, ``predict_on_batch``); the
fastest counts. Every candidate
is warmed up, then they take turns, in a new order each round, for
``--repeats`` rounds; each one's best round counts. Also printed: the
picture (PNG) and SVG of the result, which ``dlviz attention`` writes.
Targets: probe under 1 s, probe / forward <= 2.

    python benchmarks/attention.py [--repeats 20] [--tokens 512] [--heads 12]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from _common import report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def best_of(candidates: dict, repeats: int) -> dict:
    """Seconds of each candidate's best round; the candidates take turns."""
    for run in candidates.values():
        run(), run()  # warm-up: tracing, extractors, caches
    times = {name: [] for name in candidates}
    order = list(candidates)
    shuffle = np.random.default_rng(0).shuffle
    for _ in range(repeats):
        shuffle(order)
        for name in order:
            began = time.perf_counter()
            candidates[name]()
            times[name].append(time.perf_counter() - began)
    for name, values in times.items():
        print(f"{name:<30} best {min(values) * 1000:8.2f} ms   "
              f"median {np.median(values) * 1000:8.2f} ms")
    return {name: min(values) for name, values in times.items()}


def build(tokens: int, heads: int, width: int = 64):
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    keras.utils.set_random_seed(0)
    ids = keras.Input((None,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(1000, width, mask_zero=True, name="embedding")(ids)
    y = keras.layers.MultiHeadAttention(heads, 16, name="mha")(x, x)
    out = keras.layers.Dense(2, activation="softmax", name="classes")(
        keras.layers.GlobalAveragePooling1D(name="pool")(y))
    return keras.Model(ids, out, name="mha_reader")


def measure(repeats: int, tokens: int, heads: int) -> dict:
    from dlviz.core.kerasenv import import_tensorflow
    from dlviz.core.probes.attention_svg import attention_svg
    from dlviz.core.probes.pictures import png_bytes
    from dlviz.core.probes.registry import PROBES

    tf = import_tensorflow()
    model = build(tokens, heads)
    ids = 1 + (np.arange(tokens) * 7919) % 999
    text = " ".join(str(i) for i in ids)
    x = ids[None].astype(np.int32)
    compiled = tf.function(lambda v: model(v, training=False), reduce_retracing=True)
    kind = PROBES["attention"]
    times = best_of({
        "forward: eager": lambda: np.asarray(model(x, training=False)),
        "forward: tf.function": lambda: np.asarray(compiled(x)),
        "forward: predict_on_batch": lambda: model.predict_on_batch(x),
        "probe: attention": lambda: kind.compute(model, text)}, repeats)
    found = kind.compute(model, text)
    assert found.weights.shape == (heads, tokens, tokens), found.weights.shape
    began = time.perf_counter()
    png = png_bytes(found.picture())
    picture_s = time.perf_counter() - began
    began = time.perf_counter()
    svg = attention_svg(found)
    svg_s = time.perf_counter() - began
    method = min((k for k in times if k.startswith("forward")), key=times.get)
    return {"probe_s": times["probe: attention"], "forward_s": times[method],
            "forward": method.split(": ")[1], "picture_s": picture_s, "svg_s": svg_s,
            "png_mb": len(png) / 1e6, "svg_mb": len(svg.encode("utf-8")) / 1e6,
            "row_sum_error": float(np.abs(found.weights.sum(-1) - 1).max())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--heads", type=int, default=12)
    args = parser.parse_args()
    if min(args.repeats, args.tokens, args.heads) < 1 or args.tokens > 512:
        parser.error("--repeats, --tokens and --heads want positive whole numbers; "
                     "--tokens at most 512 (what the probe reads)")
    result = measure(args.repeats, args.tokens, args.heads)
    ratio = result["probe_s"] / result["forward_s"]
    print(f"floor: {result['forward']}; {args.tokens} tokens, {args.heads} heads, batch 1")
    print(f"probe / forward: {ratio:.2f} (target 2); probe {result['probe_s'] * 1000:.0f} ms "
          f"(target < 1000 ms)")
    print(f"picture {result['picture_s'] * 1000:.0f} ms ({result['png_mb']:.1f} MB PNG), "
          f"SVG {result['svg_s'] * 1000:.0f} ms ({result['svg_mb']:.1f} MB)")
    report({"benchmark": "attention", "ratio": round(ratio, 3), "target": 2.0,
            "probe_ms": round(result["probe_s"] * 1000, 2),
            "forward_ms": round(result["forward_s"] * 1000, 2),
            "forward": result["forward"], "tokens": args.tokens, "heads": args.heads,
            "picture_ms": round(result["picture_s"] * 1000, 1),
            "svg_ms": round(result["svg_s"] * 1000, 1),
            "row_sum_error": result["row_sum_error"]})


if __name__ == "__main__":
    main()
