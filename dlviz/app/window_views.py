"""What the main window holds, built in one place: its docks and its tabs of views.

``build_docks`` and ``build_tabs`` set the widgets as attributes of the
window (``window.library``, ``window.maps_view``, ``window.tabs``, ...), so
the window's own file keeps only the wiring. The "Gates" tab sits next to
"Feature maps": the text box above the gate view; "Attention" beside it, with
the same text box (it moves to whichever of the two tabs is shown, so what
is typed drives both); "Compare cells" after them, a text box of its own
above the three cells (kept in step by its controller).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QTabWidget, QVBoxLayout, QWidget

from dlviz.app.builder.builder_panel import BuilderPanel
from dlviz.app.panels.digit_canvas import DigitCanvasPanel
from dlviz.app.panels.image_gallery import ImageGalleryPanel
from dlviz.app.panels.model_library import ModelLibraryPanel
from dlviz.app.panels.text_panel import TextPanel
from dlviz.app.panels.training_panel import TrainingPanel
from dlviz.app.views.attention_view import AttentionView
from dlviz.app.views.caption_view import CaptionView
from dlviz.app.views.compare_view import CompareView
from dlviz.app.views.cost_view import CostView
from dlviz.app.views.ctc_view import CtcView
from dlviz.app.views.feature_map_view import FeatureMapView
from dlviz.app.views.filter_view import FilterView
from dlviz.app.views.gate_view import GateView
from dlviz.app.views.heatmap_view import HeatmapView
from dlviz.app.views.layer_table import LayerTableView
from dlviz.app.views.message_banner import MessageBanner
from dlviz.app.views.prediction_view import PredictionView
from dlviz.app.views.training_view import TrainingView

translate = QCoreApplication.translate


def add_dock(window, title: str, name: str, widget, area, closable=False) -> QDockWidget:
    """``widget`` in a movable dock (closable when asked) on ``area`` of ``window``."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    features = QDockWidget.DockWidgetFeature.DockWidgetMovable
    if closable:
        features |= QDockWidget.DockWidgetFeature.DockWidgetClosable
    dock.setFeatures(features)
    window.addDockWidget(area, dock)
    return dock


def build_docks(window) -> None:
    """The model library, the image gallery and the training controls, on the left."""
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    window.library = ModelLibraryPanel()
    add_dock(window, translate("WindowViews", "Model library"), "model_library_dock",
             window.library, left)
    window.gallery = ImageGalleryPanel()
    add_dock(window, translate("WindowViews", "Images"), "image_gallery_dock", window.gallery, left)
    window.training_panel = TrainingPanel()
    window.training_dock = add_dock(window, translate("WindowViews", "Training"),
                                    "training_dock", window.training_panel, left, closable=True)


def build_tabs(window) -> None:
    """The banner over the tabs of views; the tabs are the window's central widget."""
    window.banner = MessageBanner()
    window.layer_table = LayerTableView()
    window.maps_view = FeatureMapView()
    window.text_panel = TextPanel()
    window.gate_view = GateView()
    window.gates_tab = _stacked(_holder(window.text_panel), window.gate_view)
    window.attention_view = AttentionView()
    window.attention_tab = _stacked(_holder(), window.attention_view, "attention_tab")
    window.compare_panel = TextPanel()
    window.compare_view = CompareView()
    window.compare_tab = _stacked(window.compare_panel, window.compare_view, "compare_tab")
    window.digit_canvas = DigitCanvasPanel()    # a CRNN's own input: draw digits
    window.ctc_view = CtcView()
    window.ctc_tab = _stacked(window.digit_canvas, window.ctc_view, "ctc_tab")
    window.caption_view = CaptionView()         # a captioner's caption of a dropped scene
    window.filter_view = FilterView()
    window.prediction_view = PredictionView()
    window.heatmap_view = HeatmapView()
    window.training_view = TrainingView()
    window.builder_panel = BuilderPanel()    # change a network layer by layer
    window.cost_view = CostView()            # what a choice of layer or network costs
    window.tabs = QTabWidget()
    window.tabs.setObjectName("main_tabs")
    for widget, title in ((window.layer_table, translate("WindowViews", "Layers")),
                          (window.builder_panel, translate("WindowViews", "Builder")),
                          (window.cost_view, translate("WindowViews", "Costs")),
                          (window.maps_view, translate("WindowViews", "Feature maps")),
                          (window.gates_tab, translate("WindowViews", "Gates")),
                          (window.attention_tab, translate("WindowViews", "Attention")),
                          (window.compare_tab, translate("WindowViews", "Compare cells")),
                          (window.ctc_tab, translate("WindowViews", "Read digits (CTC)")),
                          (window.caption_view, translate("WindowViews", "Captions")),
                          (window.filter_view, translate("WindowViews", "Filters")),
                          (window.prediction_view, translate("WindowViews", "Predictions")),
                          (window.heatmap_view, translate("WindowViews", "Grad-CAM / saliency")),
                          (window.training_view, translate("WindowViews", "Training"))):
        window.tabs.addTab(widget, title)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(window.banner)
    layout.addWidget(window.tabs, 1)
    window.setCentralWidget(central)
    window.tabs.currentChanged.connect(lambda _index: _move_text_box(window))


def _move_text_box(window) -> None:
    """One text box for gates and attention: it sits on top of whichever tab is shown."""
    tab = window.tabs.currentWidget()
    if tab not in (window.gates_tab, window.attention_tab):
        return
    holder = tab.findChild(QWidget, "text_box_holder")
    if window.text_panel.parentWidget() is not holder:
        holder.layout().addWidget(window.text_panel)   # takes it from the other tab
        window.text_panel.show()


def _holder(panel: QWidget | None = None) -> QWidget:
    """The place at the top of a tab where the shared text box sits when shown."""
    holder = QWidget()
    holder.setObjectName("text_box_holder")
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    if panel is not None:
        layout.addWidget(panel)
    return holder


def _stacked(top: QWidget, view: QWidget, name: str = "gates_tab") -> QWidget:
    box = QWidget()
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.addWidget(top)
    layout.addWidget(view, 1)
    return box
