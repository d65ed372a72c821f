"""One training run, on the calling (engine) thread, from settings to result.

Protocol of ``TrainingSession.run``:

1. Size the output layer to the data: a library model is rebuilt with one
   output per class (a note says so); a model file whose outputs do not
   match is refused. Refuse bad data before anything trains
   (``DataRejected``, with the reason).
2. Apply the transfer-learning settings (frozen layers, dropout rate); with
   none chosen, the model's own ``trainable`` flags stay as they are.
3. Split validation data off the training part; build ``tf.data`` pipelines
   with the augmentation layers in the pipeline, not inside the model (so the
   saved model and the probes see the plain network).
4. Pick the device (``devices.strategy_for``); under a strategy, or with
   mixed precision on a GPU, train a clone built in that scope and copy its
   weights back afterwards, so the caller's model object stays the one the
   GUI probes.
5. Compile with the library model's own loss, loss weights and metrics
   (``ZooModel.compile_args``; GoogLeNet's heads 1.0, 0.3, 0.3) and the
   optimizer of the config; send ``TrainingStarted``; ``fit`` with the
   ``LiveCallback``.
6. Turn every ending into a ``TrainingStopped``: "finished", "stopped",
   "nan" (last good weights restored), "oom", "error".
"""

from __future__ import annotations

import contextlib
import math

import numpy as np

# Re-exported: tests and benchmarks compile as a run does.
from dlviz.core.training.compile_setup import (  # noqa: F401
    _clone,
    _compile,
    compile_args,
    make_optimizer,
)
from dlviz.core.training.config import TrainingConfig
from dlviz.core.training.events import TrainingStarted, TrainingStopped

#: Training items in the fixed gradient-probe batch.
PROBE_BATCH = 16


