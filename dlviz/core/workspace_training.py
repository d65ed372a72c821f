"""The workspace's training jobs: train the current model, resume a run.

A mixin of ``Workspace``: every method runs on the engine thread and uses
the workspace's state (the current model, its vocabulary, the pinned image
and sentence). Kept apart so that ``workspace.py`` stays about models and
probes.
"""

from __future__ import annotations

from dlviz.core.engine import JobCancelled


class TrainingJobs:
    """Training methods of ``Workspace`` (see its docstring for the state)."""

    def train(self, config, *, emit, control=None, progress=None, run_dir=None,
              initial_epoch: int = 0):
        """Train the current model on the engine thread; returns TrainingStopped.

        The last image looked at is pinned as the live probe input, so its
        feature maps refresh while the weights change; for a sequence model
        trained on text, the last sentence typed is pinned the same way (its
        gates refresh). A library sequence model reads the data's vocabulary
        (its embedding rebuilt, as ``dlviz train`` does) and keeps it after
        training, so typed sentences are encoded as it learned them. With
        ``run_dir`` the run is recorded there (history, snapshots,
        checkpoints, and a text run's ``vocabulary.json``), appending when
        the directory already holds this run (resuming).

        A stop while the data still loads (a dataset download) ends it at
        once, as ``TrainingStopped("stopped")``.
        """
        try:
            return self._train(config, emit, control, _stop_aware(progress, control),
                               run_dir, initial_epoch)
        except JobCancelled:
            if control is None or not control.stopped:
                raise  # cancelled by the engine (closing): reported as dropped
            from dlviz.core.training.events import TrainingStopped

            stopped = TrainingStopped("stopped", "Stopped while the training data loaded.", 0)
            emit(stopped)  # the GUI leaves its training state as after any stop
            return stopped

    def _train(self, config, emit, control, progress, run_dir, initial_epoch):
        from dlviz.core.data.text_dataset import is_sequence_data
        from dlviz.core.training.caption_session import is_caption_data
        from dlviz.core.training.data import load_training_data
        from dlviz.core.training.rundir import RunWriter
        from dlviz.core.training.rundir_writer import SNAPSHOT_SECONDS
        from dlviz.core.training.session import TrainingSession
        from dlviz.core.training.text_session import training_vocabulary

        model = self._require_model()
        zoo = self.zoo_model if getattr(self.zoo_model, "model", None) is model else None
        input_shape = tuple(int(d) if d is not None else None for d in model.inputs[0].shape[1:])
        # None: a library model's output layer follows the data (the session rebuilds it).
        classes = None if zoo is not None else int(model.outputs[0].shape[-1])
        dataset = load_training_data(config.data, input_shape, classes, progress=progress,
                                     vocabulary=training_vocabulary(zoo, self.vocabulary))
        text = is_sequence_data(dataset)
        stale = zoo is not None and len(self.class_names or ()) != dataset.num_classes
        if (self.class_names is None or stale) and getattr(dataset, "class_names", None):
            self.class_names = tuple(dataset.class_names)
            self._names_source = "dataset"
        writer, hooks = None, ()
        if run_dir is not None:
            writer = RunWriter(run_dir, config=config, model_source=self.source,
                               class_names=self.class_names, preprocessing=self.preprocessing,
                               snapshot_seconds=SNAPSHOT_SECONDS)
            hooks = (writer.checkpoint,)
            if text or is_caption_data(dataset):  # the checkpoints' ids mean these tokens
                from dlviz.core.data.text_sets import write_run_vocabulary

                write_run_vocabulary(run_dir, dataset.vocabulary)
        if text and control is not None and self.probe_text and not control.text_pending:
            control.request_text(self.probe_text)  # the live gates read the sentence typed
        adopted = []

        def adopt_trained():
            # Before "stopped" is recorded or reaches the GUI: a sentence typed or
            # an image dropped right after it meets the trained model and the
            # vocabulary its weights now mean, not the ones it started from.
            if not adopted:
                adopted.append(True)
                self._adopt_trained(session, model, dataset)

        send = _with_data_notes(dataset, writer, emit, before_stopped=adopt_trained)
        session = TrainingSession(
            model, dataset, config, emit=send, control=control,
            probe_image=None if text else self.probe_image,
            probe_name="" if text else self.probe_name,
            preprocessing=self.preprocessing, class_names=self.class_names,
            on_epoch_end=hooks, initial_epoch=initial_epoch, zoo_model=zoo)
        try:
            stopped = session.run()   # emits TrainingStopped last: adopt_trained runs then
        finally:
            # The run directory closes after the stopped event: that waits for
            # the last checkpoint's file, which ``writer(stopped)`` already
            # waited for before the event went on (nothing is lost if the
            # process dies after the GUI hears "stopped").
            if writer is not None:
                writer.close()
        adopt_trained()   # no-op when the stopped event passed (it always does today)
        return stopped

    def _adopt_trained(self, session, model, dataset) -> None:
        """Take what ``session`` trained: its model (when rebuilt for the data),
        library model, class names, and a text or caption run's vocabulary."""
        from dlviz.core.data.text_dataset import is_sequence_data
        from dlviz.core.training.caption_session import is_caption_data

        trained = getattr(session, "model", model)
        if trained is not model:  # e.g. its output layer rebuilt for the data
            self.model, self._extractor = trained, None
            self.zoo_model, self.class_names = session.zoo_model, session.class_names
        if is_sequence_data(dataset) or is_caption_data(dataset):  # the ids the weights mean
            self.vocabulary = dataset.vocabulary

    def resume_run(self, run_dir, *, emit, control=None, progress=None, epochs=None):
        """Load a run's last checkpoint and train on from there, into the same run."""
        from dlviz.core.training.rundir import RunReader, resume_from

        reader = RunReader(run_dir)
        model, initial_epoch, config = resume_from(run_dir)
        if epochs is not None:
            from dataclasses import replace

            config = replace(config, epochs=epochs)
        if config.epochs <= initial_epoch:
            from dataclasses import replace

            config = replace(config, epochs=initial_epoch + max(1, config.epochs))
        self._set_model(model)
        self.vocabulary = _run_vocabulary(run_dir) or self.vocabulary
        self.source = reader.model_source
        self.preprocessing = reader.preprocessing or "unit"
        self.class_names = tuple(reader.class_names) if reader.class_names else None
        from dlviz.core.workspace import _names_source

        self._names_source = _names_source(self.class_names, self.preprocessing)
        return self.train(config, emit=emit, control=control, progress=progress,
                          run_dir=run_dir, initial_epoch=initial_epoch)

    def trainable_counts(self, freeze_first: int = 0, freeze_backbone: bool = False):
        """(trainable, total) parameters after freezing as asked (applied now)."""
        from dlviz.core.training.transfer import apply_freezing, trainable_summary

        model = self._require_model()
        apply_freezing(model, freeze_first=freeze_first, freeze_backbone=freeze_backbone)
        trainable, frozen = trainable_summary(model)
        return trainable, trainable + frozen

    def augment_preview(self, cfg, n: int = 16):
        """A grid of augmented versions of training images, for the preview."""
        import numpy as np

        from dlviz.core.training.augment import augment_preview

        image = self.probe_image
        if image is None:
            from dlviz.core.data import load_shapes_split

            image = load_shapes_split(n=8, size=64).x_train[0]
        return augment_preview(np.asarray(image)[None], cfg, n=n)


def _run_vocabulary(run_dir):
    from dlviz.core.data.text_sets import read_run_vocabulary

    return read_run_vocabulary(run_dir)


def _with_data_notes(dataset, writer, emit, before_stopped=None):
    """``emit`` that records each event in ``writer`` (when given) and adds what
    loading the data noted (rows skipped, sentences cut) to ``TrainingStarted``;
    ``before_stopped()`` runs first when the event is ``TrainingStopped``."""
    from dataclasses import replace

    from dlviz.core.training.events import TrainingStarted, TrainingStopped

    notes = tuple(getattr(dataset, "notes", ()))

    def send(event):
        if notes and isinstance(event, TrainingStarted):
            event = replace(event, notes=(*notes, *event.notes))
        if before_stopped is not None and isinstance(event, TrainingStopped):
            before_stopped()
        if writer is not None:
            writer(event)
        emit(event)

    return send


def _stop_aware(progress, control):
    """``progress`` that raises ``JobCancelled`` once training is asked to stop.

    The data loads (and may download) before the first batch, where the
    training session would look at the stop flag, so its callback does.
    """
    def report(done, total):
        if control is not None and control.stopped:
            raise JobCancelled("training was stopped while its data loaded")
        if progress is not None:
            progress(done, total)

    return report
