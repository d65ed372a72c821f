"""`dlviz attention`: a text's attention as PNG, SVG and .npz, or a one-line error."""

import io
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from _image_checks import assert_png_shows_something

from dlviz.cli import main
from dlviz.core.modelio import load_model
from dlviz.core.probes.attention_pictures import cell_size, panel_width, scaled
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.colormaps import apply_colormap
from dlviz.core.probes.registry import PROBES
from dlviz.core.zoo.sequence_io import save_with_vocabulary

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from _attention_models import keras, layers, self_attention, three_kinds, vocabulary  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
VIETNAMESE = "bộ phim này không tệ"


def run(*argv):
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.startswith("dlviz: ") and err.count("\n") == 0, err
    return err


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    words = vocabulary()
    save_with_vocabulary(self_attention(heads=3), words, folder / "reader.keras")
    three_kinds().save(folder / "three.keras")
    ids = keras.Input((None,), dtype="int32")
    plain = keras.Model(ids, layers.LSTM(2)(layers.Embedding(10, 4)(ids)), name="plain")
    plain.save(folder / "plain.keras")
    return folder


def heat_block(found, head):
    """The heatmap of one head as the picture draws it (cells of ``cell_size`` pixels)."""
    weights = found.weights[head]
    cell = cell_size(weights.shape[1], weights.shape[0], panel_width(found.heads))
    block = apply_colormap(scaled(weights)[0])
    return np.repeat(np.repeat(block, cell, axis=0), cell, axis=1)


def contains(pixels, block) -> bool:
    height, width = block.shape[:2]
    for row, col in zip(*np.nonzero((pixels == block[0, 0]).all(axis=-1))):
        if np.array_equal(pixels[row:row + height, col:col + width], block):
            return True
    return False


def test_png_svg_and_npz_of_a_model_with_multi_head_attention(tmp_path, files):
    out_dir = tmp_path / "attention"
    code, text = run("attention", files / "reader.keras", VIETNAMESE, "--out", out_dir)
    assert code == 0, text
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "attention.npz", "attention.png", "attention.svg"]
    assert f"5 source tokens: {VIETNAMESE}" in text and "output: class " in text
    assert "layer mha (multi_head), 3 heads, 5 output x 5 source tokens" in text
    probe = PROBES["attention"].compute(load_model(files / "reader.keras"), VIETNAMESE,
                                        vocabulary=vocabulary())
    stored = AttentionMap.load(out_dir / "attention.npz")
    np.testing.assert_array_equal(stored.weights, probe.weights)
    assert stored.source_tokens == probe.source_tokens == tuple(VIETNAMESE.split())
    assert stored.text == VIETNAMESE and stored.head_names == ("head 1", "head 2", "head 3")
    pixels = assert_png_shows_something(out_dir / "attention.png", min_colours=32)
    np.testing.assert_array_equal(pixels, probe.picture())   # the result's own picture
    for head in range(3):   # ... holding each head's weights as colours
        assert contains(pixels, heat_block(probe, head)), f"head {head + 1} not drawn"
    root = ET.parse(out_dir / "attention.svg").getroot()
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert f"typed: {VIETNAMESE}" in texts
    assert all(texts.count(word) >= 2 * 3 for word in VIETNAMESE.split())   # x and y, 3 heads
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 3 * 5 * 5
    assert rects[1].find(f"{SVG}title").text == \
        f"phim → bộ: {probe.weights[0, 0, 1]:.3f}"


def test_every_attention_layer_gets_its_files_and_layer_picks_one(tmp_path, files):
    code, text = run("attention", files / "three.keras", "3 8 0 5", "--out", tmp_path / "all")
    assert code == 0, text
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert names == sorted(f"{stem}.{ext}" for stem in ("attention", "dot", "additive", "mha")
                           for ext in ("png", "svg", "npz"))
    mha = AttentionMap.load(tmp_path / "all" / "mha.npz")
    assert mha.heads == 2 and mha.layer == "mha" and mha.layers == ("dot", "additive", "mha")
    code, text = run("attention", files / "three.keras", "3 8", "--out", tmp_path / "one",
                     "--layer", "additive")
    assert code == 0 and len(list((tmp_path / "one").iterdir())) == 3
    assert AttentionMap.load(tmp_path / "one" / "attention.npz").score == "keras_additive"


