"""Attention results made by hand for the view tests (no Keras): a Vietnamese date, many heads."""

import numpy as np

from dlviz.core.probes.attention_results import AttentionMap

#: 22 source tokens: a Vietnamese sentence holding a date (diacritics, NFC).
DATE_SOURCE = tuple("Cuộc họp diễn ra vào sáng thứ Ba , ngày 10 tháng 3 năm 1987 tại Hà Nội , "
                    "Việt Nam .".split())
DATE_OUTPUT = tuple("1987-03-10")
#: For each output character, the source token a trained model looks at most.
_LOOKS_AT = (14, 14, 14, 14, 11, 12, 12, 9, 10, 10)


def date_alignment() -> AttentionMap:
    """10 output characters × 22 source tokens: year, month and day move, as in the course."""
    weights = np.full((1, len(DATE_OUTPUT), len(DATE_SOURCE)), 0.01, np.float32)
    for row, col in enumerate(_LOOKS_AT):
        weights[0, row, col] += 0.75
        weights[0, row, max(0, col - 1)] += 0.1   # "năm", "tháng", "ngày" share a little
    weights /= weights.sum(axis=-1, keepdims=True)
    return AttentionMap("dates-attention-additive", " ".join(DATE_SOURCE), "attention",
                        "additive", DATE_SOURCE, DATE_OUTPUT, weights, ("attention",),
                        output_text="1987-03-10", layers=("attention",),
                        notes=("greedy decoding: each output character from the last",))


def many_heads(heads: int = 12, sources: int = 24, outputs: int | None = None,
               seed: int = 0) -> AttentionMap:
    """A self-attention layer's heads over ``sources`` tokens (rows sum to 1)."""
    outputs = sources if outputs is None else outputs
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.0, size=(heads, outputs, sources)).astype(np.float32)
    weights = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    words = ("tôi", "học", "sâu", "the", "model", "looks", "here", "mạng")
    tokens = tuple(f"{words[t % len(words)]}{t}" for t in range(sources))
    return AttentionMap("bert_like", " ".join(tokens), "encoder/mha", "multi_head", tokens,
                        tokens[:outputs], weights.astype(np.float32),
                        tuple(f"head {h + 1}" for h in range(heads)),
                        layers=("encoder/mha", "decoder/mha"))
