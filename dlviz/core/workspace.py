"""What the engine thread holds for the app: the current model and its probes.

Every method here runs on the engine thread (the GUI submits them as jobs)
and returns only frozen dataclasses, never a Keras object. Long methods
check for cancellation between their stages (``raise_if_cancelled``) and
through their progress callbacks, so stop and close do not wait for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dlviz.core.engine import raise_if_cancelled
from dlviz.core.summary import ModelSummary, summarize
from dlviz.core.workspace_training import TrainingJobs


@dataclass(frozen=True)
class ModelOpened:
    """A model is now current; ``source`` says where it came from."""

    title: str
    source: str  # registry name or file path
    summary: ModelSummary
    notes: tuple[str, ...] = ()
    filter_layers: tuple[str, ...] = ()   # layers whose kernels can be drawn
    spatial_layers: tuple[str, ...] = ()  # layers with feature maps (Grad-CAM targets)
    probe_problem: str | None = None      # why images cannot be probed, if so
    cam_layer: str | None = None          # Grad-CAM's default layer
    offered: dict = field(default_factory=dict)  # probe kind -> None, or why not (registry)
    reads: str = "images"                 # "text": token ids, it trains on text sets
    task: str = "classify"                # "tag": one label per token (a tagger)
    data: str | None = None               # a shipped model's own data set (offered first)


@dataclass(frozen=True)
class NeedsConsent:
    """A model file needs unsafe loading; ask the person before going on."""

    path: str
    report: object  # modelio.PrescanReport (frozen)


class Workspace(TrainingJobs):
    """The engine thread's state: one current model and its last image.

    Training jobs (``train``, ``resume_run``, ...) are in ``TrainingJobs``.
    """

    def __init__(self):
        self.model = None          # keras.Model
        self.zoo_model = None      # ZooModel when the model came from the library
        self.preprocessing = "unit"
        self.class_names = None
        self._extractor = None     # ActivationExtractor, built once per model
        self._prepared = None      # PreparedInput of the last image
        self._names_source = "index only"
        self.probe_image = None    # the last image looked at (float32 HxWxC), pinned for training
        self.probe_name = ""
        self.source = ""           # registry name or file path of the current model
        self.vocabulary = None     # the current model's Vocabulary, when it came with one
        self.probe_text = ""       # the last sentence typed (latest wins), pinned for training
        self._compiled_text = None  # CompiledText of the current model, traced once
        self.text_analysis = None  # the last sentence's TextAnalysis (spans are selected in it)
        self.typed_texts: list[str] = []  # searched for a span's units when no dataset is known
        self._cell_models = None   # compare_jobs.CellModels, built on first comparison

    # -- models ----------------------------------------------------------------
    def build_zoo_model(self, name: str, progress=None, **overrides) -> ModelOpened:
        """Build a library model by registry name and make it current.

        Args:
            name: registry name.
            progress: ``progress(done, total)`` while weights download, for
                models with pre-trained weights.
            **overrides: constructor options (``weights="random"``, ...).
        """
        from dlviz.core.kerasenv import import_keras
        from dlviz.core.zoo.registry import get_entry

        entry = get_entry(name)
        if progress is not None and entry.kind == "ImageNet":
            overrides["progress"] = progress  # raises JobCancelled mid-download
        zoo_model = entry.create(**overrides)
        # Download while the current model stays: a stopped or failed download
        # leaves it usable. The build below then finds the weights cached.
        _download_weights(zoo_model)
        raise_if_cancelled()  # a newer choice, or closing, came meanwhile
        # Free the previous graph first: VGG-16 alone holds 550 MB of weights.
        self._set_model(None)
        import_keras().backend.clear_session()
        zoo_model.build()
        raise_if_cancelled()  # before the summary, which walks every layer
        self._set_model(zoo_model.model, zoo_model)
        self.source = entry.name
        shape = "x".join(str(d) for d in zoo_model.input_shape)
        notes = (f"input {shape}, {zoo_model.classes} classes, {_weights_note(zoo_model)}",)
        return self._opened(entry.title, entry.name, notes)

    def open_model_file(self, path: str | Path, trust_sha256: str | None = None):
        """Load a model file safely; returns ``NeedsConsent`` if it must ask.

        Returns:
            ``ModelOpened`` when loaded, or ``NeedsConsent`` carrying the
            pre-scan report when the file needs unsafe loading and
            ``trust_sha256`` does not match it.
        """
        from dlviz.core import modelio

        report = modelio.prescan(path)
        if report.needs_unsafe and trust_sha256 != report.sha256:
            return NeedsConsent(str(path), report)
        raise_if_cancelled()  # the pre-scan hashed the whole file; loading takes longer
        model = modelio.load_model(path, trust_sha256=trust_sha256)
        self._set_model(model)
        self.source = str(path)
        self.vocabulary = _vocabulary(None, path)
        self._name_classes_from_sidecar(path)
        notes = [f"{report.format} file, SHA-256 {report.sha256[:12]}…"]
        if report.needs_unsafe:
            notes.append("loaded with safe mode OFF, as you agreed for this file")
        return self._opened(Path(path).name, str(path), tuple(notes))

    def _name_classes_from_sidecar(self, path) -> None:
        """A shipped model opened by path says "positive", not "class 2"."""
        from dlviz.core.training.heads import output_width
        from dlviz.core.zoo.sidecars import class_names_beside

        classes = output_width(self.model)
        self.class_names = class_names_beside(path, classes) if classes else None
        self._names_source = _names_source(self.class_names, self.preprocessing)

    def open_architecture(self, arch) -> ModelOpened:
        """Build a Builder ``Architecture`` with fresh weights and make it current.

        The previous model stays current if Keras refuses the architecture.
        """
        from dlviz.core.builder.keras_io import build

        model = build(arch)
        raise_if_cancelled()  # a newer choice came while Keras built it
        self._set_model(model)
        self.source = f"builder:{arch.name}"
        return self._opened(arch.name, self.source, ("built in the Builder, fresh weights",))

    def _set_model(self, model, zoo_model=None) -> None:
        self.model, self.zoo_model = model, zoo_model
        self.preprocessing = getattr(zoo_model, "preprocessing", "unit")
        self.class_names = getattr(zoo_model, "class_names", None)
        self._names_source = _names_source(self.class_names, self.preprocessing)
        self._extractor = None
        self._prepared = None
        self.vocabulary = _vocabulary(zoo_model, None)

    def _opened(self, title: str, source: str, notes: tuple[str, ...]) -> ModelOpened:
        from dlviz.core.probes.filters import filter_layers
        from dlviz.core.probes.gradcam import default_cam_layer_path
        from dlviz.core.probes.preprocess import image_input_shape
        from dlviz.core.probes.results import ProbeUnavailable
        from dlviz.core.probes.structure import spatial_layers

        problem, filters, spatial, cam = None, (), (), None
        try:
            image_input_shape(self.model)  # says so now if it takes no images
            spatial = tuple(info.path for info in spatial_layers(self.model))
            filters = tuple(filter_layers(self.model))
        except ProbeUnavailable as exc:
            problem = str(exc)
        else:
            try:
                cam = default_cam_layer_path(self.model)
            except Exception:  # noqa: BLE001 - no class output: maps still work, and
                cam = None     # the heatmap view says why (``offered``)
        from dlviz.core.probes.registry import offered

        reads, task = _reads(self.model, self.zoo_model)
        return ModelOpened(title, source, summarize(self.model), notes,
                           filters, spatial, problem, cam, offered(self.model), reads, task,
                           _trained_on(self.zoo_model))

    def current_summary(self) -> ModelSummary:
        """The layer table now (after freezing or training changed it)."""
        return summarize(self._require_model())

    def _require_model(self):
        if self.model is None:
            raise RuntimeError("No model is open yet: pick one from the library first.")
        return self.model

    # -- probes ----------------------------------------------------------------
    def analyze_image(self, source, *, name: str | None = None, fit: str = "resize",
                      on_screen: str | None = None):
        """Read an image (path or bytes) safely; feature maps and predictions.

        Args:
            source: a path or the file's bytes.
            name: what to call it.
            fit: "resize" or "crop".
            on_screen: the layer the feature-map view shows ("" or a layer
                this model lacks: its first, as the view then shows); only
                that layer's mosaic and statistics are made now, the view
                tiles another and reads its statistics from its maps when a
                person picks it (``LayerMaps.stats``). None: every layer's,
                in the compiled pass.
        """
        from dlviz.core.data import read_image
        from dlviz.core.probes.activations import ActivationExtractor
        from dlviz.core.probes.registry import PROBES

        model = self._require_model()
        loaded = read_image(source, name=name)
        if self._extractor is None:
            self._extractor = ActivationExtractor(model)
        mosaics = None
        if on_screen is not None:
            paths = [info.path for info in self._extractor.layers]
            mosaics = [on_screen if on_screen in paths else paths[0]] if paths else []
        label = name or (Path(source).name if isinstance(source, (str, Path)) else "image")
        analysis = PROBES["feature_maps"].compute(
            model, loaded.array, fit=fit, preprocessing=self.preprocessing,
            class_names=self.class_names, names_source=self._names_source,
            extractor=self._extractor, source_name=label, load_notes=tuple(loaded.notes),
            mosaics=mosaics)
        self._prepared = analysis.maps.input
        self.probe_image, self.probe_name = loaded.array, label
        return analysis

    def analyze_text(self, text: str | None, kinds=("gates",)):
        """The text kinds of the registry for a typed sentence (the app's "text" slot).

        Args:
            text: the sentence; None: a sample this model can read.
            kinds: probe kinds that need text, computed together (one encoding).

        Returns:
            A ``TextAnalysis`` (its parts: one result per kind). A ``TextError``
            or ``ProbeUnavailable`` says why in words.
        """
        from dlviz.core.probes.registry import PROBES
        from dlviz.core.probes.text_probes import sample_text
        from dlviz.core.probes.text_results import TextAnalysis

        model = self._require_model()
        if text is None:
            text = sample_text(model, self.vocabulary)
        self.probe_text = text
        compiled = self._compiled_text
        if compiled is None or compiled.model is not model:
            from dlviz.core.probes.compiled_text import CompiledText

            # Traced once per model: an eager LSTM steps through time in Python.
            compiled = self._compiled_text = CompiledText(model)
        memo: dict = {}
        analysis = TextAnalysis(text, {kind: PROBES[kind].compute(
            model, text, vocabulary=self.vocabulary, class_names=self.class_names, memo=memo,
            predict=compiled.predict, gradient=compiled.gradient,
            # one compiled pass for every length: 4 -> 1.5 ms a keystroke (lstm-sentiment)
            inputs=compiled.read) for kind in kinds})
        self.text_analysis = analysis
        self.typed_texts = [t for t in self.typed_texts if t != text][-499:] + [text]
        return analysis

    def select_span(self, layer: str, start: int, end: int, text: str | None = None):
        """The units of ``layer`` on across tokens ``[start, end)`` of sentence ``text``
        (the last one read; None: whichever that is)."""
        from dlviz.core.span_jobs import select_span

        return select_span(self.text_analysis, layer, start, end, text)

    def match_span(self, layer: str, start: int, end: int, text: str | None = None):
        """Where else in the model's dataset those units fire together (``SpanMatches``)."""
        from dlviz.core.span_jobs import match_span

        return match_span(self._require_model(), self.text_analysis, layer, start, end,
                          vocabulary=self.vocabulary, zoo_model=self.zoo_model,
                          typed=self.typed_texts, source=self.source, text=text)

    def compare_cells(self, text: str):
        """SimpleRNN, LSTM and GRU on ``text`` (``CellComparison``), shipped models first."""
        from dlviz.core.compare_jobs import CellModels

        if self._cell_models is None:
            self._cell_models = CellModels()
        return self._cell_models.compare(text)

    def filter_bank(self, path: str):
        from dlviz.core.probes.registry import PROBES

        # Caffe-style ImageNet models read BGR: show their colour filters as RGB.
        order = "BGR" if self.preprocessing == "caffe" else "RGB"
        return PROBES["filters"].compute(self._require_model(), (), layer=path,
                                         channel_order=order)

    def heatmap(self, kind: str, class_index: int | None = None, layer: str | None = None):
        """Grad-CAM or saliency of the last analysed image."""
        from dlviz.core.probes.registry import PROBES

        model = self._require_model()
        if self._prepared is None:
            raise RuntimeError("Drop an image first: the heatmap explains an image.")
        probe = PROBES["saliency" if kind == "saliency" else "grad_cam"]
        return probe.compute(model, self._prepared, class_index=class_index, layer=layer,
                             class_names=self.class_names)


def _download_weights(zoo_model) -> None:
    """Fetch the ImageNet weights ``zoo_model`` will load (nothing to do when cached)."""
    if getattr(zoo_model, "weights", None) == "imagenet" and getattr(zoo_model, "app_name", ""):
        from dlviz.core.zoo.imagenet_weights import ensure_weights

        ensure_weights(zoo_model.app_name, progress=zoo_model.progress)


def _trained_on(zoo_model) -> str | None:
    """The data set a shipped trained model learnt (its sidecar says), else None.

    The training panel offers it first: a student who opens the Vietnamese
    sentiment model and presses Start goes on with Vietnamese sentences.
    """
    info = getattr(zoo_model, "info", None)
    data = getattr(info, "data", None)
    if data is None and getattr(info, "language", None):   # a shipped captioner
        data = f"scenes-{info.language}"
    return str(data) if data else None


def _vocabulary(zoo_model, path):
    from dlviz.core.probes.text_probes import find_vocabulary

    return find_vocabulary(zoo_model, path)


def _reads(model, zoo_model) -> tuple[str, str]:
    """``(reads, task)`` of ``ModelOpened``: "text" for one input of token ids, or
    for an encoder-decoder (task "translate": it learns from sentence pairs)."""
    from dlviz.core.training.pair_session import is_pair_model

    if is_pair_model(model):
        return "text", "translate"
    from dlviz.core.training.caption_session import is_caption_model

    if is_caption_model(model):   # a picture in, words out: it learns captioned scenes
        return "images", "caption"
    if len(model.inputs) != 1 or len(model.inputs[0].shape) != 2:
        from dlviz.core.training.ctc_session import model_task as picture_task

        return "images", picture_task(model)   # "read" for a CRNN: it learns digit strings
    from dlviz.core.training.text_session import model_task

    return "text", model_task(model, zoo_model)


def _weights_note(zoo_model) -> str:
    weights = getattr(zoo_model, "weights", "random")
    if weights == "imagenet":
        names = "with class names" if zoo_model.class_names else "class names not cached"
        return f"ImageNet weights ({names})"
    if weights != "random":
        return f"weights from {Path(weights).name}"
    return "random weights"


def _names_source(class_names, preprocessing: str) -> str:
    if not class_names:
        return "index only"
    return "ImageNet" if preprocessing != "unit" and len(class_names) == 1000 else "dataset"
