"""The shipped trained text models: listed, opened safely, and right on negations."""

import json
import shutil

import numpy as np
import pytest

from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.zoo.registry import REGISTRY, create
from dlviz.core.zoo.sequence_trained import (TrainedSequenceModel, trained_text_info,
                                             trained_text_models)
from dlviz.core.zoo.trained import models_dir, trained_models

NAMES = ["lstm-sentiment-en", "lstm-sentiment-vi", "gru-sentiment-en", "bilstm-tagger-en",
         "rnn-sentiment-en"]


def test_listed_with_the_trained_models_but_not_as_image_models():
    assert [info.name for info in trained_text_models()] == NAMES
    assert all(REGISTRY[name].kind == "Trained" for name in NAMES)
    assert not {info.name for info in trained_models()} & set(NAMES)


def test_small_and_better_than_a_bag_of_words_on_negation():
    sizes = [info.path.stat().st_size for info in trained_text_models()]
    assert sum(sizes) < 2 * 2**20
    for name in NAMES[:3]:
        meta = json.loads((models_dir() / f"{name}.text.json").read_text(encoding="utf-8"))
        assert meta["negation_accuracy"] >= 0.9 > 0.3 > meta["bag_of_words_negation_accuracy"]


@pytest.mark.parametrize("name, sentence, label", [
    ("lstm-sentiment-vi", "đồ ăn không tệ chút nào , khi em trai tôi hỏi về dòng sông "
                          "vào buổi trưa trước khi bọn trẻ đi ngang qua nhà ga .", "positive"),
    ("lstm-sentiment-vi", "Đồ ăn không ngon chút nào , khi em trai tôi hỏi về dòng sông .",
     "negative"),
    ("lstm-sentiment-en", "the soup was not bad at all , and my cousin talked about the "
                          "river after work while the kids walked past the market .", "positive"),
    ("gru-sentiment-en", "The soup was never enjoyable, and my cousin talked about the "
                         "river after work.", "negative"),
])
def test_typed_sentences_with_negation(name, sentence, label):
    net = create(name)
    probabilities = net.predict_text(sentence)
    assert net.class_names[int(np.argmax(probabilities))] == label


def test_the_tagger_tells_the_verb_book_from_the_noun():
    net = create("bilstm-tagger-en")
    verb = net.predict_text("they book a room .").argmax(-1)
    noun = net.predict_text("the book was old .").argmax(-1)
    assert net.class_names[verb[1]] == "VERB" and net.class_names[noun[1]] == "NOUN"


def test_a_file_that_is_not_the_sidecars_is_refused(tmp_path):
    info = trained_text_info("gru-sentiment-en")
    shutil.copy(info.path, tmp_path / info.path.name)
    meta = json.loads((models_dir() / "gru-sentiment-en.text.json").read_text(encoding="utf-8"))
    (tmp_path / "gru-sentiment-en.text.json").write_text(
        json.dumps({**meta, "sha256": "0" * 64}), encoding="utf-8")
    net = TrainedSequenceModel(trained="gru-sentiment-en", folder=tmp_path)
    assert net.vocabulary is not None  # read without Keras, before building
    with pytest.raises(ModelFileError, match="SHA-256"):
        net.build()


def test_damaged_sidecars_are_left_out(tmp_path):
    (tmp_path / "x.text.json").write_text("{", encoding="utf-8")
    (tmp_path / "y.text.json").write_text(json.dumps({"name": "y"}), encoding="utf-8")
    assert trained_text_models(tmp_path) == [] and trained_text_models(tmp_path / "no") == []


def test_retraining_on_other_classes_uses_the_preset_and_its_vocabulary():
    net = create("lstm-sentiment-vi")
    other = net.with_classes(2)
    assert other.options["cell"] == "lstm" and other.vocabulary == net.vocabulary
    assert other.classes == 2 and type(other).__name__ == "SequenceClassifier"
