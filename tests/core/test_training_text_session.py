"""The training session on token-id sequences: vocabulary, masks, refusals."""

import keras
import numpy as np
import pytest

from dlviz.core.data.text_sets import load_text_data, reencode
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.data import DataRejected, load_training_data
from dlviz.core.training.events import LiveFrame, TrainingStarted
from dlviz.core.training.session import TrainingSession
from dlviz.core.zoo.registry import create
from dlviz.core.zoo.sequence import SequenceClassifier

CONFIG = TrainingConfig(epochs=1, batch_size=16)


def train(name, data, **kwargs):
    events = []
    zoo = create(name, units=8, embedding_dim=8)
    zoo.build()
    session = TrainingSession(zoo.model, data, CONFIG, emit=events.append, zoo_model=zoo,
                              **kwargs)
    return session, session.run(), events


def test_a_library_classifier_takes_the_datas_vocabulary_and_trains():
    data = load_training_data(DataSpec("sentiment-vi", samples=120), (None,), None)
    session, stopped, events = train("lstm-sentiment", data)
    assert stopped.reason == "finished", stopped.message
    assert session.zoo_model.vocabulary == data.vocabulary
    assert session.model.get_layer("embedding").input_dim == len(data.vocabulary)
    assert any("vocabulary" in note for note in session.notes)
    started = next(e for e in events if isinstance(e, TrainingStarted))
    assert 0 < started.samples < len(data.y_train)  # a validation share held out
    frames = [e for e in events if isinstance(e, LiveFrame)]
    assert frames and session.callback.probes.image is None  # no probe picture for text


def test_a_tagger_trains_with_padding_left_out_of_loss_and_accuracy():
    data = load_text_data("tagging", samples=200)
    session, stopped, _ = train("bilstm-tagger", data)
    assert stopped.reason == "finished", stopped.message
    model = session.model
    result = model.evaluate(data.x_test, data.y_test, verbose=0, return_dict=True)
    guess = model.predict(data.x_test, verbose=0).argmax(-1)
    real = data.x_test > 0
    assert result["accuracy"] == pytest.approx((guess == data.y_test)[real].mean(), abs=1e-5)
    assert (guess == data.y_test)[real].mean() != pytest.approx((guess == data.y_test).mean())


def test_a_model_file_keeps_its_vocabulary_and_data_is_encoded_with_it(tmp_path):
    data = load_text_data("sentiment-en", samples=60)
    net = SequenceClassifier(vocabulary=data.vocabulary, units=4, embedding_dim=4)
    model = net.build()
    other = load_text_data("sentiment-vi", samples=60)
    mapped = reencode(other, data.vocabulary)
    assert mapped.vocabulary == data.vocabulary and "unknown" in mapped.notes[-1]
    assert set(np.unique(mapped.x_train)) <= {0, 1} | set(data.vocabulary.ids([",", ".", "!"]))
    stopped = TrainingSession(model, mapped, CONFIG, emit=lambda e: None).run()
    assert stopped.reason == "finished", stopped.message


@pytest.mark.parametrize("name, data, why", [
    ("lstm-sentiment", "tagging", "pick a tagger"),
    ("bilstm-tagger", "long", "pick a classifier"),
    ("lenet5", "long", "pick a sequence model"),
])
def test_wrong_model_for_the_data_is_refused_before_training(name, data, why):
    with pytest.raises(DataRejected, match=why):
        train(name, load_text_data(data, samples=60))


def test_ids_beyond_a_files_embedding_are_refused():
    data = load_text_data("sentiment-en", samples=60)
    keras.utils.set_random_seed(0)
    model = SequenceClassifier(vocabulary_size=20, units=4).build()
    with pytest.raises(DataRejected, match="embedding has only 20 rows"):
        TrainingSession(model, data, CONFIG, emit=lambda e: None).run()


def test_unknown_text_data_and_bad_files_are_data_rejected(tmp_path):
    with pytest.raises(DataRejected, match="csv"):
        load_training_data(DataSpec("text_file"), (None,), None)
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(DataRejected, match="empty"):
        load_training_data(DataSpec("text_file", path=str(tmp_path / "e.csv")), (None,), None)


def test_image_data_for_a_sequence_model_says_to_use_text():
    with pytest.raises(DataRejected, match="sequence model: it reads text"):
        load_training_data(DataSpec("digits"), (None,), None)
