"""Generated RGB pictures of simple shapes: a colour dataset of any size.

Each picture is one shape (circle, square, triangle, star or cross) in a
random colour. Colour tells nothing about the class, so a network has to
learn edges and corners — what the first convolution layers are meant to
show. Two levels (:data:`SHAPE_LEVELS`):

- ``"easy"`` (the default): a big, nearly upright, darker shape on a plain
  pale background (ink on paper), with little noise. A small CNN learns it
  in a few epochs: a one-minute lesson.
- ``"hard"``: a smaller shape at any rotation on a two-colour gradient, with
  weaker contrast and more noise; a plain small CNN stays near a third
  right after 20 epochs, so it shows what a harder problem needs.

Generation is deterministic by seed and level and works at 32x32 for CPU
training as well as 224x224 for the full-size models.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from dlviz.core.data.dataset import Dataset, split_dataset
from dlviz.core.data.pixels import LUMA

SHAPE_CLASSES = ("circle", "square", "triangle", "star", "cross")


@dataclass(frozen=True)
class ShapeLevel:
    """How hard the pictures of one level are.

    Attributes:
        gradient: a two-colour gradient background (else one plain colour).
        background: (low, high) of each RGB channel of a plain background.
        colour: (low, high) of each RGB channel of the shape.
        radius: (low, high) of the shape's outer radius, as a share of the side.
        rotation: (low, high) of the rotation, in radians.
        noise: largest standard deviation of the pixel noise.
        contrast: least RGB distance between shape and background.
        grey_contrast: least difference of their grey levels (ITU-R 601
            luma), so that the shape also stands out for grey-input models
            such as LeNet-5.
    """

    gradient: bool
    background: tuple[float, float]
    colour: tuple[float, float]
    radius: tuple[float, float]
    rotation: tuple[float, float]
    noise: float
    contrast: float
    grey_contrast: float = 0.0


#: The levels by name; "easy" is the default.
SHAPE_LEVELS = {
    "easy": ShapeLevel(gradient=False, background=(0.7, 1.0), colour=(0.0, 0.6),
                       radius=(0.32, 0.44), rotation=(-math.pi / 12, math.pi / 12),
                       noise=0.02, contrast=0.5, grey_contrast=0.3),
    "hard": ShapeLevel(gradient=True, background=(0.0, 1.0), colour=(0.0, 1.0),
                       radius=(0.22, 0.42), rotation=(0.0, 2.0 * math.pi),
                       noise=0.06, contrast=0.45),
}

# Arm half-width of the cross and inner radius of the star, as shares of the
# outer radius: chosen so both read clearly at 32x32.
_CROSS_ARM = 0.3
_STAR_INNER = 0.45


def shape_level(level: str) -> ShapeLevel:
    """The :class:`ShapeLevel` named ``level``; ``ValueError`` lists the choices."""
    try:
        return SHAPE_LEVELS[level]
    except KeyError:
        raise ValueError(f"unknown shapes level {level!r}; choose "
                         f"{' or '.join(SHAPE_LEVELS)}") from None


def generate_shapes(n: int, size: int = 32, seed: int = 0, level: str = "easy",
                    ) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Draw ``n`` shape pictures, balanced across the classes.

    Args:
        n: number of pictures; every class gets ``n // 5`` or one more.
        size: height and width in pixels (at least 8).
        seed: the same seed (and level) always gives the same pictures.
        level: "easy" or "hard" (see :data:`SHAPE_LEVELS`).

    Returns:
        (x, y, class_names): float32 (n, size, size, 3) in [0, 1], int64 labels
        (n,), and :data:`SHAPE_CLASSES`.

    Example:
        >>> x, y, names = generate_shapes(10, size=32)
        >>> x.shape, sorted(set(y.tolist())), names[0]
        ((10, 32, 32, 3), [0, 1, 2, 3, 4], 'circle')
    """
    if size < 8:
        raise ValueError(f"size must be at least 8 pixels, got {size}")
    spec = shape_level(level)
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % len(SHAPE_CLASSES)).astype(np.int64)
    x = np.empty((n, size, size, 3), dtype=np.float32)
    for i, label in enumerate(y):
        x[i] = _draw(SHAPE_CLASSES[label], size, rng, spec)
    return x, y, SHAPE_CLASSES


