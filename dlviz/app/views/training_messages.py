"""What to tell a person when training ends, by TrainingStopped.reason."""

from __future__ import annotations

# Banner level per reason: an ordinary end is news, a fault is not.
LEVELS = {"finished": "info", "stopped": "info", "nan": "warning", "oom": "error",
          "error": "error"}


def _restored(event) -> str:
    if event.restored_weights:
        return "the last good weights were restored."
    return "the weights were left as they were."


def _epochs(count: int) -> str:
    return f"{count} epoch" + ("" if count == 1 else "s")


def _final(logs: dict | None) -> str:
    logs = logs or {}
    parts = [f"{name} {logs[key]:.4g}" for key, name in
             (("loss", "loss"), ("val_loss", "validation loss"),
              ("accuracy", "accuracy"), ("val_accuracy", "validation accuracy"))
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
    detail = (event.message or "").strip()
    if reason == "finished":
        text = f"Training finished after {_epochs(event.epochs_done)}{_final(event.final_logs)}."
    elif reason == "stopped":
        text = f"Stopped after {_epochs(event.epochs_done)}"
        text += f"; {_restored(event)}" if event.restored_weights else "."
    elif reason == "nan":
        where = f" at step {step}" if step is not None else ""
        text = (f"Loss became NaN{where}; {_restored(event)} "
                "Try a lower learning rate.")
        if detail:
            text += f" ({detail})"
    elif reason == "oom":
        text = ("Out of memory: the model or batch does not fit on this device. "
                "Try a smaller batch size or a smaller model.")
        if detail:
            text += f" ({detail})"
    else:
        text = f"Training failed: {detail or 'an unexpected error'}."
    return text, LEVELS.get(reason, "error")
