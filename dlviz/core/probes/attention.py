"""The "attention" probe kind: where a model looks in a typed text.

Two kinds of model offer it, and one function serves both:

- dlviz's encoder-decoder models (inputs ``source`` and ``target_in``, a
  ``ScoreAttention`` layer): the text is decoded greedily and every output
  token's weights over the source tokens are recorded
  (``seq2seq_attention``);
- any other model with ``keras.layers.Attention``, ``AdditiveAttention`` or
  ``MultiHeadAttention`` (also in a nested model): the chosen layer is asked
  for its own scores on the text, one matrix per head (``keras_attention``).

Example:
    >>> has_attention(model)                                           # doctest: +SKIP
    >>> found = attention(model, "ngày 10 tháng 3 năm 1987", vocabulary=pairs)  # doctest: +SKIP
    >>> found.output_text, found.weights.shape                       # doctest: +SKIP
"""

from __future__ import annotations

from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.results import ProbeUnavailable


def _is_seq2seq(model) -> bool:
    from dlviz.core.probes.seq2seq_attention import is_seq2seq

    return bool(is_seq2seq(model))


def has_attention(model) -> None:
    """Raise ``ProbeUnavailable`` saying why ``model`` shows no attention for typed text.

    Example:
        >>> has_attention(lenet5)          # doctest: +SKIP
        ProbeUnavailable: 'lenet5' has no attention layer (...)
    """
    from dlviz.core.kerasenv import import_keras

    if not isinstance(model, import_keras().Model):
        raise ProbeUnavailable(f"{type(model).__name__} is not a Keras model")
    if _is_seq2seq(model):
        return
    from dlviz.core.probes.keras_attention import has_keras_attention

    has_keras_attention(model)


def attention(model, text, *, vocabulary=None, layer=None, **options) -> AttentionMap:
    """One attention layer's weights for ``text``: an ``AttentionMap``.

    Args:
        model: a dlviz encoder-decoder model, or a Functional/Sequential
            model with Keras attention layers and one sequence input.
        text: the typed text (words with a vocabulary, else token ids as
            numbers), NFC-normalised and tokenised as the model's own.
        vocabulary: the model's ``Vocabulary`` (a ``PairVocabulary`` for an
            encoder-decoder); None: the model came without one.
        layer: path or name of the attention layer shown (Keras layers;
            default: the first). ``result.layers`` lists them all.
        **options: ``class_names`` and ``memo`` are used; the other text
            kinds' options (``predict``, ``gradient``, ...) are ignored.

    Raises:
        ProbeUnavailable: the model has no attention layer text reaches.
        TextError: nothing to read, or text this model cannot read.
    """
    if _is_seq2seq(model):
        from dlviz.core.probes.seq2seq_attention import seq2seq_attention

        return seq2seq_attention(model, text, vocabulary=vocabulary, **options)
    from dlviz.core.probes.keras_attention import keras_attention

    return keras_attention(model, text, vocabulary=vocabulary, layer=layer, **options)