def test_special_characters_are_escaped_and_the_svg_still_parses(tmp_path, files):
    code, text = run("attention", files / "reader.keras", 'phim <b> & "tệ"', "--out", tmp_path)
    assert code == 0, text
    texts = [t.text for t in ET.parse(tmp_path / "attention.svg").getroot().iter(f"{SVG}text")]
    assert any(t and "<b>" in t and "&" in t for t in texts)


def test_a_long_text_still_draws(tmp_path, files):
    words = " ".join(VIETNAMESE.split() * 60)   # 300 tokens: heatmaps as images in the SVG
    code, text = run("attention", files / "reader.keras", words, "--out", tmp_path)
    assert code == 0, text
    assert "300 output x 300 source tokens" in text
    root = ET.parse(tmp_path / "attention.svg").getroot()
    assert len(list(root.iter(f"{SVG}image"))) == 3
    assert_png_shows_something(tmp_path / "attention.png", min_colours=64)


@pytest.mark.parametrize("model, text, words", [
    ("plain.keras", "1 2", "'plain' has no attention layer"),
    ("reader.keras", "   ", "the text is empty"),
    ("three.keras", "không tệ", "type token ids as whole numbers"),
    ("missing.keras", "1 2", "no such model file"),
])
def test_bad_models_and_texts_end_in_one_line(tmp_path, files, capsys, model, text, words):
    code, _ = run("attention", files / model, text, "--out", tmp_path / "out")
    assert code == 1 and words in one_line_error(capsys)
    assert not (tmp_path / "out").exists()


def test_out_naming_a_file_is_refused(tmp_path, files, capsys):
    target = tmp_path / "taken.txt"
    target.write_text("x")
    code, _ = run("attention", files / "reader.keras", VIETNAMESE, "--out", target)
    assert code == 1 and "is a file" in one_line_error(capsys)


def test_an_encoder_decoder_prints_what_it_wrote(tmp_path):
    from dlviz.core.data.dates import date_pairs
    from dlviz.core.data.pair_vocabulary import PairVocabulary
    from dlviz.core.zoo.seq2seq import Seq2SeqAttention

    keras.utils.set_random_seed(0)
    pairs = PairVocabulary.build(date_pairs(40, language="en", seed=2))
    net = Seq2SeqAttention(vocabulary=pairs, units=6, embedding_dim=4, score="dot")
    net.build()
    path = net.save(tmp_path / "dates.keras")
    code, text = run("attention", path, "10 March 1987", "--out", tmp_path / "out")
    assert code == 0, text
    stored = AttentionMap.load(tmp_path / "out" / "attention.npz")
    assert stored.score == "dot" and stored.source_tokens[:2] == ("10", "march")
    assert f"output: {stored.output_text}" in text or not stored.output_text
    np.testing.assert_allclose(stored.weights.sum(axis=-1), 1.0, atol=1e-5)


def test_a_shipped_date_model_by_its_library_name(tmp_path):
    code, text = run("attention", "dates-attention-additive", "ngày 10 tháng 3 năm 1987",
                     "--out", tmp_path)
    assert code == 0, text
    assert "output: 1987-03-10" in text and "layer attention (additive), 1 head" in text
    found = AttentionMap.load(tmp_path / "attention.npz")
    looked_at = [found.source_tokens[j] for j in found.strongest_source()]
    assert looked_at[:4] == ["1987"] * 4          # the year's digits look at the year
    texts = [t.text for t in ET.parse(tmp_path / "attention.svg").getroot().iter(f"{SVG}text")]
    assert {"ngày", "tháng", "năm", "<end>"} <= set(texts)
