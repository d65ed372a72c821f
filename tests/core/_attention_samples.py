"""Attention results built by hand (no Keras): a date read by a seq2seq model, two heads."""

import numpy as np

from dlviz.core.probes.attention_results import AttentionMap

SOURCE = ("ngày", "10", "tháng", "3", "năm", "1987")
OUTPUT = tuple("1987-03-10")


def attention_map(heads: int = 1) -> AttentionMap:
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(heads, len(OUTPUT), len(SOURCE))).astype(np.float32)
    weights = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    names = ("attention",) if heads == 1 else tuple(f"head {h + 1}" for h in range(heads))
    return AttentionMap("dates_lstm_additive", "ngày 10 tháng 3 năm 1987", "attention",
                        "additive", SOURCE, OUTPUT, weights.astype(np.float32), names,
                        output_text="1987-03-10", layers=("attention",),
                        notes=("greedy decoding",))
