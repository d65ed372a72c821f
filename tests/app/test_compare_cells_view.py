"""Compare cells, through the real engine: three rows (SimpleRNN, LSTM, GRU) of h and gradient.

The shipped trained SimpleRNN, LSTM and GRU read English; in Vietnamese only
the LSTM is trained, the SimpleRNN and GRU are the untrained library presets
and say so. Each row draws the result's own arrays.
"""

import numpy as np

from dlviz.app.views.gradient_time_view import FLOOR
from dlviz.core.probes.compare import CellComparison
from dlviz.core.probes.text_probes import SAMPLE_SENTENCE

WAIT = 120_000


def compared(qtbot, window, action, text):
    with qtbot.waitSignal(window.images.results.result_shown, timeout=WAIT,
                          check_params_cb=lambda r: isinstance(r, CellComparison)
                          and r.text == text) as blocker:
        action()
    qtbot.wait(30)
    return window.compare_view, blocker.args[0]


def check_rows(view, result, titles):
    assert result.kinds == ("simple_rnn", "lstm", "gru")
    assert len(view.row_titles) == len(view.images) == len(view.curves) == 3
    assert view.row_titles == list(result.models)
    for title, start in zip(view.row_titles, titles):
        assert title.startswith(start), title
    for row, kind in enumerate(result.kinds):
        hidden = result.hidden(kind)
        assert hidden.shape == (32, len(result.tokens))
        np.testing.assert_array_equal(view.images[row].image, hidden)
        np.testing.assert_array_equal(view.curves[row].yData,
                                      np.maximum(result.gradient[row], FLOOR))
        assert result.gradient[row].max() == 1.0


def test_the_compare_tab_reads_the_sentence_with_three_cells(qtbot, window):
    view, result = compared(qtbot, window,
                            lambda: window.tabs.setCurrentWidget(window.compare_tab),
                            SAMPLE_SENTENCE)
    assert window.compare_panel.text() == SAMPLE_SENTENCE
    assert result.tokens == tuple(SAMPLE_SENTENCE.split())
    check_rows(view, result, ("SimpleRNN · trained on sentiment-en",
                              "LSTM · trained on sentiment-en", "GRU · trained on sentiment-en"))
    assert "SimpleRNN" in view.summary.text()

    text = "bộ phim này không tệ chút nào"
    view, result = compared(qtbot, window,
                            lambda: window.compare_panel.set_text(text, emit=True), text)
    assert result.tokens == tuple(text.split())
    check_rows(view, result, ("SimpleRNN · untrained", "LSTM · trained on sentiment-vi",
                              "GRU · untrained"))
    assert window.text_panel.text() == text          # the Gates tab's box follows


def test_a_sentence_typed_in_the_gates_tab_is_compared_when_the_tab_shows(qtbot, window):
    text = ("the food was really good , as a tourist kept thinking about a red bicycle late "
            "in the evening while my cousin pointed at the old bridge .")
    window.text_panel.set_text(text, emit=True)
    assert window.compare_panel.text() == text
    view, result = compared(qtbot, window,
                            lambda: window.tabs.setCurrentWidget(window.compare_tab), text)
    check_rows(view, result, ("SimpleRNN", "LSTM", "GRU"))
    # The opinion opens a long sentence: the trained SimpleRNN's gradient has all but
    # vanished there, the trained LSTM's peaks on it ("good").
    rnn, lstm = result.gradient[0], result.gradient[1]
    good = result.tokens.index("good")
    assert rnn[:good + 1].max() < 0.01 * rnn.max() and lstm[:good + 1].max() > 0.1
    with qtbot.waitSignal(window.bridge.job_failed, timeout=WAIT):
        window.compare_panel.set_text("", emit=True)
    assert view.title.text() == view.unavailable_title and view.hint.text()
