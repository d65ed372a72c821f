"""What the window holds while a model trains: the current image, the watched
filters, the model itself, and the model a resumed run trains."""

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from dlviz.core.training.config import DataSpec, TrainingConfig


def small_config(**changes):
    base = dict(data=DataSpec(kind="digits", samples=256), epochs=1, batch_size=32,
                learning_rate=1e-3)
    base.update(changes)
    return TrainingConfig(**base)


def long_config():
    # Runs until stopped: 50 epochs of LeNet on digits end in ~15 s on a quiet machine.
    return small_config(epochs=1000, data=DataSpec(kind="digits"))


def save_picture(path, seed):
    pixels = (np.random.default_rng(seed).random((32, 32)) * 255).astype("uint8")
    Image.fromarray(pixels).save(path)
    return path


@pytest.fixture
def lenet(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.library.choose("lenet5-modern")
    with qtbot.waitSignal(window.images.analysis_shown, timeout=60_000):
        window.open_image(str(save_picture(tmp_path / "digit.png", 0)))
    return window


def stop_training(qtbot, win):
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=60_000):
        win.training.stop()


def engine_caught_up(qtbot, win):
    """Wait until every job queued so far has run (the engine runs them in order)."""
    with qtbot.waitSignal(win.bridge.job_finished, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "sync"):
        win.engine.submit("sync", lambda: None)


def test_an_image_dropped_while_training_stays_the_current_image(qtbot, lenet, tmp_path):
    win = lenet
    later = save_picture(tmp_path / "later.png", 1)
    with qtbot.waitSignal(win.images.analysis_shown, timeout=240_000) as shown:
        with qtbot.waitSignal(win.bridge.training_stopped, timeout=180_000):
            win.training.start(small_config(epochs=2))
            win.open_image(str(later))   # pinned: answered between batches
    # Training changed the weights, so the current image is looked at again:
    # the one dropped last, not the one from before training.
    assert shown.args[0].source_name == "later.png"
    assert win.images.analysis.source_name == "later.png"


def test_live_filters_and_maps_follow_the_layers_chosen_in_their_views(qtbot, lenet):
    win = lenet
    combo = win.filter_view.layer_combo
    layers = [combo.itemText(i) for i in range(combo.count())]
    assert len(layers) >= 3
    combo.setCurrentText(layers[1])          # chosen before training starts
    spatial = [layer.path for layer in win.maps_view.maps.layers]
    win.maps_view.select_layer(spatial[1])
    frames = []
    win.bridge.live_frame_arrived.connect(frames.append)

    def shown(path, since):
        return [f for f in frames[since:] if "filters" in f.results
                and f.results["filters"].path == path]

    def tiled(since):   # the layers whose mosaics live frames made with the maps
        return [set(f.results["feature_maps"].maps.mosaics) for f in frames[since:]
                if "feature_maps" in f.results]

    win.training.start(long_config())
    qtbot.waitUntil(lambda: any("filters" in f.results for f in frames), timeout=120_000)
    qtbot.waitUntil(lambda: bool(tiled(0)), timeout=120_000)
    assert all(f.results["filters"].path == layers[1] for f in frames if "filters" in f.results)
    assert tiled(0)[0] == {spatial[1]}       # only the one on screen: the view tiles others
    since = len(frames)
    combo.setCurrentText(layers[-1])         # and changed while it trains
    win.maps_view.select_layer(spatial[-1])
    qtbot.waitUntil(lambda: bool(shown(layers[-1], since)), timeout=120_000)
    qtbot.waitUntil(lambda: win.filter_view.current_bank.path == layers[-1], timeout=10_000)
    qtbot.waitUntil(lambda: {spatial[-1]} in tiled(since), timeout=60_000)
    stop_training(qtbot, win)
    # The view drew whichever layer it shows, tiled there when a frame lacked it.
    assert win.maps_view.selected_layer() == spatial[-1]
    assert win.maps_view.current_mosaic().image.size > 0


def drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_opening_or_dropping_a_model_while_training_is_refused(qtbot, lenet, tmp_path):
    win = lenet
    other = tmp_path / "other.keras"
    other.write_bytes(b"not even looked at")   # refused before any reading
    seen = []
    win.bridge.batch_ended.connect(seen.append)
    win.training.start(long_config())
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=120_000)
    win.banner.hide()
    win.open_model_file(str(other))
    assert win.banner.isVisible() and "training" in win.banner.text().lower()
    assert win.banner.level == "warning"
    win.banner.hide()
    drop(win, other)
    assert win.banner.isVisible() and "training" in win.banner.text().lower()
    stop_training(qtbot, win)
    engine_caught_up(qtbot, win)
    assert win.images.current_model().source == "lenet5-modern"   # nothing was queued
    assert "other.keras" not in win.layer_table.title.text()


def test_resuming_a_run_makes_its_model_current(qtbot, lenet, tmp_path):
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.training.rundir import RunWriter

    keras = import_keras()
    inputs = keras.Input((16, 16, 1), name="image")
    x = keras.layers.Conv2D(3, 3, activation="relu", name="first_conv")(inputs)
    x = keras.layers.Conv2D(4, 3, activation="relu", name="second_conv")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(10, activation="softmax", name="predictions")(x)
    model = keras.Model(inputs, outputs, name="recorded")
    config = small_config(data=DataSpec(kind="digits", samples=128))
    run_dir = tmp_path / "run"
    with RunWriter(run_dir, config=config, model_source="recorded.keras",
                   tensorboard=False) as writer:
        writer.checkpoint(model, 0, {"loss": 1.0})
    win = lenet
    assert win.images.current_model().filter_layers != ("first_conv", "second_conv")
    assert win.open_run(str(run_dir))
    with qtbot.waitSignal(win.bridge.training_stopped, timeout=180_000) as stopped:
        win.resume_action.trigger()
    assert stopped.args[0].reason == "finished"
    opened = win.images.current_model()
    assert opened.filter_layers == ("first_conv", "second_conv")
    combo = win.filter_view.layer_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["first_conv", "second_conv"]
    heat = win.heatmap_view.layer_combo
    assert [heat.itemText(i) for i in range(heat.count())] == ["first_conv", "second_conv"]
    assert "recorded" in win.layer_table.title.text()
