"""The attention view: heads as tabs, the weights as the image, hover, export, long inputs."""

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from _image_checks import assert_not_blank, read_png, save_screenshot
from attention_view_samples import DATE_OUTPUT, DATE_SOURCE, date_alignment, many_heads

from dlviz.app.views.attention_scores import score_of, score_siblings
from dlviz.app.views.attention_view import ALL_HEADS, HOW, AttentionView
from dlviz.app.views.registry import ResultViews, view_for
from dlviz.core.probes.attention_results import AttentionMap
from dlviz.core.probes.text_results import TextAnalysis
from dlviz.core.training.events import LiveFrame

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def view(qtbot):
    widget = AttentionView()
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tab_names(view):
    return [view.head_tabs.tabText(i) for i in range(view.head_tabs.count())]


def test_one_head_draws_its_weights_as_the_image_on_zero_to_one(view, qtbot):
    result = date_alignment()
    view.show_result(result)
    assert not view.head_tabs.isVisible() and tab_names(view) == ["attention"]
    assert len(view.grid.plots) == 1
    item = view.grid.images[0]
    np.testing.assert_array_equal(item.image, result.weights[0])   # rows: output tokens
    assert item.image.shape == (len(DATE_OUTPUT), len(DATE_SOURCE))
    assert tuple(item.levels) == (0.0, 1.0)
    assert view.grid.plots[0].getAxis("bottom").tokens == DATE_SOURCE
    assert view.grid.plots[0].getAxis("left").tokens == DATE_OUTPUT
    assert "1987-03-10" in view.output_line.text() and "tháng" in view.output_line.text()
    assert "Bahdanau" in view.formula.text() and "softmax" in view.formula.text()
    assert "greedy decoding" in view.notes.text()
    assert not view.layer_combo.isVisible()   # one attention layer: nothing to choose
    ticks = view.grid.plots[0].getAxis("bottom").tickValues(0, 22, view.grid.plots[0].vb.width())
    assert ticks[0][0] == 1   # 1100 px: every source token is named (ngày, tháng, năm)
    qtbot.wait(50)   # the wrapped labels settle before the picture
    save_screenshot(view, SCREENSHOTS / "view_attention_date_vi.png")


def test_twelve_heads_give_a_tab_each_and_all_heads_side_by_side(view, qtbot):
    result = many_heads(12)
    view.show_result(result)
    assert tab_names(view) == [f"head {h}" for h in range(1, 13)] + [ALL_HEADS]
    assert view.head_tabs.isVisible()
    assert view.shown_heads() == tuple(range(12)) and len(view.grid.plots) == 12
    for head, item in enumerate(view.grid.images):
        np.testing.assert_array_equal(item.image, result.weights[head])
    qtbot.wait(50)
    save_screenshot(view, SCREENSHOTS / "view_attention_12_heads.png")
    view.select_head("head 3")
    assert view.shown_heads() == (2,) and len(view.grid.plots) == 1
    np.testing.assert_array_equal(view.grid.images[0].image, result.weights[2])
    assert view.layer_combo.isVisible() and view.layer_combo.count() == 2


def test_a_new_frame_of_the_same_heads_keeps_the_tab_and_the_image_items(view):
    view.show_result(many_heads(4, seed=1))
    view.select_head("head 2")
    items = list(view.grid.images)
    newer = many_heads(4, seed=2)
    view.show_result(newer, step=120)
    assert view.shown_heads() == (1,) and view.grid.images == items   # setImage only
    np.testing.assert_array_equal(items[0].image, newer.weights[1])
    assert "step 120" in view.title.text()


def test_hovering_a_cell_names_output_token_source_token_and_weight(view):
    result = date_alignment()
    view.show_result(result)
    row, col = 3, 14     # "7" of the year, looking at "1987"
    plot = view.grid.plots[0]
    from PySide6.QtCore import QPointF

    scene = plot.vb.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    assert view.grid.cell_at(scene) == (0, row, col)
    view.grid.scene().sigMouseMoved.emit(scene)
    text = view.readout.text()
    weight = float(result.weights[0, row, col])
    assert text == f"“7” (output 4) ← “1987” (source 15): {weight:.3f}"
    assert view.grid.marks[0].isVisible()
    outside = plot.vb.mapViewToScene(QPointF(-5, -5))
    view.grid.scene().sigMouseMoved.emit(outside)
    assert view.readout.text() == HOW and not view.grid.marks[0].isVisible()


def test_hover_in_all_heads_names_the_head(view):
    result = many_heads(3, sources=6)
    view.show_result(result)
    from PySide6.QtCore import QPointF

    scene = view.grid.plots[2].vb.mapViewToScene(QPointF(4.5, 1.5))
    assert view.grid.cell_at(scene) == (2, 1, 4)
    assert view.grid.hover((2, 1, 4)).endswith(f"{result.weights[2, 1, 4]:.3f} · head 3")


