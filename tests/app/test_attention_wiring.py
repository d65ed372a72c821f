"""Attention in the window: the text controller asks for it, one text box drives both tabs,
the Score switch opens a library model, and a model with attention shows its tab first."""

from pathlib import Path

import pytest
from _image_checks import save_screenshot
from attention_view_samples import date_alignment
from PySide6.QtCore import QObject, Signal

from dlviz.app.panels.text_panel import TextPanel
from dlviz.app.text_controller import KINDS, TextController, read_text
from dlviz.app.views.attention_view import AttentionView
from dlviz.app.views.gate_view import GateView
from dlviz.app.views.registry import ResultViews
from dlviz.core.probes.text_results import TextAnalysis
from dlviz.core.workspace import ModelOpened

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


class FakeBridge(QObject):
    job_finished = Signal(object)
    job_failed = Signal(object)


class FakeEngine:
    def __init__(self):
        self.jobs = []

    def submit(self, kind, fn, *, slot=None, label=""):
        self.jobs.append(fn)
        return len(self.jobs)


class FakeWorkspace:
    """``analyze_text`` of a model whose gates fail where its attention works."""

    def __init__(self, gates_fail=False):
        self.gates_fail, self.asked = gates_fail, []
        self.model, self.vocabulary = "model", "vocabulary"

    def analyze_text(self, text, kinds):
        self.asked.append(kinds)
        if self.gates_fail and "gates" in kinds:
            raise ValueError("two inputs")
        made = date_alignment()
        return TextAnalysis(text or made.text, {"attention": made} if "attention" in kinds
                            else {})


def controller(qtbot, workspace=None):
    panel, gates, attention = TextPanel(), GateView(), AttentionView()
    for widget in (panel, gates, attention):
        qtbot.addWidget(widget)
    engine, bridge = FakeEngine(), FakeBridge()
    text = TextController(engine, workspace or FakeWorkspace(), bridge, panel, gates,
                          ResultViews(), attention_view=attention)
    return text, engine, bridge


def opened(source="dates-attention-dot", **offered):
    return ModelOpened("m", source, None, offered={"gates": "no recurrent layer",
                                                   "gradient_through_time": "no", **offered})


def test_a_model_offering_attention_reads_the_text_and_says_so(qtbot):
    text, engine, bridge = controller(qtbot)
    assert "attention" in KINDS
    with qtbot.waitSignal(text.attention_offered) as blocker:
        text.model_opened(opened(attention=None))
    assert blocker.args == [True] and len(engine.jobs) == 1
    assert text.attention_view.source == "dates-attention-dot"
    analysis = engine.jobs[0]()                       # what the engine thread would run
    assert text.workspace.asked == [("attention",)]   # only what the model offers
    bridge.job_finished.emit(type("Done", (), {"kind": "text", "job_id": 1,
                                               "result": analysis})())
    assert text.attention_view.result is analysis.results["attention"]
    assert text.panel.text() == analysis.text         # the sample fills the box
    text.request("ngày 5 tháng 6 năm 2001")
    assert len(engine.jobs) == 2


def test_no_attention_offered_or_declared_sends_nothing_and_says_why(qtbot):
    text, engine, _ = controller(qtbot)
    with qtbot.waitSignal(text.attention_offered) as blocker:
        text.model_opened(opened(attention="'bag' has no attention layer"))
    assert blocker.args == [False] and engine.jobs == []
    assert text.attention_view.hint.text() == "'bag' has no attention layer"
    text.model_opened(opened())        # a registry without the kind: not offered
    assert engine.jobs == [] and text.request("x") is None


def test_choosing_a_layer_reads_the_text_again(qtbot):
    text, engine, _ = controller(qtbot)
    text.model_opened(opened(attention=None))
    text.attention_view.layer_chosen.emit("decoder/mha")
    assert len(engine.jobs) == 2 and text._layer == "decoder/mha"
    text.model_opened(opened(attention=None))   # a new model starts on its own default
    assert text._layer is None


def test_gates_that_fail_leave_the_attention_shown(qtbot):
    workspace = FakeWorkspace(gates_fail=True)
    analysis = read_text(workspace, "ngày 10", ("gates", "attention"))
    assert workspace.asked == [("gates", "attention"), ("attention",)]
    assert set(analysis.results) == {"attention"}
    with pytest.raises(ValueError, match="two inputs"):
        read_text(FakeWorkspace(gates_fail=True), "x", ("gates",))


def test_read_text_asks_the_probe_for_the_chosen_layer(monkeypatch):
    calls = []

    class Kind:
        def compute(self, model, text, **options):
            calls.append((model, text, options))
            return date_alignment()

    monkeypatch.setattr("dlviz.core.probes.registry.PROBES", {"attention": Kind()})
    analysis = read_text(FakeWorkspace(), "ngày 10", ("attention",), layer="other")
    assert calls == [("model", "ngày 10", {"vocabulary": "vocabulary", "layer": "other"})]
    assert analysis.results["attention"].layer == "attention"


