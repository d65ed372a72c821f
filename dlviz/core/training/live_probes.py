"""What a live frame shows, computed on the engine thread from the registry's live kinds.

The kinds are those of ``core/probes/registry.py`` marked ``live``; kinds of
one ``group`` share one pass and are priced together by the budget
(``budget.ProbeBudget``), so the budget sees groups, not kinds. With today's
registry the groups are:

- "maps": feature maps and predictions of the pinned probe input (one
  forward pass through a cached ``ActivationExtractor``) and a histogram of
  each layer's activations;
- "grads": each trainable layer's gradient norm and each ReLU layer's dead
  share: recorded by the training step itself when the session attached a
  ``StepGradients`` (nearly free; the values of the step after the previous
  "grads" frame), else on a fixed probe batch (one compiled forward +
  backward pass);
- "weights": the watched layer's filters and a weight histogram per layer;
- "text": every recurrent layer's gates and the gradient through time of
  the pinned sentence (a sequence model's sample sentence until a person
  types one; ``TrainingControl.request_text``).

Not every frame computes everything: the groups of views people glance at
("grads", "weights") run at most once per ``GROUP_SECONDS`` (the budget
keeps the rest of its share for the views people watch: feature maps,
gates, attention), and within a group a secondary kind (the activation
histograms beside the maps, the gradient through time beside the gates)
joins at most once per ``KIND_SECONDS``. When the app says which views are on
screen (``TrainingControl.show_views``), groups and kinds without one run once
every ``HIDDEN_SECONDS``. A kind that joins a frame is computed in that
frame's pass, on the weights the frame reports.

A new image or sentence pinned through the control, or another layer
watched, makes the groups that show it urgent (``urgent_groups``); the
callback hands the requests over with ``take_requests`` just before
computing them. A pinned image is fitted to the model once; a maps frame
tiles only the layer the Feature maps view shows (``show_maps_layer``).

A kind the model does not offer (no graph, no convolution) is left out for
the run, with the reason kept in ``notes``; the others go on.
"""

from __future__ import annotations

import time
import weakref

import numpy as np

from dlviz.core.data.text import TextError
from dlviz.core.probes.registry import live_kinds
from dlviz.core.probes.results import ProbeUnavailable

#: Least seconds between two runs of a group whose views are glanced at, not
#: watched (each run of "weights" costs about as much as a frame of maps).
GROUP_SECONDS = {"grads": 1.0, "weights": 2.0}
#: Least seconds between two runs of a group none of whose views is on screen
#: (``TrainingControl.show_views``): the run directory still gets its pictures.
HIDDEN_SECONDS = 10.0
#: Least seconds between two runs of a secondary kind within its group's frames.
KIND_SECONDS = {"activation_histograms": 2.0, "gradient_through_time": 1.0}

