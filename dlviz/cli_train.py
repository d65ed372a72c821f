"""``dlviz train``: train headless into a run directory.

    dlviz train --model lenet5 --data digits --epochs 3 --run runs/lenet
    dlviz train --run runs/lenet --epochs 6 --resume      (three more epochs)
    dlviz train --model lstm-sentiment --data sentiment-vi --epochs 10 --run runs/vi
    dlviz train --model bilstm-tagger --data tagging --epochs 5 --run runs/tags
    dlviz train --model gru-sentiment --data reviews.csv --epochs 5 --run runs/mine
    dlviz train --model dates-attention --data dates --epochs 10 --run runs/dates
    dlviz train --model crnn --data digit-strings --epochs 10 --run runs/crnn
    dlviz train --model shape-captioner --data scenes-vi --epochs 12 --run runs/captions

One line per epoch on stdout; the run directory (DESIGN.md, point 6) holds
everything else, readable at any moment, so the app can follow it. Ctrl-C
stops after the current batch and leaves the run ready for ``--resume``.

A library model trains with its own loss and loss weights and an output
layer sized to the data (rebuilt, with a note, when the data has another
number of classes); a model file's outputs must match the data's classes.
Text trains sequence models: a library model's embedding is sized to the
data's vocabulary, a model file's own vocabulary (inside the .keras file)
encodes the data, and the run directory keeps the vocabulary
(``vocabulary.json``) so its checkpoints can read typed sentences later.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import signal
import sys
import threading
from pathlib import Path

EXIT_STOPPED = 130
DATA_NAMES = ("digits", "shapes", "shapes_hard", "mnist", "fashion_mnist", "cifar10",
              "sentiment-en", "sentiment-vi", "tagging", "long",
              "dates", "dates-en", "dates-vi", "phrases-en-vi", "phrases-vi-en",
              "digit-strings", "scenes", "scenes-en", "scenes-vi")
TEXT_SUFFIXES = (".csv", ".tsv")


def _number(kind, what):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"{what} wants a positive number, not {text!r}")
        return value
    return parse


def add_train_parser(sub) -> None:
    train = sub.add_parser("train", help="train a model headless into a run directory")
    train.add_argument("--model", help="library name (see dlviz zoo) or .keras/.h5 file")
    train.add_argument("--data", help=f"{', '.join(DATA_NAMES)}, an image folder "
                                      "(one subfolder per class) or a .csv/.tsv file of "
                                      "(text, label) rows")
    train.add_argument("--epochs", type=_number(int, "--epochs"), required=True,
                       help="epochs in all (with --resume: including those done)")
    train.add_argument("--run", required=True, help="run directory to write (created)")
    train.add_argument("--batch-size", type=_number(int, "--batch-size"))
    train.add_argument("--lr", type=_number(float, "--lr"), help="learning rate")
    train.add_argument("--optimizer", choices=("adam", "sgd", "rmsprop"))
    train.add_argument("--samples", type=_number(int, "--samples"),
                       help="use at most this many training images")
    train.add_argument("--resume", action="store_true",
                       help="continue the run in --run from its last checkpoint")
    train.add_argument("--text", help="text data: the sentence whose gates or attention the "
                                      "run's snapshots show (default: a sample sentence)")


def data_spec(text: str, samples: int | None):
    from dlviz.core.training.config import DataSpec

    if text.lower() in DATA_NAMES:
        return DataSpec(text.lower(), samples=samples)
    if Path(text).is_dir():
        return DataSpec("folder", path=str(Path(text).resolve()), samples=samples)
    if text.lower().endswith(TEXT_SUFFIXES):
        from dlviz.core.data.text_sets import TEXT_FILE

        return DataSpec(TEXT_FILE, path=str(Path(text).resolve()), samples=samples)
    from dlviz.cli import CliError

    raise CliError(f"--data {text!r} is neither {', '.join(DATA_NAMES)}, an image folder "
                   "nor a .csv/.tsv file")


def cmd_train(args, out) -> int:
    from dlviz.cli import CliError
    from dlviz.core.data.text import TextError
    from dlviz.core.data.text_dataset import is_sequence_data
    from dlviz.core.training.caption_session import is_caption_data
    from dlviz.core.training.data import DataRejected, DatasetUnavailable, load_training_data
    from dlviz.core.training.heads import fit_head
    from dlviz.core.training.rundir import RunWriter
    from dlviz.core.training.rundir_writer import SNAPSHOT_SECONDS

    run_dir = Path(args.run)
    if run_dir.exists() and not run_dir.is_dir():
        raise CliError(f"--run {args.run} is a file; give a folder for the run")
    model, zoo_model, source, preprocessing, class_names, config, initial_epoch = \
        _prepare(args, run_dir)
    shape = tuple(model.inputs[0].shape[1:])   # the first input's (a captioner's image)
    # None: a library model's output layer follows the data (the session rebuilds it).
    classes = None if zoo_model is not None else int(model.outputs[0].shape[-1])
    try:
        vocabulary = _own_vocabulary(args, run_dir, source, zoo_model)
        data = load_training_data(config.data, shape, classes, vocabulary=vocabulary)
        if zoo_model is None:  # refuse a file's other outputs before writing the run
            fit_head(model, None, data)
    except (DataRejected, DatasetUnavailable, TextError) as exc:
        raise CliError(str(exc)) from None
    for note in data.notes:
        print(f"note: {note}", file=out)
    if class_names is None or len(class_names) != data.num_classes:
        class_names = data.class_names
    writer = RunWriter(run_dir, config=config, model_source=source, class_names=class_names,
                       preprocessing=preprocessing, snapshot_seconds=SNAPSHOT_SECONDS)
    if is_sequence_data(data) or is_caption_data(data):  # checkpoints' ids mean these tokens
        from dlviz.core.data.text_sets import write_run_vocabulary

        write_run_vocabulary(run_dir, data.vocabulary)
    try:
        stopped = _train(model, zoo_model, data, config, writer, out, initial_epoch, source,
                         preprocessing, class_names, getattr(args, "text", None))
    except DataRejected as exc:  # the session's own check, before anything trains
        raise CliError(str(exc)) from None
    finally:
        writer.close()
    if stopped.reason == "finished":
        print(f"run written to {run_dir}", file=out)
        return 0
    if stopped.reason == "stopped":
        print(f"dlviz: stopped after {stopped.epochs_done} epochs; {run_dir} is readable "
              "and continues with --resume", file=sys.stderr)
        return EXIT_STOPPED
    raise CliError(f"training ended ({stopped.reason}): {' '.join(stopped.message.split())}")


def _prepare(args, run_dir: Path):
    """(model, its ZooModel or None, source, preprocessing, class names, config,
    initial epoch)."""
    from dlviz.cli import CliError
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.rundir import RunReader, resume_from

    has_run = (run_dir / "run.json").exists()
    overrides = {key: value for key, value in (
        ("batch_size", args.batch_size), ("learning_rate", args.lr),
        ("optimizer", args.optimizer), ("epochs", args.epochs)) if value is not None}
    if args.resume:
        if not has_run:
            raise CliError(f"--resume: {run_dir} holds no run to continue")
        if args.model:
            raise CliError("--resume continues the run's own model; leave out --model")
        model, initial_epoch, config = resume_from(run_dir)
        reader = RunReader(run_dir)
        if args.data:
            overrides["data"] = data_spec(args.data, args.samples)
        elif args.samples:
            overrides["data"] = dataclasses.replace(config.data, samples=args.samples)
        config = dataclasses.replace(config, **overrides)
        if initial_epoch >= config.epochs:
            raise CliError(f"the run already has {initial_epoch} epochs; ask for more "
                           "with --epochs")
        return (model, None, reader.model_source, reader.preprocessing, reader.class_names,
                config, initial_epoch)
    if has_run:
        raise CliError(f"{run_dir} already holds a run; continue it with --resume "
                       "or choose another folder")
    if not args.model or not args.data:
        raise CliError("train needs --model and --data (or --resume)")
    spec = data_spec(args.data, args.samples)
    zoo_model, model, source = _open_for_training(args.model)
    preprocessing = getattr(zoo_model, "preprocessing", "unit")
    class_names = getattr(zoo_model, "class_names", None)
    return (model, zoo_model, source, preprocessing, class_names,
            TrainingConfig(data=spec, **overrides), 0)


def _own_vocabulary(args, run_dir: Path, source: str, zoo_model):
    """The vocabulary a text model already reads: a resumed run's, the one
    inside a model file or a shipped trained model (so its weights keep their
    meaning); None for an untrained library model (it takes the data's)."""
    from dlviz.core.data.text_sets import read_run_vocabulary
    from dlviz.core.training.text_session import training_vocabulary
    from dlviz.core.zoo.sequence_io import read_vocabulary

    if args.resume:
        own = read_run_vocabulary(run_dir)
    elif zoo_model is None and source.lower().endswith(".keras"):
        own = read_vocabulary(source)
    else:
        own = getattr(zoo_model, "vocabulary", None)
    return training_vocabulary(zoo_model, own)


def _open_for_training(target: str):
    """(ZooModel or None, keras model, source) of a library name or a model file."""
    from dlviz.cli import MODEL_SUFFIXES, CliError, _quiet_keras

    if target.lower().endswith(MODEL_SUFFIXES) or Path(target).exists():
        from dlviz.core.modelio import load_model

        _quiet_keras()
        return None, load_model(target), str(Path(target).resolve())
    from dlviz.core.zoo.registry import get_entry

    try:
        entry = get_entry(target)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None
    _quiet_keras()
    zoo_model = entry.create()
    return zoo_model, zoo_model.build(), entry.name


def _train(model, zoo_model, data, config, writer, out, initial_epoch, source, preprocessing,
           class_names, text=None):
    from dlviz.core.data.text_dataset import is_sequence_data
    from dlviz.core.training.caption_session import is_caption_data
    from dlviz.core.training.control import TrainingControl
    from dlviz.core.training.session import TrainingSession

    control = TrainingControl()
    # The sentence asked for (else an encoder-decoder's sample) is pinned as the
    # app pins a typed one: its frames come first, so even a short run has them.
    text = text or getattr(data, "sample_text", None)
    if text and is_sequence_data(data):
        control.request_text(text)
    printer = EpochPrinter(out, config.epochs, source, config.data.kind)

    def emit(event):
        writer(event)
        printer(event)

    session = TrainingSession(
        model, data, config, emit=emit, control=control,
        # Text, pairs and captioned scenes pick their own probe (a held-out scene).
        probe_image=None if is_sequence_data(data) or is_caption_data(data) else data.x_test[0],
        probe_name="" if is_sequence_data(data) else "test image 0",
        preprocessing=preprocessing,
        class_names=class_names, on_epoch_end=[writer.checkpoint], initial_epoch=initial_epoch,
        zoo_model=zoo_model)
    with _stop_on_interrupt(control):
        return session.run()


class _stop_on_interrupt:
    """Ctrl-C asks the session to stop after the current batch; twice interrupts."""

    def __init__(self, control):
        self.control = control
        self.previous = None

    def _on_sigint(self, signum, frame):
        if self.control.stopped:
            raise KeyboardInterrupt
        print("\nstopping after this batch (Ctrl-C again to abort)", file=sys.stderr)
        self.control.stop()

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


class EpochPrinter:
    """One line when training starts and one per epoch, for a terminal or a log."""

    def __init__(self, out, epochs: int, source: str, data: str):
        self.out, self.epochs, self.source, self.data = out, epochs, source, data

    def __call__(self, event) -> None:
        from dlviz.core.training.events import EpochEnded, TrainingStarted

        if isinstance(event, TrainingStarted):
            print(f"training {self.source} on {self.data}: {event.samples} samples, "
                  f"{event.steps_per_epoch} steps per epoch, {event.device}",
                  file=self.out, flush=True)
            for note in event.notes:
                print(f"note: {note}", file=self.out, flush=True)
        elif isinstance(event, EpochEnded):
            print(epoch_line(event, self.epochs), file=self.out, flush=True)


def epoch_line(event, epochs: int) -> str:
    """``epoch 1/3  loss 0.5213  accuracy 0.8412  val_loss ...  (12.3 s)``."""
    parts = [f"epoch {event.epoch + 1}/{epochs}"]
    for name, value in event.logs.items():
        try:
            parts.append(f"{name} {float(value):.4g}")
        except (TypeError, ValueError):
            continue
    return "  ".join(parts) + f"  ({event.seconds:.1f} s)"
