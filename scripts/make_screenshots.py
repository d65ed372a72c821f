"""Make the README's screenshots (resources/screenshots/) from the real window.

Run from the repository root (two to three minutes on two CPU cores)::

    .venv/bin/python scripts/make_screenshots.py    # or: make screenshots

Headless (``QT_QPA_PLATFORM=offscreen``), the real ``MainWindow`` at its
first-launch size, 1280×800, with settings and runs in throw-away folders,
so neither a saved layout nor a person's runs change the pictures. Each step
waits on the engine bridge's signals, not on sleeps:

- ``main_window.png``: the first screen exactly as it opens (the shipped
  AlexNet mini trained on shapes, looking at the sample star);
- ``feature_maps.png``: the same, its liveliest channel enlarged (the first
  screen enlarges channel 0, nearly empty here);
- ``gradcam.png``: the Grad-CAM tab on the same star, at an opacity that
  lets the star show through;
- ``training.png``: the Training tab after a default-settings run of AlexNet
  mini (random weights) on the generated shapes (their easy default level),
  5 epochs, Adam at 1e-3, batches of 32; the script prints the run's final
  validation accuracy;
- ``gates.png``: the Gates tab alone (at a size its heatmaps read well), the
  shipped ``lstm-sentiment-en`` reading "the film was not bad at all"; the
  script prints the input gate's mean per token (shut on "the film was",
  open at "not" and "bad"), what the README's caption says;
- ``attention.png``: the Attention tab on the shipped ``dates-attention-dot``
  reading a Vietnamese date (the year's digits look at the year, the
  month's at the month, the day's at the day);
- ``ctc.png``: the Read digits (CTC) tab, the shipped ``crnn-digit-strings``
  reading the sample ``13_digits_86907.png``, the pointer on the column
  where it writes its "9";
- ``captions.png``: the Captions tab, the shipped ``captions-shapes``
  captioning the sample ``22_scene_captions_b.png``, the word "circle" kept
  on the large picture.

Seeds and TensorFlow's deterministic ops are set on the engine thread before
the model is built, so a rerun draws the same curves.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
OUT = ROOT / "resources" / "screenshots"
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["DLVIZ_RUNS_DIR"] = tempfile.mkdtemp(prefix="dlviz-screenshot-runs-")
os.environ["DLVIZ_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="dlviz-screenshot-settings-")

#: The layer shown: conv1's 32×32 maps show the star in most tiles; the deeper
#: ones read worse at this input size (conv2's 15×15 are specks, conv3-conv5's
#: 7×7 are blocks), so the first screen's layer stays.
MAPS_LAYER = "conv1"
#: Grad-CAM over the star at this opacity (at the default, 60, the star vanishes).
CAM_OPACITY = 30
SIZE = (1280, 800)
#: The model and the typed sentence of gates.png (its input gate opens at "not" and "bad").
GATES_MODEL, GATES_TEXT = "lstm-sentiment-en", "the film was not bad at all"
#: The model and the typed date of attention.png.
ATTENTION_MODEL, ATTENTION_TEXT = "dates-attention-dot", "Thứ Ba, ngày 10 tháng 3 năm 1987"
#: The model and the sample of ctc.png, and the symbol whose column is hovered.
CTC_MODEL, CTC_SAMPLE, CTC_HOVERED = "crnn-digit-strings", "13_digits_86907.png", "9"
#: The model and the sample of captions.png, and the word kept on the large picture.
CAPTION_MODEL, CAPTION_SAMPLE, CAPTION_WORD = ("captions-shapes", "22_scene_captions_b.png",
                                               "circle")
#: The preset trained for training.png, and its data (the easy shapes).
TRAIN_MODEL, TRAIN_DATA = "alexnet-mini", "shapes"
SEED = 0
MINUTE = 60_000


class Timeout(RuntimeError):
    pass


def wait_for(signal, action=None, accept=lambda *args: True, timeout_ms=2 * MINUTE):
    """Run ``action``, then Qt's events until ``signal`` fires with args ``accept`` takes.

    Returns the signal's arguments. Raises ``Timeout`` when nothing came.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop, got = QEventLoop(), []

    def on_signal(*args):
        if not got and accept(*args):
            got.append(args)
            loop.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(on_signal)
    try:
        if action is not None:
            action()
        if not got:
            timer.start(timeout_ms)
            loop.exec()
    finally:
        timer.stop()
        signal.disconnect(on_signal)
    if not got:
        raise Timeout(f"no {signal} within {timeout_ms / 1000:.0f} s")
    return got[0]


