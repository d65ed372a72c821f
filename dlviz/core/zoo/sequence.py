"""Recurrent text models: a many-to-one classifier and a many-to-many tagger.

Both read int token ids (0 is padding, masked by ``Embedding(mask_zero=True)``
through every later layer and the loss) of any length, and carry their
:class:`~dlviz.core.data.text_vocabulary.Vocabulary`: ``save`` writes it
inside the ``.keras`` file, ``load`` reads it back (see ``sequence_io``).

Layer names say what each is: ``tokens``, ``embedding``, ``lstm_1`` ..
``lstm_3`` (``gru_k``, ``simple_rnn_k``), each wrapped in ``bi_lstm_k`` when
bidirectional, then ``predictions`` (classifier) or ``tag_predictions``
(tagger, one softmax per token, the same Dense at every step).
"""

from __future__ import annotations

from pathlib import Path

from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.zoo.base import ZooModel

CELLS = ("lstm", "gru", "simple_rnn")
_CELL_CLASSES = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "SimpleRNN"}
#: Words a model knows before it has seen data (its embedding is resized to
#: the training data's vocabulary, with a note).
DEFAULT_VOCABULARY_SIZE = 1000


class SequenceClassifier(ZooModel):
    """Embedding, 1-3 recurrent layers, a softmax over classes (many-to-one).

    Args:
        input_shape: ``(None,)`` (any length, the default) or ``(T,)``.
        classes: number of classes (3: negative, neutral, positive).
        cell: "lstm", "gru" or "simple_rnn".
        layers: 1 to 3 stacked recurrent layers.
        bidirectional: wrap each recurrent layer in ``Bidirectional``.
        units: units per recurrent layer (per direction).
        embedding_dim: size of each token's vector.
        vocabulary: the :class:`Vocabulary` it reads (None: a placeholder of
            ``vocabulary_size`` ids until data is chosen).
        vocabulary_size: ids in the embedding when there is no vocabulary.
        memory_bias: start the gates remembering: the LSTM forget gate's bias
            at ``b`` and its input gate's at ``-b``, the GRU update gate's at
            ``b`` (Keras's h = z*h_prev + (1-z)*h~). 0 keeps Keras's defaults.
            A SimpleRNN has no gate to set. With 3, an LSTM or GRU learns a
            100-step dependency in a few epochs (Tallec and Ollivier 2018
            call the idea chrono initialisation); with Keras's defaults the
            signal of the first step fades to ~0.7**100 and training stalls.

    Example:
        >>> net = SequenceClassifier(cell="gru", layers=2, bidirectional=True)  # doctest: +SKIP
        >>> [l.name for l in net.build().layers][2:4]  # doctest: +SKIP
        ['bi_gru_1', 'bi_gru_2']
    """

    title = "RNN classifier"
    kind = "Sequence"
    default_input_shape = (None,)
    default_classes = 3
    task = "classify"

    def __init__(self, input_shape=None, classes=None, *, cell: str = "lstm",
                 layers: int = 1, bidirectional: bool = False, units: int = 32,
                 embedding_dim: int = 32, vocabulary: Vocabulary | None = None,
                 vocabulary_size: int | None = None, memory_bias: float = 0.0,
                 **options):
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {', '.join(CELLS)}, not {cell!r}")
        if not 1 <= int(layers) <= 3:
            raise ValueError(f"layers must be 1, 2 or 3, not {layers}")
        if vocabulary is not None and not isinstance(vocabulary, Vocabulary):
            raise TypeError("vocabulary must be a Vocabulary")
        size = len(vocabulary) if vocabulary is not None else int(
            vocabulary_size or DEFAULT_VOCABULARY_SIZE)
        super().__init__(input_shape, classes, cell=cell, layers=int(layers),
                         bidirectional=bool(bidirectional), units=int(units),
                         embedding_dim=int(embedding_dim), vocabulary=vocabulary,
                         vocabulary_size=size, **options)
        if memory_bias:
            self.options["memory_bias"] = float(memory_bias)
        self.vocabulary = vocabulary
        name = {"lstm": "LSTM", "gru": "GRU", "simple_rnn": "SimpleRNN"}[cell]
        self.title = f"{'Bidirectional ' if bidirectional else ''}{name} " \
                     f"{'tagger' if self.task == 'tag' else 'classifier'}"

    def _recurrent_stack(self, x, last_returns_sequences: bool):
        from keras import layers

        o = self.options
        cell = getattr(layers, _CELL_CLASSES[o["cell"]])
        for k in range(1, o["layers"] + 1):
            sequences = last_returns_sequences or k < o["layers"]
            rnn = cell(o["units"], return_sequences=sequences, name=f"{o['cell']}_{k}")
            if o["bidirectional"]:
                rnn = layers.Bidirectional(rnn, name=f"bi_{o['cell']}_{k}")
            x = rnn(x)
        return x

    def _embedded(self):
        import keras
        from keras import layers

        length = self.input_shape[0] if self.input_shape else None
        inputs = keras.Input(shape=(length,), dtype="int32", name="tokens")
        x = layers.Embedding(self.options["vocabulary_size"], self.options["embedding_dim"],
                             mask_zero=True, name="embedding")(inputs)
        return inputs, x

    def _model_name(self) -> str:
        o = self.options
        return f"{'bi_' if o['bidirectional'] else ''}{o['cell']}_{self.task}_x{o['layers']}"

    def _build(self):
        """Embedding -> recurrent stack (last state) -> softmax over ``classes``."""
        import keras
        from keras import layers

        inputs, x = self._embedded()
        x = self._recurrent_stack(x, last_returns_sequences=False)
        outputs = layers.Dense(self.classes, activation="softmax", name="predictions")(x)
        return self._set_memory_bias(keras.Model(inputs, outputs, name=self._model_name()))

    def _set_memory_bias(self, model):
        b, units = self.options.get("memory_bias", 0.0), self.options["units"]
        if not b or self.options["cell"] == "simple_rnn":
            return model
        from dlviz.core.zoo.sequence_options import recurrent_layers

        for outer, inner, bidirectional in recurrent_layers(model):
            cells = ([outer.forward_layer.cell, outer.backward_layer.cell] if bidirectional
                     else [inner.cell])
            for cell in cells:
                bias = cell.bias.numpy()
                if self.options["cell"] == "lstm":  # gates in Keras's order i, f, c, o
                    bias[:units], bias[units:2 * units] = -b, b
                else:  # GRU: z, r, h (a row per input and recurrent bias when reset_after)
                    bias[..., :units] = b / bias.ndim
                cell.bias.assign(bias)
        return model

    # -- text in, probabilities out ---------------------------------------------
    def encode(self, text: str):
        """``(ids (1, T), tokens)`` of a typed sentence (``EmptyText`` when empty)."""
        if self.vocabulary is None:
            raise ValueError(f"{self.title} has no vocabulary yet: train it on text first")
        return self.vocabulary.encode_sentence(text)

    def predict_text(self, text: str):
        """The model's output for one sentence: (classes,) or (T, tags)."""
        ids, _ = self.encode(text)
        return self._require_model().predict(ids, verbose=0)[0]

    # -- vocabulary follows the data ---------------------------------------------
    def with_vocabulary(self, vocabulary: Vocabulary, classes: int | None = None) -> "ZooModel":
        """The same architecture reading ``vocabulary`` (not built)."""
        options = {k: v for k, v in self.options.items()
                   if k not in ("vocabulary", "vocabulary_size")}
        return type(self)(self.input_shape, classes or self.classes, vocabulary=vocabulary,
                          **options)

    # -- 5. save / 6. load ------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the ``.keras`` file atomically, with the vocabulary inside."""
        from dlviz.core.zoo.sequence_io import save_with_vocabulary

        return save_with_vocabulary(self._require_model(), self.vocabulary, path)

    @classmethod
    def load(cls, path: str | Path, *, trust_sha256: str | None = None,
             compile: bool = False, **options) -> "SequenceClassifier":
        """Read a file this class saved: safe mode, options from its layers,
        vocabulary from inside the file (None if it has none)."""
        from dlviz.core.modelio import load_model
        from dlviz.core.zoo.architecture import match_options
        from dlviz.core.zoo.sequence_io import read_vocabulary
        from dlviz.core.zoo.sequence_options import options_of

        model = load_model(path, trust_sha256=trust_sha256, compile=compile)
        vocabulary = read_vocabulary(path)
        found = {**options_of(model, path, cls.title), **options}
        kwargs = match_options(cls, model, path, found)
        kwargs.pop("vocabulary", None)
        if vocabulary is not None and len(vocabulary) != kwargs["vocabulary_size"]:
            from dlviz.core.prescan_errors import ModelFileError

            raise ModelFileError(
                "wrong_architecture", path,
                f"{Path(path).name}: its vocabulary has {len(vocabulary):,} tokens but its "
                f"embedding {kwargs['vocabulary_size']:,} rows, so ids would not match")
        obj = cls(**kwargs, vocabulary=vocabulary)
        obj.model = model
        return obj


class SequenceTagger(SequenceClassifier):
    """Embedding, 1-3 recurrent layers returning every step, a softmax per token
    (many-to-many, aligned): one tag for each input token.

    Args: as :class:`SequenceClassifier`; ``classes`` is the number of tags.
    """

    title = "RNN tagger"
    default_classes = 12
    task = "tag"

    def _build(self):
        import keras
        from keras import layers

        inputs, x = self._embedded()
        x = self._recurrent_stack(x, last_returns_sequences=True)
        # Dense on (batch, time, features) is applied at every step with the same
        # weights (what TimeDistributed(Dense) does) and passes the mask on.
        # TimeDistributed itself keeps the first call's length in Keras 3.15:
        # predicting a 5-token sentence after a 7-token batch gave (1, 1, tags).
        outputs = layers.Dense(self.classes, activation="softmax",
                               name="tag_predictions")(x)
        return self._set_memory_bias(keras.Model(inputs, outputs, name=self._model_name()))
