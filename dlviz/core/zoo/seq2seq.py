"""An encoder-decoder (sequence-to-sequence) model with attention.

The encoder reads the source tokens; the decoder writes the target one
token at a time. At every output step the decoder's state ``h`` is scored
against every encoder state ``h̄`` (:class:`~dlviz.core.layers.attention.ScoreAttention`,
one of the course's four scores), the weights ``α = softmax(e)`` make the
context ``c = Σ α h̄``, and the attentional state ``h̃ = tanh(W_c [h; c])``
goes to a softmax over the target vocabulary (Luong et al. 2015, without
input feeding).

Training is teacher forcing: the model reads ``source`` and ``target_in``
(``<start>`` + target) and must give ``target_out`` (target + ``<end>``) at
every step (:func:`~dlviz.core.data.pair_vocabulary.encode_pairs`); the
decoder is causal, so step t never sees what comes later. Writing text is
greedy decoding (:mod:`dlviz.core.probes.seq2seq_attention`).

Layer names: ``source``, ``target_in``, ``source_embedding``,
``target_embedding``, ``encoder_lstm`` (``encoder_gru``; ``encoder_bi_lstm``
when bidirectional), ``decoder_lstm``, ``attention``, ``attention_concat``,
``attentional_state``, ``next_token``.
"""

from __future__ import annotations

from pathlib import Path

from dlviz.core.data.pair_vocabulary import PairVocabulary
from dlviz.core.zoo.base import ZooModel

CELLS = ("lstm", "gru")
#: Ids each side knows before data is chosen (the embeddings are resized to
#: the training data's vocabulary).
DEFAULT_VOCABULARY_SIZE = 100