def settle(app, rounds: int = 5) -> None:
    """Let layouts, deferred draws and repaints finish."""
    for _ in range(rounds):
        app.processEvents()


def save(window, app, name: str) -> Path:
    settle(app)
    if (window.width(), window.height()) != SIZE:
        print(f"warning: the window is {window.width()}×{window.height()} for {name}, "
              f"not {SIZE[0]}×{SIZE[1]}: the app grew it", flush=True)
    path = OUT / name
    if not window.grab().save(str(path), "PNG"):
        raise RuntimeError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT)}", flush=True)
    return path


def job_done(kind: str):
    return lambda event: event.kind == kind


def seed_engine(window) -> None:
    """On the engine thread: one seed and deterministic ops for what follows."""
    def seed():
        import keras
        import tensorflow as tf

        keras.utils.set_random_seed(SEED)
        tf.config.experimental.enable_op_determinism()

    wait_for(window.bridge.job_finished, lambda: window.engine.submit("seed", seed),
             job_done("seed"))


def first_screen(window, app) -> None:
    (analysis,) = wait_for(window.images.analysis_shown, window.show_first_example)
    top = analysis.predictions.heads[analysis.predictions.primary][0]
    print(f"first screen: {window.layer_table.title.text()} says {top.name} "
          f"({top.probability:.1%}) for {analysis.source_name}", flush=True)
    save(window, app, "main_window.png")
    paths = [layer.path for layer in analysis.maps.layers]
    if MAPS_LAYER not in paths:
        raise SystemExit(f"{MAPS_LAYER} is not among the layers {paths}")
    # The enlarged channel beside the input: the one the star excites most.
    means = analysis.maps.layer(MAPS_LAYER).values.mean(axis=(0, 1))
    window.maps_view.select_layer(MAPS_LAYER, channel=int(means.argmax()))
    save(window, app, "feature_maps.png")
    window.heatmap_view.opacity_slider.setValue(CAM_OPACITY)
    wait_for(window.bridge.job_finished,
             lambda: window.tabs.setCurrentWidget(window.heatmap_view), job_done("heatmap"))
    save(window, app, "gradcam.png")


def gates_screen(window, app) -> None:
    """The Gates tab alone (the README's picture is about the gates, at a readable
    size): the shipped LSTM reading a typed sentence, two units followed."""
    from dlviz.core.probes.text_results import TextAnalysis

    window.text_panel.set_text(GATES_TEXT)   # read as soon as the model is open
    (found,) = wait_for(window.images.results.result_shown,
                        lambda: window.library.choose(GATES_MODEL),
                        lambda result: isinstance(result, TextAnalysis)
                        and result.text == GATES_TEXT)
    window.tabs.setCurrentWidget(window.gates_tab)
    settle(app)
    gates = found.results["gates"]
    opened = gates.traces[0].gates["i"][0].mean(axis=-1)
    print(f"gates: {GATES_MODEL} on {GATES_TEXT!r}: input gate mean per token "
          + ", ".join(f"{t} {v:.2f}" for t, v in zip(gates.tokens, opened)), flush=True)
    path = OUT / "gates.png"
    if not window.gates_tab.grab().save(str(path), "PNG"):
        raise RuntimeError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT)}", flush=True)


def attention_screen(window, app) -> None:
    """The Attention tab: the shipped date model reading a typed Vietnamese date."""
    from dlviz.core.probes.text_results import TextAnalysis

    window.text_panel.set_text(ATTENTION_TEXT)
    wait_for(window.images.results.result_shown, lambda: window.library.choose(ATTENTION_MODEL),
             lambda result: isinstance(result, TextAnalysis))
    found = window.attention_view.result
    print(f"attention: {ATTENTION_MODEL} writes {found.output_text} for {ATTENTION_TEXT}",
          flush=True)
    save(window, app, "attention.png")


