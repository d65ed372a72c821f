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


def unit_selection():
    from dlviz.core.probes.unit_match import UnitSelection

    return UnitSelection("bi_gru/forward", "h", 1, 3, TOKENS[1:3], np.array([2, 0], np.int32),
                         np.array([0.8, 0.4], np.float32), np.array([2, 0, 1], np.int32),
                         np.array([0.4, 0.1, 0.8], np.float32),
                         np.array([[0.9, 0.8], [0.5, 0.4]], np.float32), 0.3, "h")


def unit_matches():
    from dlviz.core.probes.unit_match import UnitMatch, UnitMatches

    return UnitMatches(unit_selection(), (UnitMatch(4, 0, 2, ("chẳng", "hay"), 0.61),),
                       searched=2000, found=1, note="top 30")


def span_matches():
    from dlviz.core.span_jobs import SpanMatches

    return SpanMatches(unit_matches(), ("chẳng hay chút nào",),
                       (("chẳng", "hay", "chút", "nào"),), "the Vietnamese sentiment set")


def cell_comparison():
    from dlviz.core.probes.compare import CellComparison

    h = np.linspace(-1, 1, 3 * len(TOKENS), dtype=np.float32).reshape(3, len(TOKENS))
    gradient = np.array([[1e-4, 0.01, 0.3, 1.0], [0.5, 0.7, 0.9, 1.0]], np.float32)
    return CellComparison("không tệ chút nào", TOKENS, ("rnn", "lstm"), ("simple_rnn", "lstm"),
                          ("simple_rnn_1", "lstm_1"), h, -h, None, gradient, gradient * 2,
                          {"rnn": 1e-4, "lstm": 0.5}, ("GRU row missing",))
