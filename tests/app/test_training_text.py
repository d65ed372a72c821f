"""Training a sequence model from the window: text sets in the panel, live gates
of the sentence typed, a run directory, and the new vocabulary afterwards."""

from pathlib import Path

import numpy as np
from _image_checks import save_screenshot
from PySide6.QtCore import Qt
from test_text_typing import key_presses, typed

from dlviz.app.panels.training_data_group import CLASSIFIER_CHOICES
from dlviz.core.data.text_sets import load_text_data
from dlviz.core.probes.text_results import SequenceGates
from dlviz.core.training.events import LiveFrame

WAIT = 180_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TYPED = "the film was not bad at all"


def chosen(qtbot, window, name="lstm-sentiment"):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=WAIT,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose(name)
    return window.training_panel


def test_a_sequence_model_trains_from_the_panel_with_live_gates(qtbot, window):
    panel = chosen(qtbot, window)
    kinds = [panel.data_combo.itemData(i) for i in range(panel.data_combo.count())]
    assert kinds == [kind for _, kind in CLASSIFIER_CHOICES]
    assert panel.augment.isHidden() and not panel.text_note.isHidden()
    assert panel.config().learning_rate == 0.01      # a rate at which it learns
    # Typed before training, with no vocabulary yet: the run pins it.
    window.text_panel.edit.clear()
    key_presses(window.text_panel.edit, TYPED)
    qtbot.waitUntil(lambda: window.workspace.probe_text == TYPED, timeout=WAIT)

    panel.samples_spin.setValue(600)
    panel.epochs_spin.setValue(3)
    batches, frames = [], []
    window.bridge.batch_ended.connect(batches.append)
    window.bridge.live_frame_arrived.connect(frames.append)

    def live_gates():
        return [f.results["gates"] for f in frames if "gates" in f.results]

    def hold_at_first_gates(event):
        # Engine thread: hold the run right at its first frame with gates. A
        # quiet machine trains the 57 batches faster than the GUI thread takes
        # in their events (batch events are also thinned to 30 a second), so
        # pausing from the GUI thread alone could come after the end.
        control = window.training.control
        if holding and isinstance(event, LiveFrame) and "gates" in event.results \
                and control is not None:
            control.pause()

    holding = [True]
    window.engine.add_listener(hold_at_first_gates)
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=WAIT) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        assert window.training.state == "running"
        # The pinned sentence is urgent, so its gates come in the first frames.
        qtbot.waitUntil(lambda: bool(batches) and bool(live_gates()), timeout=WAIT)
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)  # hold still
        assert window.training.state == "paused"
        window.tabs.setCurrentWidget(window.training_view)
        window.training_view.flush()
        save_screenshot(window.training_view, SCREENSHOTS / "training_text.png")
        save_screenshot(window, SCREENSHOTS / "training_text_window.png")
        window.tabs.setCurrentWidget(window.gates_tab)
        # Drawn from a live frame (not a job of its own: the engine is training).
        qtbot.waitUntil(lambda: any(window.gate_view.result is g for g in live_gates()),
                        timeout=WAIT)
        save_screenshot(window.gates_tab, SCREENSHOTS / "training_text_gates.png")
        holding.clear()
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)  # resume
    stopped = blocker.args[0]
    assert stopped.reason == "finished", stopped.message
    assert all(np.isfinite(b.loss) for b in batches)
    assert window.training_view.histograms.activations_plot.isHidden()  # weights only
    gates = live_gates()
    assert gates and all(isinstance(g, SequenceGates) for g in gates)
    assert gates[-1].text == TYPED                       # the sentence typed, pinned
    assert gates[-1].tokens == tuple(TYPED.split())
    assert window.gate_view.result.text == TYPED
    run_dir = window.runs.run_dir
    assert (run_dir / "history.jsonl").stat().st_size > 0
    assert (run_dir / "vocabulary.json").exists()
    hint = window.training_view.hint.text()   # the data's notes, then the session's
    assert "English sentences (seeded); tokens are words and punctuation · LSTM classifier " \
           "reads the sentiment-en vocabulary" in hint

    # After training the text view encodes with the data's vocabulary.
    vocabulary = load_text_data("sentiment-en", samples=600).vocabulary
    assert window.workspace.vocabulary == vocabulary
    view = typed(qtbot, window, "The film was not bad")
    assert view.result.tokens == ("the", "film", "was", "not", "bad")
    assert (view.result.ids > 1).all()                  # no unknown word (id 1)
    np.testing.assert_array_equal(view.result.ids, vocabulary.encode("the film was not bad"))


def test_a_file_with_bad_rows_is_a_message_and_skipped_rows_a_note(qtbot, window, tmp_path):
    panel = chosen(qtbot, window, "gru-sentiment")
    assert window.training_view.histograms.activations_plot.isHidden()
    panel.data_combo.setCurrentIndex(panel.data_combo.findData("text_file"))
    assert not panel.start_button.isEnabled() and ".csv" in panel.status_hint.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\ngreat film,pos\nonly one column\n", encoding="utf-8")
    panel.folder_edit.setText(str(bad))
    with qtbot.waitSignal(window.bridge.job_failed, timeout=WAIT,
                          check_params_cb=lambda e: e.kind == "train"):
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert window.training.state == "idle" and panel.start_button.isEnabled()
    assert "bad.csv, row 3" in window.banner.text()

    rows = [f"{w} film,{'pos' if w in ('good', 'great') else 'neg'}"
            for w in ("good", "bad", "great", "awful") * 10]
    skips = tmp_path / "skips.csv"
    skips.write_text("\n".join(["text,label", *rows, "no label here,", ",pos"]),
                     encoding="utf-8")
    panel.folder_edit.setText(str(skips))
    panel.epochs_spin.setValue(1)
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=WAIT) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].reason == "finished", blocker.args[0].message
    # The first note begins the sentence after the counts: capitalised.
    assert "Skipped 2 row(s) with an empty text or label" in window.training_view.hint.text()

    panel = chosen(qtbot, window, "lenet5-modern")     # a CNN: the image sets again
    assert panel.data_combo.itemData(0) == "digits" and panel.data_combo.findData("long") < 0
    assert not panel.augment.isHidden()
    assert not window.training_view.histograms.activations_plot.isHidden()
