"""The explainers show the right numbers at a given step, on a given image.

Screenshots of each page go to /tmp/shots/explainers/ (looked at by a person).
"""

from pathlib import Path

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from dlviz.core.explain.kernels import KERNELS

SHOTS = Path("/tmp/shots/explainers")
IMAGE = np.random.default_rng(3).random((6, 6))


def _shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def conv(qtbot):
    from dlviz.app.explainers.convolution_explainer import ConvolutionExplainer

    page = ConvolutionExplainer()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.set_image(IMAGE, size=6)
    yield page
    page.stop()


def test_convolution_step_shows_the_products_and_sum_scipy_gives(conv):
    conv.kernels.choose("Vertical edge (Sobel x)")
    expected = correlate2d(IMAGE, KERNELS["Vertical edge (Sobel x)"], mode="valid")
    conv.show_position(6)                      # output row 2, column 3 of 4x4
    assert (conv.step.row, conv.step.col) == (1, 2)
    assert conv.step.total == pytest.approx(expected[1, 2])
    assert f"{expected[1, 2]:.3f}".replace("-", "−") in conv.arithmetic.text()
    assert "Position 7 of 16: output row 2, column 3" == conv.position.text()
    # The output so far: positions 0..6 drawn, the rest not computed yet.
    shown = conv.shown_output.reshape(-1)
    np.testing.assert_allclose(shown[:7], expected.reshape(-1)[:7])
    assert np.isnan(shown[7:]).all()
    conv.flip.setChecked(True)                 # true convolution
    flipped = convolve2d(IMAGE, KERNELS["Vertical edge (Sobel x)"], mode="valid")
    assert conv.step.total == pytest.approx(flipped[1, 2]) == pytest.approx(-expected[1, 2])
    assert "not symmetric" in conv.difference_note.text()
    _shot(conv, "convolution_sobel_flipped")


def test_own_kernel_numbers_and_symmetric_note(conv):
    conv.kernels.choose("Blur (box)")
    assert "same output" in conv.difference_note.text()
    conv.show_position(0)   # the named blur is exactly 1/9, though its boxes show 0.11
    assert conv.step.total == pytest.approx(IMAGE[:3, :3].mean(), rel=1e-12)
    conv.kernels.boxes[0].setValue(2.0)        # typing a number makes it "Your own"
    assert conv.kernels.choice.currentData() == ""
    kernel = np.full((3, 3), 1 / 9)
    kernel[0, 0] = 2.0
    conv.show_position(0)
    assert conv.step.total == pytest.approx(correlate2d(IMAGE, kernel, mode="valid")[0, 0],
                                            abs=1e-2)   # the boxes keep 2 decimals


def test_picture_size_choice_resamples_and_keeps_the_window_inside(conv):
    conv.set_image(np.random.default_rng(0).random((100, 120, 3)))
    assert conv.image.shape == (6, 6)                  # the fixture's choice stays
    conv.size_choice.setCurrentIndex(conv.size_choice.findData(16))
    assert conv.image.shape == (16, 16) and conv.slider.maximum() == 14 * 14 - 1
    conv.show_position(195)
    conv.size_choice.setCurrentIndex(conv.size_choice.findData(12))
    assert conv.slider.value() == 99 and conv.step.total == pytest.approx(
        correlate2d(conv.image, conv.kernels.kernel(), mode="valid")[9, 9])


def test_arrow_keys_step_the_window(conv, qtbot):
    from PySide6.QtCore import Qt

    conv.show()
    conv.activateWindow()
    qtbot.waitActive(conv)   # shortcuts reach only the active window
    conv.show_position(3)
    target = conv.kernels.choice   # focus anywhere on the page, not only on the slider
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    qtbot.keyClick(target, Qt.Key.Key_Right)
    assert conv.slider.value() == 4
    qtbot.keyClick(target, Qt.Key.Key_Left)
    assert conv.slider.value() == 3
    assert "= output pixel (row 1, column 4)" in conv.arithmetic.text()
    qtbot.keyClick(target, Qt.Key.Key_Space)
    assert conv.timer.isActive()
    conv.stop()


