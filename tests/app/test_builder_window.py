"""The Builder tab in the real window, over a real engine: start from the
library model, "Train this" makes the built network the current model, and
"Export code" writes a script that builds the same network.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dlviz.core.builder.inference import infer


def pick(qtbot, window, name):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose(name)


def read_current(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "builder"):
        window.builder_panel.from_model_requested.emit()


def test_the_builder_is_a_tab_next_to_the_layers(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("Builder") == titles.index("Layers") + 1
    assert window.tabs.widget(titles.index("Builder")) is window.builder_panel


def test_from_current_model_with_no_model_says_what_to_do(qtbot, window):
    with qtbot.waitSignal(window.bridge.job_failed, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "builder"):
        window.builder_panel.from_model_requested.emit()
    assert "pick one in the model library" in window.builder_panel.banner.text()


def test_lenet5_from_the_library_then_train_this_makes_it_current(qtbot, window, tmp_path):
    pick(qtbot, window, "lenet5")
    panel = window.builder_panel
    window.tabs.setCurrentWidget(panel)
    read_current(qtbot, window)
    assert panel.arch.name == "lenet5"
    assert panel.table.names[:2] == ["input", "c1_conv"]
    assert "61,706 parameters" in panel.totals.text()   # as Keras counts LeNet-5
    assert sum(r.params for r in infer(panel.arch)) == window.layer_table.summary.total_params
    panel.table.select_name("c1_conv")
    folder = Path(os.environ.get("DLVIZ_SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    window.grab().save(str(folder / "builder_lenet5_window.png"))
    panel.grab().save(str(folder / "builder_lenet5.png"))

    panel.form.editors[("filters",)].setValue(12)       # a wider first layer
    expected = sum(r.params for r in infer(panel.arch))
    assert expected == 61_706 + 6 * 26 + 6 * 25 * 16     # 6 more 5x5 filters and their readers
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model") as blocker:
        panel.train_button.click()
    opened = blocker.args[0].result
    assert opened.source == "builder:lenet5"
    assert opened.summary.total_params == expected
    assert window.layer_table.title.text() == "lenet5"
    assert window.layer_table.summary.total_params == expected
    assert window.images.current_model().source == "builder:lenet5"
    assert "is now the current model" in panel.banner.text()
    assert window.training_dock.isVisible()     # handed to the training panel


def test_a_network_keras_refuses_keeps_the_current_model(qtbot, window):
    from dlviz.core.builder.architecture import Architecture, LayerSpec

    pick(qtbot, window, "lenet5")
    bad = Architecture((LayerSpec.new("InputLayer", "image", batch_shape=[None, 4, 4, 1]),
                        LayerSpec.new("Dense", "d", ("nowhere",))), "broken")
    with qtbot.waitSignal(window.bridge.job_failed, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.builder.train(bad)
    assert "could not build" in window.builder_panel.banner.text()
    assert window.layer_table.summary.total_params == 61_706


@pytest.mark.slow
def test_export_code_writes_a_script_that_builds_the_same_network(tmp_path, qtbot):
    from dlviz.app.builder.builder_panel import BuilderPanel

    panel = BuilderPanel()
    qtbot.addWidget(panel)
    for class_name in ("Conv2D", "MaxPooling2D", "Flatten", "Dropout", "Dense"):
        panel.add_layer(class_name)
    script = tmp_path / "mạng của tôi.py"
    assert panel.export_code(str(script))
    assert "run it with python" in panel.banner.text()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "KERAS_BACKEND": "tensorflow"}
    probe = (f"import runpy; ns = runpy.run_path({str(script)!r}, run_name='not_main');"
             "print('PARAMS', ns['build_model']().count_params())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    params = int(done.stdout.split("PARAMS")[-1])
    assert params == sum(r.params for r in infer(panel.arch))


@pytest.mark.slow
def test_a_built_network_trains_and_shows_feature_maps_like_a_library_model(qtbot, window,
                                                                            tmp_path):
    import numpy as np
    from PIL import Image

    from dlviz.core.training.config import DataSpec, TrainingConfig

    pick(qtbot, window, "lenet5")
    panel = window.builder_panel
    read_current(qtbot, window)
    panel.table.select_name("c3_conv")
    panel.add_layer("BatchNormalization")          # a change of the student's own
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        panel.train_button.click()
    path = tmp_path / "digit.png"
    Image.fromarray((np.random.default_rng(0).random((32, 32)) * 255).astype("uint8")).save(path)
    with qtbot.waitSignal(window.images.analysis_shown, timeout=60_000) as shown:
        window.open_image(str(path))
    layers = [layer.path for layer in shown.args[0].maps.layers]
    assert "batch_normalization" in layers and "c1_conv" in layers
    config = TrainingConfig(data=DataSpec(kind="digits", samples=128), epochs=1,
                            batch_size=32, learning_rate=1e-3)
    with qtbot.waitSignal(window.bridge.training_stopped, timeout=180_000) as stopped:
        window.training_panel.start_requested.emit(config)
    assert stopped.args[0].reason == "finished" and stopped.args[0].epochs_done == 1


def test_train_this_while_a_model_trains_says_to_stop_it_first(qtbot, window, monkeypatch):
    monkeypatch.setattr(window.training, "refuses_model_change", lambda: True)
    submitted = []
    monkeypatch.setattr(window.engine, "submit", lambda *a, **k: submitted.append(a))
    window.builder_panel.add_layer("Flatten")
    window.builder_panel.train_button.click()
    assert not submitted
    assert "stop it in the Training controls" in window.builder_panel.banner.text()


def test_from_current_model_while_a_model_trains_says_to_stop_it_first(window, monkeypatch):
    monkeypatch.setattr(type(window.training), "training", property(lambda self: True))
    submitted = []
    monkeypatch.setattr(window.engine, "submit", lambda *a, **k: submitted.append(a))
    window.builder_panel.from_model_requested.emit()
    assert not submitted
    assert "stop it in the Training controls" in window.builder_panel.banner.text()
