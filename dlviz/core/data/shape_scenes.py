"""Generated scenes of two coloured shapes, captioned from their layout.

Each scene is a pale picture (64x64 RGB by default) with two shapes
(circle, square, triangle; red, green, blue, yellow) placed one above, below,
left of or right of the other, and its caption says so: "a red circle above
a blue square", or in Vietnamese "một hình tròn đỏ ở trên một hình vuông
xanh dương". A captioner (:mod:`dlviz.core.zoo.captioner`) learns to write
it one word at a time, and its attention over the image's regions can be
checked against where the shapes really are (:attr:`SceneObject.centre`).

One picture could be described two ways ("a red circle above a blue square"
is also "a blue square below a red circle"), so the caption always starts
with the *subject*: the shape that comes first in :data:`SCENE_SHAPES`
order (circle, square, triangle), colour order (red, green, blue, yellow)
breaking a tie. Every picture then has exactly one caption, and the model
must find the subject first: a task attention is made for.

Generation is deterministic by seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

SCENE_SHAPES = ("circle", "square", "triangle")
#: Colour name -> RGB in [0, 1] (jittered a little per scene).
SCENE_COLOURS = {"red": (0.86, 0.13, 0.12), "green": (0.12, 0.62, 0.2),
                 "blue": (0.14, 0.3, 0.88), "yellow": (0.95, 0.78, 0.08)}
RELATIONS = ("above", "below", "left of", "right of")
LANGUAGES = ("en", "vi")
#: Vietnamese words for each English caption word or phrase.
VIETNAMESE = {
    "circle": "hình tròn", "square": "hình vuông", "triangle": "hình tam giác",
    "red": "đỏ", "green": "xanh lá", "blue": "xanh dương", "yellow": "vàng",
    "above": "ở trên", "below": "ở dưới", "left of": "ở bên trái", "right of": "ở bên phải",
}
#: Per relation, the axis (row, column) the shapes lie along, and +1 where
#: the subject comes first on it (smaller row or column), -1 where it comes last.
_DIRECTIONS = {"above": (1, 0), "below": (-1, 0), "left of": (0, 1), "right of": (0, -1)}


@dataclass(frozen=True)
class SceneObject:
    """One shape of a scene: what it is and where (pixels of the scene)."""

    shape: str
    colour: str
    centre: tuple[float, float]   # (row, column)
    radius: float

    def words(self, language: str = "en") -> str:
        """"red circle" / "hình tròn đỏ" (Vietnamese puts the colour after the noun)."""
        if language == "vi":
            return f"{VIETNAMESE[self.shape]} {VIETNAMESE[self.colour]}"
        return f"{self.colour} {self.shape}"


@dataclass(frozen=True)
class Scene:
    """A scene's layout: the subject, how it lies relative to the other shape."""

    subject: SceneObject
    relation: str
    other: SceneObject
    size: int = 64

    def caption(self, language: str = "en") -> str:
        """The scene's one caption (see the module), in "en" or "vi"."""
        check_language(language)
        if language == "vi":
            return (f"một {self.subject.words('vi')} {VIETNAMESE[self.relation]} "
                    f"một {self.other.words('vi')}")
        return f"a {self.subject.words()} {self.relation} a {self.other.words()}"


