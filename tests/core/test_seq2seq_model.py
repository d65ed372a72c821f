"""Seq2SeqAttention: named layers, the seven methods, a safe-mode round trip."""

import numpy as np
import pytest

from dlviz.core.data.dates import date_pairs
from dlviz.core.data.pair_vocabulary import PairVocabulary, encode_pairs
from dlviz.core.prescan_errors import ModelFileError
from dlviz.core.zoo import create
from dlviz.core.zoo.seq2seq import Seq2SeqAttention

PAIRS = date_pairs(64, seed=11)
VOCAB = PairVocabulary.build(PAIRS)


def tiny(**options):
    return Seq2SeqAttention(vocabulary=VOCAB, units=6, embedding_dim=4, **options)


def test_layers_are_named_for_what_they_do():
    model = tiny(score="additive").build()
    assert [t.name for t in model.inputs] == ["source", "target_in"]
    names = [layer.name for layer in model.layers]
    for name in ("source_embedding", "target_embedding", "encoder_lstm", "decoder_lstm",
                 "attention", "attention_concat", "attentional_state", "next_token"):
        assert name in names
    assert model.get_layer("attention").score == "additive"
    assert model.get_layer("next_token").units == len(VOCAB.target)
    x, t_in, _ = encode_pairs(PAIRS[:3], VOCAB)
    out = model.predict([x, t_in], verbose=0)
    assert out.shape == (3, t_in.shape[1], len(VOCAB.target))
    np.testing.assert_allclose(out.sum(-1), 1.0, atol=1e-5)


def test_bidirectional_gru_encoder_doubles_the_decoder():
    model = tiny(cell="gru", bidirectional=True, bridge=True, score="dot").build()
    assert model.get_layer("encoder_bi_gru").forward_layer.units == 6
    assert model.get_layer("decoder_gru").units == 12       # dot needs equal sizes


def test_seven_methods_train_test_save_load(tmp_path):
    net = tiny(score="cosine")
    assert net.summary().total_params > 0
    x, t_in, t_out = encode_pairs(PAIRS, VOCAB)
    history = net.train([x, t_in], t_out, epochs=2, batch_size=32)
    assert history["loss"][1] < history["loss"][0]
    assert set(net.test([x, t_in], t_out)) >= {"loss", "accuracy"}
    path = net.save(tmp_path / "dates.keras")
    back = Seq2SeqAttention.load(path)
    assert back.vocabulary == VOCAB
    assert {k: back.options[k] for k in ("cell", "score", "bridge", "bidirectional", "units")} \
        == {"cell": "lstm", "score": "cosine", "bridge": False, "bidirectional": False,
            "units": 6}
    np.testing.assert_array_equal(net.model.predict([x, t_in], verbose=0),
                                  back.model.predict([x, t_in], verbose=0))
    assert back.translate("10/03/87") == net.translate("10/03/87")


def test_load_reads_bridge_and_direction_from_the_graph(tmp_path):
    net = tiny(cell="gru", bidirectional=True, bridge=True, score="general")
    back = Seq2SeqAttention.load(net.save(tmp_path / "bi.keras"))
    assert back.options["bridge"] is True and back.options["bidirectional"] is True
    assert back.options["cell"] == "gru"


def test_other_files_are_refused_in_words(tmp_path):
    from dlviz.core.zoo.sequence import SequenceClassifier

    path = SequenceClassifier(units=4, vocabulary_size=20).save(tmp_path / "clf.keras")
    with pytest.raises(ModelFileError, match="not an encoder-decoder with attention"):
        Seq2SeqAttention.load(path)
    with pytest.raises(ValueError, match="score must be one of"):
        Seq2SeqAttention(score="bahdanau")
    with pytest.raises(TypeError, match="PairVocabulary"):
        Seq2SeqAttention(vocabulary=VOCAB.source)


def test_library_presets_take_a_score():
    net = create("dates-attention", score="additive", vocabulary=VOCAB, units=4)
    assert isinstance(net, Seq2SeqAttention) and net.options["score"] == "additive"
    assert net.build().get_layer("attention").score == "additive"
    assert create("seq2seq-bigru-attention").options["bidirectional"] is True
    assert net.with_vocabulary(VOCAB).options["score"] == "additive"


def test_padding_is_left_out_of_loss_and_accuracy():
    net = tiny(score="dot")
    net.compile()
    x, t_in, t_out = encode_pairs(PAIRS, VOCAB)
    wide = encode_pairs(PAIRS, VOCAB, source_length=x.shape[1] + 5,
                        target_length=t_in.shape[1] + 5)
    tight = net.test([x, t_in], t_out, batch_size=64)
    padded = net.test(list(wide[:2]), wide[2], batch_size=64)
    assert padded["loss"] == pytest.approx(tight["loss"], rel=1e-5)
    assert padded["accuracy"] == pytest.approx(tight["accuracy"], rel=1e-5)
