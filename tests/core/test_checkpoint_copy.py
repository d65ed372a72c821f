"""Checkpoints copied on the engine thread and written on the disk thread are Keras's own files."""

import io
import json
import zipfile

import h5py
import numpy as np
import pytest
from _rundir_events import CONFIG

from dlviz.core.kerasenv import import_keras
from dlviz.core.modelio import ModelFileError, load_model, save_model
from dlviz.core.training import checkpoint_copy
from dlviz.core.training.checkpoint_copy import CheckpointCopier
from dlviz.core.training.rundir import RunReader, RunWriter, resume_from


def trained_model():
    keras = import_keras()
    inputs = keras.Input((8, 8, 1), name="input")
    x = keras.layers.Conv2D(2, 3, name="conv")(inputs)
    x = keras.layers.BatchNormalization(name="bn")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax", name="dense")(x))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.default_rng(0)
    model.train_on_batch(rng.random((4, 8, 8, 1), dtype=np.float32), np.array([0, 1, 2, 1]))
    return model


def weights_file(path):
    """Every group and dataset of a .keras file's weights: name -> (attrs, values)."""
    out = {}
    with zipfile.ZipFile(path) as zf, h5py.File(io.BytesIO(zf.read("model.weights.h5"))) as f:
        f.visititems(lambda name, obj: out.__setitem__(name, (
            dict(obj.attrs), obj[()] if isinstance(obj, h5py.Dataset) else None)))
    return out


def test_the_copied_file_is_the_file_keras_writes(tmp_path):
    model = trained_model()
    save_model(model, tmp_path / "keras.keras")
    copy = CheckpointCopier().copy(model)
    assert copy is not None
    copy.save(tmp_path / "copy.keras")

    with zipfile.ZipFile(tmp_path / "keras.keras") as a, zipfile.ZipFile(tmp_path / "copy.keras") as b:
        assert a.namelist() == b.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
        assert a.read("config.json") == b.read("config.json")
        assert json.loads(b.read("metadata.json"))["keras_version"]
    ours, theirs = weights_file(tmp_path / "copy.keras"), weights_file(tmp_path / "keras.keras")
    assert list(ours) == list(theirs) and len(ours) > 10
    for name, (attrs, values) in theirs.items():
        assert ours[name][0] == attrs
        assert (values is None and ours[name][1] is None) or np.array_equal(ours[name][1], values)

    loaded = load_model(tmp_path / "copy.keras", compile=True)
    for a, b in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert len(loaded.optimizer.variables) == len(model.optimizer.variables)
    for a, b in zip(model.optimizer.variables, loaded.optimizer.variables, strict=True):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


def test_the_copy_keeps_the_weights_of_the_moment_it_was_taken(tmp_path):
    model = trained_model()
    copier = CheckpointCopier()
    copier.copy(model)                     # the first copy learns the layout
    kernel = model.get_layer("dense").kernel
    before = kernel.numpy().copy()
    copy = copier.copy(model)              # the layout kept, the values fresh
    kernel.assign(kernel + 1.0)            # training goes on while the disk thread writes
    copy.save(tmp_path / "epoch.keras")
    np.testing.assert_array_equal(
        load_model(tmp_path / "epoch.keras").get_layer("dense").kernel.numpy(), before)


def test_run_writer_names_the_checkpoint_once_it_is_whole_and_resume_reads_it(tmp_path):
    model = trained_model()
    writer = RunWriter(tmp_path / "run", config=CONFIG, model_source="tiny", tensorboard=False)
    try:
        for epoch in range(2):
            path = writer.checkpoint(model, epoch, {"loss": 1.0 / (epoch + 1)})
            assert path.name == f"epoch_{epoch + 1:04d}.keras"
        writer.wait()
    finally:
        writer.close()
    run = RunReader(tmp_path / "run")
    assert run.epochs_done() == 2 and run.latest_checkpoint().name == "epoch_0002.keras"
    resumed, initial_epoch, _config = resume_from(tmp_path / "run")
    assert initial_epoch == 2
    for a, b in zip(model.get_weights(), resumed.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_failed_write_is_raised_next_and_keeps_the_last_good_checkpoint(tmp_path, monkeypatch):
    model = trained_model()
    writer = RunWriter(tmp_path / "run", config=CONFIG, model_source="tiny", tensorboard=False)
    writer.checkpoint(model, 0, {"loss": 1.0})
    writer.wait()

    def half_then_full_disk(self, tmp):
        tmp.write_bytes(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(checkpoint_copy.CheckpointCopy, "_write", half_then_full_disk)
    writer.checkpoint(model, 1, {"loss": 0.5})      # queued: the failure comes later
    with pytest.raises(ModelFileError, match="No space left on device; nothing was written"):
        writer.wait()
    writer.close()
    folder = tmp_path / "run" / "checkpoints"
    assert sorted(p.name for p in folder.iterdir()) == ["epoch_0001.keras", "latest.json"]
    assert RunReader(tmp_path / "run").epochs_done() == 1
    load_model(folder / "epoch_0001.keras")


def test_models_with_assets_are_saved_on_the_engine_thread_as_before(tmp_path):
    keras = import_keras()
    words = keras.layers.StringLookup(vocabulary=["một", "hai", "ba"], name="words")
    inputs = keras.Input((2,), dtype="string")
    model = keras.Model(inputs, words(inputs))
    assert CheckpointCopier().copy(model) is None
    writer = RunWriter(tmp_path / "run", config=CONFIG, model_source="tiny", tensorboard=False)
    try:
        assert writer.checkpoint(model, 0, {"loss": 1.0}).is_file()   # written before it returns
    finally:
        writer.close()
    loaded = load_model(RunReader(tmp_path / "run").latest_checkpoint())
    assert loaded.get_layer("words").get_vocabulary()[1:] == ["một", "hai", "ba"]


def test_prepare_makes_keras_reuse_its_skip_lists_and_changes_no_file(tmp_path):
    from keras.src.saving import saving_lib

    CheckpointCopier().prepare()
    # Found, not built again (Keras 3.15 stored them under a key it never reads).
    assert saving_lib.get_attr_skipset("Layer") is saving_lib.get_attr_skipset("Layer")
    model = trained_model()
    CheckpointCopier().copy(model).save(tmp_path / "copy.keras")
    save_model(model, tmp_path / "keras.keras")
    assert list(weights_file(tmp_path / "copy.keras")) == list(weights_file(tmp_path / "keras.keras"))
