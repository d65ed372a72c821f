"""The class score that Grad-CAM and saliency maps differentiate.

Grad-CAM is defined on the class's score *before* the softmax: the
probability itself saturates (a confident class has almost no gradient).
Most models end in a softmax, so the logit is recovered from the
probabilities: log p_c - mean_j log p_j equals z_c - mean_j z_j, the
class's logit against the mean logit (the softmax's normaliser cancels).
Outputs that are already logits are used as they are. Several averaged heads
(GoogLeNet) give the mean of their scores.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.probes.predictions import (class_heads, is_probability, output_names,
                                           to_probabilities)
from dlviz.core.probes.results import ProbeUnavailable

_TINY = 1e-30  # keeps log() finite where a probability underflowed to 0


def primary_heads(model, outputs) -> list[int]:
    """Indices (into ``outputs``) of the heads that make the primary prediction.

    Raises:
        ProbeUnavailable: no output is a class vector.
    """
    heads, average = class_heads(output_names(model), [tuple(o.shape) for o in outputs])
    if not heads:
        raise ProbeUnavailable(f"'{model.name}' has no class output, so there is no class "
                               "score to explain")
    return [i for _name, i in heads] if average else [heads[0][1]]


def primary_probabilities(model, outputs) -> np.ndarray:
    """Probabilities (classes,) of the primary head (the average for GoogLeNet)."""
    rows = [to_probabilities(np.asarray(outputs[i])[0]) for i in primary_heads(model, outputs)]
    return np.mean(rows, axis=0, dtype=np.float32)


def class_score(model, outputs, class_index: int):
    """The differentiable score of ``class_index`` (a scalar tensor).

    Args:
        model: the model whose ``outputs`` (eager tensors, recorded by a
            ``GradientTape``) these are.
        outputs: the model's outputs, in ``model.outputs`` order.
        class_index: the class to explain.
    """
    from dlviz.core.kerasenv import import_tensorflow

    tf = import_tensorflow()
    scores = []
    for i in primary_heads(model, outputs):
        head = outputs[i][0]
        if not 0 <= class_index < head.shape[-1]:
            raise ValueError(f"class {class_index} is out of range: the model has "
                             f"{head.shape[-1]} classes")
        if is_probability(np.asarray(head)):
            logp = tf.math.log(tf.maximum(head, _TINY))
            scores.append(logp[class_index] - tf.reduce_mean(logp))
        else:
            scores.append(head[class_index])
    return tf.add_n(scores) / len(scores)

