"""What ``StepGradients`` costs the training step, against the probe-batch pass it replaces.

The live "grads" group (gradient norms, dead ReLUs) comes either from the
training step (``StepGradients``: a twin model that also returns the ReLU
outputs, and a step that reduces its gradients when armed) or from
``GradientProbe`` (a second forward and backward pass on a 16-item probe
batch). Three compiled train steps of the same model, from the same seed,
are called in turn, one batch each, in a rotated order: Keras's own
("plain"), ``StepGradients``'s unarmed ("step"), and armed on every call
("armed"). Calls interleave batch by batch, so a busy neighbour disturbs
all three alike; the CPU seconds of each call are compared (quantiles: the
lower ones are the least disturbed). Then, at the live schedule (the grads
group at most once per ``GROUP_SECONDS["grads"]``), what each way costs per
second of training: ``StepGradients``, its unarmed surcharge on every step
plus one armed step and one read; ``GradientProbe``, one warm call.

    python benchmarks/step_gradients_cost.py [--model lstm-sentiment] [--steps 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _common import report

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
#: Quantiles of the per-call CPU seconds printed (the lower, the less disturbed).
QUANTILES = (0.1, 0.25, 0.5)


def build(name: str, samples: int):
    """``(data, build)`` for a library model (vgg16-mini on shapes, or a text model)."""
    if name == "vgg16-mini":
        from dlviz.core.data import load_shapes_split
        from live_overhead import fresh_model

        data = load_shapes_split(n=int(samples / 0.8), size=32, seed=0)
        return data, lambda: fresh_model(data.num_classes)
    from live_overhead_text import builder, load

    data = load(name, samples)
    return data, builder(name, data)


def quantile(values, q: float) -> float:
    values = sorted(values)
    return values[min(int(q * len(values)), len(values) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="lstm-sentiment",
                        help="vgg16-mini, lstm-sentiment or dates-attention")
    parser.add_argument("--steps", type=int, default=300, help="calls of each step")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    from dlviz.core.probes.gradients import GradientProbe
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.live_probes import GROUP_SECONDS, probe_batch
    from dlviz.core.training.session import PROBE_BATCH, TrainingSession, _compile, _loss_fn
    from dlviz.core.training.step_gradients import StepGradients

    data, make = build(args.model, 1600)
    config = TrainingConfig(epochs=1, batch_size=args.batch, validation_split=0.0,
                            optimizer="adam", learning_rate=1e-3)
    steps = {}
    for name in ("plain", "step", "armed"):
        model = make()
        _compile(model, config)
        recorder = StepGradients.attach(model) if name != "plain" else None
        if name != "plain" and recorder is None:
            raise SystemExit(f"{args.model}: StepGradients cannot serve this model")
        session = TrainingSession(model, data, config, emit=lambda event: None)
        pipeline = session._pipeline(model, data.x_train, data.y_train, shuffle=True)
        model.fit(pipeline.take(2), epochs=1, verbose=0)   # traces the train function
        batches = iter(pipeline.repeat())
        for _ in range(5):   # warm
            if name == "armed":
                recorder.arm()
            model.train_function(batches)
        steps[name] = (model, batches, recorder)
    cpu = {name: [] for name in steps}
    names = list(steps)
    for i in range(args.steps):
        for name in names[i % 3:] + names[:i % 3]:
            model, batches, recorder = steps[name]
            if name == "armed":
                recorder.arm()
            began = time.process_time()
            model.train_function(batches)
            cpu[name].append(time.process_time() - began)
    model, _batches, recorder = steps["armed"]
    reads = []
    for _ in range(50):
        began = time.process_time()
        recorder()
        reads.append(time.process_time() - began)
    x, y = data.x_train, data.y_train
    if isinstance(x, tuple):
        probe = None   # an encoder-decoder's two inputs: the probe batch cannot serve
    else:
        probe = GradientProbe(model, *probe_batch(x, y, PROBE_BATCH, 0), _loss_fn(model, data))
        for _ in range(3):
            probe()
    probe_cpu = []
    for _ in range(30 if probe is not None else 0):
        began = time.process_time()
        probe()
        probe_cpu.append(time.process_time() - began)

    ms = {name: {f"p{int(100 * q)}": round(1e3 * quantile(v, q), 3) for q in QUANTILES}
          for name, v in cpu.items()}
    for name in names:
        print(f"{args.model} {name}: CPU ms per step {ms[name]}", flush=True)
    plain = ms["plain"]
    unarmed = {k: round(ms["step"][k] / plain[k], 4) for k in plain}
    armed = {k: round(ms["armed"][k] / plain[k], 4) for k in plain}
    print(f"unarmed/plain: {unarmed}; armed/plain: {armed}", flush=True)
    # Per second of training at the live schedule, from the medians.
    per_second = 1e3 / ms["plain"]["p50"]                 # steps a second
    every = GROUP_SECONDS.get("grads", 1.0)
    # A surcharge measured below zero is noise (an unarmed step is Keras's own).
    step_cost = (max(ms["step"]["p50"] - plain["p50"], 0.0) * per_second
                 + max(ms["armed"]["p50"] - plain["p50"], 0.0) / every
                 + 1e3 * statistics.median(reads) / every)
    probe_cost = 1e3 * statistics.median(probe_cpu) / every if probe_cpu else None
    print(f"at one grads frame per {every:g} s ({per_second:.1f} steps/s): StepGradients "
          f"{step_cost:.2f} ms/s of training (unarmed surcharge on every step + one armed "
          f"step + one read of {1e3 * statistics.median(reads):.2f} ms); GradientProbe "
          f"{'n/a' if probe_cost is None else f'{probe_cost:.2f} ms/s'}", flush=True)
    report({"benchmark": "step_gradients_cost", "model": args.model, "cpu_ms": ms,
            "unarmed_ratio": unarmed, "armed_ratio": armed,
            "step_gradients_ms_per_s": round(step_cost, 3),
            "gradient_probe_ms_per_s": None if probe_cost is None else round(probe_cost, 3)})


if __name__ == "__main__":
    main()
