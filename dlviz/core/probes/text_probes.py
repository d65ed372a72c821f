"""The probe kinds that read a typed sentence ("text"): gates of every recurrent layer.

``sequence_gates(model, text)`` finds every SimpleRNN, LSTM and GRU layer of
a model wherever it sits (stacked, inside a ``Bidirectional`` wrapper, in a
model nested in the model), encodes the sentence as the model reads it
(``text_encoding``), replays each layer's cell on exactly what that layer
reads (``gates.sequence_traces``), and runs the model once for its answer.

Example:
    >>> found = sequence_gates(model, "không tệ chút nào", vocabulary=vocab)  # doctest: +SKIP
    >>> found.traces[0].gates["f"].shape      # (1, 4, units)  doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.gates import recurrent_layers  # noqa: F401  (named here too)
from dlviz.core.probes.results import ProbeUnavailable
from dlviz.core.probes.text_encoding import EncodedText, encode_text, input_layout, padded
from dlviz.core.probes.text_results import SequenceGates

#: What the window types first into a sequence model that has a vocabulary.
SAMPLE_SENTENCE = "the film was not bad at all"
#: ... or this, when the model's vocabulary knows more of it (a Vietnamese model).
SAMPLE_SENTENCES = (SAMPLE_SENTENCE, "bộ phim này không tệ chút nào")
#: What an encoder-decoder reads first: a date, the shipped models' task.
SAMPLE_SOURCES = ("ngày 10 tháng 3 năm 1987", "Tuesday, 10 March 1987")


def has_gates(model) -> None:
    """Raise ``ProbeUnavailable`` saying why ``model`` shows no gates for typed text."""
    from dlviz.core.probes.graph import require_graph

    require_graph(model)
    if not recurrent_layers(model):
        raise ProbeUnavailable(
            f"'{model.name}' has no recurrent layer (SimpleRNN, LSTM or GRU, alone or in a "
            "Bidirectional wrapper): gates live only inside those. Pick an RNN classifier or "
            "tagger in the model library, or open a .keras file that has one.")
    input_layout(model)


def encoded(model, text, *, vocabulary=None, memo=None) -> EncodedText:
    """``text`` encoded for ``model`` once per frame (kept in ``memo``)."""
    if isinstance(text, EncodedText):
        return text
    if memo is not None and "text" in memo:
        return memo["text"]
    found = encode_text(model, text, vocabulary)
    if memo is not None:
        memo["text"] = found
    return found


def sequence_gates(model, text, *, vocabulary=None, class_names=None, memo=None,
                   predict=None, replay=None, inputs=None, **_options) -> SequenceGates:
    """Every recurrent layer's gates for ``text``, and the model's prediction.

    Args:
        model: a Functional or Sequential model with recurrent layers.
        text: the typed sentence (or an ``EncodedText``).
        vocabulary: the model's ``Vocabulary``; None: ids typed as numbers.
        class_names: names of the output's classes (or tags).
        predict: ``predict(x) -> NumPy``, the model's forward pass (None: an
            eager call; live frames pass a compiled one, ``CompiledText``).
        replay: ``replay(layer, inputs, mask, path) -> (GateTrace, ...)``, the
            gates of one layer (None: ``gates.sequence_traces``, NumPy; live
            frames pass ``CompiledText.gate_traces``, compiled once per layer).
        inputs: ``inputs(x) -> (output, {id(layer): (inputs, mask)})``, the
            model's output and what its recurrent layers read, in one pass
            (live frames pass ``CompiledText.read``); it replaces ``predict``,
            and a layer it leaves out is read eagerly. None: eager calls.

    Raises:
        ProbeUnavailable: the model has no recurrent layer or graph.
        TextError: nothing to read, or text this model cannot read.
    """
    from dlviz.core.probes.gates import layer_inputs, sequence_traces

    has_gates(model)
    if replay is None:
        def replay(layer, inputs, mask, path):
            return sequence_traces(layer, inputs, mask, path=path, tokens=None)
    sentence = encoded(model, text, vocabulary=vocabulary, memo=memo)
    _kind, length, _features = input_layout(model)
    x, steps = padded(sentence, length), sentence.length
    notes = list(sentence.notes)
    output, read = inputs(x) if inputs is not None else (None, {})
    traces, paths = [], []
    for path, layer in recurrent_layers(model):
        sequence, mask = read.get(id(layer)) or layer_inputs(model, layer, x)
        if mask is None and x.shape[1] > steps:
            notes.append(f"{path} has no mask: it also read the padding after the text")
        paths.append(path)
        traces += [_first_steps(t, steps) for t in
                   replay(layer, sequence, mask, path)]
    traces = [_with_tokens(t, sentence.tokens) for t in traces]
    if output is not None:
        predict = lambda _x: output   # noqa: E731 - already computed with the inputs
    prediction, kind, names = _prediction(model, x, steps, class_names, predict)
    return SequenceGates(model.name, sentence.text, sentence.tokens, sentence.x[0],
                         tuple(paths), tuple(traces), prediction, kind, names, tuple(notes))


def _first_steps(trace, steps: int):
    """``trace`` cut to the text's own steps (a fixed-length model reads padding too)."""
    if trace.time == steps:
        return trace
    from dataclasses import replace

    return replace(trace, gates={k: v[:, :steps] for k, v in trace.gates.items()},
                   mask=trace.mask[:, :steps])


