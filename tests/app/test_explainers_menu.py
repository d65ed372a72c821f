"""Explain menu: opens the explainer on the main window's current image."""

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "06_shape_star.jpg"


def test_explain_menu_opens_on_the_current_image(qtbot):
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)   # no engine needed: nothing is computed
    qtbot.addWidget(win)
    titles = [a.text() for a in win.menuBar().actions()]
    assert "&Explain" in titles
    win.images.set_source(str(SAMPLE), SAMPLE.name)
    win.explain_actions["stride_padding"].trigger()
    explainer = win.explainer_window
    assert explainer.isVisible()
    assert explainer.tabs.currentWidget() is explainer.stride_padding
    assert SAMPLE.name in explainer.image_note.text()
    win.images.set_source(str(SAMPLE.with_name("missing.png")), "missing.png")
    win.explain_actions["convolution"].trigger()   # the reader's message, not a crash
    assert "missing.png" in explainer.image_note.text()
    explainer.convolution.stop()
    win.close()
