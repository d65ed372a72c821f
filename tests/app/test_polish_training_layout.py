"""The Training tab at 1280×800, measured on the real window's widgets: a run's
controls and plots fit the laptop's screen, titles whole, the key off the lines.

No engine: the view is fed the events a run sends (as in test_training_views).
"""

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from dlviz.app.main_window import MainWindow
from dlviz.core.training.events import BatchEnded, TrainingStarted, TrainingStopped

LAYERS = ("conv1", "conv2", "conv3", "conv4", "conv5", "dense1", "dense2", "predictions")


@pytest.fixture
def window(qtbot):
    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert (win.width(), win.height()) == (1280, 800)
    yield win
    win.close()


def run_shown(qtbot, win, layers=LAYERS):
    """The Training tab and panel as a run of an 8-layer model draws them."""
    win.tabs.setCurrentWidget(win.training_view)
    win.training.state_changed.emit("running")
    view = win.training_view
    notes = ("AlexNet rebuilt with 5 outputs for this data (was 10); its other layers keep "
             "their weights", "every layer is trainable")
    view.on_training_started(TrainingStarted(epochs=5, steps_per_epoch=94, samples=3000,
                                             device="CPU", trainable_params=61_706,
                                             notes=notes))
    view.on_batch_ended(BatchEnded(epoch=4, step=93, global_step=469, loss=0.1,
                                   metrics={"accuracy": 0.97}, samples_per_s=1234.0,
                                   eta_s=72.0))
    for step in range(3):
        view.gradient_flow.add_norms(step, {path: 10.0 ** -i for i, path in enumerate(layers)})
    view.on_training_stopped(TrainingStopped("finished", "", 5, final_logs={"loss": 0.1}))
    view.flush()
    qtbot.wait(20)  # layout passes
    QApplication.processEvents()
    return view


def test_a_run_with_the_training_panel_keeps_the_window_on_a_laptop_screen(qtbot, window):
    run_shown(qtbot, window)
    assert window.training_panel.isVisible()
    assert window.width() <= 1280
    # The longest Source label does not set the combo's width; its tooltip holds it.
    combo = window.training_panel.data_combo
    longest = max(combo.itemText(i) for i in range(combo.count()))
    assert combo.minimumSizeHint().width() < QFontMetrics(combo.font()).horizontalAdvance(longest)
    hard = combo.findData("shapes_hard")
    assert combo.itemData(hard, 3) == combo.itemText(hard)  # 3: Qt.ToolTipRole
    assert window.training_view.minimumSizeHint().width() <= 640


def test_gradient_plot_titles_are_whole_at_1280(qtbot, window):
    view = run_shown(qtbot, window).gradient_flow
    for plot in (view.lines, view.bars_plot):
        title = plot.getPlotItem().titleLabel
        assert title.item.boundingRect().width() <= plot.width() - 20, title.text


def test_the_gradient_key_does_not_cover_the_lines(qtbot, window):
    view = run_shown(qtbot, window).gradient_flow
    item = view.lines.getPlotItem()
    box = item.vb.sceneBoundingRect()
    legend = item.legend
    assert legend is None or not legend.isVisible() or \
        not legend.sceneBoundingRect().intersects(box)
    assert all(path in view.key.text() for path in LAYERS)  # each named, under the plot
    assert view.key.isVisible() and view.key.geometry().top() >= view.lines.geometry().bottom()
    # The hint under them is not squeezed over the key either (a run's banner shown).
    assert view.hint.geometry().top() >= view.key.geometry().bottom()
    assert view.hint.geometry().bottom() <= view.height()


def test_many_layers_are_keyed_by_the_first_and_last_and_a_count(qtbot, window):
    layers = tuple(f"block{i}_conv" for i in range(20))
    view = run_shown(qtbot, window, layers).gradient_flow
    text = view.key.text()
    assert "+12 more" in text
    assert "block0_conv" in text and "block19_conv" in text and "block9_conv" not in text
    assert window.width() <= 1280