def test_export_png_shows_the_heatmap_and_svg_keeps_the_tokens_as_text(view, tmp_path):
    view.show_result(date_alignment())
    png, svg = tmp_path / "a.png", tmp_path / "a.svg"
    assert view.export_png(png) and view.export_svg(svg)
    pixels = read_png(png)
    assert_not_blank(pixels, what="attention PNG")
    # The bright cells of the alignment are drawn (viridis yellow-green, not the canvas).
    assert (pixels[..., 1].astype(int) - pixels[..., 2].astype(int) > 80).mean() > 0.01
    root = ET.parse(svg).getroot()
    texts = " ".join(t for t in root.itertext())
    for token in ("Cuộc", "tháng", "năm", "Việt", "1987", "1987-03-10"):
        assert token in texts, token
    assert not view.export_svg(tmp_path / "no such folder" / "a.svg")


def test_svg_export_draws_the_heads_shown_and_an_empty_view_still_exports(qtbot, tmp_path):
    empty = AttentionView()
    qtbot.addWidget(empty)
    empty.resize(600, 400)
    assert empty.export_svg(tmp_path / "empty.svg")
    assert "Type a sentence" in " ".join(ET.parse(tmp_path / "empty.svg").getroot().itertext())
    view = AttentionView()
    qtbot.addWidget(view)
    view.show_result(many_heads(4, sources=6))
    view.select_head("head 3")
    assert view.export_svg(tmp_path / "head3.svg")
    ids = {g.get("id") for g in ET.parse(tmp_path / "head3.svg").getroot().iter()
           if g.get("id", "").startswith("head-")}
    assert ids == {"head-3"}
    view.select_head(ALL_HEADS)
    assert view.export_svg(tmp_path / "all.svg")
    ids = {g.get("id") for g in ET.parse(tmp_path / "all.svg").getroot().iter()
           if g.get("id", "").startswith("head-")}
    assert ids == {"head-1", "head-2", "head-3", "head-4"}


def test_512_tokens_and_12_heads_show_with_thinned_labels_and_zoom(view, qtbot):
    result = many_heads(12, sources=512)
    view.show_result(result)
    qtbot.wait(10)
    assert len(view.grid.images) == 12
    assert view.grid.images[11].image.shape == (512, 512)
    view.select_head("head 1")
    plot, axis = view.grid.plots[0], view.grid.plots[0].getAxis("bottom")
    width = plot.vb.width()
    (step, ticks), = axis.tickValues(0, 512, width)
    assert 2 <= len(ticks) <= width / axis.label_pixels() + 1 and step > 1
    plot.vb.setXRange(100, 110, padding=0)     # what a mouse-wheel zoom does
    (step, ticks), = axis.tickValues(100, 110, width)
    assert step == 1 and [int(t) for t in ticks] == list(range(100, 110))
    assert axis.tickStrings(ticks[:1], 1, 1) == [result.source_tokens[100]]
    assert plot.vb.state["mouseEnabled"][0]   # the wheel zooms along the source


def test_stretched_colours_run_to_the_largest_weight(view):
    result = many_heads(2, sources=200, seed=4)
    view.show_result(result)
    assert tuple(view.grid.images[0].levels) == (0.0, 1.0)
    view.stretch.setChecked(True)
    top = float(result.weights.max())
    assert tuple(view.grid.images[0].levels) == pytest.approx((0.0, top))


def test_layer_choice_asks_to_read_the_text_again(view, qtbot):
    view.show_result(many_heads(2, sources=5))
    with qtbot.waitSignal(view.layer_chosen) as blocker:
        view.layer_combo.activated.emit(1)
    assert blocker.args == ["decoder/mha"]


def test_score_switch_opens_the_sibling_model(view, qtbot, monkeypatch):
    names = {f"dates-attention-{s}" for s in ("dot", "general", "additive", "cosine")}
    assert score_siblings("dates-attention-dot", names)["cosine"] == "dates-attention-cosine"
    assert score_siblings("lstm-sentiment-en", names) == {} and score_of("a.keras") is None
    monkeypatch.setattr("dlviz.app.views.attention_view.score_siblings",
                        lambda source: score_siblings(source, names))
    view.set_source("dates-attention-additive")
    assert view.score_combo.isEnabled()
    assert view.score_combo.currentData() == "additive"
    with qtbot.waitSignal(view.model_requested) as blocker:
        view.score_combo.activated.emit(view.score_combo.findData("general"))
    assert blocker.args == ["dates-attention-general"]
    assert view.readout.text().startswith("Opening dates-attention-general")
    view.show_result(date_alignment())                # the sibling's answer
    assert view.readout.text() == HOW
    monkeypatch.setattr("dlviz.app.views.attention_view.score_siblings",
                        lambda source: score_siblings(source, names - {"dates-attention-cosine"}))
    view.set_source("dates-attention-dot")           # cosine not shipped: greyed out
    model = view.score_combo.model()
    assert [model.item(i).isEnabled() for i in range(4)] == [True, True, True, False]
    assert "Not in this library: cosine" in view.score_combo.toolTip()
    view.set_source("my_model.keras")                # a file: no siblings, no switch
    assert not view.score_combo.isEnabled()
    view.show_result(many_heads(1, sources=4))
    assert view.score_combo.currentData() == "multi_head"
    assert not view.score_combo.isVisible()          # a Keras layer's own score: no switch
    view.show_result(date_alignment())
    assert view.score_combo.isVisible() and not view.score_combo.isEnabled()
    assert "dates-attention-dot" in view.score_combo.toolTip()


