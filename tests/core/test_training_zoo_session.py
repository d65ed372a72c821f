"""The session trains a library model its own way: its compile arguments, a head sized
to the data; a model file with other outputs is refused, its frozen layers kept."""

import numpy as np
import pytest

from _training_models import Recorder, bright_dark, tiny_cnn
from dlviz.core.data import Dataset
from dlviz.core.kerasenv import import_keras
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.data import DataRejected
from dlviz.core.training.session import TrainingSession
from dlviz.core.zoo import create

keras = import_keras()


def two_classes(n: int, shape, seed: int = 0) -> Dataset:
    """Dark and bright random images of ``shape``: class 1 is the bright one."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    x = (rng.random((n, *shape)) * 0.5 + 0.5 * y[:, None, None, None]).astype(np.float32)
    return Dataset(x, y.astype(np.int64), x[:4].copy(), y[:4].astype(np.int64),
                   ("dark", "bright"))


def config(**changes):
    settings = dict(epochs=1, batch_size=8, validation_split=0.5, optimizer="sgd",
                    learning_rate=0.01)
    return TrainingConfig(**{**settings, **changes})


def test_googlenet_mini_trains_with_its_own_head_weights_and_the_chosen_optimizer():
    net = create("googlenet-mini", classes=2)
    net.build()
    session = TrainingSession(net.model, two_classes(16, net.input_shape), config(),
                              emit=lambda e: None, zoo_model=net)
    result = session.run()
    assert result.reason == "finished", result.message
    compiled = session.model
    assert compiled.get_compile_config()["loss_weights"] == {
        "main": 1.0, "aux1": 0.3, "aux2": 0.3}
    logs = result.final_logs
    # The loss Keras minimised is the weighted sum of the heads' losses.
    weighted = logs["val_main_loss"] + 0.3 * (logs["val_aux1_loss"] + logs["val_aux2_loss"])
    assert logs["val_loss"] == pytest.approx(weighted, rel=1e-4)
    assert isinstance(compiled.optimizer, keras.optimizers.SGD)
    assert float(compiled.optimizer.learning_rate) == pytest.approx(0.01)


def test_a_library_model_is_rebuilt_with_the_datas_classes_and_says_so():
    net = create("lenet5-modern")
    net.build()
    record = Recorder()
    session = TrainingSession(net.model, two_classes(32, net.input_shape), config(),
                              emit=record, zoo_model=net)
    result = session.run()
    assert result.reason == "finished", result.message
    started = record.of("TrainingStarted")[0]
    assert "LeNet-5 rebuilt with 2 outputs for this data (was 10)" in started.notes[0]
    assert session.model is not net.model
    assert session.model.layers[-1].units == 2 and session.model.name == "lenet5_modern"
    assert session.zoo_model.classes == 2 and session.zoo_model.options == {"modern": True}
    assert session.class_names == ("dark", "bright")
    # The first batch's loss is that of a two-way guess (ln 2), not a ten-way one (ln 10).
    assert record.of("BatchEnded")[0].loss < 1.2


def test_the_rebuilt_model_starts_from_the_old_weights():
    from dlviz.core.training.heads import fit_head

    net = create("lenet5")
    net.build()
    model, zoo_model, note = fit_head(net.model, net, two_classes(8, net.input_shape))
    assert note.startswith("LeNet-5 rebuilt with 2 outputs for this data (was 10)")
    for name in ("c1_conv", "c3_conv", "c5_conv", "f6_dense"):
        for old, new in zip(net.model.get_layer(name).get_weights(),
                            model.get_layer(name).get_weights()):
            np.testing.assert_array_equal(old, new)
    assert model.get_layer("predictions").get_weights()[0].shape == (84, 2)
    assert zoo_model.model is model and zoo_model.classes == 2


def test_a_model_file_whose_outputs_do_not_match_the_data_is_refused():
    record, model = Recorder(), tiny_cnn(classes=3)
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(DataRejected) as caught:
        TrainingSession(model, bright_dark(), config(), emit=record).run()
    message = str(caught.value)
    assert "3 outputs" in message and "2 classes" in message
    assert record.events == []
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_default_training_keeps_a_saved_files_frozen_layer(tmp_path):
    from dlviz.core.modelio import load_model, save_model

    model = tiny_cnn()
    model.get_layer("conv").trainable = False
    path = save_model(model, tmp_path / "frozen.keras")
    loaded = load_model(path)
    assert loaded.get_layer("conv").trainable is False
    conv = [w.copy() for w in loaded.get_layer("conv").get_weights()]
    hidden = [w.copy() for w in loaded.get_layer("hidden").get_weights()]
    record = Recorder()
    result = TrainingSession(loaded, bright_dark(), config(optimizer="adam"),
                             emit=record).run()
    assert result.reason == "finished"
    assert loaded.get_layer("conv").trainable is False
    assert all(layer.trainable for layer in loaded.layers if layer.name != "conv")
    for a, b in zip(conv, loaded.get_layer("conv").get_weights()):
        np.testing.assert_array_equal(a, b)
    assert any(not np.array_equal(a, b)
               for a, b in zip(hidden, loaded.get_layer("hidden").get_weights()))
    assert "kept the model's own frozen layers: conv" in record.of("TrainingStarted")[0].notes


def test_only_an_explicit_choice_changes_a_files_flags(tmp_path):
    model = tiny_cnn()
    model.get_layer("conv").trainable = False
    TrainingSession(model, bright_dark(), config(freeze_first=2), emit=lambda e: None).run()
    assert [layer.trainable for layer in model.layers[1:]] == [False, False, True, True, True]
    TrainingSession(model, bright_dark(), config(), emit=lambda e: None).run()
    assert [layer.trainable for layer in model.layers[1:]] == [False, True, True, True, True]
    TrainingSession(model, bright_dark(), config(unfreeze=True), emit=lambda e: None).run()
    assert all(layer.trainable for layer in model.layers)


def test_a_keras_application_keeps_its_backbone_weights_under_a_new_head(tmp_path):
    from dlviz.core.training.heads import fit_head
    from dlviz.core.zoo.applications import ImageNetMobileNet

    source = ImageNetMobileNet(weights="random", input_shape=(64, 64, 3), classes=5)
    path = tmp_path / "mine.weights.h5"
    source.build().save_weights(path)
    net = ImageNetMobileNet(weights=str(path), input_shape=(64, 64, 3), classes=5)
    net.build()
    model, zoo_model, note = fit_head(net.model, net, two_classes(8, (64, 64, 3)))
    assert note.startswith("MobileNet, ImageNet rebuilt with 2 outputs for this data (was 5)")
    assert tuple(model.outputs[0].shape) == (None, 2) and zoo_model.classes == 2
    for name in ("conv1", "conv_pw_13"):
        for old, new in zip(net.model.get_layer(name).get_weights(),
                            model.get_layer(name).get_weights()):
            np.testing.assert_array_equal(old, new)
