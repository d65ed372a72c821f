"""What the CTC probe returns: a picture read column by column.

A CRNN (CNN + bidirectional LSTM, trained with CTC) gives one softmax per
column of its feature map: the probability of the blank and of each symbol
at that column. The *best path* takes the likeliest class per column; CTC
reads it by merging repeats and dropping blanks ("-11--5-" -> "15").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import Result


@dataclass(frozen=True, eq=False)
class CtcAlignment(Result):
    """One image, its per-column class probabilities, the best path and the string.

    Example:
        >>> found = PROBES["ctc"].compute(model, image)     # doctest: +SKIP
        >>> found.text, found.probabilities.shape            # doctest: +SKIP
        ('4071', (32, 11))
    """

    image: np.ndarray               # float32 (h, w) in [0, 1]: the picture as the model sees it
    probabilities: np.ndarray       # float32 (T, classes): one softmax per column, blank included
    class_names: tuple[str, ...]    # one per class; class_names[blank_index] names the blank
    blank_index: int                # which class is the CTC blank (0 in Keras)
    path: np.ndarray                # int64 (T,): the likeliest class of each column
    text: str                       # the path with repeats merged and blanks dropped
    source_name: str = ""           # what was dropped or drawn
    notes: tuple[str, ...] = ()     # how the picture was fitted (for people)

    @property
    def steps(self) -> int:
        """Time steps (columns of the feature map the LSTM reads)."""
        return int(self.probabilities.shape[0])

    @property
    def pixels_per_step(self) -> float:
        """Image columns under one time step (the view lines them up)."""
        return self.image.shape[1] / max(self.steps, 1)

    def symbol(self, index: int) -> str:
        """How the path row writes class ``index``: "-" for the blank."""
        return "-" if index == self.blank_index else self.class_names[index]

    def path_text(self) -> str:
        """The best path before collapsing, e.g. "--11-5--"."""
        return "".join(self.symbol(int(k)) for k in self.path)

    def merged_text(self) -> str:
        """The best path with runs of one class merged, blanks kept: "--11-5--" -> "-1-5-"."""
        runs = [int(k) for i, k in enumerate(self.path) if i == 0 or k != self.path[i - 1]]
        return "".join(self.symbol(k) for k in runs)
