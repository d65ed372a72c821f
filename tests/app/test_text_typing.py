"""Typing into the window's text box reaches the gate view, through the real engine."""

import unicodedata

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from test_text_gate_view import VOCAB, model_of

from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.text_probes import SAMPLE_SENTENCE
from dlviz.core.probes.text_results import TextAnalysis
from dlviz.core.zoo.sequence_io import save_with_vocabulary

keras = import_keras()
WAIT = 60_000


def opened(qtbot, window, path):
    """Open ``path``; wait for the first sentence's gates (the sample)."""
    with qtbot.waitSignal(window.images.results.result_shown, timeout=WAIT,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)):
        window.open_model_file(str(path))


def key_presses(widget, text):
    """One key press per character, carrying it as text (``qtbot.keyClicks`` takes
    ASCII only: QTest aborts on "ô"), as an input method delivers typed letters."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                 Qt.KeyboardModifier.NoModifier, ch))


def typed(qtbot, window, text):
    """Type ``text`` key by key; wait for the answer to that very text."""
    window.text_panel.edit.clear()
    with qtbot.waitSignal(window.images.results.result_shown, timeout=WAIT,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)
                          and r.text == text):
        key_presses(window.text_panel.edit, text)
    assert window.text_panel.text() == text
    return window.gate_view


def test_a_sequence_model_opens_on_its_gates_and_typing_redraws_them(qtbot, window, tmp_path):
    model = model_of(keras.layers.LSTM)
    path = save_with_vocabulary(model, VOCAB, tmp_path / "sentiment.keras")
    opened(qtbot, window, path)
    assert window.tabs.currentWidget() is window.gates_tab     # the first screen: gates
    assert window.text_panel.text() == SAMPLE_SENTENCE
    assert window.gate_view.result.tokens == tuple(SAMPLE_SENTENCE.split())
    assert "not images" in window.maps_view.hint.text()        # and the image views say why

    view = typed(qtbot, window, "The film was NOT bad!")
    assert view.result.tokens == ("the", "film", "was", "not", "bad", "!")
    assert view.grid.images[(0, "o")].image.shape == (6, 6)   # units x tokens
    np.testing.assert_array_equal(view.grid.images[(0, "o")].image,
                                  view.result.traces[0].gates["o"][0].T)

    composed = unicodedata.normalize("NFC", "không tệ chút nào")
    view = typed(qtbot, window, composed)
    assert view.result.tokens == ("không", "tệ", "chút", "nào")
    ids = VOCAB.encode(composed)[None]
    own = keras.Model(model.inputs[0], model.get_layer("lstm_1").output)(ids)[0]
    np.testing.assert_allclose(view.grid.images[(0, "h")].image, np.asarray(own).T, atol=1e-5)
    trace = view.result.traces_of("lstm_1")[0]
    np.testing.assert_array_equal(view.grid.images[(0, "f")].image, trace.gates["f"][0].T)
    forget = view.grid.images[(0, "f")].image.copy()
    gradient = view.gradient_view    # gradient through time of the same sentence
    assert gradient.result.tokens == view.result.tokens
    np.testing.assert_allclose(gradient.values(), np.maximum(gradient.result.relative()[0],
                                                             1e-6))
    assert gradient.values().max() == 1.0 and len(gradient.plot.listDataItems()) == 1

    decomposed = unicodedata.normalize("NFD", composed)
    view = typed(qtbot, window, decomposed)
    assert view.result.tokens == ("không", "tệ", "chút", "nào")
    np.testing.assert_array_equal(view.grid.images[(0, "f")].image, forget)


def test_empty_text_says_so_and_a_model_without_recurrent_layers_says_why(qtbot, window,
                                                                          tmp_path):
    path = save_with_vocabulary(model_of(keras.layers.GRU), VOCAB, tmp_path / "gru.keras")
    opened(qtbot, window, path)
    window.text_panel.edit.clear()
    with qtbot.waitSignal(window.bridge.job_failed, timeout=WAIT):
        window.text_panel.edit.returnPressed.emit()
    assert window.gate_view.title.text() == "Nothing to read"
    assert "nothing to read" in window.gate_view.hint.text()
    assert not window.gate_view.body.isVisible()

    inputs = keras.Input((6,), dtype="int32")
    x = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(20, 4)(inputs))
    bag = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x), name="bag")
    bag.save(tmp_path / "bag.keras")
    with qtbot.waitSignal(window.text.gates_offered, timeout=WAIT) as blocker:
        window.open_model_file(str(tmp_path / "bag.keras"))
    assert blocker.args == [False]
    assert window.gate_view.title.text() == "No gates to show"
    assert "no recurrent layer" in window.gate_view.hint.text()


def test_the_box_reads_once_per_pause_not_once_per_key(qtbot):
    from dlviz.app.panels.text_panel import TextPanel

    panel = TextPanel()
    qtbot.addWidget(panel)
    sent = []
    panel.text_typed.connect(sent.append)
    key_presses(panel.edit, "không tệ")
    assert sent == []                                  # still typing
    qtbot.waitUntil(lambda: sent == ["không tệ"], timeout=5_000)
    qtbot.wait(300)
    assert sent == ["không tệ"]
