"""The model library's encoder-decoders with attention (untrained presets).

Plain data (no Keras, no registry import): ``registry.py`` turns each row
into a ``ZooEntry``. Pick the score with an option, e.g.
``create("dates-attention", score="additive")``; the shipped trained models
(one per score, ``dates-attention-<score>``) are listed with the other
trained models.
"""

from __future__ import annotations

#: (name, title, module, class, kwargs, description)
SEQ2SEQ_ENTRIES = (
    ("dates-attention", "Encoder-decoder with attention (dates)", "seq2seq",
     "Seq2SeqAttention", {"cell": "lstm", "score": "general", "bridge": False},
     "An LSTM reads a date as people write it, another writes it as ISO 1987-03-10 "
     "character by character, looking at the source through attention (score: dot, "
     "general, additive or cosine); the decoder starts from zeros, so all it knows of "
     "the source comes through attention."),
    ("seq2seq-bigru-attention", "Bidirectional GRU encoder-decoder, additive attention",
     "seq2seq", "Seq2SeqAttention",
     {"cell": "gru", "bidirectional": True, "score": "additive", "bridge": True},
     "Bahdanau's design: a GRU reading both ways, a GRU decoder starting from its last "
     "states, additive attention; for phrase translation."),
)
