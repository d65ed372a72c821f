"""Training an encoder-decoder from the window: the panel offers sentence pairs, the
date typed is pinned, its attention arrives live, and afterwards it is read with the
run's pair vocabulary."""

import os
from pathlib import Path

import numpy as np
from _image_checks import save_screenshot
from PySide6.QtCore import Qt
from test_text_typing import key_presses

from dlviz.app.panels.training_data_group import PAIR_CHOICES
from dlviz.core.data.pair_vocabulary import PairVocabulary
from dlviz.core.data.text_sets import read_run_vocabulary
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.training.events import LiveFrame

WAIT = 180_000
SHOTS = Path(os.environ.get("DLVIZ_SHOTS_DIR", "/tmp/shots/h5"))
TYPED = "ngày 5 tháng 6 năm 2001"


def test_an_encoder_decoder_trains_on_dates_with_live_attention(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=WAIT,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("dates-attention")
    panel = window.training_panel
    kinds = [panel.data_combo.itemData(i) for i in range(panel.data_combo.count())]
    assert kinds == [kind for _, kind in PAIR_CHOICES] and kinds[0] == "dates"
    assert panel.config().learning_rate == 0.01 and panel.config().epochs == 10
    window.text_panel.edit.clear()
    key_presses(window.text_panel.edit, TYPED)
    qtbot.waitUntil(lambda: window.workspace.probe_text == TYPED, timeout=WAIT)

    panel.samples_spin.setValue(500)
    panel.epochs_spin.setValue(2)
    frames = []
    window.bridge.live_frame_arrived.connect(frames.append)

    def live_maps():
        return [f.results["attention"] for f in frames
                if isinstance(f, LiveFrame) and "attention" in f.results]

    with qtbot.waitSignal(window.bridge.training_stopped, timeout=WAIT) as blocker:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        assert window.training.state == "running"
    stopped = blocker.args[0]
    assert stopped.reason == "finished", stopped.message
    maps = live_maps()
    assert maps and all(isinstance(m, AttentionMap) and m.text == TYPED for m in maps)
    assert maps[0].source_tokens == ("ngày", "5", "tháng", "6", "năm", "2001")
    np.testing.assert_allclose(maps[-1].weights.sum(axis=-1), 1.0, atol=1e-5)
    # The view shows the live frames of the pinned date (the last one it drew).
    qtbot.waitUntil(lambda: window.attention_view.result is not None, timeout=WAIT)
    assert window.attention_view.result.text == TYPED
    window.tabs.setCurrentWidget(window.attention_tab)
    save_screenshot(window.attention_tab, SHOTS / "training_pairs_attention.png")
    save_screenshot(window.training_view, SHOTS / "training_pairs_curves.png")

    run_dir = window.runs.run_dir
    vocabulary = read_run_vocabulary(run_dir)
    assert isinstance(vocabulary, PairVocabulary) and vocabulary.target.level == "char"
    assert window.workspace.vocabulary == vocabulary  # typed dates use the run's ids
    hint = window.training_view.hint.text()
    assert "reads and writes the dates vocabularies" in hint
