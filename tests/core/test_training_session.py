"""TrainingSession: events, stop, pause, NaN, errors and refused data."""

import threading
import time

import numpy as np
import pytest

from _training_models import Recorder, bright_dark, linear_model, tiny_cnn
from dlviz.core.data import Dataset
from dlviz.core.training import live_callback
from dlviz.core.training.config import AugmentConfig, TrainingConfig
from dlviz.core.training.control import TrainingControl
from dlviz.core.training.data import DataRejected
from dlviz.core.training.session import TrainingSession


@pytest.fixture(autouse=True)
def every_batch_event(monkeypatch):
    # Tiny models run thousands of batches a second; see every one of them.
    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 1e9)


def config(**changes):
    settings = dict(epochs=2, batch_size=16, validation_split=0.25, optimizer="adam",
                    learning_rate=0.01)
    return TrainingConfig(**{**settings, **changes})


def test_events_come_in_order_with_their_contents():
    record = Recorder()
    model = tiny_cnn()
    result = TrainingSession(model, bright_dark(), config(), emit=record).run()
    kinds = [type(e).__name__ for e in record.events]
    assert kinds[0] == "TrainingStarted" and kinds[-1] == "TrainingStopped"
    started = record.events[0]
    assert (started.epochs, started.samples, started.steps_per_epoch) == (2, 144, 9)
    assert started.device and started.trainable_params == model.count_params()
    batches = record.of("BatchEnded")
    assert [b.global_step for b in batches] == list(range(18))
    assert [(b.epoch, b.step) for b in batches][8:10] == [(0, 8), (1, 0)]
    assert all(np.isfinite(b.loss) and "accuracy" in b.metrics for b in batches)
    assert batches[-1].eta_s == 0 and batches[5].samples_per_s > 0
    epochs = record.of("EpochEnded")
    assert [e.epoch for e in epochs] == [0, 1]
    assert kinds.index("EpochEnded") > kinds.index("BatchEnded")
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(epochs[-1].logs)
    assert result is record.events[-1]
    assert (result.reason, result.epochs_done, result.restored_weights) == ("finished", 2, False)
    assert result.final_logs == epochs[-1].logs


def test_sparse_batch_events_carry_the_mean_of_the_batches_since_the_last(monkeypatch):
    # Two seconds between events: the first and last batch of the epoch, maybe
    # one between; whatever their number, every batch counts once.
    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 0.5)
    record = Recorder()
    TrainingSession(tiny_cnn(), bright_dark(), config(epochs=1, learning_rate=0.05),
                    emit=record).run()
    batches = record.of("BatchEnded")
    assert batches[0].step == 0 and batches[-1].step == 8 and len(batches) < 9
    covered = np.diff([-1] + [b.step for b in batches])    # batches each event stands for
    mean = record.of("EpochEnded")[0].logs["loss"]
    assert np.average([b.loss for b in batches], weights=covered) == pytest.approx(mean, rel=1e-3)
    assert batches[-1].loss != pytest.approx(mean, rel=1e-3)   # not the running mean


