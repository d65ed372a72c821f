"""Every result type stores itself (arrays + JSON header) and reads itself back, and draws itself."""

import dataclasses
import io
import json

import numpy as np
import pytest
from _attention_samples import attention_map
from _caption_samples import caption_sample
from _ctc_samples import ctc_alignment_sample
from _rundir_events import analysis, filters
from _text_samples import (
    cell_comparison,
    gradient_through_time,
    sequence_gates,
    span_matches,
    text_analysis,
    unit_matches,
    unit_selection,
)
from PIL import Image

from dlviz.core.probes import result_io
from dlviz.core.probes.mosaic import make_mosaic
from dlviz.core.probes.results import (
    DeadUnits,
    FeatureMaps,
    FilterBank,
    GradientNorms,
    Heatmap,
    Histograms,
    ImageAnalysis,
    LayerMaps,
    Mosaic,
    Predictions,
    Result,
)
from dlviz.core.probes.sequence_results import GradientThroughTime
from dlviz.core.probes.text_results import SequenceGates, TextAnalysis
# Every module that defines a stored result, imported here so that the
# completeness check below does not depend on which tests ran before it.
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.compare import CellComparison
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.unit_match import UnitMatches, UnitSelection
from dlviz.core.span_jobs import SpanMatches


def heatmap() -> Heatmap:
    y, x = np.mgrid[0:16, 0:16] / 15
    image = np.stack([x, y, 1 - x], axis=-1).astype(np.float32)
    return Heatmap("gradcam", 3, "three", "c1_conv", (x * y).astype(np.float32), image)


def histograms(of="weights") -> Histograms:
    rng = np.random.default_rng(1)
    return Histograms(of, {path: tuple(a.astype(np.float32) for a in np.histogram(
        rng.normal(size=500), bins=8)) for path in ("conv1", "dense")})


def samples() -> dict:
    whole = analysis(5)
    layer = whole.maps.layers[0]
    return {
        ImageAnalysis: whole, FeatureMaps: whole.maps, LayerMaps: layer,
        Mosaic: make_mosaic(layer.values), Predictions: whole.predictions,
        FilterBank: filters(), Heatmap: heatmap(), Histograms: histograms(),
        GradientNorms: GradientNorms({"conv1": 1e-7, "dense": 2.5}),
        DeadUnits: DeadUnits({"conv1": 0.25, "conv2": 1.0}),
        SequenceGates: sequence_gates(), GradientThroughTime: gradient_through_time(),
        TextAnalysis: text_analysis(),
        UnitSelection: unit_selection(), UnitMatches: unit_matches(),
        SpanMatches: span_matches(), CellComparison: cell_comparison(),
        AttentionMap: attention_map(heads=2),
        CtcAlignment: ctc_alignment_sample(),
        Caption: caption_sample(),
    }


def assert_same(got, want, where="result"):
    """Equal field by field; arrays equal (maps within float16's precision)."""
    if dataclasses.is_dataclass(want):
        assert type(got) is type(want), where
        for f in dataclasses.fields(want):
            assert_same(getattr(got, f.name), getattr(want, f.name), f"{where}.{f.name}")
    elif isinstance(want, np.ndarray):
        assert isinstance(got, np.ndarray) and got.shape == want.shape, where
        if want.dtype == np.float32 and ".values" in where:   # stored as float16
            assert got.dtype == np.float32, where
            np.testing.assert_allclose(got, want, rtol=1e-3, atol=2e-3, err_msg=where)
        elif ".image" in where and ".mosaics" in where:       # rebuilt from float16 maps
            np.testing.assert_allclose(got, want, atol=5e-3, equal_nan=True, err_msg=where)
        else:
            assert got.dtype == want.dtype, where
            np.testing.assert_array_equal(got, want, err_msg=where)
    elif isinstance(want, dict):
        assert type(got) is dict and list(got) == list(want), where
        for key in want:
            assert_same(got[key], want[key], f"{where}[{key!r}]")
    elif isinstance(want, (tuple, list)):
        assert type(got) is type(want) and len(got) == len(want), where
        for i, (a, b) in enumerate(zip(got, want)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert type(got) is type(want) and got == want, (where, got, want)


def test_every_result_type_has_a_sample_here():
    result_types = {cls for cls in result_io.stored_types().values()
                    if issubclass(cls, Result) and cls.__module__.startswith("dlviz.")}
    assert result_types == set(samples())


@pytest.mark.parametrize("cls", list(samples()), ids=lambda cls: cls.__name__)
def test_each_result_round_trips_through_a_file(tmp_path, cls):
    result = samples()[cls]
    path = result.save(tmp_path / "result.npz")
    again = cls.load(path)
    assert_same(again, result)
    with np.load(path, allow_pickle=False) as npz:   # plain arrays and JSON, no pickle
        header = json.loads(str(npz["header"][()]))
        assert header["format"] == result_io.FORMAT
        assert header["result"]["$type"] == cls.__name__
        assert all(npz[name].dtype != object for name in npz.files)


@pytest.mark.parametrize("cls", list(samples()), ids=lambda cls: cls.__name__)
def test_each_result_draws_itself_without_qt(cls):
    png = samples()[cls]._repr_png_()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        pixels = np.asarray(image.convert("RGB"))
    assert pixels.shape[0] >= 16 and pixels.shape[1] >= 64
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) >= 3, "a blank or single-colour picture"
    assert (pixels != 255).any(axis=-1).mean() > 0.01   # something drawn on the page


