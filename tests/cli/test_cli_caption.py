"""`dlviz caption MODEL IMAGE --out DIR`: caption.png, caption.npz and the caption, or a one-line error."""

import io
from pathlib import Path

import numpy as np
from PIL import Image

from dlviz.cli import main
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.result_io import load

ROOT = Path(__file__).resolve().parents[2]
SCENE = ROOT / "resources" / "samples" / "21_scene_captions_a.png"
MODEL = ROOT / "resources" / "models" / "captions-shapes.keras"


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_a_model_file_writes_the_picture_and_arrays_and_prints_the_caption(tmp_path):
    code, text = run("caption", str(MODEL), str(SCENE), "--out", str(tmp_path / "o"))
    assert code == 0, text
    found = load(tmp_path / "o" / "caption.npz")
    assert isinstance(found, Caption) and found.grid == (8, 8)
    assert text.strip().splitlines()[-1] == "caption: a yellow circle below a yellow triangle"
    assert "3. circle" in text and "resized 128x128 -> 64x64" in text
    # One line per word names the region it looked at most, as the arrays say.
    row, col = np.unravel_index(int(np.argmax(found.weights[2])), (8, 8))
    assert f"3. circle     looks most at row {row + 1}, column {col + 1}" in text
    picture = np.asarray(Image.open(tmp_path / "o" / "caption.png").convert("RGB"))
    assert picture.shape[0] > 300 and len(np.unique(picture.reshape(-1, 3), axis=0)) > 50


def test_a_model_that_writes_no_captions_ends_in_one_line(tmp_path, capsys):
    code, _ = run("caption", "lenet5", str(SCENE), "--out", str(tmp_path / "o"))
    err = capsys.readouterr().err.strip()
    assert code != 0 and err.startswith("dlviz: ") and err.count("\n") == 0
    assert "writes no captions" in err and "captions-shapes" in err
    assert not (tmp_path / "o").exists()
    code, _ = run("caption", "captions-shapes", str(tmp_path / "missing.png"), "--out",
                  str(tmp_path / "o"))
    assert code != 0 and "missing.png" in capsys.readouterr().err