def _with_tokens(trace, tokens):
    from dataclasses import replace

    return replace(trace, tokens=tuple(tokens))


def _prediction(model, x, steps: int, class_names, predict=None):
    """(values, "classes" | "tags" | "values", names) of the model's first output."""
    out = model(x, training=False) if predict is None else predict(x)
    out = out[0] if isinstance(out, (list, tuple)) else out
    values = np.asarray(out, np.float32)[0]
    if values.ndim == 2:
        values = values[:steps]
    width = values.shape[-1] if values.ndim else 1
    names = tuple(class_names or ())
    if len(names) != width:
        names = tuple(f"class {i}" for i in range(width))
    rows = values.reshape(-1, width)
    # np.allclose's own test (atol 1e-3, rtol 1e-5 of 1) written out: 16 -> 5 µs a frame
    is_probability = (width > 1 and bool(np.all(rows >= -1e-6))
                      and bool(np.all(np.abs(rows.sum(axis=-1) - 1.0) <= 1e-3 + 1e-5)))
    if not is_probability:
        return values, "values", names
    return values, "classes" if values.ndim == 1 else "tags", names


def sample_text(model, vocabulary=None) -> str:
    """A sentence ``model`` can read: English words with a vocabulary, else ids or numbers."""
    from dlviz.core.probes.seq2seq_attention import is_seq2seq

    if is_seq2seq(model):   # two inputs; the typed text is the source
        if vocabulary is None:
            return SAMPLE_SOURCES[0]
        return min(SAMPLE_SOURCES + SAMPLE_SENTENCES, key=vocabulary.unknown_share)
    kind, _length, features = input_layout(model)
    if kind == "features":
        return "; ".join(" ".join("0.5" if (t + f) % 2 else "-0.5" for f in range(features))
                         for t in range(6))
    if vocabulary is not None:   # English unless the vocabulary knows more of another
        return min(SAMPLE_SENTENCES, key=vocabulary.unknown_share)
    from dlviz.core.probes.text_encoding import _id_count

    count = _id_count(model) or 10
    return " ".join(str(2 + (7 * i) % max(1, count - 2)) for i in range(6))


def reads_one_output(model) -> None:
    """``has_gates``, and one input and one output (what gradient through time reads)."""
    has_gates(model)
    if len(model.outputs) != 1:
        raise ProbeUnavailable(f"'{model.name}' has {len(model.outputs)} outputs; gradient "
                               "through time reads models with one loss to differentiate")


def gradient_steps(model, text, *, vocabulary=None, memo=None, gradient=None, **_options):
    """``gradient_through_time`` of the typed sentence (its predicted class as the target);
    ``gradient`` replaces that function (live frames pass ``CompiledText.gradient``)."""
    from dataclasses import replace

    from dlviz.core.probes.gradient_time import gradient_through_time

    reads_one_output(model)
    sentence = encoded(model, text, vocabulary=vocabulary, memo=memo)
    x = padded(sentence, input_layout(model)[1])
    found = (gradient or gradient_through_time)(model, x, tokens=None)
    steps = sentence.length
    note = " ".join((found.note, *sentence.notes))
    return replace(found, norms=found.norms[:, :steps], mask=found.mask[:, :steps],
                   tokens=sentence.tokens, note=note)


def find_vocabulary(zoo_model=None, path=None):
    """The vocabulary a model came with: its library object's, or the one inside
    its ``.keras`` file (``dlviz/vocabulary.json``); None when there is none."""
    vocabulary = getattr(zoo_model, "vocabulary", None)
    if vocabulary is not None:
        return vocabulary
    from pathlib import Path

    from dlviz.core.data.text import TextError

    for candidate in (path, getattr(zoo_model, "weights", None)):
        if not isinstance(candidate, (str, Path)) or not str(candidate).endswith(".keras"):
            continue
        from dlviz.core.zoo.sequence_io import read_vocabulary

        try:
            found = read_vocabulary(candidate)
        except TextError:   # a damaged member: typed ids still work, and say so
            found = None
        if found is not None:
            return found
    return None
