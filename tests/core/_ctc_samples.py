"""A hand-made CtcAlignment (no Keras): "15" read from 8 columns of a 16x64 picture."""

import numpy as np

from dlviz.core.data.digit_strings import CTC_DIGIT_CLASSES
from dlviz.core.probes.ctc import best_path
from dlviz.core.probes.ctc_results import CtcAlignment

#: The best path of the sample: blank, "1", "1", blank, blank, "5", blank, blank.
SAMPLE_PATH = (0, 2, 2, 0, 0, 6, 0, 0)


def ctc_alignment_sample() -> CtcAlignment:
    probabilities = np.full((len(SAMPLE_PATH), 11), 0.02, np.float32)
    probabilities[np.arange(len(SAMPLE_PATH)), SAMPLE_PATH] = 0.8
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    y, x = np.mgrid[0:16, 0:64] / np.array([15, 63])[:, None, None]   # 4 columns a step
    image = ((np.sin(x * 12) > 0.5) * (np.abs(y - 0.5) < 0.3)).astype(np.float32)
    path, labels = best_path(probabilities)
    return CtcAlignment(image=image, probabilities=probabilities,
                        class_names=CTC_DIGIT_CLASSES, blank_index=0, path=path,
                        text="".join(CTC_DIGIT_CLASSES[k] for k in labels),
                        source_name="sample.png", notes=("kept as it is",))
