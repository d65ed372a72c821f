"""What training does differently for a CRNN reading digit strings (CTC).

``load_training_data`` hands "digit-strings" here (:func:`load_ctc_data`);
the session (``session.py``) asks :func:`is_ctc_data` and then checks the
model with :func:`check_ctc_training` instead of the classifier checks, takes
its probe picture and batch from :func:`ctc_probe`, and compiles a CRNN that
is not a library model (a ``.keras`` file) with :func:`ctc_compile_args`.
The labels are rows of digit classes padded with the blank (0), so the
classifier's one-label-per-image checks do not apply.
"""

from __future__ import annotations

from dlviz.core.data.digit_strings import HEIGHT, MAX_DIGITS, WIDTH, DigitStrings
from dlviz.core.training.data import DataRejected

#: Data kinds for CTC models, with what the app's data box calls them.
CTC_DATA = {"digit-strings": "Digit strings (generated handwriting, 1-6 digits)"}
#: Strings generated when ``samples`` is not set: (train, test).
DEFAULT_STRINGS = (4000, 500)


def is_ctc_data(dataset) -> bool:
    return isinstance(dataset, DigitStrings)


def is_ctc_model(model) -> bool:
    """Whether ``model`` reads pictures into (time, classes) scores (a CRNN)."""
    from dlviz.core.probes.ctc import check_ctc_model
    from dlviz.core.probes.results import ProbeUnavailable

    try:
        check_ctc_model(model)
    except (ProbeUnavailable, ValueError, AttributeError):
        return False
    return True


def model_task(model) -> str:
    """"read" for a CRNN (its data box offers digit strings), else "classify"."""
    return "read" if is_ctc_model(model) else "classify"


def load_ctc_data(spec, input_shape, classes: int | None) -> DigitStrings:
    """Generated digit strings for a CRNN of ``input_shape`` (32x128x1)."""
    from dlviz.core.data.digit_strings import load_digit_strings

    shape = tuple(input_shape)
    if shape != (HEIGHT, WIDTH, 1):
        raise DataRejected(f"digit strings are {HEIGHT}x{WIDTH} grey pictures read by a CRNN; "
                           f"this model takes {shape}: pick the CRNN from the library")
    train = int(spec.samples or DEFAULT_STRINGS[0])
    test = max(50, train // 8)
    data = load_digit_strings(train, test, seed=spec.seed)
    if classes is not None and classes != data.num_classes:
        raise DataRejected(f"this model has {classes} outputs per column, but digit strings "
                           f"need {data.num_classes} (the CTC blank and 0-9)")
    from dataclasses import replace

    return replace(data, notes=(f"{train:,} generated strings of 1-{MAX_DIGITS} digits, "
                                f"{test:,} for testing (made of unseen drawings)",))


def check_ctc_training(model, data) -> None:
    """Raise ``DataRejected`` unless ``model`` can learn ``data`` with CTC loss."""
    if not is_ctc_model(model):
        raise DataRejected("digit strings train a CRNN (a picture in, one softmax per "
                           "column out, trained with CTC); this model has no such output: "
                           "pick CRNN from the library")
    steps, classes = (int(d) for d in model.outputs[0].shape[1:])
    if classes != data.num_classes:
        raise DataRejected(f"this CRNN has {classes} outputs per column, but digit strings "
                           f"need {data.num_classes} (the CTC blank and 0-9)")
    if steps < 2 * MAX_DIGITS - 1:
        # CTC needs a column per symbol plus a blank between repeats ("1-1").
        raise DataRejected(f"this CRNN reads {steps} columns; strings of {MAX_DIGITS} "
                           f"digits need at least {2 * MAX_DIGITS - 1}")


def ctc_probe(data, x, y, size: int = 16, seed: int = 0):
    """``(probe picture, its name, probe_x, probe_y)`` of a CTC run."""
    from dlviz.core.training.text_session import sequence_probe_batch

    probe_x, probe_y = sequence_probe_batch(x, y, size, seed)
    return data.x_train[0], f"training strip 0 (“{data.texts_train[0]}”)", probe_x, probe_y


def ctc_loss():
    from dlviz.core.zoo.crnn import ctc_loss_from_probabilities

    return ctc_loss_from_probabilities


def ctc_compile_args(model, zoo_model=None) -> dict | None:
    """CTC loss for a CRNN that is no library model (None for any other model)."""
    if zoo_model is None and is_ctc_model(model):
        return {"loss": ctc_loss()}
    return None
