"""The Training tab: curves, progress, gradient flow, histograms, dead ReLUs.

Protocol, so the GUI thread never stalls however fast events come:
1. ``on_*`` handlers only append to preallocated buffers or store the latest
   value (O(1) amortised) and mark the part dirty.
2. The first dirty mark starts a single-shot timer (``FRAME_MS``); when it
   fires, a frame begins: every part dirty then is drawn once, one part per
   turn of the event loop (``STAGGER_MS`` apart), so Qt paints each part in
   its own small paint event and a click or a repaint can come between them
   (all parts in one go took 20-50 ms of the GUI thread on a busy machine).
   Events that arrive meanwhile only replace the data waiting to be drawn,
   so redraws are bounded by the display rate, not by the event rate.
3. Hidden or closed, the view keeps no timer running; showing it again draws
   whatever arrived meanwhile.
"""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from dlviz.app.core_messages import core_message
from dlviz.app.numbers import count_text
from dlviz.app.views.canvas import title_label
from dlviz.app.views.curves_view import CurvesView, accuracy_of
from dlviz.app.views.export import ExportMixin
from dlviz.app.views.gradient_flow_view import GradientFlowView
from dlviz.app.views.histogram_view import DeadReluView, HistogramView
from dlviz.app.views.message_banner import MessageBanner
from dlviz.app.views.snapshot_scrubber import SnapshotScrubber
from dlviz.app.views.training_messages import stop_message

FRAME_MS = 100  # at most 10 redraws a second: smooth curves at half the paint work of 20
#: Between two parts of one frame: time for the event loop to paint the first.
#: Qt posts the repaint at low priority: on a busy GUI thread (a part's redraw
#: and the GIL take several ms) a 4 ms timer came first, and the parts were
#: painted together, all plots in one 60-170 ms repaint (``gui_stall.py`` with
#: an event trace); 20 ms apart, each part has its own repaint.
STAGGER_MS = 20
#: The progress bar's least width: room for "100 %  ·  ETA 1 min 12 s".
PROGRESS_WIDTH = 180
#: The least width of each of the two plots side by side (curves, gradient
#: flow): with the histograms beside them and the training panel docked, the
#: tab must fit a 1280 px window.
PLOT_MIN_WIDTH = 150
PLOT_MIN_HEIGHT = 110


def eta_text(seconds: float) -> str:
    """72 -> 'ETA 1 min 12 s'; 3725 -> 'ETA 1 h 2 min'; unknown -> ''."""
    if seconds is None or not seconds >= 0 or seconds == float("inf"):
        return ""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return QCoreApplication.translate("TrainingView", "ETA {0} h {1} min").format(hours, minutes)
    if minutes:
        return QCoreApplication.translate("TrainingView", "ETA {0} min {1} s").format(minutes, secs)
    return QCoreApplication.translate("TrainingView", "ETA {0} s").format(secs)


