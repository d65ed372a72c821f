"""Model files: clear errors, safe mode by default, consent per file, atomic saves."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from dlviz.core import modelio, modelscan
from dlviz.core.kerasenv import import_keras
from dlviz.core.modelio import ModelFileError, file_sha256, load_model, prescan, save_model

keras = import_keras()

X = np.linspace(-1.0, 1.0, 12, dtype="float32").reshape(3, 4)


def small_model(name="small"):
    inputs = keras.Input((4,), name=f"{name}_in")
    x = keras.layers.Dense(5, activation="relu", name=f"{name}_dense1")(inputs)
    outputs = keras.layers.Dense(2, name=f"{name}_dense2")(x)
    return keras.Model(inputs, outputs, name=name)


def sentinel_lambda(sentinel: Path):
    # A closure (not a default argument: Keras 3.15 cannot reload lambdas
    # with defaults). It runs while the model is rebuilt and when called.
    path = str(sentinel)
    return lambda t: (open(path, "w").close(), t)[1]


def write_keras_zip(path: Path, config: dict) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
        archive.writestr("config.json", json.dumps(config))
    return path


def sequential_config(*layers: dict) -> dict:
    return {"module": "keras", "class_name": "Sequential", "registered_name": None,
            "config": {"name": "handmade", "layers": list(layers)}}


def layer(class_name, name, module="keras.layers", registered_name=None, **config):
    return {"module": module, "class_name": class_name, "registered_name": registered_name,
            "config": {"name": name, **config}}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A small model saved as .keras and legacy .h5, with its predictions."""
    folder = tmp_path_factory.mktemp("saved")
    model = small_model()
    save_model(model, folder / "model.keras")
    model.save(folder / "model.h5")  # legacy: Keras only logs (absl), no warning
    return folder, np.asarray(model(X))


# --- errors, one kind at a time -------------------------------------------------