class TrainingSession:
    """Train ``model`` on ``dataset`` as ``config`` says, reporting through ``emit``.

    Args:
        model: a compiled or uncompiled Keras classifier (Functional or
            Sequential); trained in place, unless its head is rebuilt for
            the data (then ``self.model`` is the new model).
        dataset: a ``Dataset``; its train part is split for validation.
        config: the ``TrainingConfig``.
        emit: called on this thread with each event.
        control: a ``TrainingControl`` (stop, pause, probe requests).
        probe_image: the pinned probe input, float32 (H, W, C) in [0, 1];
            None: the first training image.
        probe_name: what to call it.
        preprocessing: the model's pixel scheme ("unit" for dlviz's models);
            applied to the training data in the pipeline too.
        class_names: names for the predictions (default: the dataset's).
        on_epoch_end: callables ``(model, epoch, logs)`` after each complete
            epoch (the run directory writes checkpoints here).
        initial_epoch: epoch to resume from; ``config.epochs`` is the epoch
            to end at, as in ``keras.Model.fit``.
        budget: a ``ProbeBudget`` (default: ``config.probe_budget``, 10 fps).
        zoo_model: the library model (``ZooModel``) whose ``model`` this is:
            its compile arguments are used, and it is rebuilt when the data
            has another number of classes (``self.zoo_model`` is then the
            new one). None for a model file.

    Example:
        >>> result = TrainingSession(net.model, load_digits_split(),  # doctest: +SKIP
        ...                          TrainingConfig(epochs=2), emit=print).run()
        >>> result.reason  # doctest: +SKIP
        'finished'
    """

    def __init__(self, model, dataset, config: TrainingConfig | None = None, *, emit,
                 control=None, probe_image=None, probe_name: str = "",
                 preprocessing: str = "unit", class_names=None, on_epoch_end=(),
                 initial_epoch: int = 0, budget=None, zoo_model=None):
        self.model = model
        self.zoo_model = zoo_model
        self.dataset = dataset
        self.config = config or TrainingConfig()
        self._emit = emit
        self.control = control
        self.probe_image = probe_image
        self.probe_name = probe_name
        self.preprocessing = preprocessing
        self.class_names = tuple(class_names or dataset.class_names)
        self.on_epoch_end = tuple(on_epoch_end)
        self.initial_epoch = int(initial_epoch)
        self.budget = budget
        self.callback = None      # the LiveCallback of the last run
        self.notes: tuple[str, ...] = ()

    def run(self) -> TrainingStopped:
        """Train; return (and emit) how it ended.

        Raises:
            DataRejected: the data cannot train this model (nothing trained).
        """
        from dlviz.core.training.data import validate_training_data
        from dlviz.core.training.devices import mixed_precision_scope, strategy_for
        from dlviz.core.training.heads import fit_head, output_width
        from dlviz.core.training.transfer import apply_freezing, set_dropout

        cfg, data = self.config, self.dataset
        notes = []
        from dlviz.core.training.caption_session import refuse_mismatch

        refuse_mismatch(self.model, data)   # captioners learn from captioned scenes only
        if _is_text(data):  # token ids: the embedding follows the data's vocabulary
            from dlviz.core.training.text_session import fit_vocabulary

            self.model, self.zoo_model, text_notes = fit_vocabulary(self.model,
                                                                    self.zoo_model, data)
            notes += text_notes
        if _is_caption(data):  # a library captioner writes the data's language
            from dlviz.core.training.caption_session import fit_caption_vocabulary

            self.model, self.zoo_model, caption_notes = fit_caption_vocabulary(
                self.model, self.zoo_model, data)
            notes += caption_notes
        self.model, self.zoo_model, head_note = fit_head(self.model, self.zoo_model, data)
        if head_note is not None:
            notes.append(head_note)
            self.class_names = tuple(data.class_names)
        if _is_ctc(data):  # string labels, CTC loss: ctc_session checks the model
            from dlviz.core.training.ctc_session import check_ctc_training

            check_ctc_training(self.model, data)
        elif _is_caption(data):  # two inputs, a word per step: caption_session checks
            from dlviz.core.training.caption_session import check_caption_training

            check_caption_training(self.model, data)
        elif _is_text(data):
            from dlviz.core.training.text_session import check_sequence_model

            check_sequence_model(self.model, self.zoo_model, data,
                                 output_width(self.model) or data.num_classes)
        else:
            validate_training_data(data.x_train, data.y_train,
                                   output_width(self.model) or data.num_classes)
        notes += apply_freezing(self.model, freeze_first=cfg.freeze_first,
                                freeze_backbone=cfg.freeze_backbone, unfreeze=cfg.unfreeze)
        if cfg.dropout is not None:
            changed = set_dropout(self.model, cfg.dropout)
            notes.append(f"dropout {cfg.dropout:g} in {changed} layer(s)" if changed
                         else "this model has no dropout layer")
        strategy, device, device_notes = strategy_for(cfg)
        notes += device_notes
        with mixed_precision_scope(cfg.mixed_precision) as precision_notes:
            notes += precision_notes
            rebuild = strategy is not None or any("float16" in n for n in precision_notes)
            scope = strategy.scope() if strategy is not None else contextlib.nullcontext()
            with scope:
                trained = _clone(self.model) if rebuild else self.model
                _compile(trained, cfg, self.zoo_model)
            result = self._fit(trained, device, tuple(notes))
        if trained is not self.model:
            self.model.set_weights(trained.get_weights())
        self._emit(result)
        return result

    def _fit(self, model, device: str, notes: tuple) -> TrainingStopped:
        from dlviz.core.kerasenv import import_tensorflow
        from dlviz.core.training.budget import ProbeBudget
        from dlviz.core.training.live_callback import LiveCallback
        from dlviz.core.training.live_probes import LiveProbes, probe_batch
        from dlviz.core.training.step_gradients import StepGradients

        tf = import_tensorflow()
        cfg, data = self.config, self.dataset
        (x, y), validation = split_validation(data.x_train, data.y_train,
                                              cfg.validation_split, cfg.seed)
        if _is_text(data):  # no probe picture; labels may be one per token
            from dlviz.core.training.text_session import sequence_probe_batch

            image, name = self.probe_image, self.probe_name
            probe_x, probe_y = sequence_probe_batch(x, y, PROBE_BATCH, cfg.seed)
        elif _is_ctc(data):  # labels are digit rows; the probe picture is a strip
            from dlviz.core.training.ctc_session import ctc_probe

            image, name, probe_x, probe_y = ctc_probe(data, x, y, PROBE_BATCH, cfg.seed)
            if self.probe_image is not None:
                image, name = self.probe_image, self.probe_name
        elif _is_caption(data):  # two inputs; the probe picture is a held-out scene
            from dlviz.core.training.caption_session import caption_probe

            image, name, probe_x, probe_y = caption_probe(data, x, y, PROBE_BATCH, cfg.seed)
            if self.probe_image is not None:
                image, name = self.probe_image, self.probe_name
        else:
            image = self.probe_image if self.probe_image is not None else data.x_train[0]
            name = self.probe_name if self.probe_image is not None else \
                f"training image 0 ({self.class_names[int(data.y_train[0])]})"
            probe_x, probe_y = probe_batch(x, y, PROBE_BATCH, cfg.seed)
        budget = self.budget or ProbeBudget(cfg.probe_budget)
        # Gradient norms and dead units from the training step, not a second pass.
        step = StepGradients.attach(model) if budget.share > 0 else None
        probes = LiveProbes(model, probe_x, probe_y, image=image, image_name=name,
                            preprocessing=self.preprocessing, class_names=self.class_names,
                            control=self.control, loss_fn=_loss_fn(model, data),
                            vocabulary=getattr(data, "vocabulary", None),
                            text=getattr(data, "sample_text", None) or None,
                            step_gradients=step, decode_length=_decode_length(data, x),
                            clock=budget.clock)
        callback = self.callback = LiveCallback(
            self._emit, probes=probes, control=self.control, budget=budget,
            batch_size=cfg.batch_size, samples=len(y), on_epoch_end=self.on_epoch_end)
        if budget.share > 0:
            # Compiling the probes here, not in the first live frames, keeps
            # the window responsive as the run starts.
            try:
                probes.warm_up()
            except Exception as exc:  # noqa: BLE001  (as a failing callback in fit would)
                from dlviz.core.engine import describe_error

                if step is not None:
                    step.detach()
                return self._ended("error", describe_error(exc))
        train = self._pipeline(model, x, y, shuffle=True)
        val = self._pipeline(model, *validation, shuffle=False) if len(validation[1]) else None
        if step is not None:
            step.prepare(train.element_spec)   # traced now, not mid-run (see ``prepare``)
        steps = math.ceil(len(y) / cfg.batch_size)
        self._emit(TrainingStarted(
            epochs=cfg.epochs, steps_per_epoch=steps, samples=len(y), device=device,
            trainable_params=sum(int(np.prod(v.shape)) for v in model.trainable_weights),
            notes=notes))
        self.notes = notes
        try:
            if val is not None:
                # Traces the validation step now, not at the first epoch's end,
                # where it held the GIL for 0.7 s while the curves were drawing.
                model.evaluate(val.take(1), verbose=0)
            model.fit(train, validation_data=val, epochs=cfg.epochs,
                      initial_epoch=self.initial_epoch, callbacks=[callback], verbose=0,
                      shuffle=False)  # the pipeline shuffles
        except (tf.errors.ResourceExhaustedError, MemoryError) as exc:
            return self._ended("oom", f"Out of memory ({type(exc).__name__}) with batches "
                               f"of {cfg.batch_size}; try a smaller batch size or input size.")
        except Exception as exc:  # noqa: BLE001  (any failure, incl. callbacks, ends the run)
            from dlviz.core.engine import describe_error

            return self._ended("error", describe_error(exc))
        finally:
            if step is not None:
                step.detach()
        if callback.nan_step is not None:
            model.set_weights(callback.last_good)
            epoch, batch = divmod(callback.nan_step, steps)
            return self._ended(
                "nan", f"The loss became NaN or infinite at epoch {epoch + 1}, batch "
                f"{batch + 1}; training stopped and the last good weights were restored. "
                f"Try a lower learning rate (now {cfg.learning_rate:g}).", restored=True)
        if callback.stopped:
            return self._ended("stopped", f"Stopped after {callback.epochs_done} complete "
                               f"epoch(s) of {cfg.epochs - self.initial_epoch}.")
        return self._ended("finished", f"Finished {callback.epochs_done} epoch(s).")

    def _ended(self, reason: str, message: str, restored: bool = False) -> TrainingStopped:
        callback = self.callback
        done = callback.epochs_done if callback is not None else 0
        logs = dict(callback.last_logs) if callback is not None else {}
        return TrainingStopped(reason=reason, message=message,
                               epochs_done=self.initial_epoch + done,
                               restored_weights=restored, final_logs=logs)

    def _pipeline(self, model, x, y, *, shuffle: bool):
        """Batches of (images, labels), augmented when training, prefetched."""
        from dlviz.core.kerasenv import import_tensorflow
        from dlviz.core.training.augment import augmentation_model

        tf = import_tensorflow()
        cfg = self.config
        pipeline = tf.data.Dataset.from_tensor_slices((x, y))
        if shuffle:
            pipeline = pipeline.shuffle(len(y), seed=cfg.seed, reshuffle_each_iteration=True)
        pipeline = pipeline.batch(cfg.batch_size)
        # Token ids, or (scene, words) pairs: no image augmentation or pixel scaling
        # (a flipped scene's caption would have to swap "left" and "right").
        text = _is_text(self.dataset) or _is_caption(self.dataset)
        augment = augmentation_model(cfg.augment, x.shape[1:], seed=cfg.seed) \
            if shuffle and not text else None
        if augment is not None:
            pipeline = pipeline.map(lambda a, b: (augment(a, training=True), b),
                                    num_parallel_calls=tf.data.AUTOTUNE)
        if self.preprocessing != "unit" and not text:
            pipeline = pipeline.map(_scaler(tf, self.preprocessing, x.shape[1:]))
        heads = len(model.outputs)
        if heads > 1:
            pipeline = pipeline.map(lambda a, b: (a, tuple(b for _ in range(heads))))
        return without_autotuning(tf, pipeline.prefetch(PREFETCH_BATCHES))


