"""The pre-scan's caps: a small crafted file never costs hundreds of MB.

Each memory check runs the pre-scan in a fresh interpreter and reads its
peak resident size (``ru_maxrss``) and the peak of Python allocations
(``tracemalloc``) before and after: both must stay far below the hundreds
of MB the pre-scan spent on these files before the caps.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from _hostile_files import (
    KERAS_META, layer, sequential, understate_size, write_bomb, write_zip,
)
from dlviz.core import prescan_caps as caps
from dlviz.core.prescan import ModelFileError, prescan

BOMB = 300 << 20  # what the crafted members inflate to
SMALL_GROWTH_MB = 40  # allowed growth while refusing; the bombs used 600-900 MB

_MEASURE = r"""
import json, sys, tracemalloc
try:
    import resource
except ImportError:  # Windows: tracemalloc alone
    resource = None
from dlviz.core.prescan import ModelFileError, prescan

def rss_mb():
    if resource is None:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024

before = rss_mb()
tracemalloc.start()
try:
    prescan(sys.argv[1])
    kind, message = "scanned", ""
except ModelFileError as e:
    kind, message = e.kind, str(e)
traced = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps({"kind": kind, "message": message, "rss_growth_mb": rss_mb() - before,
                  "traced_peak_mb": traced}))
