"""When a view draws live training results: on its own clock, only on screen, newest wins.

A training run sends live frames whenever its budget allows; a view that drew
each one as it came spent the GUI thread on pictures nobody could see (a
hidden tab) or that the next frame replaced at once. The protocol:

1. ``offer(result, step)``: off screen, the result is only kept (``keep``),
   and drawn once when the view is shown again; on screen, it is drawn at
   once unless the clock runs, in which case it waits, replacing any older
   one waiting.
2. Every drawing starts the clock (``interval_ms``); when it runs out, the
   result waiting, if any, is drawn and the clock starts again. So a view
   draws at most once per interval, and the last result offered is always
   drawn in the end.
3. ``cancel()``: a still result (a dropped image, a typed sentence) was
   drawn; nothing older may be drawn over it.

Example:
    self.clock = LiveClock(self, draw=self._draw, keep=self._keep, interval_ms=100)
    ...
    def showEvent(self, event): super().showEvent(event); self.clock.shown()
    def hideEvent(self, event): self.clock.hidden(); super().hideEvent(event)
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget


class LiveClock(QObject):
    """Draws a view's live results at most every ``interval_ms``, only while it is visible.

    Args:
        view: the widget whose visibility decides.
        draw: ``draw(result, step)`` draws a result now.
        keep: ``keep(result, step)`` makes a result current without drawing it
            (the view is hidden); the view draws its current result when shown.
        interval_ms: the least time between two drawings.
    """

    def __init__(self, view: QWidget, *, draw: Callable[[Any, int], None],
                 keep: Callable[[Any, int], None], interval_ms: int):
        super().__init__(view)
        self.view, self._draw, self._keep = view, draw, keep
        self._waiting: tuple | None = None   # (result, step) for the timer
        self.stale = False       # kept while hidden: draw when shown
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timeout)

    def offer(self, result, step: int) -> None:
        """A live result came (protocol step 1)."""
        if not self.view.isVisible():
            self._waiting, self.stale = None, True
            self._keep(result, step)
        elif self.timer.isActive():
            self._waiting = (result, step)
        else:
            self._draw(result, step)
            self.timer.start()

    def cancel(self) -> None:
        """A still result was drawn: forget the live one waiting (protocol step 3)."""
        self.timer.stop()
        self._waiting, self.stale = None, False

    def shown(self) -> bool:
        """The view was shown: True when it must draw its current result now."""
        stale, self.stale = self.stale, False
        return stale

    def hidden(self) -> None:
        """The view was hidden: no timer runs; the result waiting is kept to draw when shown."""
        self.timer.stop()
        if self._waiting is not None:
            self._keep(*self._waiting)
            self._waiting, self.stale = None, True

    def _on_timeout(self) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._draw(*waiting)
            self.timer.start()
