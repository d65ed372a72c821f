"""A hand-made Caption (no Keras): a real generated scene, each word looking at its shape."""

import numpy as np

from dlviz.core.data.shape_scenes import generate_scenes
from dlviz.core.probes.caption_results import Caption


def caption_sample(language: str = "en", seed: int = 3) -> Caption:
    """The scene of ``seed`` captioned right; subject words look at the subject,
    the other's words at the other, the relation at both (8x8 regions)."""
    images, scenes = generate_scenes(1, seed=seed)
    scene = scenes[0]
    words = tuple(scene.caption(language).split())
    grid = (8, 8)
    half = len(words) // 2
    weights = np.full((len(words), *grid), 0.1 / 63, np.float32)
    for t in range(len(words)):
        # The subject's words look at it, the other's at the other, the relation at both.
        looks = [scene.subject] if t < half - 1 else [scene.other] if t > half else \
            [scene.subject, scene.other]
        for thing in looks:
            r, c = (int(v * 8 / scene.size) for v in thing.centre)
            weights[t, r, c] += 0.9 / len(looks)
        weights[t] /= weights[t].sum()
    return Caption(image=images[0], words=words, weights=weights, grid=grid,
                   probabilities=np.linspace(0.99, 0.6, len(words)).astype(np.float32),
                   ended=True, source_name="scene.png", notes=("kept as it is",))
