"""Mosaic layout, ordering, normalisation, gaps and the pixel -> channel lookup."""

from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlviz.core.probes.mosaic as mosaic_module
from dlviz.core.probes.mosaic import channel_image, grid_shape, make_mosaic, summarised_mosaic


def ramp(h, w, c):
    """Channel k holds k*1000 + its pixel index, so every tile is recognisable."""
    pixels = np.arange(h * w, dtype=np.float32).reshape(h, w, 1)
    return pixels + 1000.0 * np.arange(c, dtype=np.float32)


def tile(mosaic, position):
    (th, tw), gap = mosaic.tile, mosaic.gap
    row, col = divmod(position, mosaic.cols)
    return mosaic.image[row * (th + gap):row * (th + gap) + th,
                        col * (tw + gap):col * (tw + gap) + tw]


def test_layout_is_near_square_with_nan_gaps_and_empty_tiles():
    mosaic = make_mosaic(ramp(4, 5, 7), gap=1)
    assert (mosaic.rows, mosaic.cols) == (3, 3)
    assert mosaic.image.shape == (3 * 5 - 1, 3 * 6 - 1)
    assert mosaic.image.dtype == np.float32 and mosaic.image.flags.c_contiguous
    assert np.isnan(mosaic.image[4, :]).all()           # gap row
    assert np.isnan(mosaic.image[:, 5]).all()           # gap column
    assert np.isnan(tile(mosaic, 7)).all() and np.isnan(tile(mosaic, 8)).all()  # unused
    for position in range(7):
        assert not np.isnan(tile(mosaic, position)).any()


def test_each_tile_is_its_channel_stretched_to_unit_range():
    values = ramp(4, 5, 7)
    mosaic = make_mosaic(values)
    expected = np.arange(20, dtype=np.float32).reshape(4, 5) / 19.0
    for position in range(7):
        np.testing.assert_allclose(tile(mosaic, position), expected, atol=1e-6)


def test_layer_normalisation_keeps_channels_comparable():
    values = ramp(4, 5, 3)
    mosaic = make_mosaic(values, normalise="layer")
    lo, hi = values.min(), values.max()
    for position in range(3):
        np.testing.assert_allclose(tile(mosaic, position), (values[..., position] - lo) / (hi - lo),
                                   atol=1e-6)


def test_mean_order_puts_the_strongest_channel_first():
    values = ramp(3, 3, 4)[..., [2, 0, 3, 1]]  # means rank: 2nd, 4th, 1st, 3rd
    mosaic = make_mosaic(values, order="mean", cols=2)
    assert mosaic.order == (2, 0, 3, 1)
    np.testing.assert_allclose(tile(mosaic, 0), make_mosaic(values[..., 2:3]).image, atol=1e-6)


def test_constant_and_dead_channels_map_to_zero_without_warnings():
    values = np.zeros((3, 3, 2), np.float32)
    values[..., 1] = 5.0
    for normalise in ("channel", "layer"):
        mosaic = make_mosaic(values, normalise=normalise)
        assert np.nanmax(mosaic.image) <= 1.0 and not np.isnan(tile(mosaic, 0)).any()
    assert np.all(tile(make_mosaic(values), 1) == 0.0)
    assert np.all(tile(make_mosaic(values, normalise="layer"), 1) == 1.0)


def test_channel_at_maps_pixels_to_channels_and_gaps_to_none():
    mosaic = make_mosaic(ramp(4, 5, 7), order="mean", gap=2)
    assert mosaic.order == (6, 5, 4, 3, 2, 1, 0)
    assert mosaic.channel_at(0, 0) == 6
    assert mosaic.channel_at(3.9, 4.9) == 6
    assert mosaic.channel_at(4, 0) is None and mosaic.channel_at(0, 5) is None  # gaps
    assert mosaic.channel_at(6, 7) == mosaic.order[mosaic.cols + 1]
    assert mosaic.channel_at(2 * 6, 2 * 7) is None   # an unused tile
    assert mosaic.channel_at(-1, 0) is None and mosaic.channel_at(0, 10_000) is None


@settings(max_examples=40, deadline=None)
@given(h=st.integers(1, 6), w=st.integers(1, 6), c=st.integers(1, 20), gap=st.integers(0, 2),
       cols=st.one_of(st.none(), st.integers(1, 8)), by_mean=st.booleans())
