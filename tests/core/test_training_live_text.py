"""Live gates while a sequence model trains: the pinned sentence, the budget, snapshots."""

import threading

import numpy as np
import pytest

from _training_models import Recorder, tiny_cnn
from dlviz.core.data.sentiment import load_sentiment
from dlviz.core.probes.sequence_results import GradientThroughTime
from dlviz.core.probes.text_probes import SAMPLE_SENTENCE
from dlviz.core.probes.text_results import SequenceGates
from dlviz.core.training import live_callback
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.live_callback import LiveCallback
from dlviz.core.training.live_probes import LiveProbes
from dlviz.core.training.rundir_reader import RunReader
from dlviz.core.training.rundir_writer import RunWriter
from dlviz.core.zoo.sequence import SequenceClassifier


@pytest.fixture(scope="module")
def sentiment():
    return load_sentiment("en", n=160, seed=0)


def lstm_classifier(data):
    net = SequenceClassifier(vocabulary=data.vocabulary, units=6, embedding_dim=6,
                             memory_bias=3.0)
    model = net.build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def fit(model, data, control, *, epochs=2, budget=None, on_batch=None):
    record = Recorder()
    probes = LiveProbes(model, data.x_train[:8], data.y_train[:8], control=control,
                        vocabulary=data.vocabulary, class_names=data.class_names)
    callback = LiveCallback(record, probes=probes, control=control,
                            budget=budget or ProbeBudget(0.9, max_fps=1e6), batch_size=32,
                            samples=len(data.y_train))
    extra = [] if on_batch is None else [on_batch]
    model.fit(data.x_train, data.y_train, batch_size=32, epochs=epochs, verbose=0,
              callbacks=[callback, *extra])
    return record.of("LiveFrame"), probes


def test_the_pinned_sentence_is_latest_wins_and_apart_from_the_image():
    control = TrainingControl()
    assert control.take_text_request() is None and not control.input_pending
    control.request_probe(np.zeros((4, 4, 1)), "picture")
    control.request_text("first")
    control.request_text("second")
    assert control.text_pending and control.input_pending
    assert control.take_text_request().text == "second"
    assert control.take_text_request() is None
    assert control.probe_pending and control.take_probe_request().name == "picture"
    assert not control.input_pending
    with pytest.raises(TypeError):
        control.request_text(b"bytes")


