"""``from dlviz import probes``: plain inputs, the app's results; and the README's example runs."""

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_notebook_code() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("### In a notebook or script", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def small_cnn():
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    inputs = keras.Input((12, 12, 3), name="image")
    x = keras.layers.Conv2D(4, 3, activation="relu", name="conv1")(inputs)
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="small_cnn")


def png_pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return np.asarray(image.convert("RGB"))


def test_importing_the_api_loads_neither_qt_nor_tensorflow():
    script = ("import sys\nfrom dlviz import probes\n"
              "heavy = [m for m in ('tensorflow', 'keras', 'PySide6', 'pyqtgraph') "
              "if m in sys.modules]\nassert not heavy, heavy\n"
              "assert callable(probes.feature_maps) and callable(probes.grad_cam)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_readme_example_runs_and_gives_real_results(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(readme_notebook_code(), "README.md", "exec"), namespace)
    result, cam, kernels = namespace["result"], namespace["cam"], namespace["kernels"]
    shapes = {layer.path: layer.values.shape for layer in result.maps.layers}
    assert shapes["c1_conv"] == (28, 28, 6) and shapes["c3_conv"] == (10, 10, 16)
    assert str(shapes["c1_conv"]) in capsys.readouterr().out
    probabilities = result.predictions.probabilities["output"]
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1, abs=1e-4)
    assert cam.kind == "gradcam" and cam.class_index == 3 and cam.heatmap.shape == (32, 32)
    assert kernels.path == "c1_conv" and kernels.kernels.shape == (5, 5, 1, 6)
    # The drawn "1" is what the model saw: bright in the middle column only.
    shown = result.maps.input.shown[..., 0]
    assert shown[7:25, 14:18].mean() > 0.8
    assert shown[:, :6].max() < 0.01 and shown[:5].max() < 0.01
    pixels = png_pixels(namespace["png"])
    assert pixels.shape[1] >= 256 and len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50
    again = namespace["probes"].load(tmp_path / "digit_maps.npz")
    assert [layer.path for layer in again.maps.layers] == list(shapes)
    np.testing.assert_allclose(again.maps.layer("c1_conv").values,
                               result.maps.layer("c1_conv").values, rtol=1e-3, atol=2e-3)


def test_a_path_a_pil_image_and_an_array_give_the_same_maps(tmp_path):
    from dlviz import probes

    rng = np.random.default_rng(0)
    pixels = (rng.random((24, 24, 3)) * 255).astype(np.uint8)
    Image.fromarray(pixels).save(tmp_path / "noise.png")
    model = small_cnn()
    from_path = probes.feature_maps(model, tmp_path / "noise.png")
    from_pil = probes.feature_maps(model, Image.fromarray(pixels))
    from_array = probes.feature_maps(model, pixels)
    from_floats = probes.feature_maps(model, pixels.astype(np.float32) / 255)
    assert from_path.source_name == "noise.png" and from_array.source_name == "array"
    for other in (from_pil, from_array, from_floats):
        np.testing.assert_allclose(other.maps.input.batch, from_path.maps.input.batch,
                                   atol=1e-6)
        np.testing.assert_allclose(other.maps.layer("conv1").values,
                                   from_path.maps.layer("conv1").values, atol=1e-5)


def test_bad_inputs_and_models_are_refused_with_reasons():
    from dlviz import probes
    from dlviz.core.kerasenv import import_keras

    model = small_cnn()
    with pytest.raises(ValueError, match=r"float pixels must lie in \[0, 1\]"):
        probes.feature_maps(model, np.full((8, 8, 3), 200.0, np.float32))
    with pytest.raises(ValueError, match="with 1, 3 or 4 channels"):
        probes.saliency(model, np.zeros((8, 8, 5), np.uint8))
    keras = import_keras()
    inputs = keras.Input((6,))
    dense = keras.Model(inputs, keras.layers.Dense(2)(inputs), name="table")
    with pytest.raises(probes.ProbeUnavailable, match="not images"):
        probes.feature_maps(dense, np.zeros((8, 8), np.uint8))
    assert "no convolution kernels" in probes.offered(dense)["filters"]


def test_a_library_model_brings_its_scaling_and_class_names():
    from dlviz import probes
    from dlviz.core.zoo import create

    net = create("lenet5")
    net.class_names = tuple(f"digit {i}" for i in range(10))
    ranked = probes.predictions(net, np.zeros((32, 32), np.uint8), k=3)
    assert net.model is not None   # built on first use
    assert len(ranked.heads["output"]) == 3 and ranked.names_source == "dataset"
    assert all(score.name.startswith("digit ") for score in ranked.heads["output"])
