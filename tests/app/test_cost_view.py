"""The layer table's MAC and receptive-field columns, and the Costs tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from _image_checks import save_screenshot

from dlviz.app.views.cost_view import CostView
from dlviz.app.views.layer_table import COLUMNS, FIELD, MACS, PARAMS, LayerTableView
from dlviz.core.costs.compare import compare_networks, conv_choices
from dlviz.core.kerasenv import import_keras
from dlviz.core.summary import summarize

SHOTS = Path("/tmp/shots/b3")
keras = import_keras()


def _tiny_summary():
    x = keras.Input((10, 10, 1))
    y = keras.layers.Conv2D(2, 3, name="conv")(x)
    y = keras.layers.Conv2D(2, 3, name="conv2")(y)
    y = keras.layers.Dense(3, name="dense")(keras.layers.Flatten(name="flat")(y))
    return summarize(keras.Model(x, y, name="tiny"))


def test_layer_table_shows_macs_fields_and_a_totals_row(qtbot):
    table = LayerTableView()
    qtbot.addWidget(table)
    summary = _tiny_summary()
    table.show_summary("tiny", summary)
    header = [table.tree.headerItem().text(i) for i in range(len(COLUMNS))]
    assert header[MACS] == "MACs" and header[FIELD] == "Receptive field"
    rows = {table.tree.topLevelItem(i).text(0): table.tree.topLevelItem(i)
            for i in range(table.tree.topLevelItemCount())}
    assert len(rows) == len(summary.rows)  # the totals row is not one of them
    assert rows["conv"].text(MACS) == f"{64 * 9 * 2:,}" and rows["conv"].text(FIELD) == "3"
    assert rows["conv2"].text(MACS) == f"{36 * 9 * 4:,}" and rows["conv2"].text(FIELD) == "5"
    assert rows["dense"].text(MACS) == f"{72 * 3:,}" and rows["dense"].text(FIELD) == ""
    footer = table.footer.topLevelItem(0)
    assert footer.text(0) == "Total"
    assert footer.text(MACS) == f"{64 * 18 + 36 * 36 + 216:,}"
    assert footer.text(PARAMS) == f"{summary.total_params:,}"
    assert "MACs: 2,664" in table.totals.text()


def test_layer_table_of_a_library_model_looks_right(qtbot):
    from dlviz.core.zoo.registry import create

    zoo = create("vgg16-mini")
    zoo.build()
    table = LayerTableView()
    qtbot.addWidget(table)
    table.resize(1100, 700)
    table.show_summary("VGG-16 mini", summarize(zoo.model))
    table.show()
    qtbot.waitExposed(table)
    assert table.footer.columnWidth(MACS) == table.tree.columnWidth(MACS)
    save_screenshot(table, SHOTS / "layer_table_vgg16_mini.png")


def test_cost_view_states_the_ratios_measured_on_real_layers(qtbot):
    view = CostView()
    qtbot.addWidget(view)
    view.resize(1200, 760)
    choices = conv_choices(None)
    view.show_choices(choices)
    view.networks.show_rows(compare_networks(("lenet5", "alexnet-mini", "vgg16-mini",
                                              "mobilenet-mini")))
    assert "72.0 %" in view.kernel_verdict.text()
    assert "5×5 pixels" in view.kernel_verdict.text()
    assert "12.7 %" in view.separable_verdict.text()
    assert "1/64 + 1/9" in view.separable_verdict.text()
    assert view.kernel_table.item(0, 0).text() == "25"
    assert view.kernel_table.item(0, 1).text() == "18"
    assert view.kernel_table.item(0, 2).text() == "72.0 %"
    assert view.kernel_table.item(4, 0).text() == view.kernel_table.item(4, 1).text() == "5"
    assert view.separable_table.item(1, 0).text() == f"{56 * 56 * 9 * 64 * 64:,}"
    assert view.networks.table.item(0, 2).text() == "61,706"  # LeNet-5's count_params
    assert view.networks.table.item(2, 4).text() == "16"
    assert "no 2-D convolution" in view.about.text()
    view.show()
    qtbot.waitExposed(view)
    _wait_for_whole_sentences(qtbot, view)
    save_screenshot(view, SHOTS / "cost_view.png")


def _wait_for_whole_sentences(qtbot, view):
    """Every wrapped sentence gets the height its lines need (none is cut)."""
    labels = (view.about, view.kernel_verdict, view.kernel_detail, view.separable_verdict)
    qtbot.waitUntil(lambda: all(label.height() >= label.heightForWidth(label.width())
                                for label in labels), timeout=5_000)


@pytest.mark.slow
def test_costs_tab_follows_the_model_and_the_layer_table(qtbot, window):
    window.costs.networks = ("lenet5", "alexnet-mini")
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("vgg16-mini")
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "cost_networks"):
        window.tabs.setCurrentWidget(window.cost_view)
    view = window.cost_view
    qtbot.waitUntil(lambda: view.choices is not None, timeout=60_000)
    assert view.choices.settings.layer_name != "example"
    assert view.networks.table.rowCount() == 2
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "costs"):
        view.layer_chosen.emit(view.choices.conv_layers[0])
    assert view.choices.settings.layer_name == view.choices.conv_layers[0]
    assert view.picker.currentText() == view.choices.conv_layers[0]
    _wait_for_whole_sentences(qtbot, view)
    save_screenshot(window, SHOTS / "main_window_costs.png")


class _Engine:
    """Keeps each submitted job to run by hand."""

    def __init__(self):
        self.jobs = []

    def submit(self, kind, fn, *, slot=None, label=None):
        self.jobs.append((kind, fn))
        return len(self.jobs)

    def report_progress(self, *args):
        pass


def test_a_convolution_clicked_in_the_layer_table_is_compared(qtbot):
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal

    from dlviz.app.cost_controller import CostController, choices_for

    class Bridge(QObject):
        job_finished = Signal(object)
        job_failed = Signal(object)

    x = keras.Input((12, 12, 3))
    y = keras.layers.Conv2D(8, 3, name="first")(x)
    y = keras.layers.Conv2D(16, 3, name="second")(y)
    model = keras.Model(x, keras.layers.Dense(2, name="head")(y))
    engine, bridge = _Engine(), Bridge()
    table, view = LayerTableView(), CostView()
    qtbot.addWidget(table)
    qtbot.addWidget(view)
    controller = CostController(engine, SimpleNamespace(model=model), bridge, table, view)
    controller.networks = ("lenet5",)
    view.show()
    qtbot.waitExposed(view)
    kind, job = engine.jobs[0]   # shown: the default convolution
    assert kind == "costs"
    bridge.job_finished.emit(SimpleNamespace(kind=kind, job_id=1, result=job()))
    assert view.choices.settings.layer_name == "second"
    table.layer_selected.emit("first")
    kind, job = engine.jobs[-1]
    bridge.job_finished.emit(SimpleNamespace(kind=kind, job_id=len(engine.jobs), result=job()))
    assert view.choices.settings.layer_name == "first"
    assert view.picker.currentText() == "first"
    assert choices_for(model, "head").settings.layer_name == "second"  # not a conv
