"""What the caption probe returns: an image, its caption, and where each word looked.

A captioner with attention writes one word at a time; for each word it
spreads its attention over the image's regions (the cells of its CNN's last
feature map, e.g. 8x8 over a 64x64 scene). ``weights[t]`` is the map it used
to choose word ``t``, each map summing to 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import Result


@dataclass(frozen=True, eq=False)
class Caption(Result):
    """One image's greedy caption and, per word, the attention over its regions.

    Example:
        >>> found = PROBES["caption"].compute(model, scene)   # doctest: +SKIP
        >>> found.text, found.weights.shape                   # doctest: +SKIP
        ('a red circle above a blue square', (7, 8, 8))
    """

    image: np.ndarray               # float32 (h, w, 3) in [0, 1]: the picture as the model saw it
    words: tuple[str, ...]          # the caption's words (``<end>`` left out)
    weights: np.ndarray             # float32 (words, rows, cols): each word's attention
    grid: tuple[int, int]           # (rows, cols) of the regions
    probabilities: np.ndarray       # float32 (words,): how sure the model was of each word
    ended: bool = True              # it wrote <end> (False: cut at the length limit)
    source_name: str = ""           # what was dropped
    notes: tuple[str, ...] = ()     # how the picture was fitted (for people)

    @property
    def text(self) -> str:
        """The caption as a sentence."""
        return " ".join(self.words)

    def region_of(self, row: float, col: float) -> tuple[int, int]:
        """The (row, col) region holding image pixel (row, col)."""
        rows, cols = self.grid
        height, width = self.image.shape[:2]
        return (min(rows - 1, max(0, int(row * rows / height))),
                min(cols - 1, max(0, int(col * cols / width))))

    def overlay(self, index: int) -> np.ndarray:
        """Word ``index``'s attention stretched over the image's pixels, (h, w) float32
        (each region's weight on its block of pixels)."""
        height, width = self.image.shape[:2]
        rows, cols = self.grid
        ys = np.minimum(np.arange(height) * rows // height, rows - 1)
        xs = np.minimum(np.arange(width) * cols // width, cols - 1)
        return self.weights[index][ys][:, xs].astype(np.float32)
