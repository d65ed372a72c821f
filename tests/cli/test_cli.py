"""`dlviz` subcommands: tables, one-line errors, refusals of unsafe files."""

import io
import re
import subprocess
import sys

import pytest

from dlviz.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def total_params(text):
    last = text.strip().splitlines()[-1]
    match = re.fullmatch(r"Total params: ([\d,]+)", last)
    assert match, f"last line is {last!r}"
    return int(match.group(1).replace(",", ""))


def test_summary_of_a_library_model_ends_with_total_params():
    code, text = run("summary", "lenet5")
    assert code == 0
    assert total_params(text) == 61_706
    assert "c1_conv" in text and "Conv2D" in text


def test_summary_with_input_and_classes_changes_the_model():
    code, text = run("summary", "lenet5", "--input", "36,36,1", "--classes", "5")
    assert code == 0
    assert "(None, 36, 36, 1)" in text
    assert re.search(r"\(None, 5\)", text)
    assert total_params(text) != 61_706


def test_summary_of_a_file(tmp_path):
    from dlviz.core.zoo import create

    net = create("lenet5")
    net.build()
    path = net.save(tmp_path / "lenet.keras")
    code, text = run("summary", str(path))
    assert code == 0 and total_params(text) == 61_706


def test_unknown_model_is_one_line(capsys):
    code, _ = run("summary", "no-such-net")
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.count("\n") == 0 and "unknown model 'no-such-net'" in err and "lenet5" in err


@pytest.mark.parametrize("argv, fragment", [
    (["summary", "lenet5", "--input", "32x32"], "three positive numbers"),
    (["summary", "lenet5", "--input", "a,b,c"], "H,W,C"),
    (["summary", "lenet5", "--classes", "0"], "positive whole number"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv, fragment):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    err = capsys.readouterr().err.strip()
    assert exit_info.value.code == 2
    assert fragment in err and err.count("\n") == 0


def test_input_too_small_for_the_architecture_is_explained(capsys):
    code, _ = run("summary", "lenet5", "--input", "4,4,1")
    err = capsys.readouterr().err.strip()
    assert code == 1 and "cannot be built" in err and err.count("\n") == 0


def test_inspect_refuses_a_file_with_a_lambda(tmp_path, capsys):
    import keras

    inputs = keras.Input((3,), name="x")
    outputs = keras.layers.Lambda(lambda t: t * 2, name="double")(inputs)
    path = tmp_path / "lambda.keras"
    keras.Model(inputs, outputs).save(path)
    code, text = run("inspect", str(path))
    err = capsys.readouterr().err
    assert code == 1
    assert "Lambda" in text  # the pre-scan report is printed
    assert "refused lambda.keras" in err and "unsafe" in err


def test_inspect_of_a_safe_file_shows_report_and_table(tmp_path):
    from dlviz.core.zoo import create

    net = create("lenet5")
    net.build()
    path = net.save(tmp_path / "ok.keras")
    code, text = run("inspect", str(path))
    assert code == 0 and total_params(text) == 61_706


def test_missing_and_garbage_files_end_in_one_line_without_traceback(tmp_path):
    garbage = tmp_path / "garbage.keras"
    garbage.write_text("hello, I am not a model")
    for target in (tmp_path / "missing.keras", garbage):
        done = subprocess.run([sys.executable, "-m", "dlviz", "inspect", str(target)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("dlviz: ") and target.name in lines[0]


@pytest.mark.slow
def test_zoo_lists_every_model_with_its_parameter_count():
    from dlviz.core.zoo import REGISTRY

    code, text = run("zoo")
    assert code == 0
    rows = {line.split()[0]: line for line in text.splitlines()[1:]}
    assert set(rows) == set(REGISTRY)
    assert "61,706" in rows["lenet5"] and "138,357,544" in rows["vgg16"]
    assert "25,636,712" in rows["resnet50"] and "4,253,864" in rows["mobilenet"]
    assert "60,965,224" in rows["alexnet"]
