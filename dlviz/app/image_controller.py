"""Images in, probe results out: the requests the views make of the engine.

Each kind of request has its own latest-wins slot ("image", "filters",
"heatmap"): dropping three images quickly computes the last one only, and a
result is drawn only if it answers the newest request of its kind.

Every result reaches its view through ``results``, the window's one
``ResultViews``: made here from the image views; the training controller adds
the training view's parts, and live frames and replayed snapshots go the
same way.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dlviz.app.core_messages import core_message
from dlviz.app.views.registry import ResultViews
from dlviz.core.caption_jobs import caption_picture
from dlviz.core.ctc_jobs import read_picture
from dlviz.core.probes.results import ImageAnalysis
from dlviz.core.workspace import ModelOpened

PROBE_KINDS = ("image", "filters", "heatmap", "ctc", "caption")


class ImageController(QObject):
    """Sends probe jobs for the current model and routes their answers."""

    analysis_shown = Signal(object)   # ImageAnalysis, after the views have it
    problem_reported = Signal(str)    # a message for the banner

    def __init__(self, engine, workspace, bridge, views, parent=None):
        super().__init__(parent)
        self.engine, self.workspace = engine, workspace
        self.maps_view = views["maps"]
        self.filter_view = views["filters"]
        self.prediction_view = views["predictions"]
        self.heatmap_view = views["heatmap"]
        self.ctc_view = views.get("ctc")   # what a CRNN reads (CtcView), when there is one
        self.caption_view = views.get("caption")   # what a captioner writes (CaptionView)
        self._latest: dict[str, int] = {}
        # (source, name) of the current image: the last one looked at without a
        # problem, or one given while no model was open. A refused file (not an
        # image, gone) never becomes current: a later model would look at it
        # again, and say again why it cannot.
        self._source = None
        self._asked = None           # (source, name) of the image job under way
        self._model: ModelOpened | None = None
        self.analysis = None         # last ImageAnalysis shown (still, live or replayed)
        self.results = ResultViews(views.values(), self)
        self.results.result_shown.connect(self._on_result_shown)
        self.fit = "resize"          # or "crop": centre-crop to the model's aspect
        bridge.job_finished.connect(self._on_job_finished)
        bridge.job_failed.connect(self._on_job_failed)
        self.filter_view.filter_layer_requested.connect(self.request_filters)
        self.heatmap_view.heatmap_requested.connect(self.request_heatmap)

    # -- requests ------------------------------------------------------------
    def _submit(self, kind: str, fn, label: str) -> int:
        job_id = self.engine.submit(kind, fn, slot=kind, label=label)
        self._latest[kind] = job_id
        return job_id

    def analyze(self, source, name: str, *, quiet: bool = False) -> int | None:
        """Compute feature maps and predictions of an image (path or bytes).

        ``quiet``: a redo nobody asked for (the weights changed): a model that
        takes no images says nothing then.
        """
        if self._model is None:
            self._source = (source, name)
            return None  # analysed as soon as a model is open
        self._asked = (source, name)
        ws = self.workspace
        if self.writes_captions():   # two inputs (image, words so far): no feature maps
            return self._submit("caption", lambda: caption_picture(ws, source, name),
                                self.tr("Captioning {0}…").format(name))
        if self._model.probe_problem:
            if not quiet:
                self.problem_reported.emit(self.tr("Cannot look at {0} with this model: {1}").format(
                    name, core_message(self._model.probe_problem)))
            return None
        fit = self.fit
        # Only the mosaic and statistics on screen are made with the maps;
        # the view makes another layer's when a person picks it (a few ms
        # in NumPy: ~25 ms for VGG-16's biggest, drawing included).
        shown = self.maps_view.selected_layer() or ""
        job = self._submit("image", lambda: ws.analyze_image(source, name=name, fit=fit,
                                                             on_screen=shown),
                           self.tr("Looking at {0}…").format(name))
        if self.reads_strings():
            self._submit("ctc", lambda: read_picture(ws, source, name), self.tr("Reading {0}…").format(name))
        return job

    def reads_strings(self) -> bool:
        """Whether the current model offers the CTC view (a CRNN)."""
        return self._model is not None and "ctc" in self._model.offered \
            and self._model.offered["ctc"] is None

    def writes_captions(self) -> bool:
        """Whether the current model offers the caption view (a captioner)."""
        return self._model is not None and self._model.offered.get("caption", "") is None

    def set_source(self, source, name: str) -> None:
        """Make an image current without looking at it now (training answers
        it between batches); the next model change or weight change redoes it."""
        self._source = (source, name)

    def current_source(self) -> tuple | None:
        """(source, name) of the current image (path or bytes), or None."""
        return self._source

    def current_model(self) -> ModelOpened | None:
        return self._model

    def redo_last_image(self) -> None:
        """Recompute the last image (e.g. after training changed the weights)."""
        if self._source is not None and self._model is not None:
            self.analyze(*self._source, quiet=True)

    def set_fit(self, fit: str) -> None:
        """Resize (whole picture, aspect not kept) or centre-crop; redo the image."""
        self.fit = fit
        if self._source is not None:
            self.analyze(*self._source)

    def request_filters(self, path: str) -> None:
        ws = self.workspace
        self._submit("filters", lambda: ws.filter_bank(path),
                     self.tr("Reading filters of {0}…").format(path))

    def refresh_heatmap(self) -> None:
        """Explain the current image with what the heatmap controls say now."""
        self.request_heatmap(*self.heatmap_view.request())

    def request_heatmap(self, kind: str, class_index: int, layer: str) -> None:
        if self.analysis is None:
            return
        ws = self.workspace
        index = None if class_index < 0 else class_index
        self._submit("heatmap", lambda: ws.heatmap(kind, index, layer or None),
                     self.tr("Computing {0}…").format(kind))

    def model_opened(self, opened: ModelOpened) -> None:
        """A new model is current: refill the choices, redo the last image."""
        self._model = opened
        self.analysis = None
        self.filter_view.set_filter_layers(list(opened.filter_layers))
        self.heatmap_view.set_layers(list(opened.spatial_layers), opened.cam_layer)
        views = self._image_views()
        if opened.probe_problem:
            for view in views:
                if view is not self.caption_view or not self.writes_captions():
                    view.show_unavailable(self._no_images(opened, view))
            if self.writes_captions() and self._source is not None:
                self.analyze(*self._source)
            return
        for view in views:  # what this model does not offer, each view says why
            reason = opened.offered.get(view.probe_kind)
            if reason:
                view.show_unavailable(reason)
        if opened.filter_layers:
            self.request_filters(opened.filter_layers[0])
        if self._source is not None:
            self.analyze(*self._source)

    # -- answers -------------------------------------------------------------
    def _is_latest(self, event) -> bool:
        return event.kind in PROBE_KINDS and self._latest.get(event.kind) == event.job_id

    def _on_job_finished(self, event) -> None:
        if not self._is_latest(event):
            return
        if event.kind in ("image", "caption") and self._asked is not None:
            self._source = self._asked   # looked at: the current image from now on
        self.results.show(event.result)
        if event.kind == "image":
            self._on_image_analysed(event.result)

    def _on_image_analysed(self, analysis) -> None:
        """A dropped image's answer is on screen: offer its classes to explain."""
        ranked = analysis.predictions
        if ranked is not None:
            self.heatmap_view.set_classes(list(ranked.heads[ranked.primary]))
            if self.heatmap_view.isVisible():
                self.refresh_heatmap()  # it is on screen: keep it current
        self.analysis_shown.emit(analysis)

    def _on_result_shown(self, result) -> None:
        # Still, live or replayed: the analysis on screen is the one to explain.
        if isinstance(result, ImageAnalysis):
            self.analysis = result

    def _on_job_failed(self, event) -> None:
        if not self._is_latest(event):
            return
        if event.kind in ("image", "caption"):
            if self._asked == self._source:   # the current image itself failed (gone, say)
                self._source = None
            if self.analysis is None:
                # Nothing of this model on screen: the views must not keep the
                # last model's maps and predictions as if they were its own.
                for view in self._image_views():
                    if view is self.filter_view:   # the filters are the model's, not the image's
                        continue
                    if self._model is None or not self._model.offered.get(view.probe_kind):
                        view.show_unavailable(event.message)
        self.problem_reported.emit(event.message)

    def _no_images(self, opened: ModelOpened, view) -> str:
        """Why ``view`` shows nothing for a model that takes no image.

        A sentence model's predictions and heatmap tabs point to where its
        answer is (the Gates or Attention tab); "no feature maps to show" there
        read as if the tool were broken. The feature maps tab keeps the reason
        in terms of the model's input.
        """
        gates, attention = (opened.offered.get(kind, "") is None for kind in ("gates", "attention"))
        if view is self.maps_view or not (gates or attention):
            return opened.probe_problem
        if gates and attention:
            return self.tr("This model reads sentences, not images: type one in the Gates or "
                           "Attention tab, where its answer is shown.")
        if gates:
            return self.tr("This model reads sentences, not images: type one in the Gates tab, "
                           "where its answer is shown.")
        return self.tr("This model reads sentences, not images: type one in the Attention tab, "
                       "where its answer is shown.")

    def _image_views(self) -> tuple:
        return tuple(v for v in (self.maps_view, self.filter_view, self.prediction_view,
                                 self.heatmap_view, self.ctc_view, self.caption_view)
                     if v is not None)