"""


def prescan_in_fresh_process(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    made = {
        "metadata": write_bomb(folder / "metadata.keras", "metadata.json", BOMB),
        "config": write_bomb(folder / "config.keras", "config.json", BOMB),
        # under the 256 MB cap dlviz had before, so it was read whole
        "config_200": write_bomb(folder / "config200.keras", "config.json", 200 << 20),
    }
    for name in ("metadata", "config"):
        lie = shutil.copy(made[name], folder / f"{name}_lie.keras")
        made[f"{name}_lie"] = understate_size(Path(lie), f"{name}.json", 100)
    return made


@pytest.mark.parametrize(("bomb", "member", "limit"), [
    ("metadata", "metadata.json", "1 MB"),
    ("config", "config.json", "16 MB"),
    ("config_200", "config.json", "16 MB"),
])
def test_a_member_that_inflates_to_hundreds_of_mb_is_refused_cheaply(bombs, bomb, member,
                                                                     limit):
    path = bombs[bomb]
    assert path.stat().st_size < 400_000  # a small file ...
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(member).file_size >= 200 << 20  # ... holding hundreds of MB
    result = prescan_in_fresh_process(path)
    assert result["kind"] == "too_large"
    assert f"its {member} unpacks to" in result["message"]
    assert f"over dlviz's {limit} limit" in result["message"]
    assert "get the model again" in result["message"]
    assert result["rss_growth_mb"] < SMALL_GROWTH_MB
    assert result["traced_peak_mb"] < SMALL_GROWTH_MB


@pytest.mark.parametrize("bomb", ["metadata_lie", "config_lie"])
def test_a_member_that_lies_about_its_size_is_refused_cheaply(bombs, bomb):
    # The zip claims 100 bytes; inflating it whole (as zipfile's read() does
    # before cutting to the claimed size) took 600 MB.
    result = prescan_in_fresh_process(bombs[bomb])
    assert result["kind"] == "corrupt"
    assert result["rss_growth_mb"] < SMALL_GROWTH_MB
    assert result["traced_peak_mb"] < SMALL_GROWTH_MB


class _LyingArchive:
    """A zip reader whose member claims 10 bytes and streams ``size``."""

    def __init__(self, size: int):
        self.size = size
        self.handed_out = 0

    def getinfo(self, name):
        return zipfile.ZipInfo(name)  # file_size 0 < any limit

    def open(self, name):
        archive = self

        class Stream(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, buffer):
                n = min(len(buffer), archive.size - archive.handed_out)
                buffer[:n] = b" " * n
                archive.handed_out += n
                return n

        return io.BufferedReader(Stream(), buffer_size=1 << 16)


def test_streaming_stops_at_the_limit_whatever_the_zip_declares():
    archive = _LyingArchive(50 << 20)
    with pytest.raises(caps.CapExceeded, match=r"unpacks to more than 1 MB \(its zip entry "
                                                r"claims 0 bytes\), over dlviz's 1 MB limit"):
        caps.read_member(archive, "metadata.json", 1 << 20)
    assert archive.handed_out <= (1 << 20) + (1 << 17)  # stopped, not read to the end
    assert caps.read_member(_LyingArchive(1000), "metadata.json", 1 << 20) == b" " * 1000


def test_too_many_json_items_are_refused_before_parsing(tmp_path):
    junk = "[" + ",".join(["0"] * (caps.JSON_MAX_ITEMS + 1)) + "]"
    config = json.dumps(sequential(layer("InputLayer", "in", batch_shape=[None, 4])))
    path = write_zip(tmp_path / "items.keras", {
        "metadata.json": KERAS_META, "config.json": config[:-1] + f', "junk": {junk}}}'})
    with pytest.raises(ModelFileError) as caught:
        prescan(path)
    assert caught.value.kind == "too_large"
    assert "its config.json holds more than 1,000,000 JSON items, over dlviz's limit of " \
        "1,000,000" in str(caught.value)


@pytest.mark.parametrize("depth", [caps.JSON_MAX_DEPTH + 1, 500, 50_000])
def test_deep_nesting_is_refused_with_the_limit(tmp_path, depth):
    # 500 levels parse fine in Python and were reported "loads in safe mode";
    # 50,000 overflowed the parser and were called invalid JSON.
    deep = "[" * depth + "]" * depth
    config = sequential(layer("InputLayer", "in", batch_shape=[None, 4]))
    text = json.dumps(config)[:-1] + f', "junk": {deep}}}'
    path = write_zip(tmp_path / "deep.keras", {"metadata.json": KERAS_META, "config.json": text})
    with pytest.raises(ModelFileError) as caught:
        prescan(path)
    assert caught.value.kind == "too_large"
    assert f"its config.json is nested more than {caps.JSON_MAX_DEPTH} levels deep" in str(
        caught.value)


def test_a_string_that_never_ends_stops_the_count_at_once(tmp_path):
    # Escaped quotes only: every quote would start a new, failing, whole-text
    # search (quadratic: 40 KB took 3 s, 4 MB would take hours).
    text = '{"class_name": "' + '\\"' * 1000
    with pytest.raises(ValueError, match="config.json has a string that never ends"):
        caps.check_json_shape(text, "config.json")
    path = write_zip(tmp_path / "endless.keras", {"config.json": '{"a": "' + '\\"' * (2 << 20)})
    with pytest.raises(ModelFileError) as caught:
        prescan(path)
    assert caught.value.kind == "corrupt" and "config.json is not valid JSON" in str(caught.value)


def test_depth_and_items_are_counted_outside_strings_only():
    text = json.dumps({"a": "[[[[{{{{,,,,\\\"]]]]" * 1000, "b": [[1, 2], {"c": "]"}]})
    caps.check_json_shape(text, "config.json", max_items=12, max_depth=3)
    with pytest.raises(caps.CapExceeded, match="nested more than 2 levels"):
        caps.check_json_shape(text, "config.json", max_items=12, max_depth=2)
    with pytest.raises(caps.CapExceeded, match="more than 5 JSON items"):
        caps.check_json_shape(text, "config.json", max_items=5, max_depth=3)


def _set_declared_count(path: Path, count: int) -> None:
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, count, count)
    path.write_bytes(bytes(data))


def test_a_zip_of_too_many_members_is_refused(tmp_path):
    path = tmp_path / "many.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("config.json", json.dumps(sequential()))
        for i in range(caps.ZIP_MAX_MEMBERS):
            archive.writestr(f"assets/{i}", b"")
    assert caps.zip_directory(path)[0] == caps.ZIP_MAX_MEMBERS + 1
    for declared in (caps.ZIP_MAX_MEMBERS + 1, 5):  # read from the end record, or a lie
        _set_declared_count(path, declared)
        with pytest.raises(ModelFileError) as caught:
            prescan(path)
        assert caught.value.kind == "too_large"
        assert "it holds 10,001 files, over dlviz's limit of 10,000" in str(caught.value)


def test_a_zip_whose_table_of_contents_is_too_long_is_refused(tmp_path):
    path = tmp_path / "long.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("config.json", json.dumps(sequential()))
        for i in range(80):
            archive.writestr(f"{i:02d}" + "n" * 60_000, b"")
    with pytest.raises(ModelFileError) as caught:
        prescan(path)
    assert caught.value.kind == "too_large"
    assert "its table of contents is 5 MB, over dlviz's 4 MB limit" in str(caught.value)


def test_real_models_are_far_below_every_cap(tmp_path):
    from dlviz.core.kerasenv import import_keras

    keras = import_keras()
    model = keras.applications.MobileNetV2(weights=None, input_shape=(96, 96, 3))
    text = json.dumps(keras.saving.serialize_keras_object(model))
    caps.check_json_shape(text, "config.json", max_items=caps.JSON_MAX_ITEMS // 10,
                          max_depth=caps.JSON_MAX_DEPTH // 5)
    assert len(text) < caps.CONFIG_MAX_BYTES // 10


def test_reports_of_crafted_files_stay_readable(tmp_path):
    # Thousands of classes or Lambdas: the report names 30, the refusal 3.
    outsiders = [layer("C", f"c{i}", module=f"mod{i}") for i in range(2000)]
    outsiders += [layer("D" * 100_000, "long", module="far")]
    lambdas = [layer("Lambda", f"l{i}", function={"class_name": "__lambda__", "config": {}})
               for i in range(500)]
    path = write_zip(tmp_path / "crowd.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]), *outsiders, *lambdas))})
    report = prescan(path)
    assert len(report.custom_classes) == 2001 and len(report.unsafe_reasons) == 500
    text = report.describe()
    assert "mod29.C, … and 1,971 more" in text and "mod30.C" not in text
    assert max(len(line) for line in text.splitlines()) < 8_000
    assert "  - … and 470 more" in text and len(text.splitlines()) < 45

    from dlviz.core.modelio import load_model

    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert caught.value.kind == "unknown_layer"  # outsiders are refused first
    assert len(str(caught.value)) < 400
    lambdas_only = write_zip(tmp_path / "lambdas.keras", {"config.json": json.dumps(sequential(
        layer("InputLayer", "in", batch_shape=[None, 4]), *lambdas))})
    with pytest.raises(ModelFileError) as caught:
        load_model(lambdas_only)
    assert caught.value.kind == "needs_unsafe"
    assert "Lambda layer 'l2' runs arbitrary Python code stored in the file; and 497 more" \
        in str(caught.value)
    assert len(str(caught.value)) < 400
