"""DotsItem: dots at the finite points, moved by setData, bounded by what it draws."""

import numpy as np
import pytest
import pyqtgraph as pg

from dlviz.app.views.dots_item import DotsItem


def test_dots_sit_on_the_finite_points_and_move_with_new_data(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    dots = DotsItem("#d62728", size=5)
    widget.addItem(dots)
    dots.setData([0.5, 1.5, 2.5], [0.1, np.nan, 0.9])
    assert dots.points() == [(0.5, 0.1), (2.5, 0.9)]   # NaN: no dot (a gap, as the line has)
    dots.setData([0.5, 1.5], [-0.4, 0.3])
    assert dots.points() == [(0.5, -0.4), (1.5, 0.3)]
    widget.resize(300, 200)
    widget.show()
    widget.setRange(xRange=(0, 2), yRange=(-1, 1), padding=0)
    qtbot.waitExposed(widget)
    bounds = dots.boundingRect()
    # The points, and half a dot (a few pixels) beyond them.
    assert bounds.left() < 0.5 and bounds.right() > 1.5 and bounds.top() < -0.4 < 0.3 < bounds.bottom()
    assert bounds.width() < 1.5   # not the whole plot
    image = widget.grab().toImage()
    red = [image.pixelColor(x, y).red() - image.pixelColor(x, y).green()
           for x in range(image.width()) for y in range(image.height())]
    assert max(red) > 100   # the dots are painted, in their colour


def test_no_points_no_bounds(qtbot):
    dots = DotsItem("#000000")
    dots.setData([], [])
    assert dots.points() == [] and dots.boundingRect().isEmpty()


def test_the_margin_follows_the_zoom(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    dots = DotsItem("#1f77b4", size=5)
    widget.addItem(dots)
    dots.setData([0.0, 1.0], [0.0, 1.0])
    widget.resize(300, 200)
    widget.show()
    widget.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    qtbot.waitExposed(widget)
    near = dots.boundingRect()
    widget.setRange(xRange=(-10, 10), yRange=(-10, 10), padding=0)   # zoomed out 20x
    qtbot.wait(20)
    far = dots.boundingRect()
    # The same five pixels are 20 times as many data units now.
    assert (far.width() - 1.0) == pytest.approx(20 * (near.width() - 1.0), rel=0.15)
