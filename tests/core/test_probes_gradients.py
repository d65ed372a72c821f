"""Grad-CAM and saliency maps of models whose answer is known by construction."""

import numpy as np
import pytest

from _probe_models import keras, layers, nested_model, random_image
from dlviz.core.probes.gradcam import default_cam_layer, grad_cam
from dlviz.core.probes.preprocess import prepare_input
from dlviz.core.probes.saliency import saliency
from dlviz.core.probes.structure import spatial_layers


def quadrant_share(heatmap, which):
    """Share of the heatmap's mass in one quadrant: "tl" or "br"."""
    h, w = heatmap.shape
    part = heatmap[:h // 2, :w // 2] if which == "tl" else heatmap[h // 2:, w // 2:]
    return float(part.sum() / heatmap.sum())


def colour_model():
    """Class 1 is "how red", class 0 "how green": Grad-CAM must find the colour.

    A 1x1 convolution splits the image into a red map and a green map;
    global average pooling and a dense layer make class 1's logit 10x the
    mean redness and class 0's 10x the mean greenness.
    """
    inputs = keras.Input((16, 16, 3))
    colour = layers.Conv2D(2, 1, use_bias=False, activation="relu", name="colour")
    pool = layers.MaxPooling2D(2, name="pool")
    x = pool(colour(inputs))
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    dense = layers.Dense(2, activation="softmax", name="predictions")
    model = keras.Model(inputs, dense(x))
    colour.set_weights([np.array([[1, 0], [0, 1], [0, 0]], np.float32).reshape(1, 1, 3, 2)])
    dense.set_weights([np.array([[0, 10], [10, 0]], np.float32), np.zeros(2, np.float32)])
    return model


def red_and_green_image():
    image = np.zeros((16, 16, 3), np.float32)
    image[2:6, 2:6, 0] = 1.0      # a red square in the top-left quadrant
    image[10:14, 10:14, 1] = 1.0  # a green square in the bottom-right quadrant
    return image


@pytest.mark.parametrize("layer", [None, "pool"])
def test_grad_cam_finds_the_square_of_the_class_colour(layer):
    model = colour_model()
    prepared = prepare_input(model, red_and_green_image())
    red = grad_cam(model, prepared, class_index=1, layer=layer, class_names=["green", "red"])
    green = grad_cam(model, prepared, class_index=0, layer=layer)
    assert red.layer == (layer or "colour") and red.kind == "gradcam"
    assert red.class_name == "red" and green.class_name == "class 0"
    for heatmap in (red, green):
        assert heatmap.heatmap.shape == (16, 16) and heatmap.heatmap.dtype == np.float32
        assert heatmap.heatmap.min() >= 0.0 and heatmap.heatmap.max() == pytest.approx(1.0)
        assert heatmap.image.shape == (16, 16, 3)
    assert quadrant_share(red.heatmap, "tl") > 0.8
    assert quadrant_share(green.heatmap, "br") > 0.8
    if layer is None:  # at full resolution the map is the square itself
        assert red.heatmap[2:6, 2:6].min() == 1.0 and red.heatmap[10:14, 10:14].max() == 0.0


def test_grad_cam_defaults_to_the_top_class_and_works_on_frozen_models():
    model = colour_model()
    model.trainable = False
    image = red_and_green_image()
    image[10:14, 10:14, 1] = 0.2   # less green than red: class 1 ("red") wins
    cam = grad_cam(model, prepare_input(model, image))
    assert cam.class_index == 1 and quadrant_share(cam.heatmap, "tl") > 0.8


def quadrant_model():
    """Class 1's logit is the mean of the top-left quadrant; class 0's, the bottom-right."""
    inputs = keras.Input((16, 16, 1))
    copy = layers.Conv2D(1, 1, use_bias=False, name="copy")
    x = layers.AveragePooling2D(8, name="quadrants")(copy(inputs))   # (2, 2): tl, tr, bl, br
    x = layers.Flatten(name="flatten")(x)
    dense = layers.Dense(2, name="logits")
    model = keras.Model(inputs, dense(x))
    copy.set_weights([np.ones((1, 1, 1, 1), np.float32)])
    weights = np.zeros((4, 2), np.float32)
    weights[0, 1] = 1.0   # top-left -> class 1
    weights[3, 0] = 1.0   # bottom-right -> class 0
    dense.set_weights([weights, np.full(2, -1.0, np.float32)])  # negative: plainly logits
    return model


def test_saliency_is_exactly_the_quadrant_the_class_reads():
    model = quadrant_model()
    prepared = prepare_input(model, random_image((16, 16, 1)))
    one = saliency(model, prepared, class_index=1)
    zero = saliency(model, prepared, class_index=0)
    assert one.kind == "saliency" and one.layer is None and one.heatmap.shape == (16, 16)
    assert quadrant_share(one.heatmap, "tl") == pytest.approx(1.0)
    assert quadrant_share(zero.heatmap, "br") == pytest.approx(1.0)
    assert np.all(one.heatmap[:8, :8] == 1.0)   # every pixel there counts 1/64
    assert one.image.shape == (16, 16, 3)       # grey input shown as RGB


def test_saliency_of_a_colour_lights_only_the_coloured_squares():
    model = colour_model()
    heat = saliency(model, prepare_input(model, red_and_green_image()), class_index=1).heatmap
    # The score is red against green (a logit difference), so both squares
    # count; elsewhere the ReLUs are off and pass no gradient back.
    assert quadrant_share(heat, "tl") + quadrant_share(heat, "br") == pytest.approx(1.0)
    assert heat[2:6, 2:6].max() == 1.0 and heat[10:14, 10:14].max() > 0.0


def test_grad_cam_reaches_into_nested_models():
    model = nested_model()
    prepared = prepare_input(model, random_image((16, 16, 3)))
    cam = grad_cam(model, prepared, layer="backbone/b_conv")
    assert cam.layer == "backbone/b_conv" and cam.heatmap.shape == (16, 16)
    assert np.isfinite(cam.heatmap).all()
    assert grad_cam(model, prepared).layer == "head_block/h_conv"
    with pytest.raises(ValueError, match="out of range"):
        grad_cam(model, prepared, class_index=99)


def test_default_layer_skips_auxiliary_heads_and_pooling():
    from dlviz.core.zoo import create

    googlenet = create("googlenet-mini").build()
    prepared = prepare_input(googlenet, random_image((32, 32, 3)))
    assert grad_cam(googlenet, prepared).layer == "inception_5b_output"
    vgg_layers = spatial_layers(create("vgg16", input_shape=(64, 64, 3)).build())
    assert default_cam_layer(vgg_layers).path == "block5_conv3"
