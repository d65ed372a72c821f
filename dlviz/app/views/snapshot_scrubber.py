"""An epoch/step scrubber over stored probe snapshots, with a Live toggle."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget


class SnapshotScrubber(QWidget):
    """A slider over snapshot steps; moving it leaves live mode.

    Signals:
        snapshot_requested(int): the global step of the snapshot to show.
        live_requested(): the person switched back to live frames.
    """

    snapshot_requested = Signal(int)
    live_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.steps: list[int] = []
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.live_button = QToolButton()
        self.live_button.setText(self.tr("● Live"))
        self.live_button.setCheckable(True)
        self.live_button.setChecked(True)
        self.live_button.setToolTip(self.tr("Follow the newest frames while training"))
        self.live_button.toggled.connect(self._on_live_toggled)
        self.step_label = QLabel(self.tr("no snapshots yet"))
        self.step_label.setMinimumWidth(150)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Replay")))
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.step_label)
        layout.addWidget(self.live_button)

    @property
    def live(self) -> bool:
        return self.live_button.isChecked()

    def set_snapshots(self, steps: list[int]) -> None:
        """Offer these global steps; in live mode the slider stays at the newest."""
        self.steps = sorted(int(s) for s in steps)
        self.slider.blockSignals(True)
        keep = self.current_step()
        self.slider.setRange(0, max(len(self.steps) - 1, 0))
        if self.live or keep not in self.steps:
            self.slider.setValue(len(self.steps) - 1)
        else:
            self.slider.setValue(self.steps.index(keep))
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(self.steps))
        self._update_label()

    def current_step(self) -> int | None:
        if not self.steps:
            return None
        return self.steps[min(self.slider.value(), len(self.steps) - 1)]

    def reset(self) -> None:
        self.set_snapshots([])
        self.live_button.setChecked(True)

    def _on_slider_moved(self, _index: int) -> None:
        step = self.current_step()
        self._update_label()
        if step is None:
            return
        if self.live:
            self.live_button.blockSignals(True)  # leaving live is implied, not requested
            self.live_button.setChecked(False)
            self.live_button.blockSignals(False)
        self.snapshot_requested.emit(step)

    def _on_live_toggled(self, live: bool) -> None:
        if live:
            self.slider.blockSignals(True)
            self.slider.setValue(len(self.steps) - 1)
            self.slider.blockSignals(False)
            self._update_label()
            self.live_requested.emit()
        else:
            step = self.current_step()
            if step is not None:
                self.snapshot_requested.emit(step)

    def _update_label(self) -> None:
        step = self.current_step()
        if step is None:
            self.step_label.setText(self.tr("no snapshots yet"))
        else:
            self.step_label.setText(self.tr("step {0}  ({1} of {2})").format(
                step, self.slider.value() + 1, len(self.steps)))
