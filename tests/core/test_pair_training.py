"""Training an encoder-decoder on sentence pairs: live attention, run directory, replay."""

from __future__ import annotations

import numpy as np
import pytest

from dlviz.core.data.pair_dataset import load_pair_data
from dlviz.core.data.pair_vocabulary import PairVocabulary
from dlviz.core.data.sentiment import load_sentiment
from dlviz.core.data.text_sets import read_run_vocabulary, write_run_vocabulary
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.registry import PROBES
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.data import DataRejected
from dlviz.core.training.events import EpochEnded, LiveFrame, TrainingStarted
from dlviz.core.training.rundir_reader import RunReader
from dlviz.core.training.rundir_writer import RunWriter
from dlviz.core.training.session import TrainingSession
from dlviz.core.zoo.seq2seq import Seq2SeqAttention
from dlviz.core.zoo.sequence import SequenceClassifier

TYPED = "the student reads a red book in the library yesterday"


@pytest.fixture(scope="module")
def phrases():
    return load_pair_data("phrases-en-vi", samples=120, seed=0)


def tiny_seq2seq(score="general"):
    net = Seq2SeqAttention(units=8, embedding_dim=8, score=score, bridge=False)
    return net, net.build()


def train(net, model, data, *, epochs=1, run_dir=None, text=None, lr=0.01, batch_size=16,
          share=0.5):
    events, control = [], TrainingControl()
    if text is not None:
        control.request_text(text)  # as the app pins the sentence typed
    writer = None
    if run_dir is not None:
        writer = RunWriter(run_dir, config=TrainingConfig(data=DataSpec(data.name)),
                           model_source="dates-attention", class_names=data.class_names)
        write_run_vocabulary(run_dir, data.vocabulary)

    def emit(event):
        events.append(event)
        if writer is not None:
            writer(event)

    config = TrainingConfig(data=DataSpec(data.name), epochs=epochs, batch_size=batch_size,
                            learning_rate=lr)
    session = TrainingSession(model, data, config, emit=emit, control=control, zoo_model=net,
                              on_epoch_end=() if writer is None else (writer.checkpoint,),
                              budget=ProbeBudget(share, max_fps=1e6))
    try:
        stopped = session.run()
    finally:
        if writer is not None:
            writer.close()
    return stopped, events, session


def test_live_attention_of_the_pinned_sentence_and_its_replay(phrases, tmp_path):
    net, model = tiny_seq2seq()
    stopped, events, session = train(net, model, phrases, run_dir=tmp_path, text=TYPED)
    assert stopped.reason == "finished", stopped.message
    started = next(e for e in events if isinstance(e, TrainingStarted))
    assert started.samples == len(phrases.y_train) - int(len(phrases.y_train) * 0.1)
    assert any("reads and writes the phrases-en-vi vocabularies" in n for n in started.notes)
    maps = [e.results["attention"] for e in events
            if isinstance(e, LiveFrame) and "attention" in e.results]
    assert maps, "no live frame carried the attention of the pinned sentence"
    for found in maps:
        assert isinstance(found, AttentionMap) and found.text == TYPED
        assert found.source_tokens == tuple(TYPED.split())
        assert found.weights.shape[1:] == (len(found.output_tokens), len(found.source_tokens))
        np.testing.assert_allclose(found.weights.sum(axis=-1), 1.0, atol=1e-5)
    # The gradient kinds read both inputs; the one-input text kinds are off, with reasons.
    norms = next(e.results["gradient_norms"] for e in events
                 if isinstance(e, LiveFrame) and "gradient_norms" in e.results)
    assert "attention" in " ".join(norms.norms) or len(norms.norms) >= 5
    assert all(np.isfinite(v) for v in norms.norms.values())
    notes = " ".join(session.callback.probes.notes)
    assert "live gates off" in notes and "2 inputs" in notes

    reader = RunReader(tmp_path)
    replayed = [reader.load_snapshot(path).results.get("attention")
                for _step, path in reader.snapshots()]
    replayed = [found for found in replayed if found is not None]
    assert replayed and all(found.text == TYPED for found in replayed)
    np.testing.assert_allclose(replayed[-1].weights.sum(axis=-1), 1.0, atol=1e-5)
    vocabulary = read_run_vocabulary(tmp_path)
    assert isinstance(vocabulary, PairVocabulary) and vocabulary == phrases.vocabulary
    assert reader.latest_checkpoint() is not None


def test_the_sample_sentence_without_a_typed_one(phrases):
    net, model = tiny_seq2seq("dot")
    _stopped, events, _session = train(net, model, phrases)
    texts = {e.results["attention"].text for e in events
             if isinstance(e, LiveFrame) and "attention" in e.results}
    assert texts <= {phrases.sample_text}
    assert texts, "the test part's first source sentence is shown until one is typed"


def test_pairs_and_one_input_models_refuse_each_other(phrases):
    classifier = SequenceClassifier(units=4, embedding_dim=4)
    with pytest.raises(DataRejected, match="encoder-decoder"):
        TrainingSession(classifier.build(), phrases, TrainingConfig(epochs=1), emit=list,
                        zoo_model=classifier).run()
    net, model = tiny_seq2seq()
    sentiment = load_sentiment("en", n=60, seed=0)
    with pytest.raises(DataRejected, match="sentence pairs"):
        TrainingSession(model, sentiment, TrainingConfig(epochs=1), emit=list,
                        zoo_model=net).run()


def test_a_model_file_refuses_ids_it_cannot_read(phrases):
    _net, model = tiny_seq2seq()  # 100 placeholder source ids; not a library model now
    data = load_pair_data("phrases-vi-en", samples=400, seed=1)
    with pytest.raises(DataRejected, match="ids up to"):
        TrainingSession(model, data, TrainingConfig(epochs=1), emit=list).run()


@pytest.mark.slow
def test_loss_falls_and_the_typed_date_sharpens_from_uniform():
    import keras

    keras.utils.set_random_seed(0)
    data = load_pair_data("dates", samples=1200, seed=0)
    net = Seq2SeqAttention(units=32, embedding_dim=16, score="general", bridge=False)
    typed = "ngày 10 tháng 3 năm 1987"
    stopped, events, session = train(net, net.build(), data, epochs=4, batch_size=32,
                                     text=typed, share=0.5)
    assert stopped.reason == "finished", stopped.message
    losses = [e.logs["loss"] for e in events if isinstance(e, EpochEnded)]
    assert len(losses) == 4 and losses[-1] < 0.6 * losses[0], losses
    maps = [e.results["attention"].head(0) for e in events
            if isinstance(e, LiveFrame) and "attention" in e.results]
    sharpness = [float(w.max(axis=-1).mean()) for w in maps]
    assert sharpness[0] < 0.3, sharpness                # six tokens: uniform is 1/6 each
    assert max(sharpness) > sharpness[0] + 0.3, sharpness
    # The trained model, asked afterwards: "19.." is read from "1987".
    final = PROBES["attention"].compute(session.model, typed, vocabulary=data.vocabulary)
    assert final.source_tokens[5] == "1987"
    assert list(final.head(0)[:2].argmax(axis=-1)) == [5, 5], final.head(0).round(2)
