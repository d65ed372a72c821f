"""The loss and accuracy plots keep their key off the curves, in English and Vietnamese:
a legend on the plot covered the rising accuracy (in Vietnamese, most of the plot)."""

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dlviz.app.i18n import install_translator, remove_translator
from dlviz.app.views.curves_view import CurvesView
from dlviz.core.training.events import BatchEnded, EpochEnded, TrainingStarted, TrainingStopped

STEPS, EPOCHS = 20, 4
NAMES = {"en": ("per batch", "smoothed", "train (epoch)", "validation (epoch)"),
         "vi": ("theo từng lô", "đã làm mượt", "huấn luyện (epoch)", "kiểm định (epoch)")}


@pytest.fixture(params=["en", "vi"])
def language(request, qtbot):
    app = QApplication.instance()
    if request.param == "vi":
        assert install_translator(app, "vi") == "vi"
    yield request.param
    remove_translator(app)


def trained(qtbot, language):
    """The Training tab's view after a run whose accuracy rises to ~0.95."""
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.training_view)
    view = win.training_view
    view.on_training_started(TrainingStarted(epochs=EPOCHS, steps_per_epoch=STEPS, samples=640,
                                             device="CPU", trainable_params=1_000))
    for step in range(STEPS * EPOCHS):
        share = step / (STEPS * EPOCHS)
        accuracy, loss = 0.2 + 0.75 * (1 - np.exp(-5 * share)), 2.3 * np.exp(-4 * share) + 0.1
        view.on_batch_ended(BatchEnded(epoch=step // STEPS, step=step % STEPS, global_step=step,
                                       loss=loss, metrics={"accuracy": accuracy},
                                       samples_per_s=1000.0, eta_s=1.0))
        if step % STEPS == STEPS - 1:
            view.on_epoch_ended(EpochEnded(epoch=step // STEPS, seconds=1.0, logs={
                "loss": loss, "accuracy": accuracy, "val_loss": loss, "val_accuracy": accuracy}))
    view.on_training_stopped(TrainingStopped("finished", "", EPOCHS))
    view.flush()
    qtbot.wait(50)
    return win, view.curves


def test_the_key_sits_under_both_plots_and_covers_no_curve(qtbot, language):
    win, curves = trained(qtbot, language)
    for size in ((1068, 708), (1280, 800)):
        win.resize(*size)
        qtbot.wait(50)
        for plot in (curves.loss, curves.accuracy):
            item = plot.widget.getPlotItem()
            box = item.vb.sceneBoundingRect()
            assert plot.smooth_curve.dataBounds(0)[1] > 0       # the curves are drawn
            # Nothing on the plot but its curves: no legend over the data's area.
            assert item.legend is None or not item.legend.isVisible() \
                or not item.legend.sceneBoundingRect().intersects(box)
            assert curves.key.geometry().top() >= plot.widget.geometry().bottom()
            assert plot.widget.height() >= 150
        assert curves.key.isVisible() and curves.key.geometry().bottom() <= curves.height()
        assert all(name in curves.key.text() for name in NAMES[language]), curves.key.text()
    win.close()


def test_the_key_draws_each_curve_in_its_own_colour(qtbot):
    view = CurvesView()
    pens = (view.accuracy.raw_curve.opts["pen"].color().name(),
            view.accuracy.smooth_curve.opts["pen"].color().name(),
            view.accuracy.epoch_curve.opts["pen"].color().name(),
            view.accuracy.val_curve.opts["pen"].color().name())
    text = view.key.text()
    positions = [text.index(f"color:{colour}") for colour in pens]
    assert positions == sorted(positions)     # in the order the names are listed
    assert text.index("per batch") > positions[0] and text.index("smoothed") > positions[1]
