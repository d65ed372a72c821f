"""Weight and activation histograms keep their axes while live frames move a little."""

import numpy as np

from dlviz.app.views.histogram_view import HistogramView, steady_range


def hist(rng, centre=0.0, spread=0.1, n=2000):
    counts, edges = np.histogram(rng.normal(centre, spread, n), bins=30)
    return counts.astype(np.float32), edges.astype(np.float32)


def test_live_frames_that_move_a_little_keep_the_axes(qtbot):
    view = HistogramView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    rng = np.random.default_rng(0)
    view.set_histograms({"conv1": hist(rng)}, {"conv1": hist(rng, 1.0, 0.3)})
    view.redraw()
    box = view.weights_plot.getPlotItem().getViewBox()
    shown = box.viewRange()
    ticks = view.weights_plot.getPlotItem().getAxis("bottom")._tickLevels
    counts, edges = hist(rng)
    view.set_histograms({"conv1": (counts, edges)}, None)
    view.redraw()
    assert box.viewRange() == shown            # the same steps: no new layout
    # And the histogram is whole inside them.
    assert shown[0][0] <= edges.min() and shown[0][1] >= edges.max()
    assert shown[1][0] <= 0 and shown[1][1] >= counts.max()
    assert view.weights_plot.getPlotItem().getAxis("bottom")._tickLevels is ticks
    # Weights that grew far apart: the axes follow.
    view.set_histograms({"conv1": hist(rng, 0.0, 2.0)}, None)
    view.redraw()
    assert box.viewRange()[0][1] > 2 * shown[0][1]


def test_steady_ranges_hold_the_values_in_whole_steps():
    assert steady_range(-0.31, 0.28) == (-0.4, 0.3)
    assert steady_range(0.0, 3.7) == (0.0, 4.0)
    low, high = steady_range(0.99, 1.01)
    assert low <= 0.99 and high >= 1.01 and high - low < 0.1   # not squashed against 0
    assert steady_range(5.0, 5.0)[1] > 5.0
    assert steady_range(float("nan"), 1.0) == (0.0, 1.0)