# One compiled extractor per model, kept while the model lives: training the
# same model again reuses it instead of compiling its forward pass anew.
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Likewise the text kinds' compiled forward and gradient passes.
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class LiveProbes:
    """The live probes of one training run, built lazily and reused every frame.

    Args:
        model: the model being trained.
        probe_x, probe_y: a small fixed batch of training data (gradients).
        image: the pinned probe input, float32 (H, W, C) in [0, 1].
        image_name: what to call it.
        preprocessing: the model's pixel scheme ("unit", "caffe", ...).
        class_names: names of the classes, for the predictions.
        control: a ``TrainingControl``; its ``watched_layer`` picks the filters.
        loss_fn: the loss the gradients are taken of.
        text: the pinned sentence (None: the model's sample sentence).
        vocabulary: the ``Vocabulary`` the model reads (None: ids typed as numbers).
        step_gradients: a ``StepGradients`` installed in the model's train
            step: the "grads" group reads it instead of a probe batch's pass.
        decode_length: the most tokens an encoder-decoder writes for the
            live attention (the training targets' length; None: the probe's
            default, 40). An untrained decoder never writes ``<end>``, and
            every token written costs a pass.
        clock: seconds, monotonic (``time.perf_counter``; tests drive it),
            for the secondary kinds' ``KIND_SECONDS``.
    """

    def __init__(self, model, probe_x, probe_y, *, image=None, image_name: str = "",
                 preprocessing: str = "unit", class_names=None, control=None, loss_fn=None,
                 text: str | None = None, vocabulary=None, step_gradients=None,
                 decode_length: int | None = None, clock=time.perf_counter):
        self.model = model
        self._batch = (probe_x, probe_y)
        self.image = image
        self.image_name = image_name
        self.text = text
        self.vocabulary = vocabulary
        self.text_problem: str | None = None   # why the pinned sentence shows nothing
        self._preprocessing = preprocessing
        self._class_names = class_names
        self._control = control
        self._loss_fn = loss_fn
        self._extractor = None
        self._gradients = None
        self._step_gradients = step_gradients
        self._decode_length = decode_length
        self._compiled = None
        self._prepared = None   # (pinned image, its PreparedInput): fitted once
        self._first_conv: str | None = None
        self._clock = clock
        self._computed: dict[str, float] = {}   # kind name -> when it last ran
        self.disabled: set[str] = set()   # names of kinds off for this run
        self.notes: list[str] = []
        self._kinds = live_kinds()
        for kind in self._kinds:
            reason = kind.unavailable(model)
            if reason is not None:
                self._disable(kind.name, reason)

    def _disable(self, name: str, reason: str) -> None:
        self.disabled.add(name)
        self.notes.append(f"live {name} off: {reason}")

    def _offered(self):
        return [kind for kind in self._kinds if kind.name not in self.disabled]

    def _input(self, kind):
        if kind.needs == "image":
            return self.image
        if kind.needs == "batch":
            x = self._batch[0]
            return self._batch if x is not None and len(x) else None
        if kind.needs == "text":
            if self.text is None:
                from dlviz.core.probes.text_probes import sample_text

                self.text = sample_text(self.model, self.vocabulary)
            return self.text
        return ()

    @property
    def kinds(self) -> tuple[str, ...]:
        """The groups due to run, in computing order (what the budget prices)."""
        ready = [kind.live_group for kind in self._offered() if self._input(kind) is not None]
        return tuple(dict.fromkeys(ready))

    @property
    def intervals(self) -> dict[str, float]:
        """``{group: least seconds between two runs}`` for the budget (``GROUP_SECONDS``)."""
        return self.intervals_for(None)

    def intervals_for(self, shown) -> dict[str, float]:
        """``intervals`` when the views of the kinds ``shown`` are on screen.

        Args:
            shown: probe kind names (``TrainingControl.shown_views``); None
                when not known (every view counts as shown).

        Returns:
            ``{group: seconds}``: ``GROUP_SECONDS`` for a group with a view
            on screen, ``HIDDEN_SECONDS`` for one without.
        """
        intervals = {}
        for kind in self._offered():
            group = kind.live_group
            on_screen = shown is None or kind.name in shown
            seconds = GROUP_SECONDS.get(group, 0.0) if on_screen else HIDDEN_SECONDS
            intervals[group] = min(intervals.get(group, seconds), seconds)
        return {group: s for group, s in intervals.items() if s > 0}

    def _kind_due(self, name: str, now: float, shown) -> bool:
        last = self._computed.get(name)
        on_screen = shown is None or name in shown
        return last is None or now - last >= (KIND_SECONDS.get(name, 0.0) if on_screen
                                              else HIDDEN_SECONDS)

    @property
    def image_groups(self) -> tuple[str, ...]:
        """The groups that show the probe input: a new input makes them urgent."""
        return tuple(dict.fromkeys(kind.live_group for kind in self._offered()
                                   if kind.needs == "image"))

    @property
    def text_groups(self) -> tuple[str, ...]:
        """The groups that show the pinned sentence."""
        return tuple(dict.fromkeys(kind.live_group for kind in self._offered()
                                   if kind.needs == "text"))

    @property
    def layer_groups(self) -> tuple[str, ...]:
        """The groups that show the watched layer (its filters)."""
        return tuple(dict.fromkeys(kind.live_group for kind in self._offered()
                                   if kind.needs is None))

    def urgent_groups(self, control) -> tuple[str, ...]:
        """The groups whose input ``control`` holds a new request for."""
        if control is None:
            return ()
        groups = []
        if control.probe_pending:
            groups += self.image_groups
        if control.text_pending:
            groups += self.text_groups
        if control.layer_pending:
            groups += self.layer_groups
        return tuple(dict.fromkeys(groups))

    def take_requests(self, control, groups) -> None:
        """Pin the pending image, sentence and layer that ``groups`` (about to run) show.

        A request for groups not in this frame stays pending for a later one.
        """
        if control is None:
            return
        if any(group in self.image_groups for group in groups):
            request = control.take_probe_request()
            if request is not None:
                self.set_image(request.image, request.name)
        if any(group in self.text_groups for group in groups):
            request = control.take_text_request()
            if request is not None:
                self.set_text(request.text)
        if any(group in self.layer_groups for group in groups) and control.take_layer_request():
            self._forget(None)   # the new layer's filters join this frame

    def set_image(self, image, name: str = "") -> None:
        """Pin a new probe input; the next frame of the image groups shows it."""
        self.image, self.image_name = image, name
        self._forget("image")

    def set_text(self, text: str) -> None:
        """Pin a new sentence; the next frame of the text groups shows it."""
        self.text, self.text_problem = text, None
        self._forget("text")

    def _forget(self, needs: str) -> None:   # a new input shows in full: its kinds are due
        for kind in self._kinds:
            if kind.needs == needs:
                self._computed.pop(kind.name, None)

    def compute(self, group: str) -> dict:
        """``{kind name: result}`` of the kinds of ``group`` ({} when none is ready)."""
        memo: dict = {}
        results = {}
        if self._step_gradients is not None and group in self._batch_groups():
            found = self._step_gradients()   # arms the next step either way
            if found is None:
                return {}                    # no step recorded yet: next frame
            memo["gradients"] = found
        now = self._clock()
        # Of a group that runs, a kind whose view is off screen joins rarely too.
        shown = self._control.shown_views if self._control is not None else None
        for kind in self._offered():
            value = self._input(kind)
            if kind.live_group != group or value is None or \
                    not self._kind_due(kind.name, now, shown):
                continue
            try:
                if kind.live_group == "maps":   # captions and CTC fit pictures their way
                    value = self._prepared_image()
                results[kind.name] = kind.compute(self.model, value, **self._options(kind, memo))
                self._computed[kind.name] = now
            except ProbeUnavailable as exc:
                self._disable(kind.name, str(exc))
            except TextError as exc:
                # This sentence cannot be read (empty, too odd): say why, keep
                # the kind for the next sentence, and never stop training.
                self.text_problem = str(exc)
        return results

    def warm_up(self, runs: int = 3) -> float:
        """Run every group now, before training, until it runs warm; forget it ran.

        The first runs of a probe trace and compile it (the maps' extractor
        runs eagerly once, then traces and compiles with XLA): Python work on
        the engine thread that holds the GIL for seconds on a busy CPU. Done
        before ``fit`` (while the window has nothing to draw) rather than in
        the first live frames, it no longer freezes the views just as they
        start (gui_stall.py's worst stall). A group runs again while its run
        took over 1.5 times the one before (it compiled), ``runs`` at most.
        Reading a ``step_gradients`` before any step arms the first one, as
        the first frame would.

        Returns:
            Seconds it took.

        Example:
            probes.warm_up()   # then model.fit(..., callbacks=[LiveCallback(..., probes=probes)])
        """
        began = time.perf_counter()
        for group in self.kinds:
            previous = None
            for _ in range(runs):
                if self._control is not None and self._control.stopped:
                    break   # asked to stop: answered at the first batch, not after compiling
                self._computed.clear()   # every kind of the group compiles too
                started = time.perf_counter()
                self.compute(group)
                seconds = time.perf_counter() - started
                if previous is not None and seconds <= 1.5 * previous:
                    break
                previous = seconds
        self._computed.clear()   # the run's first frames show every kind
        return time.perf_counter() - began

    def _prepared_image(self):   # resizing it every frame was a seventh of a maps frame
        """The pinned image fitted to the model, once per image."""
        if self._prepared is None or self._prepared[0] is not self.image:
            from dlviz.core.probes.preprocess import prepare_input
            self._prepared = (self.image, prepare_input(self.model, self.image,
                                                        preprocessing=self._preprocessing))
        return self._prepared[1]

    def _batch_groups(self) -> set[str]:   # the groups reading the probe batch
        return {kind.live_group for kind in self._offered() if kind.needs == "batch"}

    def _options(self, kind, memo: dict) -> dict:
        options = {"memo": memo, "preprocessing": self._preprocessing,
                   "class_names": self._class_names, "source_name": self.image_name,
                   "loss_fn": self._loss_fn,
                   "channel_order": "BGR" if self._preprocessing == "caffe" else "RGB"}
        if kind.needs == "image":   # a captioner's words need its vocabulary too
            options.update(extractor=self._extractor_of_model(), vocabulary=self.vocabulary)
            shown = self._control.maps_layer if self._control is not None else None
            if shown is not None and any(info.path == shown
                                         for info in self._extractor_of_model().layers):
                # The compiled pass makes the maps alone (every layer's mosaic and
                # statistics were a third of a frame); the view tiles any other.
                options["mosaics"] = (shown,)
        elif kind.needs == "batch":
            if "gradients" not in memo:   # read from the training step: no probe pass built
                options["gradient_probe"] = self._gradient_probe()
        elif kind.needs == "text":
            compiled = self._compiled_text()
            # Gates replayed by a GateRecorder compiled once per layer (NumPy costs
            # more a frame); each layer's inputs and the prediction from one pass.
            options.update(vocabulary=self.vocabulary, predict=compiled.predict,
                           gradient=compiled.gradient, replay=compiled.gate_traces,
                           inputs=compiled.read)
            if self._decode_length is not None:
                options["max_length"] = self._decode_length
        else:
            options["layer"] = self._watched_layer()
        return options

    def _extractor_of_model(self):
        from dlviz.core.probes.activations import ActivationExtractor

        if self._extractor is None:
            self._extractor = _EXTRACTORS.get(self.model)
            if self._extractor is None:
                # XLA: the same pass ~1 ms cheaper, every frame (compiled once,
                # as probe setup, outside the budget).
                self._extractor = _EXTRACTORS[self.model] = ActivationExtractor(
                    self.model, jit_compile=True)
        return self._extractor

    def _compiled_text(self):
        from dlviz.core.probes.compiled_text import CompiledText

        if self._compiled is None:
            self._compiled = _COMPILED.get(self.model)
            if self._compiled is None:
                self._compiled = _COMPILED[self.model] = CompiledText(self.model)
        return self._compiled

    def _gradient_probe(self):
        from dlviz.core.probes.gradients import GradientProbe

        if self._gradients is None:
            self._gradients = GradientProbe(self.model, *self._batch, self._loss_fn)
        return self._gradients

    def _watched_layer(self) -> str | None:
        path = self._control.watched_layer if self._control is not None else None
        if path is None:
            if self._first_conv is None:
                from dlviz.core.probes.filters import filter_layers

                found = filter_layers(self.model)
                self._first_conv = found[0] if found else ""
            path = self._first_conv or None
        return path


def probe_batch(x: np.ndarray, y: np.ndarray, size: int = 16, seed: int = 0):
    """A fixed sample of ``size`` training items, with as many classes as possible."""
    if len(x) <= size:
        return x, y
    order = np.random.default_rng(seed).permutation(len(x))
    labels = np.asarray(y)[order]
    # One of each class first, then the rest in shuffled order.
    _, firsts = np.unique(labels, return_index=True)
    rest = np.setdiff1d(np.arange(len(order)), firsts, assume_unique=True)
    chosen = order[np.concatenate([np.sort(firsts), rest])[:size]]
    return x[chosen], y[chosen]
