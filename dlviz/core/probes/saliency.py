"""Saliency map (Simonyan et al., 2013): which pixels the class score is most sensitive to.

The gradient of the class score (``scores.class_score``) with respect to
the input pixels, its magnitude taken as the largest over the colour
channels, scaled to [0, 1]. It is noisier than Grad-CAM but sharp, and needs
no choice of layer.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data import to_channels
from dlviz.core.probes.gradcam import unit_range
from dlviz.core.probes.graph import call_model, require_graph
from dlviz.core.probes.predictions import class_name
from dlviz.core.probes.results import Heatmap, PreparedInput
from dlviz.core.probes.scores import class_score, primary_probabilities


def saliency(model, prepared: PreparedInput, *, class_index: int | None = None,
             class_names=None) -> Heatmap:
    """|d score / d input|, the largest over channels, for one prepared image.

    Args:
        model: a Functional or built Sequential Keras model with a class output.
        prepared: the image, from ``prepare_input``.
        class_index: the class to explain; None for the top class.
        class_names: names for the heatmap's title ("class N" otherwise).

    Returns:
        A ``Heatmap`` (kind "saliency", ``layer`` None) at the input's
        resolution, in [0, 1].

    Raises:
        ProbeUnavailable: no graph or no class output.

    Example:
        >>> sal = saliency(lenet, prepare_input(lenet, digit), class_index=3)  # doctest: +SKIP
        >>> sal.heatmap.shape  # doctest: +SKIP
        (32, 32)
    """
    from dlviz.core.kerasenv import import_tensorflow

    tf = import_tensorflow()
    require_graph(model)
    x = tf.constant(prepared.batch)
    with tf.GradientTape() as tape:
        tape.watch(x)
        outputs = call_model(model, x)
        if class_index is None:
            class_index = int(np.argmax(primary_probabilities(model, outputs)))
        score = class_score(model, outputs, class_index)
    gradients = tape.gradient(score, x)
    magnitude = tf.reduce_max(tf.abs(gradients[0]), axis=-1).numpy()
    return Heatmap(kind="saliency", class_index=class_index,
                   class_name=class_name(class_index, class_names), layer=None,
                   heatmap=unit_range(magnitude), image=to_channels(prepared.shown, 3))
