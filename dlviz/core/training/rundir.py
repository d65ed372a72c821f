"""Run directories: how a training run outlives the process (DESIGN.md, point 6).

``RunWriter`` records a run as it trains, ``RunReader`` opens one (finished
or still growing; ``follow`` reads only what was appended), and
``resume_from`` loads the last checkpoint so training goes on where it
stopped, writing into the same directory. The layout is in ``rundir_files``.

Example:
    >>> model, initial_epoch, config = resume_from("runs/lenet")   # doctest: +SKIP
    >>> writer = RunWriter("runs/lenet", config=config, model_source="lenet5")  # doctest: +SKIP
    >>> TrainingSession(model, data, config, emit=writer,          # doctest: +SKIP
    ...                 on_epoch_end=[writer.checkpoint], initial_epoch=initial_epoch).run()
"""

from __future__ import annotations

from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.rundir_files import RunDirError
from dlviz.core.training.rundir_reader import RunFollower, RunReader
from dlviz.core.training.rundir_writer import RunWriter

__all__ = ["RunDirError", "RunFollower", "RunReader", "RunWriter", "resume_from"]


def resume_from(run_dir, *, trust_sha256: str | None = None) -> tuple[object, int, TrainingConfig]:
    """The latest checkpoint's model, the epochs it holds, and the run's settings.

    The model is loaded safely (``modelio.load_model``); pass the epochs
    as the session's ``initial_epoch`` and the same ``run_dir`` to a new
    ``RunWriter``, which appends to the history.

    Raises:
        RunDirError: not a run directory, or no checkpoint saved yet.
        ModelFileError: the checkpoint cannot be loaded safely.
    """
    from dlviz.core.modelio import load_model

    reader = RunReader(run_dir)
    path = reader.latest_checkpoint()
    if path is None:
        raise RunDirError(f"{reader.run_dir} has no checkpoint to resume from yet "
                          "(one is saved after each epoch)")
    model = load_model(path, trust_sha256=trust_sha256)
    return model, reader.epochs_done(), reader.config
