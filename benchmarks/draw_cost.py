"""What drawing one live frame costs the GUI thread, in the window a person uses.

On two cores the GUI's drawing is taken from training: the live budget's
aftermath meter (``core/training/frame_aftermath.py``) charges it, so every
millisecond drawn is a millisecond less of probes, and fewer refreshes.
This script opens the window (offscreen), shows a tab, computes a few live
frames of its model on the GUI thread beforehand (the engine is idle), then
offers them one at a time as the training controller does
(``ResultViews.show_frame``) and times the GUI thread's CPU for the drawing
and the paint that follows (``processEvents`` until nothing is pending).
Each frame's time less an idle round's is one sample; the median is
printed, beside what the frame's probe cost the engine (the ratio says how
many probe-times a frame's drawing costs).

    python benchmarks/draw_cost.py [--tab maps|gates|attention] [--frames 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from _common import report  # noqa: E402
from gui_stall import open_model  # noqa: E402

#: Per tab: the library model and the live kinds of its frames.
SETUPS = {"maps": ("vgg16-mini", ("feature_maps",)),
          "gates": ("lstm-sentiment", ("gates", "gradient_through_time")),
          "attention": ("dates-attention-general", ("attention",))}
#: Per tab: the window's tab widget, by attribute.
TABS = {"maps": "maps_view", "gates": "gates_tab", "attention": "attention_tab"}
#: Distinct frames offered in turn (their numbers differ, as a run's do).
DISTINCT = 8
#: Seconds between two frames: past the views' live clocks (100-200 ms), as in a run.
GAP = 0.15


def make_frames(window, tab: str) -> tuple[list, float]:
    """``DISTINCT`` live frames of the tab's pinned input, and the median seconds
    one frame's probes took (the maps frame tiles the layer on screen only)."""
    from dlviz.core.probes.activations import ActivationExtractor
    from dlviz.core.probes.analysis import analyze_image
    from dlviz.core.probes.preprocess import prepare_input
    from dlviz.core.data.images import read_image
    from dlviz.core.training.events import LiveFrame

    workspace, kinds = window.workspace, SETUPS[tab][1]
    model = workspace.model
    rng = __import__("numpy").random.default_rng(0)
    frames, seconds = [], []
    weights = model.get_weights()
    if tab == "maps":
        extractor = ActivationExtractor(model, jit_compile=True)
        prepared = prepare_input(model, read_image(str(window.gallery.paths()[0])).array)
        shown = (window.maps_view.selected_layer(),)
        compute = lambda: {"feature_maps": analyze_image(  # noqa: E731
            model, prepared, extractor=extractor, mosaics=shown)}
    else:
        text = workspace.probe_text
        compute = lambda: dict(zip(kinds, workspace.analyze_text(text, kinds=kinds).parts()))  # noqa: E731
    compute()   # traced and compiled once, as the first live frame is
    for step in range(DISTINCT):
        # Weights a little apart each frame, as training moves them.
        model.set_weights([w + 0.01 * rng.standard_normal(w.shape).astype(w.dtype)
                           if w.dtype.kind == "f" else w for w in weights])
        began = time.perf_counter()
        results = compute()
        seconds.append(time.perf_counter() - began)
        frames.append(LiveFrame(global_step=step + 1, epoch=0, results=results))
    model.set_weights(weights)
    return frames, statistics.median(seconds)


def open_attention_model(app, window, model: str) -> None:
    """Open ``model`` with the Attention tab on screen; wait for its sample text's map."""
    window.library.choose(model)
    end = time.perf_counter() + 60
    while window.attention_view.result is None:
        if time.perf_counter() > end:
            raise SystemExit("timed out waiting for the attention map: "
                             + window.attention_view.title.text() + " | "
                             + window.attention_view.hint.text())
        settle(app, 0.05)


def settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def drawn(app, offer=None) -> float:
    """GUI-thread CPU seconds of ``offer()`` and the events it leaves (paints)."""
    began = time.thread_time()
    if offer is not None:
        offer()
    for _ in range(3):
        app.processEvents()
    return time.thread_time() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tab", choices=sorted(SETUPS), default="maps")
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from dlviz.app.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.start_engine()
    model_name, _kinds = SETUPS[args.tab]
    from dlviz.core.kerasenv import import_keras

    import_keras().utils.set_random_seed(0)   # the same weights, units and labels each run
    window.tabs.setCurrentWidget(getattr(window, TABS[args.tab]))   # its sample text is read
    if args.tab == "attention":
        open_attention_model(app, window, model_name)
    else:
        open_model(app, window, args.tab, model_name)
    settle(app, 0.5)
    frames, probe_seconds = make_frames(window, args.tab)
    views = window.images.results
    busy, idle = [], []
    for i in range(args.frames + 5):
        settle(app, GAP)
        cost = drawn(app, lambda: views.show_frame(frames[i % DISTINCT]))
        settle(app, GAP)
        quiet = drawn(app)
        if i >= 5:   # the first few draws warm pyqtgraph's caches
            busy.append(cost)
            idle.append(quiet)
    draw_ms = (statistics.median(busy) - statistics.median(idle)) * 1e3
    window.close()
    print(f"{args.tab}: GUI CPU ms per live frame drawn (median of {args.frames}): "
          f"{draw_ms:.2f}; quartiles {[round(q * 1e3, 2) for q in statistics.quantiles(busy)]}")
    print(f"{args.tab}: probe ms per frame (engine, median): {probe_seconds * 1e3:.2f}")
    report({"benchmark": "draw_cost", "tab": args.tab, "draw_ms": round(draw_ms, 2),
            "probe_ms": round(probe_seconds * 1e3, 2),
            "draw_per_probe": round(draw_ms / (probe_seconds * 1e3), 3)})


if __name__ == "__main__":
    main()
