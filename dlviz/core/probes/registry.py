"""Every kind of probe, declared once: ``PROBES`` and ``ProbeKind``.

The app, the ``dlviz`` subcommands, the live training frames, replay and the
notebook API (``dlviz.probes``) read this table; none keeps its own list. A
kind says what it needs (an image, a text, a probe batch, or the model
alone), whether a model offers it (and why not, in words), how to compute it
(a pure function of the model and the input) and whether it may run live,
between training batches, within the time budget.

Options a kind does not use are ignored, so one set of options serves every
kind of a frame. Live kinds of one ``group`` share one pass (one forward
pass serves the maps and their histograms; one backward pass the gradient
norms and the dead units): they are computed together, with a ``memo`` dict
passed in the options that holds the shared pass for that frame, and the
budget prices the group as one.

Example:
    >>> kind = PROBES["grad_cam"]                                # doctest: +SKIP
    >>> kind.unavailable(model) or kind.compute(model, image, class_index=3)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.caption_results import Caption
from dlviz.core.probes.results import (
    DeadUnits,
    FilterBank,
    GradientNorms,
    Heatmap,
    Histograms,
    ImageAnalysis,
    Predictions,
    PreparedInput,
    ProbeUnavailable,
)
from dlviz.core.probes.ctc_results import CtcAlignment
from dlviz.core.probes.sequence_results import GradientThroughTime
from dlviz.core.probes.text_results import SequenceGates

NEEDS = ("image", "text", "batch", None)


@dataclass(frozen=True)
class ProbeKind:
    """One kind of probe (see the module's docstring).

    Attributes:
        name: key in ``PROBES`` and in ``LiveFrame.results``.
        needs: "image" (float32 (H, W, C) in [0, 1], or a ``PreparedInput``),
            "text", "batch" (``(x, y)`` of the training data) or None (the
            model alone).
        result: the type ``compute`` returns.
        compute: ``compute(model, input, **options) -> result``.
        check: ``check(model)`` raises ``ProbeUnavailable`` when the model
            cannot offer this kind.
        live: may run between training batches within the budget.
        group: live kinds computed by one shared pass; "" for alone.
    """

    name: str
    needs: str | None
    result: type
    compute: Callable
    check: Callable = lambda model: None
    live: bool = False
    group: str = ""

    def unavailable(self, model) -> str | None:
        """Why ``model`` does not offer this kind, in words; None when it does."""
        try:
            self.check(model)
        except ProbeUnavailable as exc:
            return str(exc)
        return None

    @property
    def live_group(self) -> str:
        return self.group or self.name


# -- checks ---------------------------------------------------------------------


def _takes_images(model) -> None:
    from dlviz.core.probes.preprocess import image_input_shape

    image_input_shape(model)


def _has_filters(model) -> None:
    from dlviz.core.probes.filters import filter_layers

    if not filter_layers(model):
        raise ProbeUnavailable(f"'{model.name}' has no convolution kernels to draw")


def _has_graph(model) -> None:
    from dlviz.core.probes.graph import require_graph

    require_graph(model)


def _ranks_classes(model) -> None:
    from dlviz.core.probes.graph import require_graph
    from dlviz.core.probes.predictions import class_heads, output_names

    _takes_images(model)
    shapes = [tuple(tensor.shape) for tensor in require_graph(model).outputs]
    if not class_heads(output_names(model), shapes)[0]:
        shown = ", ".join(str(shape[1:]) for shape in shapes)
        raise ProbeUnavailable(f"'{model.name}' has no class output to rank: its outputs "
                               f"have shapes {shown}, not one score per class")


def _explains_classes(model) -> None:
    from dlviz.core.probes.gradcam import default_cam_layer_path

    _ranks_classes(model)
    try:
        default_cam_layer_path(model)
    except ProbeUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. no class output, no spatial layer
        raise ProbeUnavailable(f"'{model.name}' has no class output and feature maps "
                               f"to explain ({type(exc).__name__})") from exc


def _has_gates(model) -> None:
    from dlviz.core.probes.text_probes import has_gates

    has_gates(model)


def _has_attention(model) -> None:
    from dlviz.core.probes.attention import has_attention

    has_attention(model)


def _reads_strings(model) -> None:
    from dlviz.core.probes.ctc import check_ctc_model

    check_ctc_model(model)


def _writes_captions(model) -> None:
    from dlviz.core.probes.captions import check_captioner

    check_captioner(model)


def _reads_one_output(model) -> None:
    from dlviz.core.probes.text_probes import reads_one_output

    reads_one_output(model)


# -- computations -----------------------------------------------------------------


def prepared(model, image, *, fit: str = "resize", preprocessing: str = "unit",
             **_options) -> PreparedInput:
    """``image`` fitted to ``model`` (kept as it is when already prepared)."""
    from dlviz.core.probes.preprocess import prepare_input

    if isinstance(image, PreparedInput):
        return image
    return prepare_input(model, image, fit=fit, preprocessing=preprocessing)


def _feature_maps(model, image, *, memo=None, fit="resize", preprocessing="unit",
                  class_names=None, names_source=None, extractor=None, layers=None,
                  source_name="", load_notes=(), mosaics=None, **_options) -> ImageAnalysis:
    from dlviz.core.probes.activations import ActivationExtractor
    from dlviz.core.probes.analysis import analyze_image

    if memo is not None and "feature_maps" in memo:
        return memo["feature_maps"]
    if extractor is None:
        extractor = ActivationExtractor(model, layers)
    analysis = analyze_image(model, image, fit=fit, preprocessing=preprocessing,
                             class_names=class_names, names_source=names_source,
                             extractor=extractor, source_name=source_name,
                             load_notes=load_notes, mosaics=mosaics)
    if memo is not None:
        memo["feature_maps"] = analysis
    return analysis


def _predictions(model, image, *, class_names=None, names_source=None, k=5, **options):
    from dlviz.core.probes.predictions import predictions

    return predictions(model, prepared(model, image, **options), class_names=class_names,
                       names_source=names_source, k=k)


def _grad_cam(model, image, *, class_index=None, layer=None, class_names=None, **options):
    from dlviz.core.probes.gradcam import grad_cam

    return grad_cam(model, prepared(model, image, **options), class_index=class_index,
                    layer=layer, class_names=class_names)


def _saliency(model, image, *, class_index=None, class_names=None, **options):
    from dlviz.core.probes.saliency import saliency

    return saliency(model, prepared(model, image, **options), class_index=class_index,
                    class_names=class_names)


def _filters(model, _input=None, *, layer=None, channel_order="RGB", **_options):
    from dlviz.core.probes.filters import filter_bank, filter_layers

    if layer is None:
        _has_filters(model)
        layer = filter_layers(model)[0]
    return filter_bank(model, layer, channel_order=channel_order)


def _activation_histograms(model, image, **options) -> Histograms:
    from dlviz.core.probes.histograms import histogram

    analysis = _feature_maps(model, image, **options)
    return Histograms("activations", {item.path: histogram(item.values)
                                      for item in analysis.maps.layers})


def _weight_histograms(model, _input=None, **_options) -> Histograms:
    from dlviz.core.probes.histograms import weight_histograms

    return Histograms("weights", weight_histograms(model))


def _gradient_pass(model, batch, *, memo=None, loss_fn=None, gradient_probe=None,
                   **_options):
    """(norms, dead) of one backward pass, shared by the two kinds of a frame."""
    from dlviz.core.probes.gradients import GradientProbe

    if memo is not None and "gradients" in memo:
        return memo["gradients"]
    probe = gradient_probe or GradientProbe(model, *batch, loss_fn)
    found = probe()
    if memo is not None:
        memo["gradients"] = found
    return found


def _gradient_norms(model, batch, **options) -> GradientNorms:
    return GradientNorms(_gradient_pass(model, batch, **options)[0])


def _dead_units(model, batch, **options) -> DeadUnits:
    return DeadUnits(_gradient_pass(model, batch, **options)[1])


def _gates(model, text, **options) -> SequenceGates:
    from dlviz.core.probes.text_probes import sequence_gates

    return sequence_gates(model, text, **options)


def _gradient_through_time(model, text, **options) -> GradientThroughTime:
    from dlviz.core.probes.text_probes import gradient_steps

    return gradient_steps(model, text, **options)


def _attention(model, text, **options) -> AttentionMap:
    from dlviz.core.probes.attention import attention

    return attention(model, text, **options)


def _ctc(model, image, **options) -> CtcAlignment:
    from dlviz.core.probes.ctc import ctc_alignment

    if isinstance(image, PreparedInput):
        image = image.shown
    return ctc_alignment(model, image, **options)


def _caption(model, image, **options) -> Caption:
    from dlviz.core.probes.captions import caption

    if isinstance(image, PreparedInput):
        image = image.shown
    return caption(model, image, **options)


# Live kinds in the order they are computed within a frame (maps first: the
# activation histograms reuse them).
PROBES: dict[str, ProbeKind] = {kind.name: kind for kind in (
    ProbeKind("feature_maps", "image", ImageAnalysis, _feature_maps, _takes_images,
              live=True, group="maps"),
    ProbeKind("activation_histograms", "image", Histograms, _activation_histograms,
              _takes_images, live=True, group="maps"),
    ProbeKind("gradient_norms", "batch", GradientNorms, _gradient_norms, _has_graph,
              live=True, group="grads"),
    ProbeKind("dead_units", "batch", DeadUnits, _dead_units, _has_graph,
              live=True, group="grads"),
    ProbeKind("filters", None, FilterBank, _filters, _has_filters, live=True,
              group="weights"),
    ProbeKind("weight_histograms", None, Histograms, _weight_histograms, live=True,
              group="weights"),
    ProbeKind("predictions", "image", Predictions, _predictions, _ranks_classes),
    ProbeKind("grad_cam", "image", Heatmap, _grad_cam, _explains_classes),
    ProbeKind("saliency", "image", Heatmap, _saliency, _ranks_classes),
    ProbeKind("gates", "text", SequenceGates, _gates, _has_gates, live=True, group="text"),
    ProbeKind("gradient_through_time", "text", GradientThroughTime, _gradient_through_time,
              _reads_one_output, live=True, group="text"),
    ProbeKind("attention", "text", AttentionMap, _attention, _has_attention, live=True,
              group="text"),
    ProbeKind("ctc", "image", CtcAlignment, _ctc, _reads_strings, live=True),
    ProbeKind("caption", "image", Caption, _caption, _writes_captions, live=True),
)}


def live_kinds() -> tuple[ProbeKind, ...]:
    """The kinds that may run while a model trains, in computing order."""
    return tuple(kind for kind in PROBES.values() if kind.live)


def offered(model) -> dict[str, str | None]:
    """Every kind's name -> None when ``model`` offers it, else the reason."""
    return {name: kind.unavailable(model) for name, kind in PROBES.items()}
