"""The model library's "Sequence models": recurrent classifiers and taggers.

Plain data (no Keras, no registry import): ``registry.py`` turns each row
into a ``ZooEntry``. The LSTM and GRU presets start with their gates set to
remember (``memory_bias=3``, see ``SequenceClassifier``); the SimpleRNN has
no gate, which is the comparison the long-dependency task makes.
"""

from __future__ import annotations

_GATED = {"memory_bias": 3.0}

#: (name, title, module, class, kwargs, description)
SEQUENCE_ENTRIES = (
    ("lstm-sentiment", "LSTM classifier", "sequence", "SequenceClassifier",
     {"cell": "lstm", **_GATED},
     "Embedding, one LSTM, softmax: sentiment (negative/neutral/positive) or any "
     "labelled sentences; many-to-one."),
    ("gru-sentiment", "GRU classifier", "sequence", "SequenceClassifier",
     {"cell": "gru", **_GATED},
     "Embedding, one GRU (Keras: h = z*h_prev + (1-z)*h~), softmax; many-to-one."),
    ("rnn-sentiment", "SimpleRNN classifier", "sequence", "SequenceClassifier",
     {"cell": "simple_rnn"},
     "Embedding, one SimpleRNN (s_t = tanh(W s_t-1 + U x_t)), softmax: no gates, "
     "so it forgets the start of long sentences."),
    ("bilstm-sentiment", "Bidirectional LSTM classifier", "sequence", "SequenceClassifier",
     {"cell": "lstm", "bidirectional": True, **_GATED},
     "An LSTM reading forward and one reading backward, their last states joined."),
    ("lstm-sentiment-stacked", "LSTM classifier, 2 stacked layers", "sequence",
     "SequenceClassifier", {"cell": "lstm", "layers": 2, **_GATED},
     "Two LSTM layers: the second reads the first's states at every step."),
    ("bilstm-tagger", "Bidirectional LSTM tagger", "sequence", "SequenceTagger",
     {"cell": "lstm", "bidirectional": True, **_GATED},
     "A tag for every word (many-to-many, aligned), reading both ways."),
    ("lstm-tagger", "LSTM tagger", "sequence", "SequenceTagger", {"cell": "lstm", **_GATED},
     "A tag for every word, reading left to right only."),
    ("gru-tagger", "Bidirectional GRU tagger", "sequence", "SequenceTagger",
     {"cell": "gru", "bidirectional": True, **_GATED},
     "A tag for every word with GRUs reading both ways."),
)
