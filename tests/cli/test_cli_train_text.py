"""`dlviz train` on text: generated sets, a CSV file, resume, a model file's vocabulary."""

import io
import json

import pytest

from dlviz.cli import main
from dlviz.core.data.text_sets import read_run_vocabulary
from dlviz.core.training.rundir import RunReader


def run(*argv):
    out = io.StringIO()
    code = main(["train", *argv], out=out)
    return code, out.getvalue()


def one_line_error(capsys, code):
    err = capsys.readouterr().err.strip()
    assert code == 1, err
    assert err.startswith("dlviz: ") and "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("model, data", [("lstm-sentiment", "sentiment-vi"),
                                         ("bilstm-tagger", "tagging"),
                                         ("rnn-sentiment", "long")])
def test_train_text_sets_into_a_run_with_its_vocabulary(tmp_path, model, data):
    run_dir = tmp_path / "run"
    code, text = run("--model", model, "--data", data, "--samples", "80", "--epochs", "1",
                     "--batch-size", "16", "--run", str(run_dir))
    assert code == 0, text
    assert "epoch 1/1" in text and "vocabulary" in text
    reader = RunReader(run_dir)
    assert reader.config.data.kind == data and reader.stopped()["reason"] == "finished"
    vocabulary = read_run_vocabulary(run_dir)
    assert len(vocabulary) > 2
    from dlviz.core.modelio import load_model

    checkpoint = load_model(reader.latest_checkpoint())
    assert checkpoint.get_layer("embedding").input_dim == len(vocabulary)


def test_a_csv_file_trains_and_resumes(tmp_path):
    rows = ["text,label"] + [f"{w} {i},{lab}" for i in range(10)
                             for w, lab in (("phim hay", "pos"), ("phim dở", "neg"))]
    (tmp_path / "mine.csv").write_text("\n".join(rows), encoding="utf-8")
    run_dir = tmp_path / "run"
    code, text = run("--model", "gru-sentiment", "--data", str(tmp_path / "mine.csv"),
                     "--epochs", "1", "--run", str(run_dir))
    assert code == 0, text
    assert RunReader(run_dir).class_names == ("neg", "pos")
    before = json.loads((run_dir / "vocabulary.json").read_text(encoding="utf-8"))
    code, text = run("--resume", "--epochs", "2", "--run", str(run_dir))
    assert code == 0, text
    assert "epoch 2/2" in text
    assert json.loads((run_dir / "vocabulary.json").read_text(encoding="utf-8")) == before


def test_a_model_files_vocabulary_encodes_the_data(tmp_path):
    from dlviz.core.data.text_sets import load_text_data
    from dlviz.core.zoo.sequence import SequenceClassifier

    data = load_text_data("sentiment-en", samples=60)
    path = SequenceClassifier(vocabulary=data.vocabulary, units=4).save(tmp_path / "m.keras")
    code, text = run("--model", str(path), "--data", "sentiment-vi", "--samples", "60",
                     "--epochs", "1", "--run", str(tmp_path / "run"))
    assert code == 0, text
    assert "model's own vocabulary" in text and "unknown" in text


@pytest.mark.parametrize("argv, why", [
    (["--model", "lenet5", "--data", "tagging"], "pick a sequence model"),
    (["--model", "lstm-sentiment", "--data", "tagging"], "pick a tagger"),
    (["--model", "lstm-sentiment", "--data", "missing.csv"], "cannot read missing.csv"),
    (["--model", "lstm-sentiment", "--data", "words.txt"], ".csv/.tsv"),
])
def test_text_errors_are_one_line(tmp_path, capsys, argv, why):
    code = main(["train", *argv, "--epochs", "1", "--samples", "40",
                 "--run", str(tmp_path / "run")], out=io.StringIO())
    assert why in one_line_error(capsys, code)


def test_a_shipped_trained_model_fine_tunes_with_its_own_vocabulary(tmp_path):
    rows = [f"{text},{label}" for text, label in (
        ("phim không tệ chút nào", "positive"), ("phim không hay chút nào", "negative"),
        ("đồ ăn bình thường", "neutral"), ("dịch vụ rất tốt", "positive"),
        ("dịch vụ rất tệ", "negative"), ("cà phê tạm được", "neutral"))] * 3
    (tmp_path / "vi.csv").write_text("\n".join(rows), encoding="utf-8")
    run_dir = tmp_path / "run"
    code, text = run("--model", "lstm-sentiment-vi", "--data", str(tmp_path / "vi.csv"),
                     "--epochs", "1", "--run", str(run_dir))
    assert code == 0, text
    assert "model's own vocabulary" in text and "0% of this data's tokens are unknown" in text
    assert "reads the" not in text  # no new embedding: the trained weights stay
    from dlviz.core.zoo.registry import create
    assert read_run_vocabulary(run_dir) == create("lstm-sentiment-vi").vocabulary
