"""Gates of a 100-token sentence through an LSTM of 256 units, against its compiled forward pass.

Two probes, each returning i, f, g, o, c and h at every step: the
``GateRecorder`` the app keeps per layer (the replay compiled once with XLA,
reading the current weights at each call), whose time is the ratio, and the
stateless ``lstm_gates`` (read the weights, project all steps at once, replay
the recurrence in NumPy), whose time is printed beside it.
The floor is the same layer's forward pass on the same input (the embedded
sentence, batch 1), compiled four ways: ``tf.function`` without XLA, with
XLA (``jit_compile=True``), the same XLA program called as the recorder calls
its own (the traced function directly, the input converted once), and
``predict_on_batch``; the fastest counts.
Every candidate is warmed up, then they take turns, in a new order each
round, for ``--repeats`` rounds; each one's best round counts.
Target: gates / forward <= 1.0. Also printed: the median of the same ratio
taken round by round, steadier on a busy machine.

Also printed: the largest difference between the recomputed h (and final c)
and Keras's own outputs, which the tests hold under 1e-5.

    python benchmarks/gates.py [--repeats 50] [--steps 100] [--units 256]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from _common import report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def best_of(candidates: dict, repeats: int) -> dict:
    """Seconds of each candidate's rounds (best and median printed); the candidates take turns."""
    for run in candidates.values():
        run(), run(), run()  # warm-up: tracing, XLA compilation, caches
    times = {name: [] for name in candidates}
    order = list(candidates)
    shuffle = np.random.default_rng(0).shuffle
    for _ in range(repeats):
        shuffle(order)   # no candidate always follows the same one (caches, spinning threads)
        for name in order:
            run = candidates[name]
            began = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - began)
    for name, values in times.items():
        print(f"{name:<34} best {min(values) * 1000:7.2f} ms   "
              f"median {np.median(values) * 1000:7.2f} ms")
    return times


def measure(repeats: int, steps: int = 100, units: int = 256, embedding: int = 128) -> dict:
    """Time ``lstm_gates`` against the layer's compiled forward passes; check the values."""
    from dlviz.core.kerasenv import import_keras, import_tensorflow
    from dlviz.core.probes.gate_recorder import GateRecorder
    from dlviz.core.probes.gates import layer_inputs, lstm_gates

    keras, tf = import_keras(), import_tensorflow()
    keras.utils.set_random_seed(0)
    tokens = keras.Input((steps,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(5000, embedding, name="embedding")(tokens)
    lstm = keras.layers.LSTM(units, return_sequences=True, return_state=True, name="lstm")
    model = keras.Model(tokens, lstm(x))
    rng = np.random.default_rng(0)
    # Word vectors of unit size, as trained ones are: gates well away from
    # their init values, so the difference printed below means something.
    model.get_layer("embedding").embeddings.assign(
        rng.normal(size=(5000, embedding)).astype("float32"))
    sentence = rng.integers(1, 5000, size=(1, steps)).astype("int32")
    inputs, mask = layer_inputs(model, lstm, sentence)
    embedded = keras.Input((steps, embedding))
    forward = keras.Model(embedded, lstm(embedded)[0])
    spec = [tf.TensorSpec((None, steps, embedding), tf.float32)]
    plain = tf.function(lambda v: lstm(v)[0], input_signature=spec, jit_compile=False)
    xla = tf.function(lambda v: lstm(v)[0], input_signature=spec, jit_compile=True)
    # The recorder skips tf.function's argument binding and cache search by
    # calling its traced function directly; the forward pass gets the same.
    traced = xla.get_concrete_function()
    recorder = GateRecorder(lstm)    # the app keeps one per layer
    times = best_of({"forward: tf.function": lambda: plain(inputs).numpy(),
                     "forward: tf.function(XLA)": lambda: xla(inputs).numpy(),
                     "forward: XLA, traced, called directly":
                         lambda: traced(tf.convert_to_tensor(inputs)).numpy(),
                     "forward: predict_on_batch": lambda: forward.predict_on_batch(inputs),
                     "gates: GateRecorder (XLA)": lambda: recorder(inputs, mask),
                     "gates: lstm_gates (NumPy)": lambda: lstm_gates(lstm, inputs, mask)},
                    repeats)
    rounds, times = times, {name: min(values) for name, values in times.items()}
    method = min((k for k in times if k.startswith("forward")), key=times.get)
    # The same ratio round by round (the two ran one shortly after the other),
    # its median: steadier than the ratio of bests on a busy machine.
    paired = float(np.median(np.divide(rounds["gates: GateRecorder (XLA)"], rounds[method])))
    sequence, h, c = (np.asarray(v) for v in lstm(inputs))
    differences = {}
    for name, trace in (("recorder", recorder(inputs, mask)),
                        ("numpy", lstm_gates(lstm, inputs, mask))):
        differences[name] = float(max(np.abs(trace.gates["h"] - sequence).max(),
                                      np.abs(trace.final_state()["h"] - h).max(),
                                      np.abs(trace.final_state()["c"] - c).max()))
    return {"gates_s": times["gates: GateRecorder (XLA)"],
            "numpy_s": times["gates: lstm_gates (NumPy)"], "forward_s": times[method],
            "forward": method.split(": ")[1], "max_abs_diff": max(differences.values()),
            "paired": paired,
            "differences": differences}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--units", type=int, default=256)
    args = parser.parse_args()
    if min(args.repeats, args.steps, args.units) < 1:
        parser.error("--repeats, --steps and --units want positive whole numbers")
    result = measure(args.repeats, args.steps, args.units)
    ratio = result["gates_s"] / result["forward_s"]
    numpy_ratio = result["numpy_s"] / result["forward_s"]
    print(f"floor: {result['forward']}; {args.steps} steps, LSTM of {args.units} units, batch 1")
    print(f"gates / forward: {ratio:.2f} compiled recorder, {numpy_ratio:.2f} NumPy "
          f"(target 1.0); round by round, median {result['paired']:.2f}")
    print("largest difference from Keras's own h and c: "
          + ", ".join(f"{k} {v:.2e}" for k, v in result["differences"].items()))
    report({"benchmark": "gates", "ratio": round(ratio, 3), "target": 1.0,
            "numpy_ratio": round(numpy_ratio, 3), "paired_ratio": round(result["paired"], 3),
            "gates_ms": round(result["gates_s"] * 1000, 2),
            "numpy_ms": round(result["numpy_s"] * 1000, 2),
            "forward_ms": round(result["forward_s"] * 1000, 2), "forward": result["forward"],
            "max_abs_diff": result["max_abs_diff"], "steps": args.steps, "units": args.units})


if __name__ == "__main__":
    main()