def test_window_has_an_attention_tab_sharing_the_gates_text_box(qtbot, window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("Attention") == titles.index("Gates") + 1
    window.tabs.setCurrentWidget(window.attention_tab)
    assert window.attention_tab.isAncestorOf(window.text_panel)
    window.text_panel.set_text("ngày 10 tháng 3 năm 1987")
    window.tabs.setCurrentWidget(window.gates_tab)
    assert window.gates_tab.isAncestorOf(window.text_panel)
    assert window.text_panel.text() == "ngày 10 tháng 3 năm 1987"
    window.tabs.setCurrentWidget(window.attention_tab)
    assert window.images.results.show(date_alignment()) == 1   # the window's dispatcher
    qtbot.wait(50)
    save_screenshot(window, SCREENSHOTS / "main_window_attention.png")
    # The Score switch opens a library entry the way a click in the library does.
    with qtbot.waitSignal(window.bridge.job_finished, timeout=120_000,
                          check_params_cb=lambda e: e.kind == "model"
                          and e.result.source == "lenet5"):
        window.attention_view.model_requested.emit("lenet5")
    view = window.attention_view
    assert view.title.text() == view.unavailable_title and view.source == "lenet5"
    assert not view.score_combo.isEnabled()           # a CNN has no score siblings


def test_a_model_with_multi_head_attention_opens_on_its_heads(qtbot, window, tmp_path):
    from dlviz.core.data.text_vocabulary import Vocabulary
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.zoo.sequence_io import save_with_vocabulary

    keras = import_keras()
    layers = keras.layers
    vocabulary = Vocabulary.build(["the film was not bad at all", "bộ phim này không tệ"])
    keras.utils.set_random_seed(0)
    ids = keras.Input((None,), dtype="int32", name="tokens")
    x = layers.Embedding(len(vocabulary), 8, mask_zero=True, name="embedding")(ids)
    y = layers.MultiHeadAttention(num_heads=3, key_dim=4, name="mha")(x, x)
    out = layers.Dense(2, activation="softmax", name="classes")(
        layers.GlobalAveragePooling1D(name="pool")(y))
    path = tmp_path / "reader.keras"
    save_with_vocabulary(keras.Model(ids, out, name="reader"), vocabulary, path)
    window.text_panel.set_text("bộ phim này không tệ")
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)):
        window.open_model_file(str(path))
    assert window.tabs.currentWidget() is window.attention_tab   # not Gates: it has none
    view = window.attention_view
    assert view.result.heads == 3 and view.result.source_tokens == tuple(
        "bộ phim này không tệ".split())
    assert [view.head_tabs.tabText(i) for i in range(4)][-1] == "All heads"
    assert len(view.grid.images) == 3
    for head, item in enumerate(view.grid.images):
        assert item.image.sum(axis=-1) == pytest.approx(1.0, abs=1e-4)   # rows sum to 1
        assert (item.image == view.result.weights[head]).all()
    qtbot.wait(50)
    save_screenshot(window, SCREENSHOTS / "main_window_attention_heads.png")
    with qtbot.waitSignal(window.images.results.result_shown, timeout=60_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)
                          and r.text == "the film was not bad"):
        window.text_panel.set_text("the film was not bad", emit=True)
    assert view.result.source_tokens[-1] == "bad"


def test_the_score_switch_reads_the_same_date_with_the_general_model(qtbot, window):
    from dlviz.core.zoo.registry import REGISTRY

    wanted = ("dates-attention-dot", "dates-attention-general")
    if not all(name in REGISTRY for name in wanted):
        pytest.skip("the trained date models are not in this library yet")
    typed = "Thứ Ba, ngày 10 tháng 3 năm 1987"
    window.text_panel.set_text(typed)
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)):
        window.library.choose("dates-attention-dot")
    view = window.attention_view
    assert window.tabs.currentWidget() is window.attention_tab
    assert view.result.output_text == "1987-03-10" and view.result.score == "dot"
    year = [view.result.source_tokens[i] for i in view.result.strongest_source()[:4]]
    assert year.count("1987") >= 3, year     # the year's digits look at the year
    assert view.score_combo.isEnabled() and view.score_combo.currentData() == "dot"
    qtbot.wait(50)
    save_screenshot(window, SCREENSHOTS / "main_window_attention_dates.png")
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)
                          and r.results["attention"].score == "general"):
        view.score_combo.activated.emit(view.score_combo.findData("general"))
    assert window.text_panel.text() == typed and view.result.text == typed
    assert view.score_combo.currentData() == "general" and "hᵀWh̄" in view.formula.text()
    assert window.tabs.currentWidget() is window.attention_tab


def test_odd_texts_give_the_attention_view_an_answer_or_a_reason(qtbot, window):
    from dlviz.core.zoo.registry import REGISTRY

    if "dates-attention-dot" not in REGISTRY:
        pytest.skip("the trained date models are not in this library yet")
    with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                          check_params_cb=lambda r: isinstance(r, TextAnalysis)):
        window.library.choose("dates-attention-dot")
    view = window.attention_view
    with qtbot.waitSignal(window.bridge.job_failed, timeout=60_000,
                          check_params_cb=lambda e: e.kind == "text"):
        window.text_panel.set_text("   ", emit=True)
    assert view.title.text() == "Nothing to read" and view.hint.text()
    assert not view.grid.isVisible()
    for text in ("mùng 5 tháng Giêng 🎉", "ngày 1 " * 5_000):
        with qtbot.waitSignal(window.images.results.result_shown, timeout=120_000,
                              check_params_cb=lambda r: isinstance(r, TextAnalysis)
                              and r.text == text):
            window.text_panel.set_text(text, emit=True)
        assert view.grid.isVisible() and view.result.text == text
        shown = view.grid.images[0].image
        assert shown.shape == view.result.weights[0].shape and len(view.result.source_tokens) <= 512
    assert view.notes.text()    # 10,000 tokens: the probe says how it cut them
