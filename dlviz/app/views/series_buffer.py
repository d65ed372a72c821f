"""Growing (x, y) series for live plots: O(1) amortised appends, views to draw.

A training run sends tens of thousands of points. Appending to Python lists
and converting them on every redraw costs O(n) per frame; these buffers
double their capacity when full and hand pyqtgraph views of the filled part.
"""

from __future__ import annotations

import numpy as np


class SeriesBuffer:
    """x and y float64 arrays that grow by doubling.

    Example:
        series = SeriesBuffer()
        series.append(0.0, 2.3)
        curve.setData(series.x, series.y)
    """

    def __init__(self, capacity: int = 1024):
        self._data = np.empty((2, max(int(capacity), 1)), dtype=np.float64)
        self.size = 0

    def __len__(self) -> int:
        return self.size

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    @property
    def x(self) -> np.ndarray:
        return self._data[0, : self.size]

    @property
    def y(self) -> np.ndarray:
        return self._data[1, : self.size]

    def append(self, x: float, y: float) -> None:
        if self.size == self.capacity:
            grown = np.empty((2, self.capacity * 2), dtype=np.float64)
            grown[:, : self.size] = self._data[:, : self.size]
            self._data = grown
        self._data[0, self.size] = x
        self._data[1, self.size] = y
        self.size += 1

    def last(self) -> tuple[float, float] | None:
        if not self.size:
            return None
        return float(self._data[0, self.size - 1]), float(self._data[1, self.size - 1])

    def clear(self) -> None:
        self.size = 0


class SmoothedSeries:
    """A raw series and its exponential moving average, appended together.

    smoothed[0] = raw[0]; smoothed[t] = a * smoothed[t-1] + (1 - a) * raw[t].
    Non-finite values are kept in the raw series (drawn as gaps) and skipped
    by the average, so one NaN batch does not blank the smoothed line.
    """

    def __init__(self, smoothing: float = 0.9, capacity: int = 1024):
        self.smoothing = float(smoothing)
        self.raw = SeriesBuffer(capacity)
        self.smoothed = SeriesBuffer(capacity)
        self._ema: float | None = None

    def __len__(self) -> int:
        return len(self.raw)

    def append(self, x: float, y: float) -> None:
        self.raw.append(x, y)
        if np.isfinite(y):
            a = self.smoothing
            self._ema = y if self._ema is None else a * self._ema + (1.0 - a) * y
        self.smoothed.append(x, np.nan if self._ema is None else self._ema)

    def clear(self) -> None:
        self.raw.clear()
        self.smoothed.clear()
        self._ema = None
