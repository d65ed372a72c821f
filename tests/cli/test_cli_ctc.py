"""`dlviz ctc MODEL IMAGE --out DIR`: ctc.png, ctc.npz and the string read, or a one-line error."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from dlviz.cli import main
from dlviz.core.data.digit_strings import digit_string_image
from dlviz.core.probes.ctc import best_path
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.result_io import load
from dlviz.core.zoo.crnn import CRNN


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.startswith("dlviz: ") and err.count("\n") == 0, err
    return err


@pytest.fixture(scope="module")
def crnn_file(tmp_path_factory):
    net = CRNN(units=8, filters=(4, 8, 8))
    net.build()
    return net.save(tmp_path_factory.mktemp("model") / "crnn.keras")


@pytest.fixture(scope="module")
def digits_png(tmp_path_factory):
    path = tmp_path_factory.mktemp("pictures") / "digits.png"
    strip = digit_string_image("907", seed=4)[..., 0]
    # Dark ink on white paper, three times the model's size: as a scan would come.
    paper = (255 - strip * 255).astype(np.uint8)
    Image.fromarray(paper).resize((384, 96)).save(path)
    return path


def test_writes_the_picture_and_the_arrays_and_prints_the_string(tmp_path, crnn_file,
                                                                  digits_png):
    code, text = run("ctc", str(crnn_file), str(digits_png), "--out", str(tmp_path / "o"))
    assert code == 0, text
    found = load(tmp_path / "o" / "ctc.npz")
    assert isinstance(found, CtcAlignment) and found.probabilities.shape == (32, 11)
    path, labels = best_path(found.probabilities)
    assert found.path.tolist() == path.tolist()
    assert found.text == "".join(found.class_names[k] for k in labels)
    assert text.strip().splitlines()[-1] == f"reads: {found.text or '(nothing: every column is blank)'}"
    assert "inverted" in text and "crnn.keras: digits.png: 32 columns" in text
    picture = np.asarray(Image.open(tmp_path / "o" / "ctc.png").convert("RGB"))
    assert picture.shape[1] >= 32 * 16 and len(np.unique(picture.reshape(-1, 3), axis=0)) > 20


def bomb_png(tmp_path):
    """A tiny PNG whose header claims 40000x40000 pixels (a decompression bomb)."""
    path = tmp_path / "bomb.png"
    Image.new("L", (1, 1)).save(path)
    data = bytearray(path.read_bytes())
    ihdr = struct.pack(">II", 40000, 40000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    return path


def test_bad_pictures_end_in_one_line(tmp_path, crnn_file, capsys):
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 60), 255).save(blank)
    code, _ = run("ctc", str(crnn_file), str(blank), "--out", str(tmp_path / "o"))
    assert code == 1 and "blank.png: the picture is blank" in one_line_error(capsys)
    assert not (tmp_path / "o").exists()
    code, _ = run("ctc", str(crnn_file), str(bomb_png(tmp_path)), "--out", str(tmp_path / "o"))
    err = one_line_error(capsys)
    assert code == 1 and "bomb.png" in err


def test_a_large_picture_is_read_not_refused(tmp_path, crnn_file):
    strip = digit_string_image("31", seed=2)[..., 0]
    big = tmp_path / "big.png"
    Image.fromarray((strip * 255).astype(np.uint8)).resize((4096, 1024)).save(big)
    code, text = run("ctc", str(crnn_file), str(big), "--out", str(tmp_path / "o"))
    assert code == 0 and "fitted to 128x32" in text


def test_a_model_that_reads_no_strings_ends_in_one_line(tmp_path, digits_png, capsys):
    code, _ = run("ctc", "lenet5", str(digits_png), "--out", str(tmp_path / "o"))
    err = one_line_error(capsys)
    assert code == 1 and "not one (time steps, classes) output" in err and "crnn" in err
    code, _ = run("ctc", "lstm-sentiment", str(digits_png), "--out", str(tmp_path / "o"))
    assert code == 1 and "not images" in one_line_error(capsys)
