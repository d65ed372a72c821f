"""GPU check: run it whenever a GPU is at hand (``make bench-gpu``); under eight minutes.

1. The device is found and named as the app's status bar names it
   ("training on GPU: NVIDIA H200 · TensorFlow 2.x · Keras 3.x").
2. VGG-16 at full size (224x224, 138 M parameters) trains a few hundred
   batches of generated shapes with mixed precision, bare (``model.fit``) and
   with dlviz's live probes (``TrainingSession``), taking turns; the ratio is
   live / bare. The runs are ``live_overhead.py``'s, on the big model.
3. An image dropped on VGG-16 at 224: every layer's maps against the fastest
   compiled forward pass (``drop_latency.py``'s measurement, in float32 as
   the app probes).

Without a GPU it says so, prints its JSON line and exits 0 as soon as
TensorFlow has answered, so ``make bench`` never trains VGG-16 on a CPU.
``--allow-cpu`` with small sizes runs the same steps on a CPU (the tests do,
so the script works on the day a GPU is at hand).

    python benchmarks/gpu_check.py [--batches 300] [--rounds 2] [--repeats 20]
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
import time
from dataclasses import replace

from _common import median, report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="vgg16", help="library model (default: vgg16)")
    parser.add_argument("--size", type=int, default=224, help="generated pictures' side")
    parser.add_argument("--batches", type=int, default=300, help="batches per training run")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--samples", type=int, default=640, help="distinct training pictures")
    parser.add_argument("--rounds", type=int, default=2, help="bare and live runs each")
    parser.add_argument("--repeats", type=int, default=20, help="rounds of the drop timing")
    parser.add_argument("--allow-cpu", action="store_true",
                        help="run the checks without a GPU too (small sizes, for tests)")
    args = parser.parse_args(argv)
    if min(args.size, args.batches, args.batch, args.samples, args.rounds, args.repeats) < 1:
        parser.error("sizes and counts want positive whole numbers")
    return args


def device_status() -> tuple[str, str]:
    """The training device and the status text the app shows once TensorFlow is ready."""
    from dlviz.core.kerasenv import import_keras, import_tensorflow, training_device

    device = training_device()
    tf, keras = import_tensorflow(), import_keras()
    return device, f"training on {device} · TensorFlow {tf.__version__} · Keras " \
                   f"{keras.__version__}"


def _free_models() -> None:
    from dlviz.core.kerasenv import import_keras

    import_keras().backend.clear_session()
    gc.collect()


def training_ratio(args) -> dict:
    """Bare and live training of ``args.model`` in mixed precision, taking turns."""
    from live_overhead import bare_fit, live_fit

    from dlviz.core.data import load_shapes_split
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.devices import mixed_precision_scope

    data = load_shapes_split(n=math.ceil(args.samples / 0.8), size=args.size, seed=0)
    per_epoch = math.ceil(len(data.x_train) / args.batch)
    epochs = max(1, round(args.batches / per_epoch))
    config = TrainingConfig(epochs=epochs, batch_size=args.batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-4, mixed_precision=True)
    # The session sets the mixed policy itself; the bare run is built under the same.
    with mixed_precision_scope(True) as notes:
        bare_fit(data, replace(config, epochs=1), model_name=args.model)  # warm-up
    _free_models()
    bare, live = [], []
    for round_ in range(args.rounds):
        with mixed_precision_scope(True):
            bare.append(bare_fit(data, config, model_name=args.model))
        _free_models()
        live.append(live_fit(data, config, model_name=args.model))
        _free_models()
        print(f"round {round_ + 1}: bare {bare[-1]['seconds']:.2f} s, live "
              f"{live[-1]['seconds']:.2f} s, {live[-1]['frames']} live frames", flush=True)
    a, b = median([r["seconds"] for r in bare]), median([r["seconds"] for r in live])
    return {"ratio": b / a, "bare_s": a, "live_s": b, "batches": epochs * per_epoch,
            "refreshes_per_s": median([r["frames"] / r["seconds"] for r in live]),
            "precision": "; ".join(notes)}


def main(argv=None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    device, status = device_status()
    print(f"status bar: {status}", flush=True)
    gpu = device.startswith("GPU")
    result = {"benchmark": "gpu_check", "gpu": gpu, "device": device, "status": status}
    if not gpu and not args.allow_cpu:
        print("no GPU here: nothing to check; run `make bench-gpu` where a GPU is at hand")
        report({**result, "ran": False})
        return 0

    from drop_latency import measure

    drop = measure(args.repeats, args.model)
    print(f"drop on {args.model}: {drop['pipeline_s'] * 1000:.1f} ms, forward "
          f"({drop['forward']}) {drop['forward_s'] * 1000:.1f} ms", flush=True)
    _free_models()
    train = training_ratio(args)
    print(f"{train['batches']} batches of {args.batch} at {args.size}x{args.size}: bare "
          f"{train['bare_s']:.2f} s, live {train['live_s']:.2f} s ({train['precision']})")
    seconds = time.perf_counter() - began
    report({**result, "ran": True, "model": args.model, "size": args.size,
            "live_ratio": round(train["ratio"], 4), "live_target": 1.05,
            "refreshes_per_s": round(train["refreshes_per_s"], 2),
            "batches": train["batches"], "mixed_precision": train["precision"],
            "drop_ratio": round(drop["ratio"], 3), "drop_target": 1.5,
            "drop_ms": round(drop["pipeline_s"] * 1000, 1),
            "forward_ms": round(drop["forward_s"] * 1000, 1),
            "seconds": round(seconds, 1), "seconds_target": 480})
    return 0


if __name__ == "__main__":
    sys.exit(main())
