"""The main window over a real engine: pick a model, read its layer table."""

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from _image_checks import save_screenshot

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def pick(qtbot, window, name, timeout=120_000):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=timeout,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose(name)


def drop_files(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_status_bar_names_the_device_when_ready(window):
    text = window.engine_status.text()
    assert text.startswith("Ready · training on ")
    assert "CPU" in text or "GPU" in text
    assert "TensorFlow 2." in text and "Keras 3." in text


@pytest.mark.parametrize("loads", [True, False], ids=["ready", "failed"])
def test_collections_pause_while_tensorflow_loads_and_resume_after(qtbot, loads):
    import gc

    from dlviz.app.main_window import MainWindow
    from dlviz.core.engine import Engine
    from dlviz.core.training.events import EngineReady

    seen = []

    def warm_up():   # on the engine thread, as TensorFlow's import would be
        seen.append(gc.isenabled())
        if not loads:
            raise ImportError("no TensorFlow here")
        return EngineReady("CPU", "2.x", "3.x", 0.0)

    win = MainWindow(engine=Engine(warm_up=warm_up), ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    signal = win.bridge.engine_ready if loads else win.bridge.engine_failed
    assert gc.isenabled()
    with qtbot.waitSignal(signal, timeout=30_000):
        win.start_engine()
    assert seen == [False] and gc.isenabled()
    win.start_engine()   # once started, a second call changes nothing
    assert gc.isenabled() and seen == [False]
    win.close()


def test_picking_lenet_shows_its_layers_and_total(qtbot, window):
    pick(qtbot, window, "lenet5")
    table = window.layer_table
    assert "Total params: 61,706" in table.totals.text()
    assert table.title.text() == "LeNet-5 (1998)"
    names = [table.tree.topLevelItem(i).text(0) for i in range(table.tree.topLevelItemCount())]
    assert len(names) == len(table.summary.rows) and len(names) >= 8
    params = sum(int(table.tree.topLevelItem(i).text(3).replace(",", ""))
                 for i in range(table.tree.topLevelItemCount()))
    assert params == 61_706
    save_screenshot(window, SCREENSHOTS / "main_window_lenet5.png")


def test_quick_clicks_build_only_the_latest_model(qtbot, window):
    finished = []
    window.bridge.job_finished.connect(
        lambda e: finished.append(e.result.source) if e.kind == "model" else None)
    window.library.choose("vgg16-mini")
    window.library.choose("mobilenet-mini")
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"
                          and e.result.source == "lenet5-modern"):
        window.library.choose("lenet5-modern")
    assert finished[-1] == "lenet5-modern"
    assert "mobilenet-mini" not in finished  # it was still waiting: replaced
    assert window.layer_table.title.text() == "LeNet-5, ReLU + max pooling"


def test_a_broken_model_file_gives_a_message_and_keeps_the_table(qtbot, window, tmp_path):
    pick(qtbot, window, "lenet5")
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with qtbot.waitSignal(window.bridge.job_failed, timeout=60_000):
        window.open_model_file(str(bad))
    assert window.banner.isVisible()
    assert "broken.keras" in window.banner.text()
    assert "Total params: 61,706" in window.layer_table.totals.text()  # last good state kept


def test_dropping_a_model_file_opens_it_and_two_files_are_refused(qtbot, window, tmp_path):
    from dlviz.core.zoo import create

    net = create("lenet5")
    net.build()
    path = net.save(tmp_path / "mine.keras")
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "model"):
        drop_files(window, [path])
    assert window.layer_table.title.text() == "mine.keras"
    drop_files(window, [path, path])
    assert "one image at a time" in window.banner.text().lower()


def test_closing_the_window_stops_the_engine(qtbot, window):
    window.close()
    assert not window.engine.running


def test_larger_text_for_the_projector(window):
    from PySide6.QtWidgets import QApplication

    base = QApplication.font().pointSizeF()
    try:
        assert window.font_zoom.step(+2) == 1.3
        assert QApplication.font().pointSizeF() == pytest.approx(base * 1.3)
        window.font_zoom.step(+99)
        assert window.font_zoom.factor == 2.0  # clamped
    finally:
        window.font_zoom.reset()
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def lambda_model_file(tmp_path):
    import keras

    inputs = keras.Input((4,), name="x")
    outputs = keras.layers.Lambda(lambda t: t + 1, name="plus_one")(inputs)
    path = tmp_path / "with_lambda.keras"
    keras.Model(inputs, outputs, name="lambda_net").save(path)
    return path


def test_unsafe_file_is_loaded_only_after_consent(qtbot, window, tmp_path):
    path = lambda_model_file(tmp_path)
    asked = []

    def decline(parent, name, report):
        asked.append((name, report.unsafe_reasons))
        return False

    window.engine_control.ask_unsafe = decline
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000):
        window.open_model_file(str(path))
    assert asked and asked[0][0] == "with_lambda.keras"
    assert any("plus_one" in reason or "lambda" in reason.lower() for reason in asked[0][1])
    assert window.banner.level == "warning" and "declined" in window.banner.text()
    assert window.layer_table.summary is None  # nothing was loaded

    window.engine_control.ask_unsafe = lambda *_: True
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: hasattr(e.result, "summary")):
        window.open_model_file(str(path))
    assert window.layer_table.title.text() == "with_lambda.keras"
    assert "safe mode OFF" in window.layer_table.notes.text()
    assert any(r.name == "plus_one" for r in window.layer_table.summary.rows)
