"""Sequence models: layers, masks, the seven methods, the vocabulary inside the file."""

import zipfile

import keras
import numpy as np
import pytest

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.modelio import load_model
from dlviz.core.prescan import prescan
from dlviz.core.zoo.sequence import SequenceClassifier, SequenceTagger
from dlviz.core.zoo.sequence_io import MEMBER, read_vocabulary

VOCAB = Vocabulary.build(["not bad at all", "good film", "không tệ chút nào"])


@pytest.mark.parametrize("cell", ["lstm", "gru", "simple_rnn"])
@pytest.mark.parametrize("layers, bidirectional", [(1, False), (3, True)])
def test_classifier_layers_are_named_and_stacked(cell, layers, bidirectional):
    net = SequenceClassifier(cell=cell, layers=layers, bidirectional=bidirectional,
                             units=4, embedding_dim=3, vocabulary=VOCAB)
    names = [layer.name for layer in net.build().layers]
    rnn = [f"{'bi_' if bidirectional else ''}{cell}_{k}" for k in range(1, layers + 1)]
    assert names == ["tokens", "embedding", *rnn, "predictions"]
    assert net.model.output_shape == (None, 3)
    assert net.model.get_layer("embedding").input_dim == len(VOCAB)


def test_tagger_gives_a_softmax_per_token_and_any_length():
    net = SequenceTagger(classes=5, bidirectional=True, units=4, vocabulary=VOCAB)
    out = net.build().predict(VOCAB.encode_batch(["not bad at all", "good"], 7), verbose=0)
    assert out.shape == (2, 7, 5) and np.allclose(out.sum(-1), 1, atol=1e-5)
    assert net.predict_text("good film not bad 😀").shape == (5, 5)


def test_padding_does_not_change_a_classifiers_answer():
    net = SequenceClassifier(vocabulary=VOCAB, units=4)
    short = net.build().predict(VOCAB.encode_batch(["not bad at all"], 4), verbose=0)
    padded = net.model.predict(VOCAB.encode_batch(["not bad at all"], 30), verbose=0)
    assert np.allclose(short, padded, atol=1e-6)


def test_memory_bias_opens_the_forget_and_update_gates():
    lstm = SequenceClassifier(units=4, memory_bias=3, bidirectional=True).build()
    bias = lstm.get_layer("bi_lstm_1").backward_layer.cell.bias.numpy()
    assert np.allclose(bias[:4], -3) and np.allclose(bias[4:8], 3)
    gru = SequenceClassifier(cell="gru", units=4, memory_bias=3).build()
    z = gru.get_layer("gru_1").cell.bias.numpy()[..., :4]
    assert np.allclose(z.sum(axis=0), 3)


def test_seven_methods_and_the_vocabulary_travel_in_the_file(tmp_path):
    keras.utils.set_random_seed(0)
    net = SequenceClassifier(cell="gru", layers=2, bidirectional=True, units=4,
                             vocabulary=VOCAB)
    x = VOCAB.encode_batch(["not bad at all", "good film", "không tệ"] * 4, 6)
    y = np.array([2, 2, 0] * 4)
    history = net.train(x, y, epochs=1, batch_size=4)
    assert set(history) == {"loss", "accuracy"}
    assert set(net.test(x, y)) == {"loss", "accuracy"}
    assert net.summary().total_params == net.model.count_params()
    path = net.save(tmp_path / "m.keras")
    with zipfile.ZipFile(path) as archive:
        assert MEMBER in archive.namelist()
    assert read_vocabulary(path) == VOCAB
    assert not prescan(path).needs_unsafe  # the pre-scan accepts the extra member
    plain = keras.saving.load_model(path, safe_mode=True)  # Keras ignores it
    assert np.allclose(plain.predict(x, verbose=0), net.predict(x), atol=1e-6)
    again = SequenceClassifier.load(path)
    assert again.vocabulary == VOCAB and again.options["cell"] == "gru"
    assert again.options["layers"] == 2 and again.options["bidirectional"]
    assert np.allclose(again.predict_text("not bad at all"),
                       net.predict(x[:1])[0], atol=1e-6)


def test_a_file_without_a_vocabulary_loads_with_none(tmp_path):
    net = SequenceTagger(units=4, vocabulary_size=50)
    net.build().save(tmp_path / "plain.keras")
    assert read_vocabulary(tmp_path / "plain.keras") is None
    loaded = SequenceTagger.load(tmp_path / "plain.keras")
    assert loaded.vocabulary is None and loaded.options["vocabulary_size"] == 50
    with pytest.raises(ValueError, match="no vocabulary"):
        loaded.predict_text("hello")


def test_saving_over_a_file_keeps_it_when_the_save_fails(tmp_path, monkeypatch):
    net = SequenceClassifier(units=4, vocabulary=VOCAB)
    path = net.save(tmp_path / "m.keras")
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken)
    from dlviz.core.prescan_errors import ModelFileError

    with pytest.raises(ModelFileError, match="unchanged"):
        net.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.keras"]


def test_damaged_vocabulary_member_is_a_clear_error(tmp_path):
    from dlviz.core.data.text import TextError

    path = tmp_path / "m.keras"
    SequenceClassifier(units=4, vocabulary=VOCAB).build().save(path)  # Keras's own save
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(MEMBER, "{not json")
    with pytest.raises(TextError, match="m.keras"):
        read_vocabulary(path)
    load_model(path)  # the model itself still loads


def test_a_cnn_file_is_not_a_sequence_model(tmp_path):
    from dlviz.core.prescan_errors import ModelFileError
    from dlviz.core.zoo.lenet import LeNet5

    LeNet5().build().save(tmp_path / "cnn.keras")
    with pytest.raises(ModelFileError, match="Embedding"):
        SequenceClassifier.load(tmp_path / "cnn.keras")


def test_a_vocabulary_that_does_not_fit_the_embedding_is_refused(tmp_path):
    from dlviz.core.prescan_errors import ModelFileError
    from dlviz.core.zoo.sequence_io import save_with_vocabulary

    model = SequenceClassifier(units=4, vocabulary_size=40).build()
    path = save_with_vocabulary(model, VOCAB, tmp_path / "m.keras")
    with pytest.raises(ModelFileError, match="ids would not match"):
        SequenceClassifier.load(path)


@pytest.mark.parametrize("text", ["zebra quantum", "😀👍🏽", "good " * 10_000, "Không TỆ"])
def test_typed_text_of_any_kind_gives_probabilities(text):
    net = SequenceClassifier(units=4, vocabulary=VOCAB)
    probabilities = net.predict_text(text)
    assert probabilities.shape == (3,) and np.isfinite(probabilities).all()


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_a_clear_message(text):
    from dlviz.core.data.text_vocabulary import EmptyText

    with pytest.raises(EmptyText, match="type a sentence"):
        SequenceClassifier(units=4, vocabulary=VOCAB).predict_text(text)
