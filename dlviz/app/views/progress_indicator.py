"""A status-bar progress bar for long jobs (weights downloads, big builds)."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar


def _megabytes(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


class ProgressIndicator(QProgressBar):
    """Hidden until a job reports progress; hides itself when the job ends."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("job_progress")
        self.setMaximumWidth(320)
        self.setTextVisible(True)
        self._job: int | None = None
        self.hide()

    def _on_job_progressed(self, event) -> None:
        self._job = event.job_id
        if event.total > 0:
            self.setRange(0, 1000)
            self.setValue(int(1000 * min(event.done / event.total, 1.0)))
            amount = f"{_megabytes(event.done)} of {_megabytes(event.total)}"
        else:
            self.setRange(0, 0)  # busy indicator: size unknown
            amount = _megabytes(event.done)
        self.setFormat(f"{event.text} {amount}".strip())
        self.show()

    def _on_job_ended(self, event) -> None:
        if event.job_id == self._job:
            self._job = None
            self.hide()
