"""`dlviz maps`: one PNG mosaic per layer and predictions.json, or a one-line error."""

import io
import json

import numpy as np
import pytest
from _image_checks import assert_png_shows_something, distinct_colours
from PIL import Image

from dlviz.cli import main
from dlviz.core.probes.export import upscale_factor
from dlviz.core.probes.mosaic import make_mosaic


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def photo(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "photo.png"
    Image.fromarray(rng.integers(0, 256, (40, 50, 3), dtype=np.uint8)).save(path)
    return path


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.startswith("dlviz: ") and err.count("\n") == 0, err
    return err


def test_maps_of_a_library_model_writes_every_layer_and_predictions(tmp_path, photo):
    out_dir = tmp_path / "maps"
    code, text = run("maps", "lenet5", str(photo), "--out", str(out_dir))
    assert code == 0, text
    pngs = sorted(p.name for p in out_dir.glob("*.png"))
    assert pngs == ["c1_conv.png", "c3_conv.png", "c5_conv.png", "s2_pool.png", "s4_pool.png"]
    # c1_conv is 6 maps of 28×28: the PNG is their mosaic, upscaled, white between tiles.
    layout = make_mosaic(np.zeros((28, 28, 6), np.float32))
    factor = upscale_factor(layout)
    size = (layout.image.shape[1] * factor, layout.image.shape[0] * factor)
    pixels = assert_png_shows_something(out_dir / "c1_conv.png", size, min_colours=16)
    gaps = np.isnan(np.repeat(np.repeat(layout.image, factor, axis=0), factor, axis=1))
    assert (pixels[gaps] == 255).all() and (pixels[~gaps] != 255).any(axis=-1).all()
    (th, tw), step = layout.tile, (layout.tile[0] + layout.gap) * factor
    tiles = [pixels[r * step:r * step + th * factor, c * step:c * step + tw * factor]
             for r in range(layout.rows) for c in range(layout.cols)]
    assert sum(distinct_colours(tile) > 8 for tile in tiles) >= 3  # maps, not flat tiles
    record = json.loads((out_dir / "predictions.json").read_text())
    assert record["model"] == "lenet5" and record["image"] == "photo.png"
    assert record["primary"] == "output" and record["names_source"] == "index only"
    top = record["heads"]["output"]
    assert len(top) == 5 and top[0]["probability"] >= top[-1]["probability"]
    assert "converted RGB -> grey" in record["input"]
    assert "wrote 5 mosaics and predictions.json" in text and "top class" in text


def test_maps_of_a_model_file_with_chosen_layers_and_crop(tmp_path, photo):
    from dlviz.core.zoo import create

    net = create("lenet5-modern")
    net.build()
    model_path = net.save(tmp_path / "digits.keras")
    out_dir = tmp_path / "chosen"
    code, _ = run("maps", str(model_path), str(photo), "--out", str(out_dir),
                  "--layers", "c3_conv, s2_pool", "--fit", "crop")
    assert code == 0
    assert sorted(p.name for p in out_dir.glob("*.png")) == ["c3_conv.png", "s2_pool.png"]
    record = json.loads((out_dir / "predictions.json").read_text())
    assert record["input"].startswith("centre-cropped 50x40")
    assert list(record["layers"]) == ["s2_pool", "c3_conv"]


def test_unknown_layer_names_list_valid_ones(tmp_path, photo, capsys):
    code, _ = run("maps", "lenet5", str(photo), "--out", str(tmp_path / "o"), "--layers", "fc9")
    err = one_line_error(capsys)
    assert code == 1 and "'fc9'" in err and "c1_conv" in err


@pytest.mark.parametrize("problem", ["missing", "not_an_image", "folder"])
def test_bad_images_end_in_one_line(tmp_path, capsys, problem):
    target = tmp_path / "input.png"
    if problem == "not_an_image":
        target.write_text("hello")
    elif problem == "folder":
        target.mkdir()
    code, _ = run("maps", "lenet5", str(target), "--out", str(tmp_path / "o"))
    err = one_line_error(capsys)
    assert code == 1 and "input.png" in err


def test_bad_models_and_outputs_end_in_one_line(tmp_path, photo, capsys):
    code, _ = run("maps", "no-such-net", str(photo), "--out", str(tmp_path / "o"))
    assert code == 1 and "unknown model 'no-such-net'" in one_line_error(capsys)
    code, _ = run("maps", str(tmp_path / "gone.keras"), str(photo), "--out", str(tmp_path / "o"))
    assert code == 1 and "gone.keras" in one_line_error(capsys)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    code, _ = run("maps", "lenet5", str(photo), "--out", str(blocker))
    assert code == 1 and "is a file" in one_line_error(capsys)


def test_maps_needs_out(photo, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["maps", "lenet5", str(photo)])
    assert exit_info.value.code == 2 and "--out" in capsys.readouterr().err
