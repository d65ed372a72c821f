"""Greedy decoding of an encoder-decoder model, and the attention it paid.

dlviz's encoder-decoder models (:class:`~dlviz.core.zoo.seq2seq.Seq2SeqAttention`)
read ``source`` token ids and ``target_in`` (``<start>`` and the tokens
written so far) and give, at every step, the probabilities of the next
token. Their decoder is causal, so running the model on ``<start> y1 .. y(t-1)``
gives at its last step exactly what it computes when writing ``y_t``: the
token probabilities and the attention weights over the source. Greedy
decoding takes the most likely token (padding and ``<start>`` are never
chosen), appends it and runs again, until
``<end>`` or ``max_length``; the weights recorded for step t are the ones the
model used to choose token t (no separate "inference model" that could
drift from the trained one).

Example:
    >>> found = seq2seq_attention(model, "ngày 10 tháng 3 năm 1987",
    ...                           vocabulary=vocab)              # doctest: +SKIP
    >>> found.output_text                                         # doctest: +SKIP
    '1987-03-10'
"""

from __future__ import annotations

import weakref

import numpy as np

from dlviz.core.data.pair_vocabulary import END, START
from dlviz.core.data.text_vocabulary import PAD_ID, UNK_ID, EmptyText
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.step_decoder import NotStepwise, decode_checked

#: Output tokens written at most when the caller gives no limit.
DEFAULT_MAX_LENGTH = 40
#: Source tokens read at most, as the attention probe reads of other models.
MAX_TOKENS = 512
INPUT_NAMES = ("source", "target_in")

# One compiled (probabilities, weights) pass per model, kept while the model
# lives. Called eagerly, a Keras functional model costs ~100 ms a step on a
# CPU (its recurrent layers step in Python); traced once with both lengths
# left open, a step costs a few ms. It shares the model's layers, so it
# always reads the current weights (live frames while training).
_EXTRACTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def attention_layer(model):
    """The model's ``ScoreAttention`` layer, or None."""
    for layer in getattr(model, "layers", ()):
        if type(layer).__name__ == "ScoreAttention":
            return layer
    return None


def is_seq2seq(model) -> bool:
    """True for a dlviz encoder-decoder: inputs ``source`` and ``target_in``
    and a ``ScoreAttention`` layer."""
    inputs = getattr(model, "inputs", None) or ()
    names = tuple(getattr(t, "name", "").split(":")[0] for t in inputs)
    return names == INPUT_NAMES and attention_layer(model) is not None


def _extractor(model):
    if model not in _EXTRACTORS:
        from dlviz.core.kerasenv import import_keras, import_tensorflow

        tf = import_tensorflow()
        weights = attention_layer(model).output[1]
        both = import_keras().Model(model.inputs, [model.outputs[0], weights])
        ids = tf.TensorSpec((1, None), tf.int32)
        _EXTRACTORS[model] = tf.function(
            lambda source, target_in: both([source, target_in], training=False),
            input_signature=(ids, ids))
    return _EXTRACTORS[model]


def greedy_decode(model, source_ids, target_vocabulary, max_length: int = DEFAULT_MAX_LENGTH,
                  jit_compile: bool = False):
    """Write the most likely token at each step; record each step's attention.

    dlviz's own encoder-decoders are decoded in one compiled call (the encoder
    once, then the decoder's cell token by token: :mod:`step_decoder`); any
    other model, or one whose step-wise pass ever disagreed with the whole
    model, by running the whole model on the growing output once per token
    (the same tokens and weights, ~10-20x slower for a date).

    Args:
        model: a dlviz encoder-decoder (:func:`is_seq2seq`).
        source_ids: the source's token ids, shape (Ts,) or (1, Ts), no padding.
        target_vocabulary: the model's target :class:`Vocabulary` (it holds
            ``<start>`` and ``<end>``).
        max_length: at most this many tokens are written (``<end>`` included).
        jit_compile: compile the step-wise decode with XLA (for a text decoded
            again and again, as live frames do; see ``StepDecoder.__call__``).

    Returns:
        ``(tokens, weights)``: the tokens written, ``<end>`` last when the
        model wrote it within ``max_length``; ``weights`` (len(tokens), Ts)
        float32, row t the weights over the source that produced token t
        (a fixed-length encoder reads the source padded or cut to its length;
        the weights cover the tokens it read).

    Example:
        >>> tokens, weights = greedy_decode(model, ids, vocab.target, 12)  # doctest: +SKIP
        >>> "".join(tokens[:-1]), weights.shape                           # doctest: +SKIP
        ('1987-03-10', (11, 4))
    """
    source = np.asarray(source_ids, dtype=np.int32).reshape(1, -1)
    if source.shape[1] == 0:
        raise EmptyText("there is nothing to read: type a sentence (at least one word)")
    read = source.shape[1]
    fixed = model.inputs[0].shape[1]
    if fixed is not None:   # a fixed-length encoder: padding (masked) up to its length
        read = min(read, int(fixed))
        source = np.pad(source[:, :read], [(0, 0), (0, int(fixed) - read)])
    start, end = (int(i) for i in target_vocabulary.ids([START, END]))
    if UNK_ID in (start, end):
        raise ProbeUnavailable("the target vocabulary has no <start> or <end> token, so "
                               "dlviz cannot tell the decoder to begin or see it stop")
    try:
        ids, weights, _chosen = decode_checked(model, _extractor(model), source, start, end,
                                               max_length, jit_compile)
        written = ids[0].tolist()
    except NotStepwise:   # not built as dlviz builds them: the whole model per token
        written, weights = whole_model_decode(model, source, start, end, max_length)
        weights = weights[np.newaxis]
    tokens = [target_vocabulary.tokens[i] for i in written]
    return tokens, np.asarray(weights[0, :, :read], dtype=np.float32)


