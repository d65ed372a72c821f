"""CRNNs train on digit strings through the TrainingSession: CTC loss, live CTC frames,
and clear refusals of models that cannot learn strings."""

import numpy as np
import pytest

from dlviz.core.kerasenv import import_keras
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.data import DataRejected, load_training_data
from dlviz.core.training.events import LiveFrame, TrainingStopped
from dlviz.core.training.session import TrainingSession, compile_args
from dlviz.core.zoo import create
from dlviz.core.zoo.crnn import CRNN, ctc_loss_from_probabilities

keras = import_keras()
SPEC = DataSpec("digit-strings", samples=96)


@pytest.fixture(scope="module")
def strings():
    return load_training_data(SPEC, (32, 128, 1), None)


def test_digit_strings_load_for_a_crnn_only(strings):
    assert strings.x_train.shape == (96, 32, 128, 1) and strings.y_train.shape == (96, 6)
    assert "96 generated strings" in strings.notes[0]
    with pytest.raises(DataRejected, match="pick the CRNN"):
        load_training_data(SPEC, (32, 32, 1), None)
    with pytest.raises(DataRejected, match="need 11"):
        load_training_data(SPEC, (32, 128, 1), 10)


@pytest.mark.slow
def test_a_crnn_trains_with_ctc_and_shows_live_readings(strings):
    keras.utils.set_random_seed(1)
    net = CRNN(units=8, filters=(4, 8, 8))
    net.build()
    events = []
    # 12 batches, no frame-rate cap: every live group gets its turn (each new kind
    # runs alone once, to be priced).
    config = TrainingConfig(data=SPEC, epochs=2, batch_size=16, validation_split=0.0)
    stopped = TrainingSession(net.model, strings, config, emit=events.append, zoo_model=net,
                              budget=ProbeBudget(0.95, max_fps=0)).run()
    assert isinstance(stopped, TrainingStopped) and stopped.reason == "finished", stopped
    assert np.isfinite(stopped.final_logs["loss"])
    readings = [e.results["ctc"] for e in events if isinstance(e, LiveFrame)
                and "ctc" in e.results]
    assert readings and all(isinstance(r, CtcAlignment) for r in readings)
    assert readings[-1].source_name == f"training strip 0 (“{strings.texts_train[0]}”)"
    assert readings[-1].probabilities.shape == (32, 11)


def test_a_crnn_file_compiles_with_ctc_and_a_cnn_is_refused(strings):
    net = CRNN(units=8, filters=(4, 8, 8))
    assert compile_args(net.build())["loss"] is ctc_loss_from_probabilities
    lenet = create("lenet5")
    lenet.build()
    config = TrainingConfig(data=SPEC, epochs=1)
    with pytest.raises(DataRejected, match="digit strings"):
        data = load_training_data(SPEC, lenet.input_shape, None)
        TrainingSession(lenet.model, data, config, emit=lambda e: None).run()


def test_a_crnn_with_too_few_columns_is_refused(strings):
    narrow = CRNN(input_shape=(32, 40, 1), units=4, filters=(2, 2, 2))   # 10 columns
    narrow.build()
    from dlviz.core.training.ctc_session import check_ctc_training

    with pytest.raises(DataRejected, match="at least 11"):
        check_ctc_training(narrow.model, strings)


def test_ctc_loss_matches_keras_on_logits():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(3, 12, 5)).astype(np.float32)
    probabilities = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    labels = np.array([[1, 2, 0], [3, 3, 0], [4, 1, 2]])
    ours = np.asarray(ctc_loss_from_probabilities(labels, probabilities))
    theirs = np.asarray(keras.losses.CTC(reduction=None)(labels, logits))
    np.testing.assert_allclose(ours, theirs, rtol=1e-4)
