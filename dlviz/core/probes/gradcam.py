"""Grad-CAM (Selvaraju et al., 2017): where a convolutional layer saw the class.

Step by step:

1. One forward pass, under a ``GradientTape``, that returns the chosen
   layer's maps A (h, w, C) and the model's outputs (through the re-traced
   graph of ``graph.traced_outputs``, so layers in nested models work too).
2. The class score y (``scores.class_score``: the logit, or the average
   over GoogLeNet's heads) and its gradient dy/dA.
3. One weight per channel: the gradient averaged over the map, alpha_c.
4. The map ReLU(sum_c alpha_c A_c): the places whose activation raises the
   score; then resized to the input's size and scaled to [0, 1].
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data import fit_image, to_channels
from dlviz.core.probes.activations import select_layers
from dlviz.core.probes.graph import ancestor_paths, traced_outputs
from dlviz.core.probes.predictions import class_name
from dlviz.core.probes.results import Heatmap, PreparedInput, ProbeUnavailable
from dlviz.core.probes.scores import class_score, primary_heads, primary_probabilities
from dlviz.core.probes.structure import LayerInfo, spatial_layers

_CONVOLUTIONS = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose")


def default_cam_layer(infos: list[LayerInfo], allowed: set[str] | None = None) -> LayerInfo:
    """The layer Grad-CAM explains by default: the last convolution's block output.

    The last convolutional layer whose maps are bigger than 1x1, carried
    forward through the layers right after it that keep its map size and are
    not pooling (its batch norm, activation, residual addition or Inception
    concatenation): a ResNet is explained at ``conv5_block3_out``, VGG-16 at
    ``block5_conv3``, GoogLeNet at ``inception_5b_output``.

    Args:
        infos: the model's spatial layers, in model order.
        allowed: paths on the way to the primary output (so GoogLeNet's
            auxiliary heads are passed over); None allows all.

    Raises:
        ProbeUnavailable: the model has no layer with a spatial output.
    """
    usable = [info for info in infos if allowed is None or info.path in allowed] or infos
    if not usable:
        raise ProbeUnavailable("the model has no layer with feature maps to explain")

    def area(info):
        height, width = info.shape[:2]
        return (height or 2) * (width or 2)

    convs = [i for i, info in enumerate(usable) if info.type in _CONVOLUTIONS]
    wide = [i for i in convs if area(usable[i]) > 1]
    if not convs:
        sized = [info for info in usable if area(info) > 1]
        return (sized or usable)[-1]
    chosen = (wide or convs)[-1]
    for index in range(chosen + 1, len(usable)):
        info = usable[index]
        if info.shape[:2] != usable[chosen].shape[:2] or "Pooling" in info.type:
            break
        chosen = index
    return usable[chosen]


def default_cam_layer_path(model) -> str:
    """The path :func:`grad_cam` explains when no layer is named."""
    _inputs, recorded, outputs = traced_outputs(model)
    main = primary_heads(model, outputs)[0]
    return default_cam_layer(spatial_layers(model), ancestor_paths(recorded, outputs[main])).path


def grad_cam(model, prepared: PreparedInput, *, class_index: int | None = None,
             layer: str | None = None, class_names=None) -> Heatmap:
    """Grad-CAM of one class for one prepared image.

    Args:
        model: a Functional or built Sequential Keras model with a class output.
        prepared: the image, from ``prepare_input``.
        class_index: the class to explain; None for the top class.
        layer: path of a layer with a spatial output; None for
            :func:`default_cam_layer`.
        class_names: names for the heatmap's title ("class N" otherwise).

    Returns:
        A ``Heatmap`` (kind "gradcam") at the input's resolution, in [0, 1];
        all zeros when no place raises the score.

    Raises:
        ProbeUnavailable: no graph, no class output, or an unknown layer.

    Example:
        >>> cam = grad_cam(vgg, prepare_input(vgg, image))  # doctest: +SKIP
        >>> cam.layer, cam.heatmap.shape  # doctest: +SKIP
        ('block5_conv3', (224, 224))
    """
    from dlviz.core.kerasenv import import_keras, import_tensorflow

    keras, tf = import_keras(), import_tensorflow()
    infos = spatial_layers(model)
    inputs, recorded, outputs = traced_outputs(model)
    if layer is None:
        main = primary_heads(model, outputs)[0]
        info = default_cam_layer(infos, ancestor_paths(recorded, outputs[main]))
    else:
        info = select_layers(infos, [layer])[0]
    probe = keras.Model(inputs[0] if len(inputs) == 1 else inputs,
                        [recorded[info.path], *outputs])
    x = tf.constant(prepared.batch)
    with tf.GradientTape() as tape:
        tape.watch(x)  # so frozen (non-trainable) layers are recorded too
        maps, *results = probe(x, training=False)
        if class_index is None:
            class_index = int(np.argmax(primary_probabilities(model, results)))
        score = class_score(model, results, class_index)
    gradients = tape.gradient(score, maps)
    if gradients is None:
        raise ProbeUnavailable(f"the class score does not depend on {info.path}")
    weights = tf.reduce_mean(gradients[0], axis=(0, 1))                  # (C,)
    cam = tf.nn.relu(tf.reduce_sum(maps[0] * weights, axis=-1)).numpy()  # (h, w)
    height, width = prepared.shown.shape[:2]
    return Heatmap(kind="gradcam", class_index=class_index,
                   class_name=class_name(class_index, class_names), layer=info.path,
                   heatmap=unit_range(upsample(cam, (height, width))),
                   image=to_channels(prepared.shown, 3))


def upsample(values: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(h, w) values resized bilinearly to ``size`` (height, width), float32."""
    values = np.asarray(values, dtype=np.float32)
    if values.shape == tuple(size):
        return values
    return fit_image(values, size, resample="bilinear")


def unit_range(values: np.ndarray) -> np.ndarray:
    """Scale non-negative values to [0, 1] by their maximum (zeros stay zeros)."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0.0)
    values = np.maximum(values, 0.0)
    top = float(values.max()) if values.size else 0.0
    return values / np.float32(top) if top > 0 else np.zeros_like(values)
