"""Colour maps without matplotlib, and probe results written to files."""

import json

import numpy as np
from _image_checks import assert_png_shows_something, lut_index
from _probe_models import random_image, small_cnn
from dlviz.core.probes.analysis import analyze_image
from dlviz.core.probes.colormaps import GREY, VIRIDIS, apply_colormap
from dlviz.core.probes.export import layer_file_name, upscale_factor, write_maps
from dlviz.core.probes.mosaic import make_mosaic


def test_viridis_runs_from_dark_purple_to_yellow_and_gets_lighter():
    assert VIRIDIS.shape == (256, 3) and VIRIDIS.dtype == np.uint8
    # matplotlib's viridis(0) = (68, 1, 84), viridis(1) = (253, 231, 37)
    np.testing.assert_allclose(VIRIDIS[0], [68, 1, 84], atol=4)
    np.testing.assert_allclose(VIRIDIS[-1], [253, 231, 37], atol=4)
    np.testing.assert_allclose(VIRIDIS[128], [33, 145, 140], atol=4)
    luma = VIRIDIS @ [0.299, 0.587, 0.114]
    assert np.all(np.diff(luma) > -1) and luma[-1] - luma[0] > 150  # never visibly darker
    assert GREY[0].tolist() == [0, 0, 0] and GREY[255].tolist() == [255, 255, 255]


def test_apply_colormap_clips_and_paints_gaps():
    image = np.array([[-1.0, 0.0, 0.5], [1.0, 2.0, np.nan]], np.float32)
    rgb = apply_colormap(image, "grey", nan_colour=(1, 2, 3))
    assert rgb.dtype == np.uint8 and rgb.shape == (2, 3, 3)
    assert rgb[:, :, 0].tolist() == [[0, 0, 128], [255, 255, 1]]
    assert rgb[1, 2].tolist() == [1, 2, 3]


def test_file_names_and_upscaling():
    assert layer_file_name("resnet50/conv1_conv") == "resnet50__conv1_conv.png"
    assert layer_file_name("odd name:1") == "odd_name_1.png"
    assert upscale_factor(make_mosaic(np.zeros((1, 1, 120), np.float32))) == 32
    assert upscale_factor(make_mosaic(np.zeros((224, 224, 64), np.float32))) == 1


def test_write_maps_writes_a_png_per_layer_and_the_predictions(tmp_path):
    model = small_cnn()
    analysis = analyze_image(model, random_image((20, 20, 3)), source_name="x.png",
                             load_notes=("first of 2 frames",))
    written = write_maps(analysis, tmp_path / "out", model_name="small")
    assert [p.name for p in written] == ["conv1.png", "bn1.png", "pool1.png", "conv2.png",
                                         "predictions.json"]
    mosaic = analysis.maps.mosaics["conv1"]
    factor = upscale_factor(mosaic)
    size = (mosaic.image.shape[1] * factor, mosaic.image.shape[0] * factor)
    pixels = assert_png_shows_something(written[0], size, min_colours=16)
    assert_tiles_show_their_channels(pixels, mosaic, factor,
                                     analysis.maps.layer("conv1").values)
    record = json.loads(written[-1].read_text())
    assert record["model"] == "small" and record["load_notes"] == ["first of 2 frames"]
    assert record["heads"]["output"][0]["index"] == analysis.predictions.heads["output"][0].index
    assert not list((tmp_path / "out").glob(".*tmp*"))  # no temporary files left


def assert_tiles_show_their_channels(pixels, mosaic, factor, values):
    """Each tile of the PNG is its channel's values through viridis, where the mosaic says."""
    (th, tw), gap = mosaic.tile, mosaic.gap
    checked = 0
    for position, channel in enumerate(mosaic.order):
        plane = values[:, :, channel]
        if np.ptp(plane) == 0:
            continue  # a dead channel is one flat colour: nothing to place
        row, col = divmod(position, mosaic.cols)
        y0, x0 = row * (th + gap) * factor, col * (tw + gap) * factor
        tile = pixels[y0:y0 + th * factor:factor, x0:x0 + tw * factor:factor]
        want = np.rint((plane - plane.min()) / np.ptp(plane) * 255)
        assert np.abs(lut_index(tile, VIRIDIS) - want).max() <= 1, f"channel {channel}"
        checked += 1
    assert checked >= 1