def test_a_new_result_type_draws_itself_before_it_has_a_painter(tmp_path):
    @dataclasses.dataclass(frozen=True, eq=False)
    class GateActivity(Result):
        layer: str
        gates: np.ndarray        # (time, units)
        mean_gate: dict

    gates = np.linspace(0, 1, 12 * 8, dtype=np.float32).reshape(12, 8)
    result = GateActivity("lstm", gates, {"forget": 0.7, "input": 0.2})
    pixels = np.asarray(Image.open(io.BytesIO(result._repr_png_())).convert("RGB"))
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20   # the gates' colours
    again = GateActivity.load(result.save(tmp_path / "gates.npz"))
    assert_same(again, result)


def test_a_heatmap_picture_shows_the_heat_where_it_is():
    h = heatmap()   # hottest at the bottom right (x * y)
    pixels = np.asarray(Image.open(io.BytesIO(h._repr_png_())).convert("RGB")).astype(int)
    body = pixels[-200:]   # the image part, under the title
    cold, hot = body[:40, :40].mean(axis=(0, 1)), body[-40:, -40:].mean(axis=(0, 1))
    # viridis' hot end is yellow: much more red and green than the cold corner
    assert hot[0] + hot[1] > cold[0] + cold[1] + 150


def test_tags_keep_tuples_int_keys_and_non_finite_numbers():
    norms = GradientNorms({"a": float("nan"), "b": float("inf"), 3: -float("inf")})
    arrays = result_io.to_arrays(norms)
    json.loads(str(arrays["header"][()]), parse_constant=pytest.fail)   # strict JSON
    again = result_io.from_arrays(arrays)
    assert list(again.norms) == ["a", "b", 3]
    assert np.isnan(again.norms["a"]) and again.norms["b"] == np.inf
    assert again.norms[3] == -np.inf
    hist = result_io.from_arrays(result_io.to_arrays(histograms()))
    assert all(type(pair) is tuple for pair in hist.layers.values())


def test_feature_maps_are_stored_half_size_and_mosaics_as_layout_only():
    arrays = result_io.to_arrays(analysis(1).maps)
    values = [name for name in arrays if name.endswith("/values")]
    assert len(values) == 2 and all(arrays[name].dtype == np.float16 for name in values)
    assert not any("mosaic" in name for name in arrays)


def test_unknown_types_and_wrong_classes_are_refused(tmp_path):
    arrays = result_io.to_arrays(heatmap())
    header = json.loads(str(arrays["header"][()]))
    header["result"]["$type"] = "os.system"
    arrays["header"] = np.array(json.dumps(header))
    with pytest.raises(ValueError, match="unknown result type 'os.system'"):
        result_io.from_arrays(arrays)
    path = heatmap().save(tmp_path / "heat.npz")
    with pytest.raises(TypeError, match="holds Heatmap, not FilterBank"):
        FilterBank.load(path)
    with pytest.raises(TypeError, match="cannot store"):
        result_io.to_arrays(GradientNorms({"a": object()}))
