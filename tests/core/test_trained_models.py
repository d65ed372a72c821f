"""The shipped trained models: listed, opened in safe mode, and right about their samples."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from dlviz.core import modelio
from dlviz.core.data import sample_images
from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.zoo import REGISTRY
from dlviz.core.zoo.trained import (TrainedModel, first_example, models_dir, trained_info,
                                    trained_models)

SHIPPED = {"alexnet-mini-shapes": "alexnet-mini", "lenet5-digits": "lenet5"}


def test_the_shipped_models_are_listed_small_and_described():
    infos = {info.name: info for info in trained_models()}
    assert {name: infos[name].architecture for name in SHIPPED} == SHIPPED
    total = sum(info.path.stat().st_size for info in infos.values())
    assert total < 6_000_000, f"{total:,} bytes: keep the shipped models a few MB"
    for info in infos.values():
        assert info.command.endswith("scripts/make_trained_models.py")
        assert info.test_accuracy > 0.9
    # The library lists them first, as "Trained" entries.
    assert list(REGISTRY)[:len(infos)] == [info.name for info in trained_models()]
    assert REGISTRY["alexnet-mini-shapes"].kind == "Trained"


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_model_loads_in_safe_mode(name):
    info = trained_info(name)
    report = modelio.prescan(info.path)
    assert not report.needs_unsafe  # plain Keras layers: nothing to consent to
    net = TrainedModel(trained=name)
    model = net.build()
    assert tuple(model.input_shape[1:]) == info.input_shape
    assert model.outputs[0].shape[-1] == len(info.class_names) == net.classes
    assert net.class_names == info.class_names
    # Weights only: no optimizer state was shipped.
    assert not getattr(model, "optimizer", None)


def _workspace_on(name):
    from dlviz.core.workspace import Workspace

    ws = Workspace()
    opened = ws.build_zoo_model(name)
    assert f"weights from {name}.keras" in opened.notes[0]
    return ws


def _top(analysis):
    predictions = analysis.predictions
    return predictions.heads[predictions.primary][0]


def test_the_shapes_model_knows_the_shape_samples_and_looks_at_the_shape():
    ws = _workspace_on("alexnet-mini-shapes")
    samples = {path.name: path for path in sample_images()}
    for file_name, shape in (("06_shape_star.jpg", "star"),
                             ("07_shape_triangle.jpg", "triangle"),
                             ("08_shape_cross.jpg", "cross")):
        top = _top(ws.analyze_image(str(samples[file_name])))
        assert top.name == shape, (file_name, top)
        assert top.probability > 0.8, (file_name, top)
        heat = ws.heatmap("gradcam")
        grey = heat.image @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        background = np.median(grey[[0, 0, -1, -1], [0, -1, 0, -1]])
        on_shape = (background - grey) > 0.15  # the dark shape on its pale ground
        assert heat.heatmap[on_shape].mean() > 2 * heat.heatmap[~on_shape].mean(), file_name


def test_the_digits_model_reads_the_digit_samples():
    ws = _workspace_on("lenet5-digits")
    samples = {path.name: path for path in sample_images()}
    for file_name, digit in (("09_digit_3.png", "3"), ("10_digit_7.png", "7")):
        top = _top(ws.analyze_image(str(samples[file_name])))
        assert (top.name, top.probability > 0.8) == (digit, True), (file_name, top)


def test_the_window_opens_on_the_shapes_model_and_its_star():
    name, sample = first_example(sample_images(), "vgg16")
    assert (name, sample.name) == ("alexnet-mini-shapes", "06_shape_star.jpg")
    assert first_example([], "vgg16") == ("vgg16", None)


def _copy(tmp_path, name="lenet5-digits"):
    for suffix in (".keras", ".json"):
        shutil.copy(models_dir() / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    return tmp_path / f"{name}.json"


def test_a_file_that_is_not_the_one_described_is_refused(tmp_path):
    _copy(tmp_path)
    keras_file = tmp_path / "lenet5-digits.keras"
    keras_file.write_bytes(keras_file.read_bytes() + b"\0")
    with pytest.raises(ModelFileError, match="SHA-256"):
        TrainedModel(trained="lenet5-digits", folder=tmp_path).build()


def test_broken_or_lonely_sidecars_are_left_out(tmp_path):
    sidecar = _copy(tmp_path)
    assert [i.name for i in trained_models(tmp_path)] == ["lenet5-digits"]
    meta = json.loads(sidecar.read_text())
    (tmp_path / "other.json").write_text(json.dumps({**meta, "name": "other"}))  # no .keras
    (tmp_path / "broken.json").write_text("{not json")
    shutil.copy(tmp_path / "lenet5-digits.keras", tmp_path / "broken.keras")
    assert [i.name for i in trained_models(tmp_path)] == ["lenet5-digits"]
    assert trained_models(tmp_path / "missing") == []


def test_other_shapes_or_classes_are_refused_and_retraining_keeps_the_architecture():
    with pytest.raises(ValueError, match="keeps its own"):
        TrainedModel(trained="lenet5-digits", classes=5)
    resized = TrainedModel(trained="lenet5-digits").with_classes(2)
    assert (type(resized).__name__, resized.classes, resized.input_shape) == (
        "LeNet5", 2, (32, 32, 1))
