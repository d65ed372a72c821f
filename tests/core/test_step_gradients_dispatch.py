"""Only the step after ``arm`` runs the recording train step; the others are Keras's own.

The recording step (a twin model's extra outputs, the reductions) costs the
batch it runs in; ``StepGradients`` keeps it to the armed steps, in
``train_on_batch`` and in ``fit`` alike, and gives Keras its train function
back on ``detach``.
"""

from _training_models import bright_dark, tiny_cnn
from dlviz.core.kerasenv import import_keras
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.session import _compile
from dlviz.core.training.step_gradients import StepGradients


def attached():
    model = tiny_cnn()
    _compile(model, TrainingConfig(optimizer="sgd", learning_rate=0.01))
    step = StepGradients.attach(model)
    assert step is not None
    calls = []
    recording = step._recording
    step._recording = lambda iterator: calls.append(1) or recording(iterator)
    return model, step, calls


def test_unarmed_steps_train_without_the_recording_step():
    model, step, calls = attached()
    data = bright_dark(n=16, seed=1)
    before = model.get_weights()[0].copy()
    for _ in range(3):
        model.train_on_batch(data.x_train, data.y_train)
    assert calls == [] and step.recorded == 0
    assert (model.get_weights()[0] != before).any()      # it trained all the same
    step.arm()
    model.train_on_batch(data.x_train, data.y_train)
    model.train_on_batch(data.x_train, data.y_train)
    assert len(calls) == 1 and step.recorded == 1


def test_fit_runs_the_recording_step_once_per_arm():
    model, step, calls = attached()
    data = bright_dark(n=64, seed=2)

    class ArmAtThirdBatch(import_keras().callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 2:
                step.arm()

    model.fit(data.x_train, data.y_train, batch_size=8, epochs=1, verbose=0,
              callbacks=[ArmAtThirdBatch()])
    assert len(calls) == 1 and step.recorded == 1     # fit kept the step's train function
    norms, dead = step()
    assert set(norms) == set(step.layers) and all(v > 0 for v in norms.values())
    step.detach()
    assert model.train_function is None
    model.fit(data.x_train, data.y_train, batch_size=8, epochs=1, verbose=0)
    assert len(calls) == 1      # Keras's own train function again
