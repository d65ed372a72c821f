"""Training a captioner on captioned scenes through the training session: live captions,
a run directory that replays them, refusals in words."""

import numpy as np
import pytest

from dlviz.core.data.digits import load_digits_split
from dlviz.core.probes.caption_results import Caption
from dlviz.core.training.budget import ProbeBudget
from dlviz.core.training.config import DataSpec, TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.data import DataRejected, load_training_data
from dlviz.core.training.events import EpochEnded, LiveFrame, TrainingStarted
from dlviz.core.training.rundir_reader import RunReader
from dlviz.core.training.rundir_writer import RunWriter
from dlviz.core.training.session import TrainingSession
from dlviz.core.zoo.captioner import ShapeCaptioner
from dlviz.core.zoo.lenet import LeNet5

SMALL = dict(filters=(4, 8, 8), units=8, embedding_dim=8)


@pytest.fixture(scope="module")
def scenes():
    return load_training_data(DataSpec("scenes", samples=96), (64, 64, 3), None)


def train(net, data, *, epochs=1, run_dir=None, lr=0.01):
    events, control = [], TrainingControl()
    writer = None if run_dir is None else RunWriter(
        run_dir, config=TrainingConfig(data=DataSpec(data.name)), model_source="shape-captioner",
        class_names=data.class_names)

    def emit(event):
        events.append(event)
        if writer is not None:
            writer(event)

    session = TrainingSession(net.model, data, TrainingConfig(
        data=DataSpec(getattr(data, "name", "digits")), epochs=epochs, batch_size=16,
        learning_rate=lr),
        emit=emit, control=control, zoo_model=net, budget=ProbeBudget(0.5, max_fps=1e6),
        on_epoch_end=() if writer is None else (writer.checkpoint,))
    try:
        stopped = session.run()
    finally:
        if writer is not None:
            writer.close()
    return session, stopped, events


def test_scenes_load_as_two_inputs_and_word_labels(scenes):
    images, target_in = scenes.x_train
    assert images.shape[1:] == (64, 64, 3) and target_in.shape == scenes.y_train.shape
    assert scenes.name == "scenes-en" and scenes.num_classes == len(scenes.vocabulary)
    vi = load_training_data(DataSpec("scenes-vi", samples=8), (64, 64, 3), None)
    assert "hình" in vi.vocabulary and vi.x_train[1].shape[1] == 16


def test_a_captioner_learns_with_live_captions_of_a_held_out_scene(tmp_path, scenes):
    net = ShapeCaptioner(**SMALL)
    net.build()
    _session, stopped, events = train(net, scenes, epochs=3, run_dir=tmp_path / "run")
    assert stopped.reason == "finished", stopped.message
    losses = [e.logs["loss"] for e in events if isinstance(e, EpochEnded)]
    assert losses[-1] < losses[0]
    started = next(e for e in events if isinstance(e, TrainingStarted))
    assert started.samples < 96   # validation held out
    captions = [e.results["caption"] for e in events
                if isinstance(e, LiveFrame) and "caption" in e.results]
    assert captions and all(isinstance(c, Caption) for c in captions)
    last = captions[-1]
    assert last.source_name.startswith("held-out scene 0 (a ")
    np.testing.assert_array_equal(last.image, scenes.x_test[0][0])
    np.testing.assert_allclose(last.weights.sum(axis=(1, 2)), 1.0, rtol=1e-5)
    reader = RunReader(tmp_path / "run")
    replayed = [f for f in (reader.load_snapshot(path) for _step, path in reader.snapshots())
                if "caption" in f.results]
    assert replayed and replayed[-1].results["caption"].words == last.words


def test_a_library_captioner_is_rebuilt_for_vietnamese_captions():
    vi = load_training_data(DataSpec("scenes-vi", samples=32), (64, 64, 3), None)
    net = ShapeCaptioner(**SMALL)
    net.build()
    session, stopped, events = train(net, vi)
    assert stopped.reason == "finished", stopped.message
    assert session.zoo_model.vocabulary == vi.vocabulary
    started = next(e for e in events if isinstance(e, TrainingStarted))
    assert any("scenes-vi captions' 21 words" in note for note in started.notes)


def test_scenes_and_other_models_refuse_each_other_in_words(scenes):
    lenet = LeNet5(input_shape=(64, 64, 3), classes=10)
    lenet.build()
    with pytest.raises(DataRejected, match="captioned scenes for a captioner"):
        train(lenet, scenes)
    net = ShapeCaptioner(**SMALL)
    net.build()
    digits = load_digits_split()
    with pytest.raises(DataRejected, match="train it on scenes-en or scenes-vi"):
        train(net, digits)
    with pytest.raises(DataRejected, match="square RGB pictures"):
        load_training_data(DataSpec("scenes"), (28, 28, 1), None)
