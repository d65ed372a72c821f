"""The constructor options of a loaded encoder-decoder, read from its layers.

``Seq2SeqAttention.load`` asks :func:`seq2seq_options` which cell, score,
sizes and direction a file was built with, and whether its decoder starts
from the encoder's state (the ``bridge``: the same weights either way, so it
is read from the decoder's call in the graph); ``architecture.match_options``
then confirms that those options rebuild exactly the file's layers.
"""

from __future__ import annotations

from dlviz.core.prescan_errors import ModelFileError

_CELLS = {"LSTM": "lstm", "GRU": "gru"}


def _layer(model, name):
    try:
        return model.get_layer(name)
    except ValueError:
        return None


def seq2seq_options(model, path, vocabulary=None) -> dict:
    """Keyword arguments that rebuild ``model`` as a ``Seq2SeqAttention``.

    Args:
        model: the loaded ``keras.Model``.
        path: the file it came from (for messages).
        vocabulary: the file's :class:`PairVocabulary`, or None.

    Raises:
        ModelFileError: kind ``wrong_architecture``, naming what is missing
            or which sizes differ.
    """
    from dlviz.core.data.pair_vocabulary import PairVocabulary
    from dlviz.core.zoo.architecture import match_options
    from dlviz.core.zoo.seq2seq import Seq2SeqAttention

    name = getattr(path, "name", str(path))
    attention = _layer(model, "attention")
    source_embedding = _layer(model, "source_embedding")
    encoder = next((layer for layer in model.layers
                    if layer.name.startswith("encoder_") and
                    type(getattr(layer, "forward_layer", layer)).__name__ in _CELLS), None)
    decoder = next((layer for layer in model.layers if layer.name.startswith("decoder_")),
                   None)
    if (type(attention).__name__ != "ScoreAttention" or source_embedding is None
            or encoder is None or decoder is None):
        raise ModelFileError(
            "wrong_architecture", path,
            f"{name} is not an encoder-decoder with attention: it needs the layers "
            "source_embedding, encoder_lstm or encoder_gru, decoder_lstm or decoder_gru "
            "and a ScoreAttention layer named attention")
    inner = getattr(encoder, "forward_layer", encoder)
    node = decoder._inbound_nodes[0]
    options = {
        "cell": _CELLS[type(inner).__name__],
        "bidirectional": inner is not encoder,
        "units": int(inner.units),
        "embedding_dim": int(source_embedding.output_dim),
        "score": attention.score,
        "bridge": len(node.input_tensors) > 1,  # the initial states are inputs too
    }
    if isinstance(vocabulary, PairVocabulary):
        sizes = (len(vocabulary.source), len(vocabulary.target))
        have = (int(source_embedding.input_dim), int(model.outputs[0].shape[-1]))
        if sizes != have:
            raise ModelFileError(
                "wrong_architecture", path,
                f"{name}: its vocabularies have {sizes[0]:,} source and {sizes[1]:,} target "
                f"tokens but its embedding and output {have[0]:,} and {have[1]:,}, so ids "
                "would not match")
        options["vocabulary"] = vocabulary
    else:
        options["source_vocabulary_size"] = int(source_embedding.input_dim)
    kwargs = match_options(Seq2SeqAttention, model, path, options)
    if "vocabulary" in options:
        kwargs.pop("classes", None)
    return kwargs