def test_the_last_batch_before_a_stop_is_always_sent(monkeypatch):
    from _training_models import tiny_cnn as build
    from dlviz.core.kerasenv import import_keras

    monkeypatch.setattr(live_callback, "MAX_BATCH_EVENTS", 0.5)   # sparse events
    control, record = TrainingControl(), Recorder()

    class StopAtFive(import_keras().callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 5:
                control.stop()

    session = TrainingSession(build(), bright_dark(), config(epochs=1), emit=record,
                              control=control)
    original = session._fit

    def fit_with_stopper(model, device, notes):
        fit = model.fit

        def fit_first_stopper(*args, callbacks=(), **kwargs):
            return fit(*args, callbacks=[StopAtFive(), *callbacks], **kwargs)

        model.fit = fit_first_stopper
        return original(model, device, notes)

    session._fit = fit_with_stopper
    result = session.run()
    assert result.reason == "stopped"
    assert record.of("BatchEnded")[-1].step == 5       # where training ended, not before


def test_batch_events_report_each_batch_not_the_running_mean():
    record = Recorder()
    TrainingSession(tiny_cnn(), bright_dark(), config(epochs=1, learning_rate=0.05),
                    emit=record).run()
    losses = [b.loss for b in record.of("BatchEnded")]
    mean = record.of("EpochEnded")[0].logs["loss"]
    assert np.average(losses, weights=[16] * 9) == pytest.approx(mean, rel=1e-3)


@pytest.mark.parametrize("k", [3, 10])
def test_stop_from_another_thread_during_batch_k_ends_at_k_or_the_next(k):
    control, record = TrainingControl(), Recorder()
    requested = threading.Event()

    def stop_from_gui_thread():
        threading.Thread(target=lambda: (control.stop(), requested.set())).start()
        requested.wait(5)

    record.actions[k] = stop_from_gui_thread
    model = tiny_cnn()
    result = TrainingSession(model, bright_dark(), config(epochs=5), emit=record,
                             control=control).run()
    assert result.reason == "stopped"
    assert record.of("BatchEnded")[-1].global_step in (k, k + 1)
    assert int(model.optimizer.iterations) in (k + 1, k + 2)
    assert result.epochs_done == (1 if k >= 9 else 0)


def test_pause_then_resume_continues_to_the_end():
    control, record = TrainingControl(), Recorder()
    resumer = threading.Timer(0.4, control.resume)
    times = {}

    def pause():
        control.pause()
        times[4] = time.perf_counter()
        resumer.start()

    record.actions[4] = pause
    record.actions[5] = lambda: times.setdefault(5, time.perf_counter())
    result = TrainingSession(tiny_cnn(), bright_dark(), config(), emit=record,
                             control=control).run()
    resumer.join()
    assert result.reason == "finished"
    assert [b.global_step for b in record.of("BatchEnded")] == list(range(18))
    assert times[5] - times[4] >= 0.35          # batch 5 waited for the resume


def test_pause_then_stop_ends():
    control, record = TrainingControl(), Recorder()
    stopper = threading.Timer(0.3, control.stop)
    record.actions[4] = lambda: (control.pause(), stopper.start())
    model = tiny_cnn()
    result = TrainingSession(model, bright_dark(), config(), emit=record,
                             control=control).run()
    stopper.join()
    assert result.reason == "stopped"
    assert record.of("BatchEnded")[-1].global_step == 4
    assert int(model.optimizer.iterations) == 5


def test_an_absurd_learning_rate_gives_nan_and_restores_the_last_good_weights():
    data = bright_dark()
    scaled = Dataset(data.x_train * 1e3, data.y_train, data.x_test, data.y_test,
                     data.class_names)
    record = Recorder()
    model = linear_model()
    session = TrainingSession(model, scaled, config(optimizer="sgd", learning_rate=1e6),
                              emit=record)
    result = session.run()
    assert result.reason == "nan" and result.restored_weights
    assert "learning rate" in result.message and "restored" in result.message
    weights = model.get_weights()
    assert all(np.isfinite(w).all() for w in weights)
    good = session.callback.last_good
    assert len(good) == len(weights)
    assert all(np.array_equal(a, b) for a, b in zip(weights, good))
    assert all(np.isfinite(b.loss) for b in record.of("BatchEnded"))
    assert model.predict(data.x_test[:2], verbose=0).shape == (2, 2)


def test_an_exception_in_a_callback_ends_with_error_and_its_message():
    def broken_checkpoint(model, epoch, logs):
        raise RuntimeError("disk full while writing the checkpoint")

    record = Recorder()
    result = TrainingSession(tiny_cnn(), bright_dark(), config(), emit=record,
                             on_epoch_end=[broken_checkpoint]).run()
    assert result.reason == "error"
    assert "disk full while writing the checkpoint" in result.message
    assert "\n" not in result.message
    assert record.events[-1] is result


def test_epoch_hooks_get_the_model_epoch_and_logs_and_resume_counts():
    calls = []
    model = tiny_cnn()
    result = TrainingSession(model, bright_dark(), config(epochs=3), emit=lambda e: None,
                             initial_epoch=1,
                             on_epoch_end=[lambda m, e, logs: calls.append((m, e, logs))]).run()
    assert [(m is model, e) for m, e, _ in calls] == [(True, 1), (True, 2)]
    assert "val_loss" in calls[-1][2]
    assert result.epochs_done == 3


def test_bad_data_is_refused_before_training():
    data = bright_dark()
    x = data.x_train.copy()
    x[3, 0, 0, 0] = np.nan
    broken = Dataset(x, data.y_train, data.x_test, data.y_test, data.class_names)
    record, model = Recorder(), tiny_cnn()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(DataRejected) as caught:
        TrainingSession(model, broken, config(), emit=record).run()
    assert str(caught.value)
    assert record.events == []
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_augmented_sgd_training_learns_and_the_model_stays_probeable():
    import keras

    from dlviz.core.probes.analysis import analyze_image

    keras.utils.set_random_seed(3)  # the weights' start decides whether 4 epochs suffice
    model = tiny_cnn()
    cfg = config(epochs=4, optimizer="sgd", learning_rate=0.1,
                 augment=AugmentConfig(translation=0.1, noise=0.02))
    result = TrainingSession(model, bright_dark(), cfg, emit=lambda e: None).run()
    assert result.reason == "finished"
    assert result.final_logs["val_accuracy"] >= 0.9
    assert not any("augment" in layer.name for layer in model.layers)
    analysis = analyze_image(model, bright_dark().x_test[0])
    assert analysis.maps.layer("conv").values.shape == (8, 8, 4)


def test_a_clone_for_a_strategy_scope_has_the_same_weights_and_answers():
    from dlviz.core.training.session import _clone

    model = tiny_cnn()
    clone = _clone(model)
    assert clone is not model
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    x = bright_dark().x_test[:4]
    np.testing.assert_allclose(clone.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)
    assert clone.layers[-1].dtype_policy.name == "float32"


@pytest.mark.parametrize("error", ["memory", "resource"])
def test_out_of_memory_is_reported_and_the_model_stays_usable(error):
    from dlviz.core.kerasenv import import_tensorflow

    tf = import_tensorflow()

    def exhausted(model, epoch, logs):
        if error == "memory":
            raise MemoryError()
        raise tf.errors.ResourceExhaustedError(None, None, "OOM when allocating tensor")

    model = tiny_cnn()
    result = TrainingSession(model, bright_dark(), config(batch_size=32), emit=lambda e: None,
                             on_epoch_end=[exhausted]).run()
    assert result.reason == "oom"
    assert "smaller batch" in result.message and "32" in result.message
    assert model.predict(bright_dark().x_test[:2], verbose=0).shape == (2, 2)


def test_the_pipelines_do_not_autotune_and_still_give_every_sample_once_an_epoch():
    # Autotuning made deleting an epoch's iterator wait ~2 s for the tuner's
    # thread (both cores idle at the start of about half the epochs).
    data = bright_dark(n=40)
    model = tiny_cnn()
    session = TrainingSession(model, data, config(augment=AugmentConfig(brightness=0.1)),
                              emit=lambda event: None)
    for shuffle in (True, False):
        pipeline = session._pipeline(model, data.x_train, data.y_train, shuffle=shuffle)
        assert pipeline.options().autotune.enabled is False
        for _ in range(2):   # a new iterator each epoch, as Keras makes
            labels = np.concatenate([np.asarray(y) for _, y in pipeline])
            assert sorted(labels.tolist()) == sorted(np.asarray(data.y_train).tolist())
