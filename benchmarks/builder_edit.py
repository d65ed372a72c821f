"""One edit near the input of ResNet-50 in the builder, against Keras building the model.

The builder's table after an edit: ``Architecture.replace`` on the first
convolution (64 filters of 7x7 -> 32 of 5x5, which changes the shape or
parameters of every later row up to the first projection shortcut) and
``infer`` of the whole edited architecture: every row's output shape,
trainable and non-trainable parameters, multiply-accumulates and receptive
field. Against it: Keras building the same edited model from its config,
``keras.Model.from_config`` of the config dict (a fresh copy each round:
Keras empties the dict it reads) and ``keras.models.model_from_json`` of
its text; the faster of the two is the reference, which
is what the builder would otherwise wait for. They take turns, in a new
order each round, for ``--repeats`` rounds; medians count. After timing,
every inferred row is checked against the model Keras built.
Target: infer / keras build <= 0.25.

    python benchmarks/builder_edit.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import time

import numpy as np
from _common import report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def edited(arch):
    """ResNet-50 with its first convolution changed (the edit a student makes)."""
    conv = next(s for s in arch.layers if s.class_name == "Conv2D")
    return arch.replace(conv.name, {**conv.config, "filters": 32, "kernel_size": [5, 5]})


def take_turns(candidates: dict, repeats: int) -> dict:
    """Seconds of every round of each candidate; a new order each round."""
    for run in candidates.values():
        run()  # warm-up: imports, caches
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
        print(f"{name:<28} median {statistics.median(values) * 1000:9.2f} ms   "
              f"best {min(values) * 1000:9.2f} ms")
    return times


def mismatches(rows, model) -> int:
    """Rows whose shape or parameter counts differ from the built Keras layer."""
    layers = {layer.name: layer for layer in model.layers}
    bad = 0
    for row in rows:
        layer = layers[row.name]
        trainable = sum(int(np.prod(w.shape)) for w in layer.trainable_weights)
        frozen = sum(int(np.prod(w.shape)) for w in layer.non_trainable_weights)
        bad += (row.error is not None or row.output_shape != tuple(layer.output.shape)
                or (row.trainable, row.non_trainable) != (trainable, frozen))
    return bad


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats wants a positive whole number")

    from dlviz.core.builder.inference import infer, totals
    from dlviz.core.builder.keras_io import from_model, to_config
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.zoo.registry import create

    keras = import_keras()
    zoo = create("resnet50", input_shape=(224, 224, 3)).build()
    arch = from_model(zoo)
    config = to_config(edited(arch))
    text = json.dumps(config)
    del zoo
    keras.backend.clear_session()

    def keras_from_config():
        # Keras empties the dict it reads, so each round reads a fresh copy.
        keras.Model.from_config(copy.deepcopy(config["config"]))

    def keras_from_json():
        keras.models.model_from_json(text)

    times = take_turns({"builder edit + infer": lambda: infer(edited(arch)),
                        "keras from config": keras_from_config,
                        "keras model_from_json": keras_from_json}, args.repeats)
    med = {name: statistics.median(values) for name, values in times.items()}
    keras_build = min(med["keras from config"], med["keras model_from_json"])
    ratio = med["builder edit + infer"] / keras_build

    rows = infer(edited(arch))
    built = keras.models.model_from_json(text)
    wrong = mismatches(rows, built)
    sums = totals(rows)
    print(f"{len(rows)} rows; {wrong} differ from the model Keras built; "
          f"{sums['trainable'] + sums['non_trainable']:,} parameters "
          f"(Keras {built.count_params():,}); {sums['macs'] / 1e9:.2f} G multiply-accumulates")
    print(f"infer / keras build: {ratio:.4f} (target 0.25)")
    report({"benchmark": "builder_edit", "ratio": round(ratio, 5), "target": 0.25,
            "infer_ms": round(med["builder edit + infer"] * 1000, 3),
            "keras_from_config_ms": round(med["keras from config"] * 1000, 1),
            "keras_from_json_ms": round(med["keras model_from_json"] * 1000, 1),
            "rows": len(rows), "rows_differing": wrong, "repeats": args.repeats})


if __name__ == "__main__":
    main()
