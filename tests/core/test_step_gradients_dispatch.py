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


def attached(element_spec=None):
    model = tiny_cnn()
    _compile(model, TrainingConfig(optimizer="sgd", learning_rate=0.01))
    step = StepGradients.attach(model)
    assert step is not None
    if element_spec is not None:
        step.prepare(element_spec)
    calls = []
    for name in ("_recording", "_recording_keras"):   # fit's, train_on_batch's
        recording = getattr(step, name)
        setattr(step, name, lambda iterator, run=recording: calls.append(1) or run(iterator))
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


def test_prepare_traces_the_recording_step_before_fit_and_no_armed_step_traces_again():
    # Traced at its first armed step, the recording step held the GIL ~150 ms
    # in the middle of a run (the window's worst stall).
    from dlviz.core.kerasenv import import_tensorflow

    tf = import_tensorflow()
    data = bright_dark(n=60, seed=3)
    pipeline = tf.data.Dataset.from_tensor_slices((data.x_train, data.y_train)).batch(8)
    model, step, calls = attached(pipeline.element_spec)
    traced = step.traces   # twice when the first trace builds the optimizer's slots
    assert traced >= 1
    plain_traces = len(step._plain.pretty_printed_concrete_signatures().split("\n\n"))

    class ArmEveryBatch(import_keras().callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            step.arm()

    model.fit(pipeline, epochs=2, verbose=0, shuffle=False, callbacks=[ArmEveryBatch()])
    # 8 batches an epoch, the last of 4 rows: every armed batch ran the
    # recording step, and none traced it again.
    assert len(calls) == step.recorded == 2 * 8 - 1
    assert step.traces == traced
    assert len(step._plain.pretty_printed_concrete_signatures().split("\n\n")) == plain_traces