def test_frames_carry_the_gates_of_the_sample_then_of_the_typed_sentence(sentiment):
    model, control = lstm_classifier(sentiment), TrainingControl()
    seen = []

    class TypeMidway(live_callback.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(batch)
            if len(seen) == 3:  # typed from the GUI thread while the model trains
                worker = threading.Thread(target=control.request_text,
                                          args=("the film was not good",))
                worker.start()
                worker.join()

    frames, probes = fit(model, sentiment, control, on_batch=TypeMidway())
    texts = [f.results["gates"].text for f in frames if "gates" in f.results]
    assert texts[0] == SAMPLE_SENTENCE and texts[-1] == "the film was not good"
    assert not control.text_pending
    last = next(f.results for f in reversed(frames) if "gates" in f.results)
    gates = last["gates"]
    assert isinstance(gates, SequenceGates) and gates.layers == ("lstm_1",)
    trace = gates.traces[0]
    assert trace.tokens == ("the", "film", "was", "not", "good")
    assert set(trace.gates) == {"i", "f", "g", "o", "c", "h"}
    assert trace.gates["h"].shape == (1, 5, 6)
    assert gates.prediction_kind == "classes" and gates.class_names == sentiment.class_names
    # The gradient through time joins a gates frame once a second (KIND_SECONDS),
    # and at once for a new sentence.
    gradient = next(f.results["gradient_through_time"] for f in reversed(frames)
                    if "gradient_through_time" in f.results)
    assert isinstance(gradient, GradientThroughTime) and gradient.norms.shape == (1, 5)
    assert gradient.tokens == ("the", "film", "was", "not", "good")
    assert np.all(gradient.norms > 0)
    # One group, priced once by the budget.
    assert probes.kinds[-1] == "text" and probes.text_groups == ("text",)


def test_a_sentence_typed_while_paused_is_answered_at_once(sentiment):
    model, control = lstm_classifier(sentiment), TrainingControl()
    answered = []

    class PauseAndType(live_callback.keras.callbacks.Callback):
        # Runs before the live callback's own batch end (callbacks run in
        # order): pause, then a person types while nothing trains.
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1 and not answered:
                control.pause()
                control.request_text("bad")

                def resume_when_answered():
                    while control.text_pending:
                        threading.Event().wait(0.01)
                    answered.append(True)
                    control.resume()

                threading.Thread(target=resume_when_answered).start()

    record = Recorder()
    probes = LiveProbes(model, sentiment.x_train[:8], sentiment.y_train[:8], control=control,
                        vocabulary=sentiment.vocabulary)
    # No budget at all: only the pause answers.
    callback = LiveCallback(record, probes=probes, control=control,
                            budget=ProbeBudget(0.0), batch_size=32)
    model.fit(sentiment.x_train, sentiment.y_train, batch_size=32, epochs=1, verbose=0,
              callbacks=[PauseAndType(), callback])
    frames = record.of("LiveFrame")
    assert answered and len(frames) == 1
    assert frames[0].results["gates"].tokens == ("bad",)


def test_text_that_cannot_be_read_says_why_and_training_goes_on(sentiment):
    model, control = lstm_classifier(sentiment), TrainingControl()
    control.request_text("   ")
    frames, probes = fit(model, sentiment, control, epochs=1)
    assert frames and all("gates" not in f.results for f in frames)
    assert probes.text_problem and "text" not in probes.disabled
    probes.set_text("good")
    assert probes.compute("text")["gates"].tokens == ("good",)
    assert probes.text_problem is None


def test_an_image_model_has_no_text_group_and_ignores_a_pinned_sentence():
    control = TrainingControl()
    control.request_text("not for pictures")
    probes = LiveProbes(tiny_cnn(), np.zeros((2, 8, 8, 1), np.float32), np.zeros(2, int),
                        control=control)
    assert "gates" in probes.disabled and "text" not in probes.kinds
    assert probes.urgent_groups(control) == ()


def test_a_frame_with_gates_replays_from_the_run_directory(sentiment, tmp_path):
    model, control = lstm_classifier(sentiment), TrainingControl()
    control.request_text("không tệ the film")
    frames, _ = fit(model, sentiment, control, epochs=1)
    frame = next(f for f in frames if "gates" in f.results)
    with RunWriter(tmp_path / "run", config=TrainingConfig(epochs=1),
                   model_source="lstm-sentiment", tensorboard=False) as writer:
        writer(frame)
    (step, path), = RunReader(tmp_path / "run").snapshots()
    again = RunReader.load_snapshot(path)
    assert step == frame.global_step and set(again.results) == set(frame.results)
    gates, stored = frame.results["gates"], again.results["gates"]
    assert stored.text == gates.text and stored.tokens == gates.tokens
    assert stored.notes == gates.notes and stored.class_names == gates.class_names
    np.testing.assert_array_equal(stored.prediction, gates.prediction)
    for before, after in zip(gates.traces, stored.traces, strict=True):
        assert (after.layer, after.kind, after.direction) == \
            (before.layer, before.kind, before.direction)
        assert after.tokens == before.tokens and set(after.gates) == set(before.gates)
        for name, values in before.gates.items():
            np.testing.assert_array_equal(after.gates[name], values)
        np.testing.assert_array_equal(after.mask, before.mask)
    gradient = again.results["gradient_through_time"]
    np.testing.assert_array_equal(gradient.norms, frame.results["gradient_through_time"].norms)
    assert gradient.tokens == frame.results["gradient_through_time"].tokens


def test_a_training_session_reads_the_pinned_sentence_with_the_datas_vocabulary(sentiment):
    from dlviz.core.training.session import TrainingSession

    record, control = Recorder(), TrainingControl()
    control.request_text("the film was good")
    TrainingSession(lstm_classifier(sentiment), sentiment,
                    TrainingConfig(epochs=1, batch_size=32, validation_split=0.0),
                    emit=record, control=control, budget=ProbeBudget(0.9, max_fps=1e6)).run()
    gates = [f.results["gates"] for f in record.of("LiveFrame") if "gates" in f.results]
    assert gates and gates[-1].tokens == ("the", "film", "was", "good")
    assert not any("vocabulary" in note for note in gates[-1].notes)
    words = ["the", "film", "was", "good"]
    assert gates[-1].ids.tolist() == sentiment.vocabulary.ids(words).tolist()


@pytest.mark.parametrize("cell, tagger", [("lstm", False), ("gru", True)])
def test_the_compiled_passes_give_the_eager_probes_results(sentiment, cell, tagger):
    from dlviz.core.probes.compiled_text import CompiledText
    from dlviz.core.probes.registry import PROBES
    from dlviz.core.zoo.sequence import SequenceTagger

    kind = SequenceTagger if tagger else SequenceClassifier
    model = kind(vocabulary=sentiment.vocabulary, cell=cell, bidirectional=tagger,
                 units=5, embedding_dim=4).build()
    compiled = CompiledText(model)
    for text in ("the film was not good", "bad", "the film was not bad at all , it was good"):
        eager = PROBES["gates"].compute(model, text, vocabulary=sentiment.vocabulary)
        fast = PROBES["gates"].compute(model, text, vocabulary=sentiment.vocabulary,
                                       predict=compiled.predict)
        np.testing.assert_allclose(fast.prediction, eager.prediction, atol=1e-6)
        assert fast.prediction_kind == eager.prediction_kind
        eager = PROBES["gradient_through_time"].compute(model, text,
                                                        vocabulary=sentiment.vocabulary)
        fast = PROBES["gradient_through_time"].compute(
            model, text, vocabulary=sentiment.vocabulary, gradient=compiled.gradient)
        np.testing.assert_allclose(fast.norms, eager.norms, rtol=1e-5, atol=1e-9)
        np.testing.assert_array_equal(fast.mask, eager.mask)
        assert fast.loss == pytest.approx(eager.loss, rel=1e-5)
        assert (fast.target, fast.input_kind, fast.tokens, fast.note) == \
            (eager.target, eager.input_kind, eager.tokens, eager.note)


def test_a_masked_feature_model_takes_the_eager_gradient():
    from dlviz.core.probes.compiled_text import CompiledText
    from dlviz.core.probes.gradient_time import gradient_through_time

    keras = live_callback.keras
    inputs = keras.Input((None, 2))
    x = keras.layers.Masking()(inputs)
    x = keras.layers.LSTM(3)(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
    steps = np.array([[[0.5, 1.0], [1.0, -1.0], [0.0, 0.0]]], np.float32)
    fast = CompiledText(model).gradient(model, steps)
    eager = gradient_through_time(model, steps)
    np.testing.assert_array_equal(fast.mask, [[True, True, False]])
    np.testing.assert_allclose(fast.norms, eager.norms, rtol=1e-6)
