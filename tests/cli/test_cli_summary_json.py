"""`dlviz summary FILE.json`: a saved architecture's table with multiply-accumulates."""

import io
import json
import re
import subprocess
import sys

import pytest

from dlviz.cli import main
from dlviz.core.builder.architecture import Architecture, LayerSpec
from dlviz.core.builder.keras_io import to_config, to_config_json

new = LayerSpec.new


def small() -> Architecture:
    return Architecture((new("InputLayer", "image", batch_shape=[None, 10, 10, 1]),
                         new("Conv2D", "conv", ("image",), filters=4, padding="valid"),
                         new("Flatten", "flat", ("conv",)),
                         new("Dense", "out", ("flat",), units=3)), "tiny")


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_table_has_macs_and_totals(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(to_config_json(small()), encoding="utf-8")
    code, text = run("summary", str(path))
    assert code == 0
    conv = next(line for line in text.splitlines() if line.startswith("conv "))
    # 8x8 outputs, 3x3x1 window, 4 filters: 2,304 MACs; 3*3*1*4 + 4 = 40 parameters.
    assert re.search(r"\(None, 8, 8, 4\)\s+40\s+2,304\s+3$", conv)
    assert f"Total MACs: {2304 + 256 * 3:,}" in text
    assert text.strip().splitlines()[-1] == f"Total params: {40 + 256 * 3 + 3:,}"


def test_a_broken_layer_is_named_not_raised(tmp_path):
    config = to_config(small())
    config["config"]["layers"][1]["config"]["kernel_size"] = [12, 12]  # wider than 10x10
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    code, text = run("summary", str(path))
    assert code == 0
    assert "Note: conv: the height (10) is smaller than the window (12)" in text
    assert "Note: flat: depends on 'conv'" in text


@pytest.mark.parametrize("content, words", [("{", "not JSON"), ('{"a": 1}', "not a Keras")])
def test_bad_json_is_one_line(tmp_path, capsys, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["summary", str(path)], out=io.StringIO()) != 0
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1


def test_json_summary_does_not_import_tensorflow(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(to_config_json(small()), encoding="utf-8")
    code = ("import sys; from dlviz.cli import main; main(['summary', sys.argv[1]]); "
            "print('tensorflow' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