def test_play_steps_forward_and_stops(conv, qtbot):
    conv.show_position(13)
    conv.toggle_play()
    assert conv.timer.isActive() and conv.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not conv.timer.isActive(), timeout=5000)
    assert conv.slider.value() == 15 and not np.isnan(conv.shown_output).any()
    assert conv.play_button.text() == "Play"


def test_stride_padding_formula_and_keras_same(qtbot):
    from dlviz.app.explainers.stride_padding_explainer import StridePaddingExplainer

    page = StridePaddingExplainer()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.n.setValue(7), page.k.setValue(3), page.s.setValue(2), page.p.setValue(1)
    assert page.settings() == (7, 3, 2, 1, 1, 4)
    assert "⌊(7 + 2·1 − 3) / 2⌋ + 1 = <b>4</b>" in page.formula.text()
    page.mode.setCurrentIndex(page.mode.findData("same"))
    page.n.setValue(8), page.s.setValue(3)
    assert page.settings() == (8, 3, 3, 0, 1, 3)       # Keras: ceil(8/3) = 3, odd zero after
    assert not page.p.isEnabled() and page.value_labels[page.p].text() == "0 / 1"
    page.position.setValue(page.position.maximum())
    assert page.picture.position == 8
    _shot(page, "stride_padding_same")
    page.mode.setCurrentIndex(page.mode.findData("valid"))
    page.n.setValue(3), page.k.setValue(5)
    assert "does not fit" in page.formula.text()


def test_pooling_page_numbers(qtbot):
    from dlviz.app.explainers.pooling_explainer import PoolingExplainer

    page = PoolingExplainer()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    assert page.result.pooled.tolist() == [[5, 2], [2, 8]]
    assert "<b>4.80</b>" in page.dense_text.text()
    p = page.result.probabilities
    assert f"<b>{p[0]:.3f}</b>" in page.softmax_text.text()
    page.set_mode("average")
    assert page.result.mode == "average" and page.pooled_grid.values[0, 0] == 2.25
    page.set_image(np.ones((10, 10, 3)))
    page.image_button.setChecked(True)
    assert (page.feature_map == 9).all()
    _shot(page, "pooling_average")


def test_activation_page_shades_where_gradients_vanish(qtbot):
    from dlviz.app.explainers.activation_explainer import ActivationExplainer

    page = ActivationExplainer()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    assert page.current() == "sigmoid" and page.best_gain == pytest.approx(0.25)
    assert len(page.regions) == 2 and "at most 0.25" in page.why.text()
    page.layers.setValue(10)
    assert "9.54e-07" in page.why.text()        # 0.25 ** 10
    page.choose("Leaky ReLU")
    assert page.regions == [] and "0.10" in page.slider_labels[0].text()
    page.choose("ReLU")
    assert page.regions[0][0] == -6.0 and "dying ReLU" in page.why.text()
    _shot(page, "activations_relu")


def test_explainer_window_takes_the_current_image_or_says_how(qtbot):
    from dlviz.app.explainers.explainer_window import ExplainerWindow

    answers = [None]
    window = ExplainerWindow(lambda: answers[0])
    qtbot.addWidget(window)
    assert "No image is open" in window.image_note.text()
    answers[0] = (np.ones((40, 50, 3)), "cat.png")
    window.take_current_image()
    assert "cat.png (50×40 pixels)" in window.image_note.text()
    assert window.convolution.image.shape == (32, 32)
    answers[0] = "broken.png is not an image"
    window.take_current_image()
    assert window.image_note.text().startswith("broken.png is not an image")
    answers[0] = (np.array([[[0.2]]]), "dot.png")     # one pixel: nothing breaks
    window.take_current_image()
    assert window.convolution.image.shape == (3, 3) and window.convolution.output.shape == (1, 1)
    assert window.stride_padding.picture.image.shape == (7, 7)
    assert not window.pooling.image_button.isEnabled()
    window.show_page("activations")
    assert window.tabs.currentWidget() is window.activations
    window.convolution.stop()
