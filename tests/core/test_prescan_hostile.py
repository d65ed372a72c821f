"""Hostile model files: every Lambda asks first, names cannot escape, no code runs.

Each file that could run code carries a sentinel: a Lambda that creates a
file when Keras rebuilds the model. Where dlviz refuses, the sentinel must
not exist afterwards, even when the caller consented to that very file.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from _hostile_files import KERAS_META, add_members, lambda_calling, layer, sequential, write_zip
from dlviz.core import modelio
from dlviz.core.kerasenv import import_keras
from dlviz.core.modelio import ModelFileError, file_sha256, load_model, prescan

keras = import_keras()
SAFE_LINE = "Safety: loads in safe mode (no code from the file runs)"


def sentinel_model(sentinel: Path):
    path = str(sentinel)  # a closure: Keras cannot reload lambdas with defaults
    inputs = keras.Input((4,))
    outputs = keras.layers.Lambda(lambda t: (open(path, "w").close(), t)[1], name="sneaky")(inputs)
    return keras.Model(inputs, outputs)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """Every temporary folder (dlviz's copy, Keras's extraction) goes under here."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def sentinel_file(tmp_path, private_tmp):
    """A .keras file whose Lambda creates ``sentinel`` when it runs."""
    sentinel = tmp_path / "sentinel"
    path = tmp_path / "lambda.keras"
    sentinel_model(sentinel).save(path)
    sentinel.unlink()  # building the model ran the lambda once already
    return path, sentinel


def refused_even_with_consent(path: Path, kind: str) -> ModelFileError:
    with pytest.raises(ModelFileError) as caught:
        load_model(path, trust_sha256=file_sha256(path))
    assert caught.value.kind == kind
    return caught.value


# --- every Lambda needs consent ------------------------------------------------------


@pytest.mark.parametrize(("module", "function"), [
    ("keras.utils", "get_file"),  # CVE-2025-8747 / CVE-2025-9906 pattern
    ("keras.config", "enable_unsafe_deserialization"),
    ("keras.ops", "relu"),  # harmless, and still chosen by the file
    ("builtins", "silu"),
])
def test_a_lambda_naming_a_keras_function_needs_consent(tmp_path, private_tmp, module, function):
    outside = tmp_path / "outside"
    payload = tmp_path / "payload.txt"
    payload.write_text("overwritten")
    path = write_zip(tmp_path / "fetch.keras", {
        "metadata.json": KERAS_META,
        "config.json": json.dumps(sequential(
            layer("InputLayer", "in", batch_shape=[None, 4]),
            lambda_calling(module, function, fname="x.txt", origin=payload.as_uri(),
                           cache_dir=str(outside)),
        )),
    })
    report = prescan(path)
    assert report.needs_unsafe
    target = function if module == "builtins" else f"{module}.{function}"
    assert report.unsafe_reasons[0] == (
        f"Lambda layer 'fetch' calls the function '{target}', chosen by the file "
        "(any Lambda can run code, so dlviz asks first)")
    assert SAFE_LINE not in report.describe()
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "needs_unsafe"
    assert not outside.exists()


