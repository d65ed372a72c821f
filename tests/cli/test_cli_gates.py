"""`dlviz gates`: a sentence's gates per recurrent layer as PNG and .npz, or a one-line error."""

import io

import numpy as np
import pytest
from _image_checks import assert_png_shows_something, distinct_colours

from dlviz.cli import main
from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.probes.gate_pictures import heatmap
from dlviz.core.probes.registry import PROBES
from dlviz.core.probes.result_io import load
from dlviz.core.probes.text_results import SequenceGates
from dlviz.core.zoo.sequence import SequenceClassifier

SENTENCES = ["the film was not bad at all", "a good film", "the plot was bad"]


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.startswith("dlviz: ") and err.count("\n") == 0, err
    return err


@pytest.fixture(scope="module")
def bilstm_file(tmp_path_factory):
    net = SequenceClassifier(vocabulary=Vocabulary.build(SENTENCES), cell="lstm",
                             bidirectional=True, units=5, embedding_dim=4)
    net.build()
    return net.save(tmp_path_factory.mktemp("model") / "bilstm.keras")


def find_block(pixels, block):
    """(row, column) where ``block`` sits in ``pixels``, or None."""
    height, width = block.shape[:2]
    for row in range(pixels.shape[0] - height + 1):
        for col in np.flatnonzero((pixels[row, :, :] == block[0, 0]).all(axis=-1)):
            if col + width <= pixels.shape[1] and \
                    np.array_equal(pixels[row:row + height, col:col + width], block):
                return row, col
    return None


def test_gates_of_a_model_file_are_the_probes_pictures_and_arrays(tmp_path, bilstm_file):
    from dlviz.core.modelio import load_model
    from dlviz.core.probes.text_probes import find_vocabulary

    out_dir = tmp_path / "gates"
    code, text = run("gates", str(bilstm_file), "the film was not bad", "--out", str(out_dir))
    assert code == 0, text
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "bi_lstm_1.backward.npz", "bi_lstm_1.backward.png", "bi_lstm_1.forward.npz",
        "bi_lstm_1.forward.png", "gates.npz"]
    assert "5 tokens: the film was not bad" in text and "wrote gates.npz" in text
    model = load_model(bilstm_file)
    probe = PROBES["gates"].compute(model, "the film was not bad",
                                    vocabulary=find_vocabulary(path=bilstm_file))
    whole = SequenceGates.load(out_dir / "gates.npz")
    assert whole.tokens == probe.tokens == ("the", "film", "was", "not", "bad")
    np.testing.assert_array_equal(whole.prediction, probe.prediction)
    for trace in probe.traces:
        stem = trace.layer.replace("/", ".")
        stored = load(out_dir / f"{stem}.npz", SequenceGates)
        (again,) = stored.traces
        assert stored.layers == ("bi_lstm_1",) and again.direction == trace.direction
        for name in ("i", "f", "g", "o", "c", "h"):
            np.testing.assert_array_equal(again.gates[name], trace.gates[name])
        pixels = assert_png_shows_something(out_dir / f"{stem}.png", min_colours=16)
        # The picture holds each gate's heatmap of the probe's own values.
        for name in ("f", "c", "h"):
            block = heatmap(trace, name)
            assert block.shape[:2] == (5 * 14, 5 * 40)   # 5 units x 5 tokens, largest cells
            assert find_block(pixels, block) is not None, f"{stem}: no {name} heatmap"


def test_a_library_model_without_vocabulary_reads_token_ids(tmp_path):
    out_dir = tmp_path / "ids"
    code, text = run("gates", "gru-sentiment", "4 17 2 9", "--out", str(out_dir))
    assert code == 0, text
    found = load(out_dir / "gru_1.npz")
    assert found.tokens == ("#4", "#17", "#2", "#9")
    assert set(found.traces[0].gates) == {"z", "r", "h_tilde", "h"}
    assert "Keras writes h = z" in found.traces[0].note
    assert_png_shows_something(out_dir / "gru_1.png", min_colours=16)


def test_empty_text_is_refused_in_one_line(tmp_path, bilstm_file, capsys):
    code, _ = run("gates", str(bilstm_file), "   ", "--out", str(tmp_path / "o"))
    assert code == 1 and "text is empty" in one_line_error(capsys)
    assert not (tmp_path / "o").exists()


def test_words_a_model_without_vocabulary_cannot_read_say_why(tmp_path, capsys):
    code, _ = run("gates", "lstm-sentiment", "not bad", "--out", str(tmp_path / "o"))
    assert code == 1 and "no vocabulary" in one_line_error(capsys)


def test_a_model_without_recurrent_layers_says_so(tmp_path, capsys):
    code, _ = run("gates", "lenet5", "a sentence", "--out", str(tmp_path / "o"))
    err = one_line_error(capsys)
    assert code == 1 and "no recurrent layer" in err


def test_a_missing_model_file_is_named(tmp_path, capsys):
    missing = tmp_path / "nowhere.keras"
    code, _ = run("gates", str(missing), "good", "--out", str(tmp_path / "o"))
    err = one_line_error(capsys)
    assert code == 1 and "nowhere.keras" in err and "no such model file" in err
