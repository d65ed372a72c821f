"""The app's text training path (``Workspace.train``): whose vocabulary the data is
encoded with, what the run directory keeps, and resuming a text run."""

import numpy as np
import pytest

from dlviz.core.data.text import TextError
from dlviz.core.data.text_sets import read_run_vocabulary
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.workspace import Workspace


def started_notes(events):
    return next(e for e in events if type(e).__name__ == "TrainingStarted").notes


def test_a_shipped_trained_model_fine_tunes_with_its_own_vocabulary(tmp_path):
    ws, events = Workspace(), []
    opened = ws.build_zoo_model("lstm-sentiment-en")
    assert (opened.reads, opened.task) == ("text", "classify")
    assert opened.data == "sentiment-en"             # its own set, offered first
    own, model = ws.vocabulary, ws.model
    before = model.get_layer("embedding").get_weights()[0].copy()
    config = TrainingConfig(data=DataSpec("sentiment-en", samples=120), epochs=1,
                            learning_rate=0.01)
    stopped = ws.train(config, emit=events.append, run_dir=tmp_path / "run")
    assert stopped.reason == "finished", stopped.message
    assert ws.model is model and ws.vocabulary == own      # not rebuilt: weights kept meaning
    after = model.get_layer("embedding").get_weights()[0]
    assert after.shape == before.shape and not np.array_equal(after, before)
    assert any("the model's own vocabulary" in note for note in started_notes(events))
    assert read_run_vocabulary(tmp_path / "run") == own

    # Resumed, the checkpoint reads the run's vocabulary (not one built from the data).
    fresh, more = Workspace(), []
    stopped = fresh.resume_run(tmp_path / "run", emit=more.append, epochs=2)
    assert stopped.reason == "finished", stopped.message
    assert fresh.vocabulary == own
    assert any("the model's own vocabulary" in note for note in started_notes(more))


def test_a_text_run_resumes_with_its_vocabulary_and_pins_the_typed_sentence(tmp_path):
    ws, events = Workspace(), []
    opened = ws.build_zoo_model("bilstm-tagger", units=4, embedding_dim=4)
    assert (opened.reads, opened.task) == ("text", "tag")
    with pytest.raises(TextError, match="no vocabulary"):   # typed before training
        ws.analyze_text("the cat sat")
    control = TrainingControl()
    config = TrainingConfig(data=DataSpec("tagging", samples=100), epochs=1)
    assert ws.train(config, emit=events.append, control=control,
                    run_dir=tmp_path / "run").reason == "finished"
    trained = ws.vocabulary
    assert trained is not None and read_run_vocabulary(tmp_path / "run") == trained
    frames = [e for e in events if type(e).__name__ == "LiveFrame" and "gates" in e.results]
    assert frames and frames[0].results["gates"].text == "the cat sat"

    fresh, more = Workspace(), []
    stopped = fresh.resume_run(tmp_path / "run", emit=more.append, epochs=2)
    assert stopped.reason == "finished", stopped.message
    assert fresh.vocabulary == trained                    # the checkpoint's ids, not new ones
    assert not any("rebuilt" in note or "unknown" in note for note in started_notes(more))


def test_a_text_run_opened_reads_sentences_with_its_vocabulary(tmp_path):
    from dlviz.core.training.replay import open_run_model

    ws = Workspace()
    ws.build_zoo_model("gru-sentiment", units=4, embedding_dim=4)
    config = TrainingConfig(data=DataSpec("sentiment-en", samples=100), epochs=1)
    assert ws.train(config, emit=lambda e: None, run_dir=tmp_path / "run").reason == "finished"
    other = Workspace()
    opened = open_run_model(other, tmp_path / "run")
    assert (opened.reads, opened.task) == ("text", "classify")
    assert other.vocabulary == ws.vocabulary
    found = other.analyze_text("the film was not bad").results["gates"]
    assert found.tokens == ("the", "film", "was", "not", "bad") and (found.ids > 1).all()


@pytest.mark.parametrize("name, data", [("lstm-sentiment-vi", "sentiment-vi"),
                                        ("captions-shapes-vi", "scenes-vi"),
                                        ("lstm-sentiment", None)])
def test_a_shipped_model_names_the_data_it_learnt_and_a_preset_none(name, data):
    assert Workspace().build_zoo_model(name).data == data