def test_the_dispatcher_draws_attention_still_live_and_replayed(qtbot):
    view = view_for(date_alignment())()
    qtbot.addWidget(view)
    view.show()   # live frames are drawn on screen (off screen they wait)
    assert isinstance(view, AttentionView)
    results = ResultViews([view])
    first = date_alignment()
    assert results.show(TextAnalysis(first.text, {"attention": first})) == 1
    assert view.result is first
    diagonal = np.eye(10, 22, 1, dtype=np.float32)[None]
    sharper = AttentionMap(**{**first.__dict__, "weights": diagonal})
    assert results.show_frame(LiveFrame(global_step=40, epoch=0,
                                        results={"attention": sharper})) == 1
    np.testing.assert_array_equal(view.grid.images[0].image, sharper.weights[0])
    assert "step 40" in view.title.text()
    assert results.show_frame(LiveFrame(global_step=0, epoch=0, results={"attention": first}),
                              live=False) == 1
    np.testing.assert_array_equal(view.grid.images[0].image, first.weights[0])


def test_live_frames_off_screen_wait_and_a_burst_draws_the_first_then_the_newest(qtbot):
    view = AttentionView()
    qtbot.addWidget(view)
    first = date_alignment()
    view.show_result(first)                          # typed: drawn at once, even off screen
    frames = [AttentionMap(**{**first.__dict__, "weights": np.roll(
        np.eye(10, 22, 1, dtype=np.float32), k, axis=1)[None]}) for k in range(1, 4)]
    for step, frame in enumerate(frames, start=1):
        view.show_result(frame, step=step * 10)      # off screen: kept, not drawn
    assert view.result is first
    view.show()
    qtbot.waitExposed(view)
    assert view.result is frames[-1] and "step 30" in view.title.text()
    qtbot.waitUntil(lambda: not view.clock.timer.isActive(), timeout=5_000)
    view.show_result(frames[0], step=40)             # drawn now, the clock starts
    view.show_result(frames[1], step=50)             # waits for the clock
    view.show_result(frames[2], step=60)             # replaces the one waiting
    assert view.result is frames[0]
    qtbot.waitUntil(lambda: view.result is frames[2], timeout=5_000)
    np.testing.assert_array_equal(view.grid.images[0].image, frames[2].weights[0])
    assert "step 60" in view.title.text()


def test_a_live_frame_of_the_same_text_redraws_the_weights_not_the_axes(view):
    first = date_alignment()
    view.show_result(first)
    plot = view.grid.plots[0]
    dressed = []
    plot.setLabel = lambda *args, **kwargs: dressed.append(args)   # counts relabelling
    sharper = AttentionMap(**{**first.__dict__, "weights": np.eye(10, 22, 2,
                                                                   dtype=np.float32)[None]})
    view.show_result(sharper, step=10)
    np.testing.assert_array_equal(view.grid.images[0].image, sharper.weights[0])
    assert dressed == []                          # same tokens: the axes stay as they are
    other = AttentionMap(**{**first.__dict__, "source_tokens": tuple(
        t.upper() for t in first.source_tokens)})
    view.show_result(other)                       # another text: labelled again
    assert len(dressed) == 2
    assert view.grid.plots[0].getAxis("bottom").tokens == tuple(other.source_tokens)


def test_a_reason_is_not_overdrawn_by_a_live_frame_waiting_on_the_clock(qtbot, view):
    first = date_alignment()
    view.show_result(first, step=1)            # drawn, the clock runs
    view.show_result(first, step=2)            # waits for it
    view.show_unavailable("no attention layer in this model")
    qtbot.wait(400)
    assert view.title.text() == "No attention to show" and not view.grid.isVisible()
    assert view.hint.text() == "no attention layer in this model"


def test_unavailable_and_problems_say_why(view):
    view.show_result(date_alignment())
    view.show_problem("Type some text first: the box is empty.")
    assert view.title.text() == "Nothing to read" and not view.grid.isVisible()
    assert view.output_line.text() == "" and view.hint.text().startswith("Type some text")
    view.show_unavailable("'lenet5' has no attention layer")
    assert view.hint.text() == "'lenet5' has no attention layer" and view.output_line.text() == ""
    view.show_result(date_alignment())
    assert view.grid.isVisible()
