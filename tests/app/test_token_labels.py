"""Token labels under the gates and the gradient: every token named where the labels fit."""

import numpy as np
from PySide6.QtGui import QFont, QFontMetrics
from test_text_gate_view import layers, model_of, shown

from dlviz.app.views.gate_grid import MAX_LABELS, fitting_token_ticks
from dlviz.app.views.gradient_time_view import GradientTimeView
from dlviz.core.probes.sequence_results import GradientThroughTime

SENTENCE = "the film was not bad at all"


def named(ticks) -> list[str]:
    return [label for _x, label in ticks]


def test_every_short_token_is_named_where_the_columns_hold_the_widest(qtbot):
    tokens = SENTENCE.split()
    font = QFont()
    font.setPointSizeF(10)
    widest = max(QFontMetrics(font).horizontalAdvance(t) for t in tokens)
    assert named(fitting_token_ticks(tokens, 7 * (widest + 10), font)) == tokens
    # Half the room: every other token, each label still inside two columns.
    half = fitting_token_ticks(tokens, 7 * (widest + 10) / 2, font)
    assert named(half) == tokens[::2]
    assert [x for x, _ in half] == [0.5, 2.5, 4.5, 6.5]
    assert fitting_token_ticks([], 300) == []
    many = fitting_token_ticks([str(k % 10) for k in range(400)], 10_000, font)
    assert len(many) <= MAX_LABELS


def test_the_gate_heatmaps_name_all_seven_tokens_in_a_narrow_view(qtbot):
    view, _ = shown(qtbot, model_of(layers.LSTM), SENTENCE)
    view.resize(840, 700)   # the Gates tab beside the window's side panel
    qtbot.wait(50)
    grid = view.grid
    for (_col, _name), plot in grid.plots.items():
        ticks = plot.getAxis("bottom")._tickLevels[0]
        assert named(ticks) == SENTENCE.split()
        # And they fit: each label is narrower than its column on screen.
        column = plot.vb.width() / 7
        metrics = QFontMetrics(plot.getAxis("bottom").style["tickFont"])
        assert max(metrics.horizontalAdvance(t) for t in SENTENCE.split()) < column
    assert named(grid.lines.getAxis("bottom")._tickLevels[0]) == SENTENCE.split()


def test_a_long_sentence_names_every_k_th_token_rather_than_overlapping(qtbot):
    text = " ".join([SENTENCE] * 4)   # 28 tokens under a heatmap of the Gates tab
    view, _ = shown(qtbot, model_of(layers.LSTM), text)
    view.resize(840, 700)
    qtbot.wait(50)
    plot = view.grid.plots[(0, "i")]
    ticks = plot.getAxis("bottom")._tickLevels[0]
    assert 2 <= len(ticks) < 28
    step = ticks[1][0] - ticks[0][0]
    metrics = QFontMetrics(plot.getAxis("bottom").style["tickFont"])
    widest = max(metrics.horizontalAdvance(label) for _x, label in ticks)
    assert widest < step * plot.vb.width() / 28
    # A wider view names more of them.
    view.resize(1400, 700)
    qtbot.wait(50)
    assert len(plot.getAxis("bottom")._tickLevels[0]) > len(ticks)


def test_the_gradient_names_every_token_that_fits_and_follows_a_resize(qtbot):
    tokens = tuple(SENTENCE.split())
    norms = np.linspace(0.01, 1.0, len(tokens), dtype=np.float32)[None]
    result = GradientThroughTime(model="m", norms=norms, mask=np.ones((1, 7), bool),
                                 input_kind="embedding", loss=0.5, target="predicted class",
                                 tokens=tokens)
    view = GradientTimeView()
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    view.show_result(result)
    axis = view.plot.getAxis("bottom")
    assert named(axis._tickLevels[0]) == list(tokens)
    view.resize(150, 300)
    qtbot.wait(20)
    fewer = named(axis._tickLevels[0])
    assert 1 <= len(fewer) < len(tokens) and fewer[0] == "the"
