"""From launching dlviz to the first feature-map mosaic on screen, against a bare script.

The app is started as a person starts it (``python main.py``, a fresh
process, offscreen) with ``DLVIZ_BENCH_FIRST_PICTURE=1``: it prints one line
when the first mosaic of its first screen (a shipped trained model looking
at its own sample, see ``MainWindow.show_first_example``) has been painted,
and quits. The bare script, also a fresh process, does the least that gives
the same numbers: import TensorFlow (and dlviz's custom layers, which the
file names), load the same ``.keras`` file, read and
resize the same sample, one forward pass. Both are whole processes, timed
from start to exit, interleaved (bare, app, app, bare, bare, app, ...) after
one discarded round that warms the disk cache; the medians are compared
(and the median of each round's own ratio is printed too, and each side's
CPU seconds, which a busy shared machine disturbs less than wall time).
Target: app / bare <= 1.2.

    python benchmarks/first_picture.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time

from _common import ROOT, median, report

BARE = """
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np
import keras
from PIL import Image
import dlviz.core.layers  # the model's own layers (LRN), as any script loading it needs
model = keras.saving.load_model(sys.argv[1])
height, width, channels = model.inputs[0].shape[1:]
picture = Image.open(sys.argv[2]).convert("RGB" if channels == 3 else "L")
pixels = np.asarray(picture.resize((width, height)), np.float32) / 255.0
x = pixels.reshape(1, height, width, channels)
print("bare forward pass:", np.asarray(model(x, training=False)).shape, flush=True)
"""


def first_screen() -> tuple[str, str]:
    """(.keras file, sample image) the app's first screen shows."""
    sys.path.insert(0, str(ROOT))
    from dlviz.core.zoo.trained import trained_models

    samples = ROOT / "resources" / "samples"
    for info in trained_models():
        if info.sample and (samples / info.sample).is_file():
            return str(info.path), str(samples / info.sample)
    sys.exit("no shipped trained model with its sample: the first screen has no "
             "trained model to compare with (resources/models is missing)")


#: CPU seconds (user + system) of each finished child, by command: steadier
#: than wall time on a shared machine, printed beside it.
CPU: dict[str, list[float]] = {}


def timed(argv: list[str], env: dict, expect: str) -> tuple[float, str]:
    """Seconds from start to exit of ``argv``, and its stdout line containing ``expect``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(argv[1], []).append(after.ru_utime + after.ru_stime
                                       - before.ru_utime - before.ru_stime)
    lines = [line for line in done.stdout.splitlines() if expect in line]
    if done.returncode != 0 or len(lines) != 1:
        sys.exit(f"{' '.join(argv[:2])} failed (exit {done.returncode}):\n"
                 f"{done.stdout[-1000:]}\n{done.stderr[-2000:]}")
    return seconds, lines[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats wants a positive whole number")
    import os

    # As a person launches it: Python caches compiled modules (an empty
    # PYTHONDONTWRITEBYTECODE lets it, where a sandbox sets it; the discarded
    # first round writes the caches), else every launch compiles the app's
    # hundreds of modules again.
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONDONTWRITEBYTECODE": ""}
    model, sample = first_screen()
    bare_cmd = [sys.executable, "-c", BARE, model, sample]
    app_cmd = [sys.executable, "main.py"]
    app_env = {**env, "DLVIZ_BENCH_FIRST_PICTURE": "1"}
    timed(bare_cmd, env, "bare forward pass")  # warm the disk cache for both
    timed(app_cmd, app_env, "first mosaic painted")
    CPU.clear()
    bare_times, app_times, painted = [], [], []
    for round_ in range(args.repeats):  # alternate which goes first
        if round_ % 2 == 0:
            bare_times.append(timed(bare_cmd, env, "bare forward pass")[0])
        seconds, line = timed(app_cmd, app_env, "first mosaic painted")
        app_times.append(seconds)
        painted.append(float(re.search(r"after ([\d.]+) s", line).group(1)))
        if round_ % 2 == 1:
            bare_times.append(timed(bare_cmd, env, "bare forward pass")[0])
    paired = median([a / b for a, b in zip(app_times, bare_times)])
    bare_s, app_s = median(bare_times), median(app_times)
    print(f"model {os.path.basename(model)}, sample {os.path.basename(sample)}; {line}")
    for name, value, times in (("bare script", bare_s, bare_times),
                               ("app, first mosaic", app_s, app_times)):
        print(f"{name + ':':<20} median {value:.3f} s  ({', '.join(f'{t:.2f}' for t in times)})")
    print(f"median of each round's app / bare: {paired:.3f}")
    cpu_app, cpu_bare = median(CPU["main.py"]), median(CPU["-c"])
    print(f"CPU seconds (user + system), medians: app {cpu_app:.2f}, bare {cpu_bare:.2f}, "
          f"app / bare {cpu_app / cpu_bare:.3f}")
    report({"benchmark": "first_picture", "ratio": round(app_s / bare_s, 3),
            "paired_median_ratio": round(paired, 3), "target": 1.2,
            "app_s": round(app_s, 3), "bare_s": round(bare_s, 3),
            "painted_in_process_s": round(median(painted), 3),
            "cpu_ratio": round(cpu_app / cpu_bare, 3)})


if __name__ == "__main__":
    main()