def test_a_non_modelling_function_is_flagged_anywhere(tmp_path):
    dense = layer("Dense", "d", units=2, activation={
        "module": "keras", "class_name": "function", "config": "utils.get_file",
        "registered_name": None})
    ok = layer("Dense", "ok", units=2, activation={
        "module": "builtins", "class_name": "function", "config": "silu",
        "registered_name": "function"})
    path = write_zip(tmp_path / "act.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]), dense, ok))})
    assert prescan(path).unsafe_reasons == (
        "layer 'd' calls keras.utils.get_file, which is not a modelling function "
        "(it can fetch, write or change settings)",
    )


def test_a_risky_layer_is_flagged_wherever_it_sits(tmp_path):
    # Not in a layer list: under a key of a wrapper dlviz does not know.
    hidden = layer("Wrapperish", "outer", module="keras.layers",
                   inner=layer("TFSMLayer", "sm", filepath="/tmp/exported"),
                   other=[lambda_calling("keras.ops", "relu", name="tucked")])
    path = write_zip(tmp_path / "hidden.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]), hidden))})
    assert prescan(path).unsafe_reasons == (
        "TFSMLayer 'sm' loads the external SavedModel '/tmp/exported', which can run "
        "arbitrary code",
        "Lambda layer 'tucked' calls the function 'keras.ops.relu', chosen by the file "
        "(any Lambda can run code, so dlviz asks first)",
    )


def test_dlviz_inspect_refuses_a_lambda_naming_get_file(tmp_path, capsys):
    from dlviz.cli import main

    path = write_zip(tmp_path / "fetch.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]),
        lambda_calling("keras.utils", "get_file", origin="http://127.0.0.1:9/x")))})
    out = io.StringIO()
    assert main(["inspect", str(path)], out=out) == 1
    assert "Lambda layer 'fetch' calls the function 'keras.utils.get_file'" in out.getvalue()
    assert SAFE_LINE not in out.getvalue()
    assert "refused fetch.keras" in capsys.readouterr().err


def test_the_prescan_imports_no_module_the_file_names(tmp_path, monkeypatch):
    marker = tmp_path / "imported"
    (tmp_path / "dlviz_evil_mod.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    path = write_zip(tmp_path / "evil.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]),
        lambda_calling("dlviz_evil_mod", "run"),
        layer("Thing", "t", module="dlviz_evil_mod")))})
    report = prescan(path, resolve_classes=True)
    assert report.needs_unsafe and "Thing" in report.unknown_classes
    assert "dlviz_evil_mod" not in sys.modules and not marker.exists()


# --- legacy .h5 ----------------------------------------------------------------------


def write_legacy_h5(path: Path, config: dict) -> Path:
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
    return path


def legacy_lambda(function_type: str, function) -> dict:
    return {"class_name": "Lambda", "config": {
        "name": "legacy", "function": function, "function_type": function_type,
        "module": "__main__", "output_shape": None, "output_shape_type": "raw",
        "arguments": {}}}


@pytest.mark.parametrize(("function_type", "function", "reason"), [
    ("lambda", ["4wEAAAAAAAAAAAAAAAIAAAADAAAA8wwAAAA=\n", None, None],
     "Lambda layer 'legacy' runs arbitrary Python code stored in the file"),
    ("function", "steal", "Lambda layer 'legacy' calls the function '__main__.steal', "
                          "chosen by the file (any Lambda can run code, so dlviz asks first)"),
])
def test_a_legacy_h5_lambda_needs_consent(tmp_path, private_tmp, function_type, function,
                                          reason):
    config = {"class_name": "Sequential", "config": {"name": "old", "layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [None, 4]}},
        legacy_lambda(function_type, function)]}}
    path = write_legacy_h5(tmp_path / "old.h5", config)
    report = prescan(path)
    assert (report.format, report.unsafe_reasons) == ("h5", (reason,))
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "needs_unsafe"


def test_a_keras3_h5_lambda_is_refused_and_does_not_run(tmp_path, private_tmp):
    sentinel = tmp_path / "sentinel"
    path = tmp_path / "lambda.h5"
    sentinel_model(sentinel).save(path)
    sentinel.unlink()
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "needs_unsafe"
    assert "Lambda layer 'sneaky'" in str(caught.value)
    assert not sentinel.exists()