#: Batches made ahead of the training step (two: one in the step's hands, one ready).
PREFETCH_BATCHES = 2


def without_autotuning(tf, pipeline):
    """``pipeline`` with tf.data's autotuning off.

    Keras makes a new iterator every epoch (and for every validation). With
    autotuning on, deleting the last one waits for the tuner's thread to wake
    from its sleep: both cores sat idle for ~2 s at the start of about half the
    epochs (vgg16-mini: 5.2 s epochs among 2.9 s ones, the same CPU seconds).
    Our pipelines are a shuffle, a batch and a small augmentation, which
    nothing here needs tuned: the map's parallelism (``AUTOTUNE`` means one
    call per core when tuning is off) and the prefetch are fixed.
    """
    options = tf.data.Options()
    options.autotune.enabled = False
    return pipeline.with_options(options)


def _is_ctc(dataset) -> bool:
    from dlviz.core.training.ctc_session import is_ctc_data

    return is_ctc_data(dataset)


def _is_caption(dataset) -> bool:
    from dlviz.core.training.caption_session import is_caption_data

    return is_caption_data(dataset)


def _decode_length(data, x) -> int | None:
    """Tokens an encoder-decoder learns to write (its targets' width), else None."""
    from dlviz.core.data.pair_dataset import is_pair_data

    if is_pair_data(data) and isinstance(x, tuple) and len(x) == 2:
        return int(np.shape(x[1])[1])
    return None