def load_shapes_split(n: int = 1000, size: int = 32, test_fraction: float = 0.2,
                      seed: int = 0, level: str = "easy") -> Dataset:
    """Generated shapes split into train and test, each class in both.

    Args:
        n: pictures in total.
        size: height and width in pixels.
        test_fraction: share of each class kept for testing.
        seed: picks the pictures and the split.
        level: "easy" or "hard" (see :data:`SHAPE_LEVELS`).

    Returns:
        A :class:`Dataset` with the shape names as class names.
    """
    x, y, names = generate_shapes(n, size, seed, level)
    return split_dataset(x, y, names, test_fraction=test_fraction, seed=seed)


def _draw(kind: str, size: int, rng: np.random.Generator, spec: ShapeLevel) -> np.ndarray:
    if spec.gradient:
        background = _gradient(size, rng)
    else:
        background = np.broadcast_to(rng.uniform(*spec.background, 3), (size, size, 3))
    colour = _contrasting_colour(background.mean(axis=(0, 1)), rng, spec)
    coverage = _coverage(kind, size, rng, spec)
    picture = background * (1.0 - coverage) + colour * coverage
    noise = rng.normal(0.0, rng.uniform(0.0, spec.noise), picture.shape)
    return np.clip(picture + noise, 0.0, 1.0)


def _gradient(size: int, rng: np.random.Generator) -> np.ndarray:
    """A linear blend of two random colours in a random direction."""
    start, end = rng.uniform(0.0, 1.0, (2, 3))
    angle = rng.uniform(0.0, 2.0 * math.pi)
    ramp = np.linspace(-0.5, 0.5, size)
    t = np.cos(angle) * ramp[np.newaxis, :] + np.sin(angle) * ramp[:, np.newaxis] + 0.5
    t = np.clip(t, 0.0, 1.0)[..., np.newaxis]
    return start * (1.0 - t) + end * t


def _contrasting_colour(background: np.ndarray, rng: np.random.Generator,
                        spec: ShapeLevel) -> np.ndarray:
    # Redraw until the shape stands out; the loop ends quickly because much
    # of the RGB cube is far enough from any one colour.
    for _ in range(100):
        colour = rng.uniform(*spec.colour, 3)
        if (np.linalg.norm(colour - background) >= spec.contrast
                and abs(float((colour - background) @ LUMA)) >= spec.grey_contrast):
            return colour
    return 1.0 - np.round(background)  # the opposite corner of the cube


def _coverage(kind: str, size: int, rng: np.random.Generator,
              spec: ShapeLevel) -> np.ndarray:
    """How much of each pixel the shape covers, (size, size, 1) in [0, 1].

    Drawn on a grid several times finer and averaged down (box filter), which
    gives smooth, correctly anti-aliased edges.
    """
    scale = 4 if size <= 64 else 2
    big = size * scale
    radius = rng.uniform(*spec.radius) * big
    cx, cy = rng.uniform(radius, big - radius, 2)
    angle = rng.uniform(*spec.rotation)
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    if kind == "circle":
        radius *= 0.85  # a circle fills its box more than the others: even the areas
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    else:
        draw.polygon(_outline(kind, cx, cy, radius, angle), fill=255)
    small = mask.resize((size, size), Image.Resampling.BOX)
    return (np.asarray(small, dtype=np.float32) / 255.0)[..., np.newaxis]


def _outline(kind: str, cx: float, cy: float, radius: float, angle: float):
    if kind == "square":
        unit = [(math.cos(a), math.sin(a)) for a in np.arange(4) * math.pi / 2 + math.pi / 4]
    elif kind == "triangle":
        unit = [(math.cos(a), math.sin(a)) for a in np.arange(3) * 2 * math.pi / 3]
    elif kind == "star":
        unit = [(r * math.cos(a), r * math.sin(a))
                for a, r in zip(np.arange(10) * math.pi / 5, [1.0, _STAR_INNER] * 5)]
    elif kind == "cross":
        a, b = _CROSS_ARM, 0.85  # b: arm length, so the cross spans its circle
        unit = [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a),
                (a, b), (-a, b), (-a, a), (-b, a), (-b, -a), (-a, -a)]
    else:
        raise ValueError(f"unknown shape {kind!r}")
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + radius * (u * cos - v * sin), cy + radius * (u * sin + v * cos))
            for u, v in unit]