def whole_model_decode(model, source, start: int, end: int, max_length: int):
    """Greedy decoding by running the whole model on ``<start> y1 .. y(t-1)``
    once per token written (any encoder-decoder; what a step-wise decode must equal).

    Args:
        model: an encoder-decoder (:func:`is_seq2seq`).
        source: (1, Ts) int32 ids, padded to a fixed-length encoder's length.
        start, end: the ``<start>`` and ``<end>`` ids.
        max_length: tokens written at most.

    Returns:
        ``(ids, weights)``: the ids written (a list) and (len(ids), Ts) float32.
    """
    extractor = _extractor(model)
    written: list[int] = []
    rows: list[np.ndarray] = []
    for _ in range(max(1, int(max_length))):
        target_in = np.array([[start, *written]], dtype=np.int32)
        probabilities, weights = extractor(source, target_in)
        scores = np.array(probabilities[0, -1], dtype=np.float64)
        scores[[PAD_ID, start]] = -np.inf  # never written: padding, or a second start
        token = int(np.argmax(scores))
        written.append(token)
        rows.append(np.asarray(weights, dtype=np.float32)[0, -1])
        if token == end:
            break
    return written, np.stack(rows).astype(np.float32)


def seq2seq_attention(model, text, *, vocabulary, max_length: int | None = None,
                      jit_compile: bool | None = None, **options) -> AttentionMap:
    """The decoded text of ``text`` and, per written token, its weights over the source.

    Args:
        model: a dlviz encoder-decoder (:func:`is_seq2seq`).
        text: what was typed (tokenised as the model's source texts were).
        vocabulary: the model's :class:`PairVocabulary`.
        max_length: at most this many output tokens (default 40).
        jit_compile: decode with XLA (:func:`greedy_decode`). None: when the
            caller is a live frame (it passes a ``memo``): a live frame
            decodes the same pinned sentence every time, so XLA's one-time
            compile (setup, outside the probe budget) pays off, while a
            sentence being typed changes length at every word.
        **options: ``memo`` is read as said; the other kinds' options are ignored.

    Returns:
        An :class:`AttentionMap` with one head; ``notes`` say when words are
        unknown, the text was cut, or the model never wrote ``<end>``.

    Raises:
        EmptyText: nothing to read (empty or white space only).
        TextError: text that is not a string or is too long to read.
        ProbeUnavailable: not an encoder-decoder, or no pair vocabulary.
    """
    if not is_seq2seq(model):
        raise ProbeUnavailable(f"'{model.name}' is not a dlviz encoder-decoder (inputs "
                               "'source' and 'target_in' and a ScoreAttention layer)")
    if vocabulary is None:   # a library preset before training: it knows no words yet
        raise ProbeUnavailable(
            f"'{model.name}' has not been trained yet, so it knows no words to read or "
            "write: train it on dates or phrases (Training tab, or dlviz train --data "
            "dates), or open a trained one (Trained models: 'Dates to ISO, ... attention')")
    if not hasattr(vocabulary, "target") or not hasattr(vocabulary, "source"):
        raise ProbeUnavailable(
            f"'{model.name}' writes text, so it needs the vocabulary of what it reads and "
            "of what it writes (a PairVocabulary); open the .keras file dlviz saved, which "
            "keeps both inside")
    tokens = vocabulary.tokenize(text)
    if not tokens:
        raise EmptyText("there is nothing to read: type a sentence (at least one word)")
    notes = []
    if len(tokens) > MAX_TOKENS:
        notes.append(f"the first {MAX_TOKENS} of {len(tokens):,} tokens are read; a longer "
                     "text is cut, so split it")
        tokens = tokens[:MAX_TOKENS]
    fixed = model.inputs[0].shape[1]
    if fixed is not None and len(tokens) > int(fixed):
        notes.append(f"this model reads exactly {int(fixed)} source tokens: the text was cut "
                     "to them")
        tokens = tokens[:int(fixed)]
    ids = vocabulary.source.ids(tokens)
    unknown = int(np.sum(ids == UNK_ID))
    if unknown == len(tokens):
        notes.append("none of these tokens is in the model's vocabulary "
                     f"({len(vocabulary.source):,} ids): every one reads as <unk>, so this "
                     "shows what the model does with unknown words")
    elif unknown:
        notes.append(f"{unknown} of {len(tokens)} tokens are not in the model's vocabulary "
                     "and read as <unk>")
    limit = DEFAULT_MAX_LENGTH if max_length is None else int(max_length)
    if jit_compile is None:
        jit_compile = options.get("memo") is not None
    written, weights = greedy_decode(model, ids, vocabulary.target, limit, jit_compile)
    if written[-1] != END:
        notes.append(f"the model did not write <end> within {limit} tokens, so its output "
                     "is cut there (an untrained model, or text unlike its training data)")
    layer = attention_layer(model)
    return AttentionMap(
        model=model.name, text=text, layer=layer.name, score=layer.score,
        source_tokens=tuple(tokens), output_tokens=tuple(written),
        weights=weights[np.newaxis], head_names=(layer.name,),
        output_text=vocabulary.target_text(vocabulary.target.ids(written)),
        layers=(layer.name,), notes=tuple(notes))
