"""Time until the main window is on screen, against ``import tensorflow``.

Both are whole fresh processes started the same way, interleaved so that
disk-cache and CPU-frequency effects hit both alike; the medians are
compared. Target: the window appears in under 0.4x the time TensorFlow
takes to import (TensorFlow then loads on the engine thread).

    python benchmarks/startup.py [--repeats 5]

Uses QT_QPA_PLATFORM=offscreen unless DISPLAY is set and --real-display is
given.
"""

from __future__ import annotations

import argparse
import sys

from _common import median, report, time_command


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--real-display", action="store_true")
    args = parser.parse_args()
    # Compiled modules cached, as on a person's machine (see first_picture.py).
    env = {"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONDONTWRITEBYTECODE": ""}
    if not args.real_display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    tf_cmd = [sys.executable, "-c", "import tensorflow"]
    app_cmd = [sys.executable, "main.py"]
    tf_times, app_times = [], []
    time_command(tf_cmd, env, repeats=1)  # warm the disk cache for both
    for _ in range(args.repeats):
        tf_times += time_command(tf_cmd, env, repeats=1)
        app_times += time_command(app_cmd, {**env, "DLVIZ_EXIT_WHEN_SHOWN": "1"}, repeats=1)
    tf_s, app_s = median(tf_times), median(app_times)
    print(f"import tensorflow: median {tf_s:.3f} s  ({', '.join(f'{t:.2f}' for t in tf_times)})")
    print(f"window shown:      median {app_s:.3f} s  ({', '.join(f'{t:.2f}' for t in app_times)})")
    report({"benchmark": "startup", "ratio": round(app_s / tf_s, 3), "target": 0.4,
            "window_s": round(app_s, 3), "import_tensorflow_s": round(tf_s, 3)})


if __name__ == "__main__":
    main()
