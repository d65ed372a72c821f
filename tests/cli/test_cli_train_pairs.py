"""`dlviz train` on sentence pairs: an encoder-decoder headless, its attention snapshots, resume."""

import io

import numpy as np

from dlviz.cli import main
from dlviz.core.data.pair_vocabulary import PairVocabulary
from dlviz.core.data.text_sets import read_run_vocabulary
from dlviz.core.training.rundir import RunReader

TYPED = "ngày 5 tháng 6 năm 2001"


def run(*argv):
    out = io.StringIO()
    code = main(["train", *argv], out=out)
    return code, out.getvalue()


def attention_snapshots(reader):
    frames = [reader.load_snapshot(path) for _step, path in reader.snapshots()]
    return [f.results["attention"] for f in frames if "attention" in f.results]


def test_dates_train_headless_with_attention_snapshots_then_resume(tmp_path):
    from dlviz.core.modelio import load_model
    from dlviz.core.probes.seq2seq_attention import is_seq2seq

    run_dir = tmp_path / "dates"
    code, text = run("--model", "dates-attention", "--data", "dates", "--samples", "240",
                     "--batch-size", "32", "--epochs", "1", "--run", str(run_dir),
                     "--text", TYPED)
    assert code == 0, text
    assert "reads and writes the dates vocabularies" in text
    assert "epoch 1/1" in text and "val_accuracy" in text
    reader = RunReader(run_dir)
    assert reader.config.data.kind == "dates" and reader.model_source == "dates-attention"
    vocabulary = read_run_vocabulary(run_dir)
    assert isinstance(vocabulary, PairVocabulary) and vocabulary.target.level == "char"
    maps = attention_snapshots(reader)
    assert maps and all(m.text == TYPED for m in maps)
    assert maps[0].source_tokens == ("ngày", "5", "tháng", "6", "năm", "2001")
    np.testing.assert_allclose(maps[-1].weights.sum(axis=-1), 1.0, atol=1e-5)
    assert is_seq2seq(load_model(reader.latest_checkpoint()))

    code, text = run("--resume", "--epochs", "2", "--run", str(run_dir))
    assert code == 0, text
    assert [r["epoch"] for r in RunReader(run_dir).epochs()] == [0, 1]
    assert read_run_vocabulary(run_dir) == vocabulary  # the checkpoint's ids kept


def test_phrases_without_text_show_a_test_sentence(tmp_path):
    run_dir = tmp_path / "phrases"
    code, text = run("--model", "seq2seq-bigru-attention", "--data", "phrases-vi-en",
                     "--samples", "120", "--batch-size", "32", "--epochs", "1",
                     "--run", str(run_dir))
    assert code == 0, text
    maps = attention_snapshots(RunReader(run_dir))
    assert maps and maps[0].text and all(m.text == maps[0].text for m in maps)
    assert any(ch in maps[0].text for ch in "àáâãèéêìíòóôõùúýăđơư")  # Vietnamese source


def test_a_classifier_on_pairs_is_one_line(tmp_path, capsys):
    code = main(["train", "--model", "lstm-sentiment", "--data", "phrases-en-vi",
                 "--samples", "60", "--epochs", "1", "--run", str(tmp_path / "x")],
                out=io.StringIO())
    err = capsys.readouterr().err.strip()
    assert code == 1 and err.startswith("dlviz: ") and "\n" not in err
    assert "encoder-decoder" in err
