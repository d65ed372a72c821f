"""The loss plot draws the smoothed line at about one point a pixel, the raw one in full
detail: a 3-pixel pen stroked at five points a pixel was two thirds of the plot's paint."""

import numpy as np

from dlviz.app.views.curves_view import SMOOTH_POINTS_PER_PIXEL, CurvesView


def test_the_smoothed_line_is_drawn_at_about_one_point_a_pixel(qtbot):
    view = CurvesView()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    steps, epochs = 100, 40
    view.reset(steps_per_epoch=steps, epochs=epochs)
    rng = np.random.default_rng(0)
    for step in range(steps * 30):
        view.add_batch(step, 2.0 * np.exp(-step / 800) + 0.2 * rng.random(), None)
    view.redraw()
    qtbot.wait(50)
    plot = view.loss
    pixels = plot.widget.getPlotItem().vb.width()
    smooth_x, smooth_y = plot.smooth_curve.getData()
    raw_x, _ = plot.raw_curve.getData()
    assert len(smooth_x) <= pixels * SMOOTH_POINTS_PER_PIXEL * 1.2
    assert len(raw_x) > 2 * len(smooth_x)
    # Still the smoothed values: from where it starts to where it ends.
    full_x, full_y = plot.batches.smoothed.x, plot.batches.smoothed.y
    assert smooth_x[0] <= full_x[50] and smooth_x[-1] >= full_x[-50]
    assert abs(smooth_y[-1] - full_y[-1]) < 0.05 and abs(smooth_y[0] - full_y[0]) < 0.2