def _loss_fn(model, data):
    """The loss the live gradient probes take: CTC for digit strings."""
    from dlviz.core.probes.gradients import default_loss

    if _is_ctc(data):
        from dlviz.core.training.ctc_session import ctc_loss

        return ctc_loss()
    return default_loss(model)


def _is_text(dataset) -> bool:
    from dlviz.core.data.text_dataset import is_sequence_data

    return is_sequence_data(dataset)


def split_validation(x, y, share: float, seed: int = 0):
    """``((x, y) to train on, (x, y) to validate on)``: a shuffled share held out.

    ``x`` may be a tuple of arrays (an encoder-decoder's two inputs), split alike.
    """
    def rows(index):
        return tuple(part[index] for part in x) if isinstance(x, tuple) else x[index]

    n_val = int(len(y) * share) if share > 0 else 0
    if n_val == 0:
        return (x, y), (rows(slice(0, 0)), y[:0])
    order = np.random.default_rng(seed).permutation(len(y))
    held, kept = np.sort(order[:n_val]), np.sort(order[n_val:])
    return (rows(kept), y[kept]), (rows(held), y[held])


def _scaler(tf, preprocessing: str, shape):
    from dlviz.core.probes.preprocess import scale_pixels

    def scale(images, labels):
        scaled = tf.numpy_function(lambda a: scale_pixels(a, preprocessing), [images],
                                   tf.float32)
        scaled.set_shape((None, *shape))
        return scaled, labels

    return scale