def _make_bad_file(kind, folder: Path, saved_folder: Path) -> Path:
    good = (saved_folder / "model.keras").read_bytes()
    if kind == "missing":
        return folder / "nope.keras"
    if kind == "folder":
        (folder / "models").mkdir()
        return folder / "models"
    if kind == "empty":
        (folder / "model.keras").write_bytes(b"")
    elif kind == "truncated":
        (folder / "model.keras").write_bytes(good[: len(good) // 2])
    elif kind == "zip_without_config":
        with zipfile.ZipFile(folder / "model.keras", "w") as archive:
            archive.writestr("notes.txt", "hello")
    elif kind == "text":
        (folder / "model.keras").write_text("this is my homework, not a model\n")
    elif kind == "bad_json":
        with zipfile.ZipFile(folder / "model.keras", "w") as archive:
            archive.writestr("config.json", "{not json")
    elif kind == "weights_only":
        small_model("w").save_weights(folder / "model.weights.h5")
        return folder / "model.weights.h5"
    elif kind == "truncated_h5":
        h5 = (saved_folder / "model.h5").read_bytes()
        (folder / "model.h5").write_bytes(h5[: len(h5) // 3])
        return folder / "model.h5"
    return folder / "model.keras"


@pytest.mark.parametrize(
    ("case", "kind", "words"),
    [
        ("missing", "missing", ["nope.keras", "not found"]),
        ("folder", "not_a_file", ["models is a folder", ".keras"]),
        ("empty", "empty", ["model.keras is empty", "save the model again"]),
        ("truncated", "corrupt", ["model.keras is truncated or corrupt (not a valid zip archive)",
                                  "re-save it from Keras"]),
        ("zip_without_config", "not_keras", ["zip archive but not a Keras model", "config.json"]),
        ("text", "not_keras", ["not a Keras model file", "plain text"]),
        ("bad_json", "corrupt", ["config.json is not valid JSON"]),
        ("weights_only", "not_keras", ["model.weights.h5 holds only weights", "model_config"]),
        ("truncated_h5", "corrupt", ["model.h5 is truncated or corrupt", "HDF5"]),
    ],
)
def test_bad_files_get_their_own_kind_and_message(tmp_path, saved, case, kind, words):
    path = _make_bad_file(case, tmp_path, saved[0])
    for opener in (prescan, load_model):
        with pytest.raises(ModelFileError) as caught:
            opener(path)
        error = caught.value
        assert (error.kind, error.path) == (kind, str(path))
        message = str(error)
        assert "\n" not in message
        for word in words:
            assert word in message


@pytest.mark.parametrize(("name", "what"), [
    ("net.pt", "a PyTorch file"), ("net.onnx", "an ONNX file"),
    ("graph.pb", "a TensorFlow graph file"), ("notes", "a file without an extension"),
])
def test_foreign_formats_say_what_dlviz_opens(tmp_path, name, what):
    path = tmp_path / name
    path.write_bytes(b"\x00\x01 not keras")
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "unsupported_format"
    assert str(caught.value) == (
        f"{name} is {what}; dlviz opens Keras models saved as .keras (or legacy .h5)"
    )


def test_savedmodel_folder_is_named_as_such(tmp_path):
    folder = tmp_path / "exported"
    folder.mkdir()
    (folder / "saved_model.pb").write_bytes(b"x")
    with pytest.raises(ModelFileError, match="TensorFlow SavedModel folder") as caught:
        prescan(folder)
    assert caught.value.kind == "not_a_file"


def test_keras_failure_is_load_failed_in_one_line(tmp_path, saved):
    config = zipfile.ZipFile(saved[0] / "model.keras").read("config.json")
    path = tmp_path / "noweights.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("config.json", config)
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "load_failed"
    assert str(caught.value) == (
        "Keras could not load noweights.keras: Expected a model.weights.h5 or "
        "model.weights.npz file."
    )


# --- round trips ----------------------------------------------------------------


def test_keras_round_trip_predicts_identically(saved):
    folder, expected = saved
    model = load_model(folder / "model.keras")
    np.testing.assert_array_equal(np.asarray(model(X)), expected)
    report = prescan(folder / "model.keras")
    assert (report.format, report.model_class) == ("keras", "Functional")
    assert report.model_name == "small"
    assert report.keras_version == keras.__version__
    assert report.layer_counts == {"InputLayer": 1, "Dense": 2}
    assert report.sha256 == file_sha256(folder / "model.keras")
    assert not report.needs_unsafe and not report.unsafe_reasons


def test_legacy_h5_loads_with_identical_predictions(saved):
    folder, expected = saved
    model = load_model(folder / "model.h5")
    np.testing.assert_array_equal(np.asarray(model(X)), expected)
    report = prescan(folder / "model.h5", resolve_classes=True)
    assert (report.format, report.model_class, report.unknown_classes) == ("h5", "Functional", ())
    assert report.layer_counts == {"InputLayer": 1, "Dense": 2}


# --- safe mode and consent ------------------------------------------------------


@pytest.fixture
def lambda_file(tmp_path):
    sentinel = tmp_path / "sentinel"
    inputs = keras.Input((4,))
    outputs = keras.layers.Lambda(sentinel_lambda(sentinel), name="sneaky")(inputs)
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, outputs).save(path)
    sentinel.unlink()  # building the model ran the lambda once already
    return path, sentinel


def test_lambda_needs_consent_for_exactly_that_file(tmp_path, lambda_file, saved):
    path, sentinel = lambda_file
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    error = caught.value
    assert error.kind == "needs_unsafe"
    assert "Lambda layer 'sneaky' runs arbitrary Python code" in str(error)
    assert error.report.sha256 == file_sha256(path)
    assert not sentinel.exists()

    other = file_sha256(saved[0] / "model.keras")
    with pytest.raises(ModelFileError, match="needs unsafe loading"):
        load_model(path, trust_sha256=other)
    assert not sentinel.exists()

    model = load_model(path, trust_sha256=error.report.sha256.upper())
    model(X)
    assert sentinel.exists()  # proves the lambda really runs on unsafe load


def test_safe_mode_holds_even_if_the_thread_enabled_unsafe_loading(monkeypatch, lambda_file):
    # Keras 3.15 lets enable_unsafe_deserialization() on a thread override
    # safe_mode=True on the call; simulate a prescan miss and check the
    # explicit safe-mode scope still stops the lambda.
    path, sentinel = lambda_file
    real = modelio.scan_copy
    monkeypatch.setattr(modelio, "scan_copy", lambda *a, **k: dataclasses.replace(
        real(*a, **k), unsafe_reasons=()))
    outcome = []

    def worker():
        keras.config.enable_unsafe_deserialization()  # thread-local state
        try:
            load_model(path)
            outcome.append("loaded")
        except ModelFileError as e:
            outcome.append(e.kind)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert outcome == ["needs_unsafe"]
    assert not sentinel.exists()


# --- prescan of nested models, custom and unknown classes -----------------------


def test_prescan_counts_nested_layers_and_finds_an_inner_lambda(tmp_path):
    inner_in = keras.Input((4,))
    h = keras.layers.Dense(3, name="inner_dense")(inner_in)
    h = keras.layers.Lambda(lambda t: t * 2.0, name="inner_lambda")(h)
    inner = keras.Model(inner_in, h, name="inner")
    inputs = keras.Input((4,))
    y = keras.layers.Dense(2, name="outer_dense")(inner(inputs))
    y = keras.Sequential([keras.layers.Dense(2, name="seq_dense")], name="head")(y)
    path = tmp_path / "nested.keras"
    keras.Model(inputs, y, name="outer").save(path)

    report = prescan(path)
    assert report.model_name == "outer"
    assert report.layer_counts == {
        "InputLayer": 3, "Functional": 1, "Dense": 3, "Lambda": 1, "Sequential": 1,
    }
    assert report.unsafe_reasons == (
        "Lambda layer 'inner_lambda' runs arbitrary Python code stored in the file",
    )
    text = report.describe()
    assert "Model: 'outer' (Functional), 9 layers" in text
    assert "Lambda × 1" in text and "inner_lambda" in text


def test_unknown_class_is_listed_when_resolved_and_stops_loading(tmp_path):
    path = write_keras_zip(tmp_path / "odd.keras", sequential_config(
        layer("InputLayer", "in", batch_shape=[None, 4]),
        layer("NoSuchLayer", "mystery"),
        layer("Thing", "outsider", module="evil.mod"),
    ))
    quick = prescan(path)
    assert (quick.unknown_classes, quick.classes_resolved) == ((), False)
    assert quick.custom_classes == ("evil.mod.Thing",)
    assert not quick.needs_unsafe  # Keras never imports evil.mod, safe or not

    resolved = prescan(path, resolve_classes=True)
    assert resolved.unknown_classes == ("NoSuchLayer", "Thing")
    assert "Not installed here (cannot load): NoSuchLayer, Thing" in resolved.describe()
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "unknown_layer"
    assert "not installed here: NoSuchLayer, Thing" in str(caught.value)


def test_keras_own_unknown_class_error_maps_to_unknown_layer(monkeypatch, tmp_path):
    path = write_keras_zip(tmp_path / "odd.keras", sequential_config(
        layer("InputLayer", "in", batch_shape=[None, 4]), layer("NoSuchLayer", "mystery"),
    ))
    real = modelio.scan_copy
    monkeypatch.setattr(modelio, "scan_copy", lambda *a, **k: dataclasses.replace(
        real(*a, **k), unknown_classes=()))
    with pytest.raises(ModelFileError, match="not installed here: NoSuchLayer") as caught:
        load_model(path)
    assert caught.value.kind == "unknown_layer"


@keras.saving.register_keras_serializable(package="dlviz_test")
class Doubler(keras.layers.Layer):
    def call(self, x):
        return x * 2.0


def test_registered_custom_layer_is_known_and_loads(tmp_path):
    inputs = keras.Input((4,))
    path = tmp_path / "custom.keras"
    save_model(keras.Model(inputs, Doubler(name="doubler")(inputs)), path)
    report = prescan(path, resolve_classes=True)
    assert report.custom_classes == ("dlviz_test>Doubler",)
    assert report.unknown_classes == () and not report.needs_unsafe
    np.testing.assert_array_equal(np.asarray(load_model(path)(X)), X * 2.0)


def test_scan_flags_what_keras_safe_mode_refuses():
    found = modelscan.scan(sequential_config(
        layer("TFSMLayer", "sm", module="keras.layers", filepath="/tmp/exported"),
        layer("StringLookup", "words", vocabulary="/etc/passwd"),
        layer("StringLookup", "inline", vocabulary=["a", "b"]),
        layer("Dense", "odd", units=1, activation={
            "class_name": "__lambda__", "config": {"value": ["", None, None]}}),
    ))
    assert found.unsafe_reasons == [
        "TFSMLayer 'sm' loads the external SavedModel '/tmp/exported', "
        "which can run arbitrary code",
        "StringLookup layer 'words' reads the file '/etc/passwd' from outside the model file",
        "layer 'odd' stores a Python lambda, which runs arbitrary code",
    ]


def test_prescan_does_not_import_keras(saved):
    code = (
        "import sys; from dlviz.core import modelio; "
        f"r = modelio.prescan({str(saved[0] / 'model.keras')!r}); "
        "assert r.layer_counts['Dense'] == 2; "
        "print(sorted(m for m in ('keras', 'tensorflow') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"


# --- atomic saving --------------------------------------------------------------


def test_save_replaces_the_file_and_makes_folders(tmp_path):
    path = tmp_path / "deep" / "er" / "model.keras"
    assert save_model(small_model("a"), path) == path
    first = path.read_bytes()
    save_model(small_model("b"), path)
    assert path.read_bytes() != first
    assert prescan(path).model_name == "b"
    assert os.listdir(path.parent) == ["model.keras"]


def test_failed_save_leaves_the_old_file_intact(monkeypatch, tmp_path):
    path = tmp_path / "model.keras"
    save_model(small_model("old"), path)
    before = path.read_bytes()

    def broken_save(model, filepath, *args, **kwargs):
        Path(filepath).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError("No space left on device")

    monkeypatch.setattr(keras.saving, "save_model", broken_save)
    with pytest.raises(ModelFileError) as caught:
        save_model(small_model("new"), path)
    assert caught.value.kind == "save_failed"
    assert str(caught.value) == (
        "could not save model.keras: No space left on device; the previous file is unchanged"
    )
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.keras"]


def test_save_refuses_other_formats(tmp_path):
    with pytest.raises(ModelFileError) as caught:
        save_model(small_model(), tmp_path / "model.pt")
    assert caught.value.kind == "unsupported_format"
    assert not list(tmp_path.iterdir())