class Seq2SeqAttention(ZooModel):
    """Embedding, recurrent encoder, recurrent decoder, attention, softmax per step.

    Args:
        input_shape: ``(None,)`` (any source length, the default) or ``(Ts,)``.
        classes: target vocabulary size (None: the vocabulary's, or 100).
        cell: "lstm" or "gru", for encoder and decoder alike.
        bidirectional: the encoder reads both ways (its states, and so the
            decoder's, are then ``2 * units`` wide).
        units: units of the encoder (per direction).
        embedding_dim: size of each token's vector, source and target.
        score: "dot", "general", "additive" or "cosine".
        bridge: the decoder starts from the encoder's final state. Without
            it (False, the default) the decoder starts from zeros, so all it
            knows of the source comes through attention: alignments are
            cleaner (with it, the dates models wrote dates right but only
            ~70 % of the year's, month's and day's characters looked hardest
            at that part of the source).
        vocabulary: the :class:`PairVocabulary` it reads and writes (None: a
            placeholder of ``source_vocabulary_size`` / ``classes`` ids).
        source_vocabulary_size: source ids when there is no vocabulary.

    Example:
        >>> net = Seq2SeqAttention(score="additive", vocabulary=vocab)  # doctest: +SKIP
        >>> net.build().get_layer("attention").score  # doctest: +SKIP
        'additive'
    """

    title = "Encoder-decoder with attention"
    kind = "Seq2seq"
    default_input_shape = (None,)
    default_classes = DEFAULT_VOCABULARY_SIZE

    def __init__(self, input_shape=None, classes=None, *, cell: str = "lstm",
                 bidirectional: bool = False, units: int = 64, embedding_dim: int = 32,
                 score: str = "general", bridge: bool = False,
                 vocabulary: PairVocabulary | None = None,
                 source_vocabulary_size: int | None = None, **options):
        from dlviz.core.layers.attention import SCORES

        if cell not in CELLS:
            raise ValueError(f"cell must be one of {', '.join(CELLS)}, not {cell!r}")
        if score not in SCORES:
            raise ValueError(f"score must be one of {', '.join(SCORES)}, not {score!r}")
        if vocabulary is not None and not isinstance(vocabulary, PairVocabulary):
            raise TypeError("vocabulary must be a PairVocabulary (source and target)")
        if vocabulary is not None:
            if classes is not None and int(classes) != len(vocabulary.target):
                raise ValueError(f"classes ({classes}) must be the target vocabulary's size "
                                 f"({len(vocabulary.target)})")
            classes = len(vocabulary.target)
            source_size = len(vocabulary.source)
        else:
            source_size = int(source_vocabulary_size or DEFAULT_VOCABULARY_SIZE)
        super().__init__(input_shape, classes, cell=cell, bidirectional=bool(bidirectional),
                         units=int(units), embedding_dim=int(embedding_dim), score=score,
                         bridge=bool(bridge), vocabulary=vocabulary,
                         source_vocabulary_size=source_size, **options)
        self.vocabulary = vocabulary
        self.title = (f"{'Bidirectional ' if bidirectional else ''}{cell.upper()} "
                      f"encoder-decoder, {score} attention")

    def _model_name(self) -> str:
        o = self.options
        return f"seq2seq_{'bi_' if o['bidirectional'] else ''}{o['cell']}_{o['score']}"

    def _build(self):
        """source -> encoder states; target_in -> decoder states; attention; softmax."""
        import keras
        from keras import layers

        from dlviz.core.layers.attention import ScoreAttention

        o = self.options
        cell = {"lstm": layers.LSTM, "gru": layers.GRU}[o["cell"]]
        length = self.input_shape[0] if self.input_shape else None
        source = keras.Input(shape=(length,), dtype="int32", name="source")
        target_in = keras.Input(shape=(None,), dtype="int32", name="target_in")
        x = layers.Embedding(o["source_vocabulary_size"], o["embedding_dim"], mask_zero=True,
                             name="source_embedding")(source)
        encoder = cell(o["units"], return_sequences=True, return_state=True,
                       name=f"encoder_{o['cell']}")
        if o["bidirectional"]:
            encoder = layers.Bidirectional(encoder, name=f"encoder_bi_{o['cell']}")
        encoded, *states = encoder(x)
        if o["bidirectional"]:  # [fwd h, (fwd c,) bwd h, (bwd c)] -> joined per kind
            half = len(states) // 2
            states = [layers.Concatenate(name=f"encoder_state_{k}")([f, b])
                      for k, f, b in zip("hc", states[:half], states[half:])]
        width = o["units"] * (2 if o["bidirectional"] else 1)
        y = layers.Embedding(self.classes, o["embedding_dim"], mask_zero=True,
                             name="target_embedding")(target_in)
        decoder = cell(width, return_sequences=True, name=f"decoder_{o['cell']}")
        decoded = decoder(y, initial_state=states if o["bridge"] else None)
        context, _weights = ScoreAttention(o["score"], name="attention")([decoded, encoded])
        joined = layers.Concatenate(name="attention_concat")([decoded, context])
        # Luong's attentional state h~ = tanh(Wc [h; c]): the next token depends
        # on where the decoder is *and* what it reads (the 3rd digit of the year
        # read), which a softmax straight on [h; c] cannot combine.
        attentional = layers.Dense(width, activation="tanh", name="attentional_state")(joined)
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="next_token")(attentional)
        return keras.Model([source, target_in], outputs, name=self._model_name())

    # -- text in, text out ---------------------------------------------------------
    def translate(self, text: str, max_length: int = 40) -> str:
        """The model's greedy output for one source text (``EmptyText`` when empty)."""
        from dlviz.core.probes.seq2seq_attention import greedy_decode

        if self.vocabulary is None:
            raise ValueError(f"{self.title} has no vocabulary yet: train it on pairs first")
        ids, _ = self.vocabulary.encode_sentence(text)
        tokens, _weights = greedy_decode(self._require_model(), ids[0],
                                         self.vocabulary.target, max_length)
        return self.vocabulary.target_text(self.vocabulary.target.ids(tokens))

    def with_vocabulary(self, vocabulary: PairVocabulary, classes: int | None = None):
        """The same architecture reading and writing ``vocabulary`` (not built)."""
        options = {k: v for k, v in self.options.items()
                   if k not in ("vocabulary", "source_vocabulary_size")}
        return type(self)(self.input_shape, None, vocabulary=vocabulary, **options)

    def with_classes(self, classes: int):
        """Without a vocabulary: the same architecture writing ``classes`` target ids."""
        options = {k: v for k, v in self.options.items() if k != "vocabulary"}
        return type(self)(self.input_shape, int(classes), **options)

    # -- 5. save / 6. load ------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the ``.keras`` file atomically, the pair vocabulary inside."""
        from dlviz.core.zoo.sequence_io import save_with_vocabulary

        return save_with_vocabulary(self._require_model(), self.vocabulary, path)

    @classmethod
    def load(cls, path: str | Path, *, trust_sha256: str | None = None,
             compile: bool = False, **options) -> "Seq2SeqAttention":
        """Read a file this class saved: safe mode, options from its layers,
        the pair vocabulary from inside the file (None if it has none).

        Raises:
            ModelFileError: kind ``wrong_architecture`` when the file is not an
                encoder-decoder with a ``ScoreAttention`` layer, or its
                vocabulary does not fit its embeddings.
        """
        from dlviz.core.modelio import load_model
        from dlviz.core.zoo.seq2seq_options import seq2seq_options
        from dlviz.core.zoo.sequence_io import read_vocabulary

        model = load_model(path, trust_sha256=trust_sha256, compile=compile)
        vocabulary = read_vocabulary(path)
        found = {**seq2seq_options(model, path, vocabulary), **options}
        obj = cls(**found)
        obj.model = model
        return obj
