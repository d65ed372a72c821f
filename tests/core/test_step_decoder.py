"""The compiled step-wise decode writes exactly what the whole-model loop writes."""

from pathlib import Path

import numpy as np
import pytest

from dlviz.core.data.dates import date_pairs
from dlviz.core.data.pair_vocabulary import END, PairVocabulary
from dlviz.core.kerasenv import import_keras
from dlviz.core.probes import step_decoder as steps
from dlviz.core.probes.seq2seq_attention import (
    _extractor,
    greedy_decode,
    seq2seq_attention,
    whole_model_decode,
)
from dlviz.core.zoo.seq2seq import Seq2SeqAttention

keras = import_keras()
VOCAB = PairVocabulary.build(date_pairs(300, seed=4))
MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"
TEXTS = ("Tuesday, 10 March 1987", "ngày 10 tháng 3 năm 1987", "zebra 🎉")


def _same_as_whole_model(model, vocabulary, text, max_length, jit_compile=False):
    """greedy_decode (step-wise) against the whole-model loop; the tokens written."""
    ids = vocabulary.source.ids(vocabulary.tokenize(text))
    tokens, weights = greedy_decode(model, ids, vocabulary.target, max_length, jit_compile)
    source = ids[None].astype(np.int32)
    fixed = model.inputs[0].shape[1]
    if fixed is not None:
        source = source[:, :int(fixed)]
        source = np.pad(source, [(0, 0), (0, int(fixed) - source.shape[1])])
    start, end = vocabulary.target.ids(["<start>", END])
    written, want = whole_model_decode(model, source, int(start), int(end), max_length)
    assert tokens == [vocabulary.target.tokens[i] for i in written]
    np.testing.assert_allclose(weights, want[:, :min(len(ids), source.shape[1])],
                               rtol=0, atol=1e-5)
    assert steps.step_decoder(model).checked     # really decoded step by step
    return tokens


def _sharpened(model, end_bias: float = -4.0):
    """Random weights often write <end> first: push it down, sharpen the softmax."""
    dense = model.get_layer("next_token")
    kernel, bias = dense.get_weights()
    bias[VOCAB.end_id] = end_bias
    dense.set_weights([kernel * 8, bias])
    return model


@pytest.mark.parametrize("score", ["dot", "general", "additive", "cosine"])
def test_shipped_date_models_decode_the_same_step_by_step(score):
    net = Seq2SeqAttention.load(MODELS / f"dates-attention-{score}.keras")
    for text in TEXTS:
        tokens = _same_as_whole_model(net.model, net.vocabulary, text, 12)
        assert tokens[-1] == END
    # XLA (live frames) too.
    tokens = _same_as_whole_model(net.model, net.vocabulary, TEXTS[0], 12, jit_compile=True)
    assert "".join(tokens[:-1]) == "1987-03-10"


@pytest.mark.parametrize("options", [
    dict(score="additive"),
    dict(cell="gru", bidirectional=True, bridge=True, score="general"),
    dict(cell="lstm", bidirectional=True, bridge=True, score="cosine"),
])
def test_random_models_decode_the_same_step_by_step(options):
    keras.utils.set_random_seed(5)
    model = _sharpened(Seq2SeqAttention(vocabulary=VOCAB, units=8, embedding_dim=4,
                                        **options).build())
    tokens = _same_as_whole_model(model, VOCAB, "Tuesday, 10 March 1987", 12)
    assert len(set(tokens)) > 1                  # several steps of different tokens
    first = _same_as_whole_model(model, VOCAB, "Tuesday, 10 March 1987", 1)   # max_length 1
    assert first == tokens[:1]
    # XLA pads the source to 16 positions (masked): the same tokens and weights,
    # the bidirectional encoder's backward half included.
    assert _same_as_whole_model(model, VOCAB, "Tuesday, 10 March 1987", 12,
                                jit_compile=True) == tokens


