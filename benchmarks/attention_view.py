"""How fast the Attention view draws 512 tokens through 12 heads, and how smoothly it zooms.

The result is made by hand (a 12 × 512 × 512 ``AttentionMap``, rows summing
to 1), so the numbers are the view's own: no model, no engine. Timed, each
ending with the picture painted (``grab``): the first draw of "All heads"
(12 plots built, 12 images), a live frame of the same shape (images replaced,
nothing rebuilt), one head enlarged, a mouse-wheel zoom step along the
source tokens on one head, and a pan of all 12 heads together. Targets:
first draw about a second (BertViz slows sharply and fails near 512 tokens),
a zoom or pan step under 50 ms (20 steps a second).

    python benchmarks/attention_view.py [--tokens 512] [--heads 12] [--steps 20]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from _common import report  # noqa: E402


def attention_map(tokens: int, heads: int, seed: int):
    from dlviz.core.probes.attention_results import AttentionMap

    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=3.0, size=(heads, tokens, tokens)).astype(np.float32)
    weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    names = tuple(f"tok{t}" for t in range(tokens))
    return AttentionMap("bench", " ".join(names), "mha", "multi_head", names, names,
                        weights.astype(np.float32), tuple(f"head {h + 1}" for h in range(heads)))


def timed(app, widget, action) -> float:
    """Seconds from ``action()`` to the picture painted."""
    began = time.perf_counter()
    action()
    app.processEvents()
    widget.grab()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--heads", type=int, default=12)
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from dlviz.app.views.attention_view import ALL_HEADS, AttentionView

    app = QApplication.instance() or QApplication([])
    view = AttentionView()
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    first_map, live_map = (attention_map(args.tokens, args.heads, s) for s in (0, 1))
    first = timed(app, view, lambda: view.show_result(first_map))
    live = timed(app, view, lambda: view.show_result(live_map, step=1))
    one = timed(app, view, lambda: view.select_head("head 1"))
    box = view.grid.plots[0].vb
    zoom = [timed(app, view.grid, lambda: box.scaleBy(x=0.9, y=1)) for _ in range(args.steps)]
    view.select_head(ALL_HEADS)
    app.processEvents()
    box = view.grid.plots[0].vb
    pan = [timed(app, view.grid, lambda: box.translateBy(x=3)) for _ in range(args.steps)]
    print(f"{args.tokens} tokens × {args.heads} heads")
    print(f"first draw, all heads        {first * 1000:8.1f} ms")
    print(f"live frame, same shape       {live * 1000:8.1f} ms")
    print(f"one head enlarged            {one * 1000:8.1f} ms")
    print(f"zoom step, one head          median {np.median(zoom) * 1000:6.1f} ms   "
          f"worst {max(zoom) * 1000:6.1f} ms")
    print(f"pan step, all heads          median {np.median(pan) * 1000:6.1f} ms   "
          f"worst {max(pan) * 1000:6.1f} ms")
    report({"benchmark": "attention_view", "tokens": args.tokens, "heads": args.heads,
            "first_draw_s": round(first, 4), "live_frame_s": round(live, 4),
            "one_head_s": round(one, 4), "zoom_step_median_s": round(float(np.median(zoom)), 4),
            "pan_step_median_s": round(float(np.median(pan)), 4),
            "first_draw_under_1s": first < 1.0,
            "steps_under_50ms": float(np.median(zoom)) < 0.05 and float(np.median(pan)) < 0.05})


if __name__ == "__main__":
    main()