def check_language(language: str) -> str:
    """``language`` when it is one of :data:`LANGUAGES`; else ``ValueError`` naming them."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown caption language {language!r}; choose "
                         f"{' or '.join(LANGUAGES)}")
    return language


def _rank(shape: str, colour: str) -> tuple[int, int]:
    return SCENE_SHAPES.index(shape), list(SCENE_COLOURS).index(colour)


def random_scene(rng: np.random.Generator, size: int = 64) -> Scene:
    """A layout: two different (shape, colour) pairs, a relation, their places."""
    pairs = [(s, c) for s in SCENE_SHAPES for c in SCENE_COLOURS]
    first, second = rng.choice(len(pairs), size=2, replace=False)
    subject, other = sorted((pairs[first], pairs[second]), key=lambda p: _rank(*p))
    relation = RELATIONS[int(rng.integers(len(RELATIONS)))]
    radii = rng.uniform(0.11, 0.16, 2) * size
    margin = float(radii.max()) + 0.04 * size
    # Along the relation's axis the two centres lie far apart (never
    # touching); across it they stay close, so "above" is never mistaken for
    # "left of".
    room = size - 2 * margin
    gap = rng.uniform(min(max(float(radii.sum()) + 0.08 * size, 0.3 * size), room), room)
    along = rng.uniform(margin, size - margin - gap)
    across = rng.uniform(margin + 0.1 * size, size - margin - 0.1 * size)
    shift = rng.uniform(-0.1, 0.1) * size
    dr, dc = _DIRECTIONS[relation]
    starts = (along, along + gap) if dr + dc > 0 else (along + gap, along)
    if dr:
        centres = ((starts[0], across), (starts[1], across + shift))
    else:
        centres = ((across, starts[0]), (across + shift, starts[1]))
    return Scene(SceneObject(*subject, tuple(map(float, centres[0])), float(radii[0])),
                 relation,
                 SceneObject(*other, tuple(map(float, centres[1])), float(radii[1])), size)


def draw_scene(scene: Scene, rng: np.random.Generator) -> np.ndarray:
    """The scene as float32 (size, size, 3) in [0, 1]: pale paper, two shapes, a little noise."""
    size, scale = scene.size, 4
    paper = rng.uniform(0.86, 1.0) - rng.uniform(0.0, 0.06, 3)
    picture = np.broadcast_to(paper, (size, size, 3)).astype(np.float32)
    for thing in (scene.subject, scene.other):
        mask = Image.new("L", (size * scale, size * scale), 0)
        draw = ImageDraw.Draw(mask)
        r = thing.radius * scale
        cy, cx = (v * scale for v in thing.centre)
        if thing.shape == "circle":
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
        elif thing.shape == "square":
            side = r * 0.86   # half side: a square's area near the circle's
            draw.rectangle((cx - side, cy - side, cx + side, cy + side), fill=255)
        else:                 # triangle pointing up
            draw.polygon([(cx + r * math.cos(a), cy + r * math.sin(a))
                          for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)], fill=255)
        cover = np.asarray(mask.resize((size, size), Image.Resampling.BOX),
                           np.float32)[..., None] / 255.0
        colour = np.clip(np.array(SCENE_COLOURS[thing.colour]) + rng.uniform(-0.06, 0.06, 3),
                         0, 1)
        picture = picture * (1 - cover) + colour * cover
    noise = rng.normal(0.0, 0.015, picture.shape)
    return np.clip(picture + noise, 0.0, 1.0).astype(np.float32)


def generate_scenes(n: int, *, size: int = 64, seed: int = 0
                    ) -> tuple[np.ndarray, list[Scene]]:
    """``n`` captioned scenes.

    Args:
        n: how many.
        size: height and width in pixels (at least 32).
        seed: the same seed always gives the same scenes.

    Returns:
        ``(images float32 (n, size, size, 3) in [0, 1], scenes)``; each scene
        gives its caption with ``scene.caption("en" | "vi")``.

    Example:
        >>> images, scenes = generate_scenes(2, seed=1)
        >>> images.shape, scenes[0].caption().split()[0]
        ((2, 64, 64, 3), 'a')
    """
    if size < 32:
        raise ValueError(f"scenes need at least 32x32 pixels, got {size}")
    rng = np.random.default_rng(seed)
    images = np.empty((int(n), size, size, 3), np.float32)
    scenes = []
    for i in range(int(n)):
        scene = random_scene(rng, size)
        images[i] = draw_scene(scene, rng)
        scenes.append(scene)
    return images, scenes
