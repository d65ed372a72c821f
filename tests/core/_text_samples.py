"""Small text results built by hand (no Keras): a sentence's gates and gradient through time."""

import numpy as np

from dlviz.core.probes.sequence_results import GateTrace, GradientThroughTime
from dlviz.core.probes.text_results import SequenceGates, TextAnalysis

TOKENS = ("không", "tệ", "chút", "nào")


def trace(direction="forward", units=3) -> GateTrace:
    rng = np.random.default_rng(0 if direction == "forward" else 1)
    shape = (1, len(TOKENS), units)
    gates = {name: rng.uniform(0, 1, shape).astype(np.float32) for name in ("z", "r")}
    gates.update({name: rng.uniform(-1, 1, shape).astype(np.float32)
                  for name in ("h_tilde", "h")})
    return GateTrace(f"bi_gru/{direction}", "gru", direction, gates,
                     np.ones(shape[:2], bool), reset_after=True, tokens=TOKENS, note="GRU")


def sequence_gates() -> SequenceGates:
    return SequenceGates("gru_sentiment", "Không tệ chút nào", TOKENS,
                         np.array([5, 9, 2, 7], np.int32), ("bi_gru",),
                         (trace("forward"), trace("backward")),
                         np.array([0.1, 0.2, 0.7], np.float32), "classes",
                         ("negative", "neutral", "positive"), ("1 of 4 tokens unknown",))


def gradient_through_time() -> GradientThroughTime:
    return GradientThroughTime("gru_sentiment", np.array([[0.01, 0.1, 0.5, 1.0]], np.float32),
                               np.ones((1, 4), bool), "embedding", 0.35, "predicted class",
                               TOKENS, "L2 norm")


def text_analysis() -> TextAnalysis:
    return TextAnalysis("Không tệ chút nào", {"gates": sequence_gates(),
                                              "gradient_through_time": gradient_through_time()})
