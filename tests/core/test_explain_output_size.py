"""Output size formula and 'valid'/'same' padding against Keras's own Conv2D."""

import numpy as np
import pytest

from dlviz.core.explain.convolution import cross_correlate
from dlviz.core.explain.output_size import keras_padding, output_size
from dlviz.core.kerasenv import import_keras

keras = import_keras()


def test_formula_with_numbers():
    assert output_size(32, 3, 1, 0) == 30
    assert output_size(32, 3, 1, 1) == 32
    assert output_size(7, 3, 2, 1) == 4          # floor((7 + 2 - 3) / 2) + 1
    assert output_size(8, 3, 3, 0, 1) == 3       # uneven padding: 0 before, 1 after
    assert output_size(2, 5, 1, 0) < 1           # the window does not fit
    with pytest.raises(ValueError, match="stride"):
        output_size(5, 3, 0)


@pytest.mark.parametrize("mode", ["valid", "same"])
def test_output_size_matches_keras_conv2d(mode):
    for n in (5, 7, 8, 13):
        for k in (1, 2, 3, 5):
            for s in (1, 2, 3):
                if k > n:
                    continue
                layer = keras.layers.Conv2D(1, k, strides=s, padding=mode)
                shape = layer.compute_output_shape((1, n, n, 1))
                assert shape[1] == keras_padding(n, k, s, mode).output, (n, k, s, mode)


def test_same_padding_puts_the_odd_zero_where_keras_does():
    """A real Conv2D with stride 2 and 'same' on an 8x8 image: the padding is
    0 before and 1 after, so the explainer's numbers equal Keras's output."""
    image = np.arange(64, dtype="float32").reshape(8, 8) / 64
    kernel = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], "float32")
    pad = keras_padding(8, 3, 2, "same")
    assert (pad.before, pad.after, pad.output) == (0, 1, 4)
    layer = keras.layers.Conv2D(1, 3, strides=2, padding="same", use_bias=False)
    layer.build((1, 8, 8, 1))
    layer.set_weights([kernel[:, :, None, None]])
    expected = np.asarray(layer(image[None, :, :, None]))[0, :, :, 0]
    mine = cross_correlate(image, kernel, stride=2, padding=(pad.before, pad.after))
    np.testing.assert_allclose(mine, expected, rtol=1e-5)


def test_unknown_padding_mode_is_named():
    with pytest.raises(ValueError, match="'valid' or 'same'"):
        keras_padding(5, 3, 1, "full")
