"""What a live frame shows, computed by kind on the engine thread.

Three kinds, each priced on its own by the budget (``budget.ProbeBudget``):

- "maps": feature maps and predictions of the pinned probe input (one
  forward pass through a cached ``ActivationExtractor``) and a histogram of
  each layer's activations;
- "grads": each trainable layer's gradient norm and each ReLU layer's dead
  share on a fixed probe batch (one compiled forward + backward pass);
- "weights": the watched layer's filters and a weight histogram per layer.

A kind the model cannot offer (a model without a graph, no convolution) is
switched off for the run with the reason kept in ``notes``; the others go on.
"""

from __future__ import annotations

import weakref

import numpy as np

from dlviz.core.probes.results import ProbeUnavailable

KINDS = ("maps", "grads", "weights")

# One compiled extractor per model, kept while the model lives: training the
# same model again reuses it instead of compiling its forward pass anew.
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class LiveProbes:
    """The probes of one training run, built lazily and reused every frame.

    Args:
        model: the model being trained.
        probe_x, probe_y: a small fixed batch of training data (gradients).
        image: the pinned probe input, float32 (H, W, C) in [0, 1].
        image_name: what to call it.
        preprocessing: the model's pixel scheme ("unit", "caffe", ...).
        class_names: names of the classes, for the predictions.
        control: a ``TrainingControl``; its ``watched_layer`` picks the filters.
        loss_fn: the loss the gradients are taken of.
    """

    def __init__(self, model, probe_x, probe_y, *, image=None, image_name: str = "",
                 preprocessing: str = "unit", class_names=None, control=None, loss_fn=None):
        self.model = model
        self._probe_x, self._probe_y = probe_x, probe_y
        self.image = image
        self.image_name = image_name
        self._preprocessing = preprocessing
        self._class_names = class_names
        self._control = control
        self._loss_fn = loss_fn
        self._extractor = None
        self._gradients = None
        self._first_conv: str | None = None
        self.disabled: set[str] = set()
        self.notes: list[str] = []
        if image is None:
            self.disabled.add("maps")
        if probe_x is None or len(probe_x) == 0:
            self.disabled.add("grads")

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds this model offers (in a fixed order)."""
        return tuple(k for k in KINDS if k not in self.disabled)

    def set_image(self, image, name: str = "") -> None:
        """Pin a new probe input; the next "maps" frame shows it."""
        self.image, self.image_name = image, name
        self.disabled.discard("maps")

    def compute(self, kind: str) -> dict:
        """The ``LiveFrame`` fields of ``kind`` ({} when the kind is off)."""
        try:
            return getattr(self, f"_{kind}")()
        except ProbeUnavailable as exc:
            self.disabled.add(kind)
            self.notes.append(f"live {kind} off: {exc}")
            return {}

    def _maps(self) -> dict:
        from dlviz.core.probes.activations import ActivationExtractor
        from dlviz.core.probes.analysis import analyze_image
        from dlviz.core.probes.histograms import histogram

        if self._extractor is None:
            self._extractor = _EXTRACTORS.get(self.model)
            if self._extractor is None:
                self._extractor = _EXTRACTORS[self.model] = ActivationExtractor(self.model)
        analysis = analyze_image(self.model, self.image, preprocessing=self._preprocessing,
                                 class_names=self._class_names, extractor=self._extractor,
                                 source_name=self.image_name)
        hists = {item.path: histogram(item.values) for item in analysis.maps.layers}
        return {"analysis": analysis, "activation_hists": hists}

    def _grads(self) -> dict:
        from dlviz.core.probes.gradients import GradientProbe

        if self._gradients is None:
            self._gradients = GradientProbe(self.model, self._probe_x, self._probe_y,
                                            self._loss_fn)
        norms, dead = self._gradients()
        return {"grad_norms": norms, "dead_relu": dead}

    def _weights(self) -> dict:
        from dlviz.core.probes.filters import filter_bank, filter_layers
        from dlviz.core.probes.histograms import weight_histograms

        hists = weight_histograms(self.model)
        path = self._control.watched_layer if self._control is not None else None
        if path is None:
            if self._first_conv is None:
                found = filter_layers(self.model)
                self._first_conv = found[0] if found else ""
            path = self._first_conv or None
        filters = filter_bank(self.model, path) if path else None
        return {"filters": filters, "weight_hists": hists}


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
