"""What to tell a person when training ends, by TrainingStopped.reason."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dlviz.app.core_messages import core_message
from dlviz.app.numbers import general_text

translate = QCoreApplication.translate

# Banner level per reason: an ordinary end is news, a fault is not.
LEVELS = {"finished": "info", "stopped": "info", "nan": "warning", "oom": "error",
          "error": "error"}


def _restored(event) -> str:
    if event.restored_weights:
        return translate("TrainingMessages", "the last good weights were restored.")
    return translate("TrainingMessages", "the weights were left as they were.")


def _epochs(count: int) -> str:
    return translate("TrainingMessages", "1 epoch") if count == 1 else translate("TrainingMessages", "{0} epochs").format(count)


def _shown(name: str) -> str:
    """A metric's name (marked with QT_TRANSLATE_NOOP below) in the interface's language."""
    return QCoreApplication.translate("TrainingMessages", name)


def _final(logs: dict | None) -> str:
    logs = logs or {}
    parts = [f"{_shown(name)} {general_text(logs[key], 4)}" for key, name in
             (("loss", QT_TRANSLATE_NOOP("TrainingMessages", "loss")),
              ("val_loss", QT_TRANSLATE_NOOP("TrainingMessages", "validation loss")),
              ("accuracy", QT_TRANSLATE_NOOP("TrainingMessages", "accuracy")),
              ("val_accuracy", QT_TRANSLATE_NOOP("TrainingMessages", "validation accuracy")))
             if isinstance(logs.get(key), (int, float))]
    return (": " + ", ".join(parts)) if parts else ""


def stop_message(event, step: int | None) -> tuple[str, str]:
    """(text, level) for a TrainingStopped; ``step`` is the last batch seen.

    Example:
        stop_message(TrainingStopped("nan", "", 1, True), 123)
        -> ("Loss became NaN at step 123; the last good weights were restored. "
            "Try a lower learning rate.", "warning")
    """
    reason = event.reason
    detail = core_message((event.message or "").strip())   # the core writes English
    if reason == "finished":
        text = translate("TrainingMessages", "Training finished after {0}{1}.").format(
            _epochs(event.epochs_done), _final(event.final_logs))
    elif reason == "stopped":
        text = translate("TrainingMessages", "Stopped after {0}").format(_epochs(event.epochs_done))
        text += f"; {_restored(event)}" if event.restored_weights else "."
    elif reason == "nan":
        where = translate("TrainingMessages", " at step {0}").format(step) if step is not None else ""
        text = translate("TrainingMessages", "Loss became NaN{0}; {1} Try a lower learning rate.").format(
            where, _restored(event))
        if detail:
            text += f" ({detail})"
    elif reason == "oom":
        text = translate("TrainingMessages", "Out of memory: the model or batch does not fit on this device. "
                         "Try a smaller batch size or a smaller model.")
        if detail:
            text += f" ({detail})"
    else:
        text = translate("TrainingMessages", "Training failed: {0}.").format(
            detail or translate("TrainingMessages", "an unexpected error"))
    return text, LEVELS.get(reason, "error")