class TrainingView(ExportMixin, QWidget):
    """Live training views fed by the bridge's training events.

    Signals:
        snapshot_requested(int): replay the stored snapshot at this global
            step; answer by showing its results (``ResultViews.show_frame``).
        live_requested(): go back to following live frames.
    """

    snapshot_requested = Signal(int)
    live_requested = Signal()
    export_name = "training.png"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.epochs = 0
        self.steps_per_epoch = 0
        self.redraw_count = 0
        self.last_redraw_s = 0.0
        self._batch = None          # the latest BatchEnded, drawn on the next frame
        self._header_dirty = False
        self._waiting: list = []    # the parts of the frame being drawn, not drawn yet
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._redraw)

        self.title = title_label(self.tr("Training"))
        self.title.setWordWrap(False)  # a wrapping label squeezes the device name beside it
        # Cut when the window is narrow, not widening it.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rate_label = self._rate_label()
        self.hint = QLabel(self.tr("Press Start in the Training panel to watch the model learn."))
        self.hint.setWordWrap(True)
        self.device_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        # Room for the longest text it shows, in the interface's language
        # ("Còn khoảng 59 phút 59 giây" was cut off in a width made for English).
        longest = f"100 %  ·  {eta_text(59 * 60 + 59)}"
        self.progress.setMinimumWidth(max(PROGRESS_WIDTH, self.progress.fontMetrics()
                                          .horizontalAdvance(longest) + 28))
        self.banner = MessageBanner()
        self.curves = CurvesView()
        self.gradient_flow = GradientFlowView()
        self.histograms = HistogramView()
        self.dead_relu = DeadReluView()
        self.scrubber = SnapshotScrubber()
        self.scrubber.snapshot_requested.connect(self.snapshot_requested)
        self.scrubber.live_requested.connect(self.live_requested)
        for part in self.result_views():
            part.changed.connect(self._schedule)
        self.body = self._layout_body()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.rate_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.device_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.hint)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.scrubber)

    def _rate_label(self) -> QLabel:
        """The samples a second, apart from the title, in a label of fixed size.

        A label whose text changes asks its parent's layout to be redone, up the
        whole window (the docks animate even when nothing moves): the title's
        rate, changing on every frame, cost a third of the Training tab's GUI
        time. Qt skips that for a widget whose least and largest sizes are
        equal, so this one is fixed to its widest text.
        """
        label = QLabel("")
        label.setFont(self.title.font())
        widest = self.tr("{0} samples/s").format("99,999,999")
        metrics = label.fontMetrics()
        label.setFixedSize(metrics.horizontalAdvance(widest) + metrics.averageCharWidth(),
                           metrics.height())
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _layout_body(self) -> QSplitter:
        rows = QSplitter(Qt.Orientation.Vertical)
        for wide, narrow in ((self.curves, self.histograms), (self.gradient_flow, self.dead_relu)):
            row = QSplitter(Qt.Orientation.Horizontal)
            row.addWidget(wide)
            row.addWidget(narrow)
            row.setStretchFactor(0, 5)
            row.setStretchFactor(1, 2)
            rows.addWidget(row)
        for part in (self.curves, self.gradient_flow):  # two plots side by side each
            for plot in part.findChildren(pg.PlotWidget):
                plot.setMinimumWidth(PLOT_MIN_WIDTH)
        # Two histograms stacked set the top row's least height; lower, so the
        # gradient row below keeps room for its key and hint at 800 px.
        for plot in self.histograms.findChildren(pg.PlotWidget):
            plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        rows.setSizes([1, 1])  # halves, as far as the minimums allow
        return rows

    # -- events ----------------------------------------------------------------

    def on_training_started(self, event) -> None:
        self.reset()
        self.epochs = event.epochs
        self.steps_per_epoch = event.steps_per_epoch
        self.curves.reset(event.steps_per_epoch, event.epochs)
        self.gradient_flow.set_run_length(event.epochs * event.steps_per_epoch)
        self.progress.setRange(0, max(event.epochs * event.steps_per_epoch, 1))
        self.device_label.setText(event.device)
        self.title.setText(self.tr("Training · epoch {0}/{1}").format(1, event.epochs))
        # Each note one phrase, set apart; the core writes them in English.
        notes = " · ".join(core_message(note) for note in event.notes)
        notes = notes[:1].upper() + notes[1:]   # after the sentence before them
        self.hint.setText((self.tr("{0} training samples · {1} trainable parameters.").format(
            count_text(event.samples), count_text(event.trainable_params))
            + f"  {notes}").strip())
        self._schedule()

    def on_batch_ended(self, event) -> None:
        self.curves.add_batch(event.global_step, event.loss, accuracy_of(event.metrics))
        self._batch = event
        self._header_dirty = True
        self._schedule()

    def on_epoch_ended(self, event) -> None:
        self.curves.add_epoch(event.epoch, event.logs)
        self._schedule()

    def result_views(self) -> tuple:
        """The parts that draw live results (gradient norms, histograms, dead
        units), for the window's ``ResultViews``; each redraws on this view's timer."""
        return (self.gradient_flow, self.histograms, self.dead_relu)

    def on_training_stopped(self, event) -> None:
        # The batches still waiting first: their header must not put an
        # estimate of time left back on the bar after the run's end.
        self.flush()
        step = self._batch.global_step if self._batch is not None else None
        text, level = stop_message(event, step)
        self.banner.show_message(text, level)
        if event.reason == "finished":
            self.progress.setValue(self.progress.maximum())
            self.progress.setFormat(self.tr("done"))
        else:   # how far it got; nothing is left to wait for
            self.progress.setFormat("%p %")

    def set_snapshots(self, steps: list[int]) -> None:
        self.scrubber.set_snapshots(steps)

    def reset(self) -> None:
        """Forget the run: empty plots, no message, timers stopped."""
        self._timer.stop()
        self._waiting = []
        self._batch = None
        self._header_dirty = False
        self.rate_label.setText("")
        for part in (self.gradient_flow, self.histograms, self.dead_relu, self.scrubber):
            part.reset()
        self.curves.reset()
        self.curves.redraw()
        self.banner.hide()
        self.progress.setValue(0)
        self.progress.setFormat("")

    # -- drawing ---------------------------------------------------------------

    def flush(self) -> None:
        """Draw everything waiting now (tests, screenshots, the end of a run)."""
        self._timer.stop()
        self._waiting = []
        started = time.perf_counter()
        if self._header_dirty:
            self._update_header()
        for part in self._parts():
            part.redraw()
            for _ in range(64):   # a part that spreads its work over frames finishes now
                if not part.dirty:
                    break
                part.redraw()
        self.last_redraw_s = time.perf_counter() - started

    def _parts(self):
        """What one frame draws, each part on its own turn of the event loop."""
        return (self.curves.loss, self.curves.accuracy, self.gradient_flow, self.histograms,
                self.dead_relu)

    def _schedule(self) -> None:
        if self.isVisible() and not self._timer.isActive():
            self._timer.start(FRAME_MS)

    def _redraw(self) -> None:
        """The timer fired: begin a frame, or draw its next part."""
        started = time.perf_counter()
        if not self._waiting:   # a new frame: the header and every dirty part
            self._waiting = [part for part in self._parts() if part.dirty]
            if not (self._header_dirty or self._waiting):
                return
            self.redraw_count += 1
            if self._header_dirty:
                self._update_header()
        if self._waiting:
            self._waiting.pop(0).redraw()
        self.last_redraw_s = time.perf_counter() - started
        if self._waiting:
            self._timer.start(STAGGER_MS)
        elif self._header_dirty or any(part.dirty for part in self._parts()):
            self._timer.start(FRAME_MS)   # data came during the frame: the next one

    def _update_header(self) -> None:
        self._header_dirty = False
        event = self._batch
        if event is None:
            return
        # The title changes once an epoch (QLabel ignores the same text again).
        self.title.setText(self.tr("Training · epoch {0}/{1}").format(event.epoch + 1, self.epochs))
        self.rate_label.setText(self.tr("{0} samples/s").format(f"{event.samples_per_s:,.0f}"))
        self.progress.setValue(min(event.global_step + 1, self.progress.maximum()))
        self.progress.setFormat(f"%p %  ·  {eta_text(event.eta_s)}")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        self._waiting = []   # shown again, a new frame draws whatever is dirty
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        super().closeEvent(event)