def ctc_screen(window, app) -> None:
    """The CTC tab: the shipped CRNN reading a digit-string sample, one column hovered."""
    from PySide6.QtCore import QPointF

    from dlviz.core.probes.ctc_results import CtcAlignment

    wait_for(window.bridge.job_finished, lambda: window.library.choose(CTC_MODEL),
             job_done("model"))
    sample = ROOT / "resources" / "samples" / CTC_SAMPLE
    (found,) = wait_for(window.images.results.result_shown,
                        lambda: window.open_image(str(sample)),
                        lambda result: isinstance(result, CtcAlignment))
    window.tabs.setCurrentWidget(window.ctc_tab)
    print(f"ctc: {CTC_MODEL} reads {found.text!r} in {CTC_SAMPLE} "
          f"(best path {found.path_text()})", flush=True)
    plot = window.ctc_view.plot
    settle(app)
    step = found.path_text().find(CTC_HOVERED)
    if step >= 0:   # the pointer on that column's winning class
        row = int(found.path[step])
        plot._on_mouse_moved(plot.bottom.vb.mapViewToScene(QPointF(step + 0.5, row + 0.5)))
    save(window, app, "ctc.png")


def caption_screen(window, app) -> None:
    """The Captions tab: the shipped captioner on a sample scene, one word kept."""
    from dlviz.core.probes.caption_results import Caption

    wait_for(window.bridge.job_finished, lambda: window.library.choose(CAPTION_MODEL),
             job_done("model"))
    sample = ROOT / "resources" / "samples" / CAPTION_SAMPLE
    (found,) = wait_for(window.images.results.result_shown,
                        lambda: window.open_image(str(sample)),
                        lambda result: isinstance(result, Caption))
    window.tabs.setCurrentWidget(window.caption_view)
    print(f"captions: {CAPTION_MODEL} writes {found.text!r} for {CAPTION_SAMPLE}", flush=True)
    if CAPTION_WORD in found.words:
        window.caption_view.pin(found.words.index(CAPTION_WORD))
    settle(app)
    save(window, app, "captions.png")


def training_run(window, app) -> float:
    """Train the preset at the panel's defaults on the easy shapes; the last val accuracy."""
    seed_engine(window)
    wait_for(window.bridge.job_finished, lambda: window.library.choose(TRAIN_MODEL),
             job_done("model"))
    panel = window.training_panel
    panel.data_combo.setCurrentIndex(panel.data_combo.findData(TRAIN_DATA))
    window.tabs.setCurrentWidget(window.training_view)
    epochs = []
    window.bridge.epoch_ended.connect(lambda e: print(
        f"epoch {e.epoch + 1}: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(e.logs.items())),
        flush=True) or epochs.append(e))
    (stopped,) = wait_for(window.bridge.training_stopped, panel.start_button.click,
                          timeout_ms=15 * MINUTE)
    if stopped.reason != "finished":
        raise SystemExit(f"training ended as {stopped.reason}: {stopped.message}")
    # The run's end redoes the star with the new weights; draw that too.
    wait_for(window.images.analysis_shown)
    window.training_view.flush()
    save(window, app, "training.png")
    return float(epochs[-1].logs["val_accuracy"])


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from dlviz.app.main_window import MainWindow
    from dlviz.core.kerasenv import quiet_tensorflow_logs

    quiet_tensorflow_logs()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("dlviz")
    app.setOrganizationName("dlviz")
    window = MainWindow(ask_unsafe=lambda *_: False)
    window.show()
    try:
        wait_for(window.bridge.engine_ready, window.start_engine)
        if (window.width(), window.height()) != SIZE:
            raise SystemExit(f"the window opened at {window.width()}×{window.height()}, "
                             f"not {SIZE[0]}×{SIZE[1]}")
        first_screen(window, app)
        gates_screen(window, app)
        attention_screen(window, app)
        ctc_screen(window, app)
        caption_screen(window, app)
        accuracy = training_run(window, app)
        print(f"{TRAIN_MODEL} on {TRAIN_DATA} at the default settings: "
              f"final validation accuracy {accuracy:.3f} (chance 0.20)", flush=True)
    finally:
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
