"""What a live maps frame costs alone, and right after a training step.

A live frame runs between two training batches, and there it costs ~1.4-1.8x
what the same frame costs run back to back (vgg16-mini on two cores: 2.4 ms
alone, 4.0-4.4 ms after ``train_on_batch``). This script times the frame,
side by side in one run, after each of:

- nothing (frames back to back);
- a training step (``train_on_batch`` on a batch of 32), as in a live run;
- a training step and a sleep (were the step's thread pools still spinning,
  the sleep would give the frame its speed back: it does not);
- touching 64 MB of memory (what cold caches alone cost it);

and times a compiled pass that returns one layer's maps and the outputs
against the pass that returns every layer's (what leaving out the maps
nobody looks at would save). It prints each median, and the ratios to the
frame alone.

    python benchmarks/frame_after_step.py [--model vgg16-mini] [--repeats 40]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from _common import median, report  # noqa: E402


def timed(run, before, repeats: int) -> float:
    """Median milliseconds of ``run()``, each run right after ``before()``."""
    times = []
    for _ in range(repeats):
        before()
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return 1000.0 * median(times)


def one_layer_pass(model, path: str, image):
    """A compiled (XLA) pass returning ``path``'s maps and the model's outputs."""
    from dlviz.core.kerasenv import import_keras, import_tensorflow
    from dlviz.core.probes.activations import traced_outputs

    keras, tf = import_keras(), import_tensorflow()
    inputs, recorded, outputs = traced_outputs(model, [path])
    probe = keras.Model(inputs[0], [recorded[path], *outputs])
    function = tf.function(lambda t: probe(t, training=False), jit_compile=True)
    concrete = function.get_concrete_function(tf.TensorSpec((None, *image.shape[1:]), tf.float32))
    return lambda: [np.asarray(t) for t in concrete(tf.constant(image))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="vgg16-mini")
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()

    from dlviz.core.kerasenv import import_keras
    from dlviz.core.probes.activations import ActivationExtractor
    from dlviz.core.probes.preprocess import prepare_input
    from dlviz.core.probes.registry import PROBES
    from dlviz.core.zoo import create

    keras = import_keras()
    keras.utils.set_random_seed(0)
    model = create(args.model, classes=5).build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(0)
    x = rng.random((32, *model.input_shape[1:])).astype("float32")
    y = rng.integers(0, 5, 32)
    extractor = ActivationExtractor(model, jit_compile=True)
    first = extractor.layers[0].path
    prepared = prepare_input(model, rng.random((64, 64, 3)).astype("float32"))

    def frame():   # a live maps frame as LiveProbes computes it (the first layer on screen)
        return PROBES["feature_maps"].compute(model, prepared, extractor=extractor,
                                              mosaics=(first,))

    def step():
        model.train_on_batch(x, y)

    def step_and_sleep():
        step()
        time.sleep(0.002)

    memory = np.zeros(16_000_000, np.float32)

    def touch():
        memory.__iadd__(1.0)

    every = lambda: extractor.summarised(prepared.batch, mosaics=False, statistics=False)  # noqa: E731
    one = one_layer_pass(model, first, prepared.batch)
    for _ in range(5):
        step(), frame(), every(), one()

    frames = {"alone": timed(frame, lambda: None, args.repeats),
              "after a step": timed(frame, step, args.repeats),
              "after a step and 2 ms asleep": timed(frame, step_and_sleep, args.repeats),
              "after touching 64 MB": timed(frame, touch, args.repeats)}
    passes = {"every layer's maps, after a step": timed(every, step, args.repeats),
              "one layer's maps, after a step": timed(one, step, args.repeats)}
    for name, ms in {**frames, **passes}.items():
        print(f"  {name:<36} median {ms:6.2f} ms")
    alone = frames["alone"]
    report({"benchmark": "frame_after_step", "model": args.model,
            "frame_ms": {k: round(v, 2) for k, v in frames.items()},
            "pass_ms": {k: round(v, 2) for k, v in passes.items()},
            "after_step_ratio": round(frames["after a step"] / alone, 3),
            "after_sleep_ratio": round(frames["after a step and 2 ms asleep"] / alone, 3),
            "cold_memory_ratio": round(frames["after touching 64 MB"] / alone, 3),
            "one_layer_saves_ratio": round(passes["one layer's maps, after a step"]
                                           / passes["every layer's maps, after a step"], 3)})


if __name__ == "__main__":
    main()
