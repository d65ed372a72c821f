"""``dlviz maps --npz``: the analysis as arrays plus a JSON header, read back by dlviz.probes."""

import io
import json

import numpy as np
from PIL import Image

from dlviz.cli import main


def test_maps_npz_holds_the_maps_and_predictions_the_pngs_show(tmp_path):
    rng = np.random.default_rng(3)
    photo = tmp_path / "photo.png"
    Image.fromarray(rng.integers(0, 256, (40, 50, 3), dtype=np.uint8)).save(photo)
    out_dir, text = tmp_path / "maps", io.StringIO()
    code = main(["maps", "lenet5", str(photo), "--out", str(out_dir), "--npz"], out=text)
    assert code == 0, text.getvalue()
    assert "wrote analysis.npz" in text.getvalue()
    from dlviz import probes

    analysis = probes.load(out_dir / "analysis.npz")
    assert isinstance(analysis, probes.ImageAnalysis)
    record = json.loads((out_dir / "predictions.json").read_text())
    assert [layer.path for layer in analysis.maps.layers] == list(record["layers"])
    c1 = analysis.maps.layer("c1_conv")
    assert c1.values.shape == (28, 28, 6) and c1.values.dtype == np.float32
    assert np.ptp(c1.values) > 0
    assert abs(float(c1.values.max()) - c1.stats.max) < 1e-2 * max(1.0, abs(c1.stats.max))
    top = analysis.predictions.heads["output"][0]
    assert (top.index, round(top.probability, 6)) == (
        record["heads"]["output"][0]["index"], record["heads"]["output"][0]["probability"])
    mosaic = analysis.maps.mosaics["c1_conv"]   # rebuilt from the stored maps
    assert (mosaic.rows, mosaic.cols, mosaic.tile) == (2, 3, (28, 28))
    assert analysis.source_name == "photo.png"
    without = tmp_path / "plain"
    assert main(["maps", "lenet5", str(photo), "--out", str(without)], out=io.StringIO()) == 0
    assert not (without / "analysis.npz").exists()   # only when asked
