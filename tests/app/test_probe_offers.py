"""Each view says why the current model does not offer what it draws (the probe registry's reason)."""

import numpy as np
import pytest
from PIL import Image


def open_file(qtbot, window, path):
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"):
        window.open_model_file(str(path))
    return window.images.current_model()


@pytest.fixture
def model_files(tmp_path):
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = keras.Input((8, 8, 1), name="image")   # maps (pooling), but no kernels
    pooled = keras.layers.AveragePooling2D(2, name="pool")(inputs)
    flat = keras.layers.Flatten(name="flatten")(pooled)
    dense = keras.Model(inputs, keras.layers.Dense(3, activation="softmax", name="out")(flat),
                        name="pooled_classifier")
    inputs = keras.Input((8, 8, 3), name="image")
    denoise = keras.Model(inputs, keras.layers.Conv2D(3, 3, padding="same", name="denoise")(inputs),
                          name="denoiser")
    paths = tmp_path / "dense.keras", tmp_path / "denoise.keras"
    for model, path in zip((dense, denoise), paths):
        model.save(path)
    return paths


def test_views_say_what_the_model_does_not_offer(qtbot, window, model_files, tmp_path):
    dense, denoise = model_files
    opened = open_file(qtbot, window, dense)
    assert "no convolution kernels" in opened.offered["filters"]
    assert window.filter_view.title.text() == window.filter_view.unavailable_title
    assert "no convolution kernels" in window.filter_view.hint.text()
    assert not window.filter_view.body.isVisibleTo(window.filter_view)
    assert window.prediction_view.body.isVisibleTo(window.prediction_view)   # it classifies
    opened = open_file(qtbot, window, denoise)
    assert opened.offered["filters"] is None and opened.offered["feature_maps"] is None
    for view in (window.prediction_view, window.heatmap_view):
        assert "no class output to rank" in view.hint.text()
        assert not view.body.isVisibleTo(view)
    # Its feature maps are still shown (a model without classes has maps too).
    picture = tmp_path / "noise.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (8, 8, 3), np.uint8)).save(picture)
    with qtbot.waitSignal(window.images.analysis_shown, timeout=60_000) as shown:
        window.open_image(str(picture))
    assert shown.args[0].predictions is None
    assert window.maps_view.maps.layer("denoise").values.shape == (8, 8, 3)
    assert not window.prediction_view.body.isVisibleTo(window.prediction_view)
    # Back to a model that offers everything: the filters are drawn again.
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "filters"
                          and e.result.path == "c1_conv"):
        window.library.choose("lenet5")
    assert window.filter_view.body.isVisibleTo(window.filter_view)
    assert window.filter_view.current_bank.path == "c1_conv"