def test_h5_model_config_goes_through_the_same_caps(tmp_path):
    deep = tmp_path / "deep.h5"
    with h5py.File(deep, "w") as f:
        f.attrs["model_config"] = '{"class_name": "Sequential", "config": ' + "[" * 500 + \
            "]" * 500 + "}"
    big = tmp_path / "big.h5"
    with h5py.File(big, "w", libver="latest") as f:  # big attributes need dense storage
        f.attrs["model_config"] = np.bytes_(b" " * (17 << 20))
    array = tmp_path / "array.h5"
    with h5py.File(array, "w") as f:
        f.attrs["model_config"] = ['{"class_name": "Sequential"}'] * 2
    expected = {
        deep: ("too_large", "its model_config is nested more than 100 levels deep"),
        big: ("too_large", "its model_config is 17 MB, over dlviz's 16 MB limit"),
        array: ("corrupt", "its model_config is not one piece of text"),
    }
    for path, (kind, words) in expected.items():
        with pytest.raises(ModelFileError) as caught:
            prescan(path)
        assert (caught.value.kind, path.name) == (kind, Path(caught.value.path).name)
        assert words in str(caught.value)


# --- names that escape, deep nesting: refused even with consent ------------------------


@pytest.mark.parametrize("name", ["../x", "assets/../../x", "/x", "..\\x", "C:/x"])
def test_a_member_that_escapes_its_folder_is_refused_and_nothing_runs(
        tmp_path, private_tmp, sentinel_file, name):
    source, sentinel = sentinel_file
    path = add_members(source, tmp_path / "slip.keras", {name: b"pwned"})
    with zipfile.ZipFile(path) as archive:
        assert name in archive.namelist()
    error = refused_even_with_consent(path, "corrupt")
    assert f"it holds a file named {name!r} that points outside" in str(error)
    assert not sentinel.exists()
    # Nothing written where the name points, from the private copy's folder
    # (tmp_path/tmp) or from the model's: inside this test's folder, next to it,
    # or at the root. (Not every "x" under the session's folder: other tests
    # name their own files "x".)
    written = [*tmp_path.rglob("x"), tmp_path.parent / "x", Path("/x")]
    assert not [p for p in written if p.exists()]
    assert list(private_tmp.iterdir()) == []  # dlviz's private copy is gone too


def test_a_duplicated_member_is_refused(tmp_path, private_tmp, sentinel_file):
    source, sentinel = sentinel_file
    with zipfile.ZipFile(source) as archive:
        config = archive.read("config.json")
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = add_members(source, tmp_path / "twice.keras", {"config.json": config})
    error = refused_even_with_consent(path, "corrupt")
    assert "it holds two files named 'config.json'" in str(error)
    assert not sentinel.exists()


def test_deep_nesting_is_refused_before_keras_sees_it(tmp_path, private_tmp, sentinel_file):
    source, sentinel = sentinel_file
    path = tmp_path / "deep.keras"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "config.json":
                data = data.rstrip()[:-1] + b', "junk": ' + b"[" * 500 + b"]" * 500 + b"}"
            dst.writestr(info, data)
    error = refused_even_with_consent(path, "too_large")
    assert "nested more than 100 levels deep" in str(error)
    assert not sentinel.exists()
    assert list(private_tmp.iterdir()) == []


# --- no safe-mode scope: refuse what needs unsafe loading -------------------------------


def test_without_keras_safe_mode_scope_unsafe_files_are_refused(
        monkeypatch, tmp_path, private_tmp, sentinel_file):
    path, sentinel = sentinel_file
    safe = tmp_path / "safe.keras"
    inputs = keras.Input((4,))
    keras.Model(inputs, keras.layers.Dense(2)(inputs)).save(safe)
    monkeypatch.setattr(modelio, "_find_safe_mode_scope", lambda: None)

    error = refused_even_with_consent(path, "unsafe_unavailable")
    assert "no safe-mode switch" in str(error) and "keras~=3.15.1" in str(error)
    assert not sentinel.exists()
    assert load_model(safe).name  # safe files still load; the pre-scan guards them


def test_the_safe_mode_scope_lookup_notices_when_keras_moves_it(monkeypatch):
    from keras.src.saving import serialization_lib

    assert modelio._find_safe_mode_scope() is serialization_lib.SafeModeScope
    monkeypatch.delattr(serialization_lib, "SafeModeScope")
    assert modelio._find_safe_mode_scope() is None