def test_a_fixed_length_encoder_and_a_decoder_that_never_ends():
    keras.utils.set_random_seed(2)
    fixed = _sharpened(Seq2SeqAttention((6,), vocabulary=VOCAB, units=4,
                                        embedding_dim=3).build(), end_bias=-50.0)
    short = _same_as_whole_model(fixed, VOCAB, "10 March 1987", 9)
    long = _same_as_whole_model(fixed, VOCAB, "thứ Ba, ngày 10/03/1987 và hơn nữa", 9)
    assert len(short) == len(long) == 9 and END not in short + long
    assert _same_as_whole_model(fixed, VOCAB, "10 March 1987", 9, jit_compile=True) == short
    found = seq2seq_attention(fixed, "10 March 1987", vocabulary=VOCAB, max_length=9)
    assert found.weights.shape == (1, 9, 3)
    assert any("did not write <end> within 9" in note for note in found.notes)


def test_the_decoder_follows_the_weights_as_they_change():
    keras.utils.set_random_seed(3)
    model = _sharpened(Seq2SeqAttention(vocabulary=VOCAB, units=8, embedding_dim=4).build())
    before = _same_as_whole_model(model, VOCAB, "10 March 1987", 8)
    dense = model.get_layer("next_token")
    kernel, bias = dense.get_weights()
    dense.set_weights([kernel[:, ::-1].copy(), bias[::-1].copy()])   # as training would
    after = _same_as_whole_model(model, VOCAB, "10 March 1987", 8)
    assert after != before


def test_a_model_built_otherwise_keeps_the_whole_model_loop():
    layers = keras.layers
    from dlviz.core.layers.attention import ScoreAttention

    keras.utils.set_random_seed(4)
    source = keras.Input((None,), dtype="int32", name="source")
    target_in = keras.Input((None,), dtype="int32", name="target_in")
    encoded = layers.LSTM(6, return_sequences=True)(
        layers.Embedding(len(VOCAB.source), 4, mask_zero=True)(source))
    decoded = layers.LSTM(6, return_sequences=True)(
        layers.Embedding(len(VOCAB.target), 4, mask_zero=True)(target_in))
    normal = layers.LayerNormalization()(decoded)   # not a step the decoder knows
    context, _ = ScoreAttention("dot", name="attention")([normal, encoded])
    joined = layers.Concatenate()([normal, context])
    model = keras.Model([source, target_in],
                        layers.Dense(len(VOCAB.target), activation="softmax")(joined))
    with pytest.raises(steps.NotStepwise, match="not one forward recurrent layer"):
        steps.step_decoder(model)
    ids = VOCAB.source.encode("10 March 1987")
    tokens, weights = greedy_decode(model, ids, VOCAB.target, 5)
    written, want = whole_model_decode(model, ids[None].astype(np.int32), VOCAB.start_id,
                                       VOCAB.end_id, 5)
    assert tokens == [VOCAB.target.tokens[i] for i in written]
    np.testing.assert_array_equal(weights, want)


def test_a_step_wise_pass_that_disagrees_is_dropped_for_good():
    keras.utils.set_random_seed(6)
    model = _sharpened(Seq2SeqAttention(vocabulary=VOCAB, units=4, embedding_dim=3).build())
    whole = _extractor(model)
    source = VOCAB.source.encode("10 March 1987")[None].astype(np.int32)

    def wrong(first, target_in):
        probabilities, weights = whole(first, target_in)
        return probabilities, np.asarray(weights) + 1e-3   # one step-wise pass would not

    with pytest.raises(steps.NotStepwise, match="other weights"):
        steps.decode_checked(model, wrong, source, VOCAB.start_id, VOCAB.end_id, 6)
    with pytest.raises(steps.NotStepwise, match="other weights"):
        steps.step_decoder(model)
    tokens, _ = greedy_decode(model, source[0], VOCAB.target, 6)   # the loop, still right
    assert len(tokens) >= 1


def test_a_model_whose_layers_were_called_again_still_decodes_step_by_step():
    keras.utils.set_random_seed(7)
    model = _sharpened(Seq2SeqAttention(vocabulary=VOCAB, units=8, embedding_dim=4).build())
    from dlviz.core.probes.graph import traced_outputs

    traced_outputs(model, [])   # as the training step's twin does: a second node each
    assert len(model.get_layer("next_token")._inbound_nodes) == 2
    tokens = _same_as_whole_model(model, VOCAB, "10 March 1987", 8)
    assert len(tokens) >= 1
