"""What the text probe kinds return: a typed sentence's gates and the model's answer.

``SequenceGates`` holds one ``GateTrace`` per recurrent layer and direction
(a ``Bidirectional`` layer gives two), all for the same tokens, and what the
whole model said about the sentence. Like every ``Result`` it stores itself
(``.npz``: arrays plus a JSON header); its traces go in as plain fields and
come back as ``GateTrace``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from dlviz.core.probes.results import ClassScore, Result
from dlviz.core.probes.sequence_results import GateTrace


@dataclass(frozen=True, eq=False)
class SequenceGates(Result):
    """Every recurrent layer's gates for one typed sentence, and the model's prediction.

    Example:
        >>> found = PROBES["gates"].compute(model, "not bad at all", vocabulary=vocab)  # doctest: +SKIP
        >>> [t.layer for t in found.traces]        # ['bi_lstm_1/forward', 'bi_lstm_1/backward']  doctest: +SKIP
        >>> found.scores()[0].name                  # 'positive'  doctest: +SKIP
    """

    model: str                      # the model's name
    text: str                       # what was typed
    tokens: tuple[str, ...]         # one per time step, as the model read them
    ids: np.ndarray                 # (time,) int32 token ids (or (time, features) float32)
    layers: tuple[str, ...]         # recurrent layer paths, input side first
    traces: tuple[GateTrace, ...]   # per layer, forward then backward
    prediction: np.ndarray          # (classes,) for a classifier, (time, tags) for a tagger
    prediction_kind: str            # "classes", "tags" or "values" (not one score per class)
    class_names: tuple[str, ...]    # one per column of ``prediction``
    notes: tuple[str, ...] = ()     # for people: unknown words, text cut short, no vocabulary

    def traces_of(self, layer: str) -> tuple[GateTrace, ...]:
        """The traces of recurrent layer ``layer`` (two for a ``Bidirectional``)."""
        names = (layer, f"{layer}/forward", f"{layer}/backward")
        return tuple(t for t in self.traces if t.layer in names)

    def scores(self) -> tuple[ClassScore, ...]:
        """A classifier's classes, most probable first (empty for other outputs)."""
        if self.prediction_kind != "classes":
            return ()
        order = np.argsort(-self.prediction, kind="stable")
        return tuple(ClassScore(int(i), self.class_names[i], float(self.prediction[i]))
                     for i in order)

    def tags(self) -> tuple[str, ...]:
        """A tagger's most probable tag per token (empty for other outputs)."""
        if self.prediction_kind != "tags":
            return ()
        return tuple(self.class_names[int(i)] for i in np.argmax(self.prediction, axis=-1))

    def __store__(self) -> dict:
        values = super().__store__()
        values["traces"] = tuple({f.name: getattr(t, f.name) for f in dataclasses.fields(t)}
                                 for t in self.traces)
        return values

    @classmethod
    def __restore__(cls, values: dict) -> dict:
        traces = tuple(GateTrace(**dict(t)) for t in values.get("traces", ()))
        return {**values, "traces": traces}


@dataclass(frozen=True, eq=False)
class TextAnalysis(Result):
    """Several text kinds of one sentence, drawn part by part (``ResultViews``)."""

    text: str
    results: dict                   # probe kind -> its result

    def parts(self) -> tuple:
        return tuple(self.results.values())
