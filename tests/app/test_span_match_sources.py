"""Which sentences a span's units are searched in, and spans of a sentence no longer shown.

Engine-side (``core/span_jobs.py`` through the ``Workspace``), no window: the
model's sentiment set when it is known (a shipped model's sidecar, or a
vocabulary that reads one language's set), else the sentences typed so far.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from test_text_gate_view import VOCAB, model_of

from dlviz.core.data.sentiment import sentiment_texts
from dlviz.core.data.text_vocabulary import Vocabulary
from dlviz.core.kerasenv import import_keras
from dlviz.core.span_jobs import SEARCHED, searched_sentences
from dlviz.core.workspace import Workspace
from dlviz.core.zoo.sequence_io import save_with_vocabulary

keras = import_keras()
MODELS = Path(__file__).resolve().parents[2] / "resources" / "models"


def test_a_shipped_file_searches_its_own_set_and_a_vocabulary_finds_its_language():
    path = MODELS / "lstm-sentiment-vi.keras"
    meta = json.loads(path.with_name("lstm-sentiment-vi.text.json").read_text("utf-8"))
    size = meta["train_sentences"] + meta["test_sentences"]   # the set it learned from
    texts, source = searched_sentences(None, None, source=path)
    assert texts == list(sentiment_texts("vi", n=size, seed=0)[0][:SEARCHED])
    assert source == f"the first {SEARCHED:,} sentences of sentiment-vi"
    texts, source = searched_sentences(None, None, source=MODELS / "bilstm-tagger-en.keras")
    assert len(texts) == SEARCHED and source.endswith("of the tagging set")
    english = Vocabulary.build(sentiment_texts("en", n=300, seed=5)[0])
    assert searched_sentences(None, english)[1].endswith("sentiment-en")


def test_a_model_with_no_known_dataset_searches_the_sentences_typed_so_far():
    texts, source = searched_sentences(None, VOCAB, typed=["not bad", "  ", "good", "not bad"])
    assert texts == ["not bad", "good"]
    assert "2 sentence(s) typed so far" in source and "no dataset is known" in source


def test_a_span_of_a_user_file_is_matched_in_the_typed_sentences(tmp_path):
    model = model_of(keras.layers.LSTM)
    path = save_with_vocabulary(model, VOCAB, tmp_path / "mine.keras")
    ws = Workspace()
    ws.open_model_file(path)
    ws.analyze_text("good")
    analysis = ws.analyze_text("the film was not bad at all")
    trace = analysis.results["gates"].traces[0]
    start, end = 3, 5
    state = trace.gates["c"][0, start:end]
    chosen = ws.select_span(trace.layer, start, end, analysis.text)
    assert chosen.units.size, "the random LSTM keeps some unit on across 'not bad'"
    found = ws.match_span(trace.layer, start, end, analysis.text)
    assert found.found.searched == 2 and "typed so far" in found.source
    assert found.found.matches                   # at least the span itself
    for match, text in zip(found.found.matches, found.texts):
        assert text in ("good", "the film was not bad at all")
        gates = ws.analyze_text(text).results["gates"].traces[0].gates["c"][0]
        assert (gates[match.start:match.end][:, chosen.units] > chosen.threshold).all()
    np.testing.assert_array_equal(chosen.values, state[:, chosen.units].T)


def test_a_span_of_a_sentence_no_longer_read_is_refused_not_misread(tmp_path):
    model = model_of(keras.layers.GRU)
    ws = Workspace()
    ws.open_model_file(save_with_vocabulary(model, VOCAB, tmp_path / "gru.keras"))
    layer = ws.analyze_text("the film was not bad at all").results["gates"].traces[0].layer
    ws.analyze_text("không tệ chút nào")          # typing went on before the span arrived
    with pytest.raises(ValueError, match="sentence changed"):
        ws.select_span(layer, 3, 6, "the film was not bad at all")
    with pytest.raises(ValueError, match="sentence changed"):
        ws.match_span(layer, 3, 6, "the film was not bad at all")
    assert ws.select_span(layer, 0, 2, "không tệ chút nào").tokens == ("không", "tệ")


def test_a_span_with_no_unit_on_says_why_once_and_lists_nothing(qtbot, tmp_path):
    from dlviz.app.views.span_match_view import HOW, SpanMatchView

    ws = Workspace()
    ws.open_model_file(save_with_vocabulary(model_of(keras.layers.LSTM), VOCAB,
                                            tmp_path / "m.keras"))
    trace = ws.analyze_text("the film was not bad at all").results["gates"].traces[0]
    ws.text_analysis.results["gates"].traces[0].gates["c"][0, 1, :] = -5.0   # all off on "film"
    chosen = ws.select_span(trace.layer, 0, 3)
    found = ws.match_span(trace.layer, 0, 3)
    assert chosen.units.size == 0 and not found.found.matches
    view = SpanMatchView()
    qtbot.addWidget(view)
    view.show_result(chosen)
    view.show_result(found)
    assert "no unit" in view.units.text() and view.hint.text() == HOW
    assert view.matches.isHidden()


def test_the_set_searched_is_generated_at_the_size_the_model_learned_from(tmp_path):
    """A generated set's first sentences change with its size: 600 is not 3,000's first 600."""
    meta = json.loads((MODELS / "lstm-sentiment-en.text.json").read_text("utf-8"))
    meta.update(name="small-en", train_sentences=480, test_sentences=120)
    (tmp_path / "small-en.text.json").write_text(json.dumps(meta), "utf-8")
    (tmp_path / "small-en.keras").write_bytes((MODELS / "lstm-sentiment-en.keras").read_bytes())
    texts, source = searched_sentences(None, None, source=tmp_path / "small-en.keras")
    assert texts == list(sentiment_texts("en", n=600, seed=0)[0])
    assert texts != list(sentiment_texts("en", n=3000, seed=0)[0][:600])
    assert source == "the first 600 sentences of sentiment-en"
