"""A status-bar progress bar for long jobs (weights and dataset downloads), with Stop.

It follows the engine bridge: a job's ``JobProgress`` shows it (a bar when
the size is known, a busy bar when the server sends none); the end of that
job, however it ends (finished, failed, dropped or cancelled), hides it.
Stop asks for the job to be cancelled; the window decides how.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget


def _megabytes(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


class ProgressIndicator(QWidget):
    """Hidden until a job reports progress; hides itself when the job ends."""

    cancel_requested = Signal(int, str)  # job id, job kind

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("job_progress")
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(320)
        self.bar.setTextVisible(True)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("job_progress_stop")
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop this download"))
        self.stop_button.clicked.connect(self._on_stop_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self._job: tuple[int, str] | None = None
        self.hide()

    def follow(self, bridge) -> None:
        """Show the progress of ``bridge``'s jobs; hide it whenever that job ends."""
        bridge.job_progressed.connect(self._on_job_progressed)
        for ended in (bridge.job_finished, bridge.job_failed, bridge.job_dropped):
            ended.connect(self._on_job_ended)

    @property
    def busy(self) -> bool:
        """True while the bar shows activity of unknown length."""
        return self.bar.maximum() == 0

    def _on_job_progressed(self, event) -> None:
        self._job = (event.job_id, event.kind)
        if event.total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(event.done / event.total, 1.0)))
            amount = self.tr("{0} of {1}").format(_megabytes(event.done), _megabytes(event.total))
        else:
            self.bar.setRange(0, 0)  # busy indicator: size unknown
            amount = _megabytes(event.done)
        self.bar.setFormat(f"{event.text} {amount}".strip())
        self.bar.setToolTip(self.bar.format())
        self.stop_button.setEnabled(True)
        self.show()

    def _on_job_ended(self, event) -> None:
        if self._job is not None and event.job_id == self._job[0]:
            self._job = None
            self.hide()

    def _on_stop_clicked(self) -> None:
        if self._job is not None:
            self.stop_button.setEnabled(False)  # once is enough; it ends soon
            self.cancel_requested.emit(*self._job)
