"""The benchmark's "first mosaic painted" marker: once, after a paint that drew a mosaic."""

from dlviz.app.application import watch_first_mosaic


def test_the_marker_fires_once_after_the_first_mosaic_is_painted(qtbot, window):
    lines = []
    watch_first_mosaic(window, lines.append)
    window.maps_view.canvas.viewport().repaint()  # the empty canvas paints: no mosaic yet
    qtbot.wait(20)
    assert lines == []
    with qtbot.waitSignal(window.images.analysis_shown, timeout=120_000) as shown:
        window.show_first_example()
    qtbot.waitUntil(lambda: len(lines) > 0, timeout=30_000)
    view, analysis = window.maps_view, shown.args[0]
    layer = view.selected_layer()
    height, width = analysis.maps.mosaics[layer].image.shape
    assert window.tabs.currentWidget() is view and view.mosaic_item.isVisible()
    assert view.mosaic_item.image.shape == (height, width)
    assert lines[0].startswith("first mosaic painted after ")
    assert lines[0].endswith(f" s: {layer} {height}x{width}")
    view.canvas.viewport().repaint()  # later paints say nothing more
    qtbot.wait(20)
    assert len(lines) == 1
