"""The constructor options of a loaded recurrent model, read from its layers.

``SequenceClassifier.load`` asks :func:`options_of` which cell, how many
stacked layers, whether bidirectional and which sizes a file was built
with, then lets ``architecture.match_options`` confirm that those options
rebuild exactly the file's layers.
"""

from __future__ import annotations

from dlviz.core.prescan_errors import ModelFileError

_CELLS = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "simple_rnn"}


def recurrent_layers(model) -> list:
    """``(layer, inner RNN layer, bidirectional)`` for each recurrent layer, in order."""
    found = []
    for layer in model.layers:
        inner = getattr(layer, "forward_layer", None)
        if type(layer).__name__ == "Bidirectional" and inner is not None:
            found.append((layer, inner, True))
        elif type(layer).__name__ in _CELLS:
            found.append((layer, layer, False))
    return found


def options_of(model, path, title: str) -> dict:
    """``cell``, ``layers``, ``bidirectional``, ``units``, ``embedding_dim`` and
    ``vocabulary_size`` of ``model``.

    Raises:
        ModelFileError: kind ``wrong_architecture`` when ``model`` has no
            embedding or recurrent layer, or mixes cells, directions or sizes.
    """
    name = getattr(path, "name", str(path))
    embeddings = [layer for layer in model.layers if type(layer).__name__ == "Embedding"]
    stack = recurrent_layers(model)
    if not embeddings or not stack:
        raise ModelFileError("wrong_architecture", path,
                             f"{name} is not a {title}: it needs an Embedding layer and "
                             "recurrent layers (SimpleRNN, LSTM or GRU)")
    cells = {type(inner).__name__ for _, inner, _ in stack}
    units = {int(inner.units) for _, inner, _ in stack}
    directions = {bidirectional for _, _, bidirectional in stack}
    if len(cells) != 1 or len(units) != 1 or len(directions) != 1:
        raise ModelFileError("wrong_architecture", path,
                             f"{name} is not a {title}: its recurrent layers differ in "
                             "cell, units or direction")
    embedding = embeddings[0]
    return {"cell": _CELLS[cells.pop()], "layers": len(stack),
            "bidirectional": directions.pop(), "units": units.pop(),
            "embedding_dim": int(embedding.output_dim),
            "vocabulary_size": int(embedding.input_dim)}
