"""The one sidecar reader every kind of shipped model is listed through."""

from __future__ import annotations

import json

import pytest

from dlviz.core.zoo.sidecars import (
    MAX_SIDECAR,
    class_names_beside,
    models_dir,
    pick_shipped,
    read_sidecar,
    read_sidecars,
)


def _ship(folder, name, suffix=".ctc.json", meta=None, keras=True):
    (folder / f"{name}{suffix}").write_text(
        json.dumps(meta if meta is not None else {"name": name, "size": 3}), encoding="utf-8")
    if keras:
        (folder / f"{name}.keras").write_bytes(b"PK")


def _make(meta, path):
    return (meta["name"], int(meta["size"]), path.name)


def test_only_usable_sidecars_are_listed(tmp_path):
    _ship(tmp_path, "good")
    _ship(tmp_path, "no-file", keras=False)
    _ship(tmp_path, "renamed", meta={"name": "other", "size": 1})
    _ship(tmp_path, "bad-field", meta={"name": "bad-field", "size": "many"})
    _ship(tmp_path, "no-name", meta={"size": 1})
    _ship(tmp_path, "a-list", meta=[1, 2])
    (tmp_path / "broken.ctc.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "broken.keras").write_bytes(b"PK")
    (tmp_path / "huge.ctc.json").write_text(
        json.dumps({"name": "huge", "size": 1, "pad": "x" * MAX_SIDECAR}), encoding="utf-8")
    (tmp_path / "huge.keras").write_bytes(b"PK")
    _ship(tmp_path, "image", suffix=".json")   # another kind's sidecar is not read

    assert read_sidecars(tmp_path, ".ctc.json", _make) == [("good", 3, "good.keras")]


def test_image_suffix_does_not_take_other_kinds(tmp_path):
    """``*.json`` matches ``x.ctc.json`` too; its name ``x.ctc`` is not the sidecar's."""
    _ship(tmp_path, "digits", suffix=".ctc.json")
    _ship(tmp_path, "shapes", suffix=".json")
    assert read_sidecars(tmp_path, ".json", _make) == [("shapes", 3, "shapes.keras")]


def test_make_info_may_refuse(tmp_path):
    _ship(tmp_path, "small", meta={"name": "small", "size": 1})
    _ship(tmp_path, "large", meta={"name": "large", "size": 9})
    keep_large = lambda meta, path: meta["name"] if meta["size"] > 5 else None  # noqa: E731
    assert read_sidecars(tmp_path, ".ctc.json", keep_large) == ["large"]
    assert read_sidecar(tmp_path / "small.ctc.json", ".ctc.json", keep_large) is None
    assert read_sidecar(tmp_path / "small.json", ".ctc.json", keep_large) is None


def test_missing_folder_lists_nothing(tmp_path):
    assert read_sidecars(tmp_path / "gone", ".json", _make) == []


def test_pick_shipped_names_what_there_is():
    class Info:
        def __init__(self, name):
            self.name = name

    found = [Info("a"), Info("b")]
    assert pick_shipped(found, "b", "shipped CRNN").name == "b"
    with pytest.raises(KeyError, match=r"no shipped CRNN 'c'; there are: a, b \(run make\.py\)"):
        pick_shipped(found, "c", "shipped CRNN", "make.py")
    with pytest.raises(KeyError, match="there are: none"):
        pick_shipped([], "c", "shipped captioner")


def test_class_names_beside_a_file_opened_by_path(tmp_path):
    names = ["negative", "neutral", "positive"]
    _ship(tmp_path, "mood", suffix=".text.json", meta={"name": "mood", "class_names": names})
    _ship(tmp_path, "digits", suffix=".json", meta={"name": "digits", "class_names": list("0123")})
    assert class_names_beside(tmp_path / "mood.keras", 3) == tuple(names)
    assert class_names_beside(tmp_path / "mood.keras") == tuple(names)
    assert class_names_beside(tmp_path / "digits.keras", 4) == ("0", "1", "2", "3")
    # A sidecar that does not fit the model never names its classes wrongly.
    assert class_names_beside(tmp_path / "mood.keras", 2) is None       # other head
    _ship(tmp_path, "copied", suffix=".text.json", meta={"name": "mood", "class_names": names})
    assert class_names_beside(tmp_path / "copied.keras", 3) is None     # someone else's
    _ship(tmp_path, "odd", suffix=".json", meta={"name": "odd", "class_names": 7})
    assert class_names_beside(tmp_path / "odd.keras") is None
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert class_names_beside(tmp_path / "broken.keras") is None
    assert class_names_beside(tmp_path / "nothing.keras") is None


def test_shipped_models_opened_by_path_name_their_classes():
    from dlviz.core.workspace import Workspace

    workspace = Workspace()
    workspace.open_model_file(models_dir() / "lstm-sentiment-en.keras")
    assert workspace.class_names == ("negative", "neutral", "positive")
    gates = workspace.analyze_text("the film was not bad at all").results["gates"]
    assert gates.class_names == ("negative", "neutral", "positive")
    assert gates.class_names[int(gates.prediction.argmax())] == "positive"
    workspace.open_model_file(models_dir() / "lenet5-digits.keras")   # an image classifier
    assert workspace.class_names == tuple("0123456789")
    workspace.open_model_file(models_dir() / "crnn-digit-strings.keras")   # its alphabet
    assert workspace.class_names == ("blank", *"0123456789")