def test_every_tile_pixel_finds_its_channel(h, w, c, gap, cols, by_mean):
    values = ramp(h, w, c)
    mosaic = make_mosaic(values, gap=gap, cols=cols, order="mean" if by_mean else "index")
    assert sorted(mosaic.order) == list(range(c))
    assert mosaic.rows * mosaic.cols >= c > (mosaic.rows - 1) * mosaic.cols
    stretched = np.arange(h * w, dtype=np.float32).reshape(h, w) / max(h * w - 1, 1)
    if h * w == 1:
        stretched[:] = 0.0
    for position, channel in enumerate(mosaic.order):
        row, col = divmod(position, mosaic.cols)
        y, x = row * (h + gap) + h - 1, col * (w + gap) + w - 1
        assert mosaic.channel_at(y, x) == channel
        np.testing.assert_allclose(tile(mosaic, position), stretched, atol=1e-6)


def test_grid_shape_and_bad_arguments():
    assert grid_shape(64, (28, 28)) == (8, 8)
    assert grid_shape(512, (14, 14)) == (23, 23)
    assert grid_shape(8, (2, 8)) == (4, 2)  # wide tiles: fewer columns, squarer image
    with pytest.raises(ValueError, match="normalise"):
        make_mosaic(ramp(2, 2, 2), normalise="global")
    with pytest.raises(ValueError, match="order"):
        make_mosaic(ramp(2, 2, 2), order="random")
    with pytest.raises(ValueError, match="H, W, C"):
        make_mosaic(np.zeros((1, 2, 2, 2)))


def test_channel_image_is_contiguous_and_normalised():
    values = ramp(3, 4, 2)
    plane = channel_image(values, 1)
    assert plane.flags.c_contiguous and plane.shape == (3, 4)
    assert plane.min() == 0.0 and plane.max() == 1.0
    np.testing.assert_array_equal(channel_image(values, 1, normalise=False), values[..., 1])
    assert np.all(channel_image(np.ones((2, 2, 1)), 0) == 0.0)


@settings(max_examples=40, deadline=None)
@given(h=st.integers(1, 5), w=st.integers(1, 5), c=st.integers(1, 40), gap=st.integers(0, 2),
       band_bytes=st.sampled_from([4, 64, 1 << 20]), channels_first=st.booleans(),
       seed=st.integers(0, 3))
def test_summarised_mosaic_equals_make_mosaic_and_sums_up(h, w, c, gap, band_bytes,
                                                         channels_first, seed):
    values = np.random.default_rng(seed).normal(size=(h, w, c)).astype(np.float32)
    values[values < 0.3] = 0.0
    if channels_first:
        values = np.ascontiguousarray(values.transpose(2, 0, 1)).transpose(1, 2, 0)
    plain = make_mosaic(np.ascontiguousarray(values), gap=gap)  # one band, channels-last
    with patch.object(mosaic_module, "BAND_BYTES", band_bytes):  # one row or many per band
        mosaic, summary = summarised_mosaic(values, gap=gap)
        banded = make_mosaic(values, gap=gap, order="mean")
    np.testing.assert_array_equal(mosaic.image, plain.image)
    assert (mosaic.rows, mosaic.cols, mosaic.order) == (plain.rows, plain.cols, plain.order)
    np.testing.assert_array_equal(banded.image, make_mosaic(values, gap=gap, order="mean").image)
    np.testing.assert_array_equal(summary.minimum, values.min(axis=(0, 1)))
    np.testing.assert_array_equal(summary.maximum, values.max(axis=(0, 1)))
    assert summary.total == pytest.approx(float(values.sum()), rel=1e-5, abs=1e-5)
    assert summary.nonzero == np.count_nonzero(values)


@pytest.mark.parametrize("shape", [(37, 41, 8), (224, 224, 64), (3, 5, 7), (9, 9, 1)])
def test_channel_ranges_are_exact_whatever_rows_are_left_over(shape):
    from dlviz.core.probes.mosaic import channel_range

    values = np.random.default_rng(5).normal(size=shape).astype(np.float32)
    values[-1, -1, 0] = 50.0    # the extremes in the last rows, past any whole fold
    values[-1, -2, -1] = -50.0
    flat = values.reshape(-1, shape[-1])
    for layout in (values, np.ascontiguousarray(values.transpose(2, 0, 1)).transpose(1, 2, 0)):
        lo, hi = channel_range(layout)
        assert lo.dtype == hi.dtype == np.float32 and lo.shape == (shape[-1],)
        np.testing.assert_array_equal(lo, flat.min(axis=0))
        np.testing.assert_array_equal(hi, flat.max(axis=0))
