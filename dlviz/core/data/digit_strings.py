"""Handwritten digit strings for a CRNN: bundled digits placed side by side.

Each picture is 1 to 6 of scikit-learn's handwritten 8x8 digits (see
:mod:`~dlviz.core.data.digits`), enlarged to a random height, set side by side
with random gaps, a little vertical jitter, on a 32x128 grey strip (light ink
on black, as the digits are). Its label is its string, e.g. "4071".

Labels follow Keras's CTC convention: class 0 is the CTC *blank*, digit d is
class d + 1, and a label row is padded with 0 after its last digit
(``keras.losses.CTC`` counts the non-zero entries as the label length).

Train and test strings are drawn from disjoint sets of source digits, so a
test string is made of drawings the model never saw.

Example:
    >>> data = load_digit_strings(train=50, test=10, seed=0)
    >>> data.x_train.shape, data.texts_train[0] == decode_label(data.y_train[0])
    ((50, 32, 128, 1), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlviz.core.data.dataset import Dataset

#: Size of every picture (height, width): 32 rows, 128 columns.
HEIGHT, WIDTH = 32, 128
#: Most digits in one string (the label rows' width).
MAX_DIGITS = 6
#: Class names: the CTC blank first (Keras's convention), then the digits.
BLANK = "blank"
CTC_DIGIT_CLASSES = (BLANK, *(str(d) for d in range(10)))
_DIGIT_HEIGHTS = (16, 24)   # rows of one enlarged digit (inclusive range)
_GAPS = (-1, 6)             # columns between neighbours (a slight touch allowed)
_JITTER = 3                 # rows a digit may move up or down


@dataclass(frozen=True, eq=False, repr=False)
class DigitStrings(Dataset):
    """A :class:`Dataset` of digit-string pictures with CTC label rows.

    Attributes:
        y_train, y_test: int64 (N, MAX_DIGITS): digit d as d + 1, padded with 0.
        texts_train, texts_test: the strings, e.g. "4071".
        name: "digit-strings".
    """

    texts_train: tuple[str, ...] = ()
    texts_test: tuple[str, ...] = ()
    name: str = "digit-strings"
    notes: tuple[str, ...] = ()     # what loading it for training noted, for people

    def __repr__(self) -> str:
        return f"DigitStrings(train={self.x_train.shape}, test={self.x_test.shape})"


def encode_label(text: str, width: int = MAX_DIGITS) -> np.ndarray:
    """A string of digits as a CTC label row (digit d -> d + 1, padded with 0).

    Example:
        >>> encode_label("307", 5).tolist()
        [4, 1, 8, 0, 0]
    """
    if not text.isdigit() or not text.isascii() or len(text) > width:
        raise ValueError(f"expected 1 to {width} digits 0-9, got {text!r}")
    row = np.zeros(width, np.int64)
    row[:len(text)] = [int(c) + 1 for c in text]
    return row


def decode_label(row) -> str:
    """The string of a label row (the inverse of :func:`encode_label`)."""
    return "".join(str(int(v) - 1) for v in np.asarray(row) if int(v) > 0)


def _split_sources(labels: np.ndarray, test_fraction: float, seed: int):
    """Indices of the source digits for training and for testing, each digit in both."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for digit in range(10):
        found = rng.permutation(np.flatnonzero(labels == digit))
        cut = max(1, int(round(len(found) * test_fraction)))
        test.append(found[:cut])
        train.append(found[cut:])
    return [np.sort(np.concatenate(part)) for part in (train, test)]


class _Renderer:
    """Enlarges source digits once per height and pastes them into strips."""

    def __init__(self, small: np.ndarray):
        self.small = small           # (N, 8, 8) float32 in [0, 1]
        self._cache: dict = {}

    def digit(self, index: int, height: int) -> np.ndarray:
        key = (index, height)
        if key not in self._cache:
            from dlviz.core.data.pixels import fit_image

            # Digits are a little narrower than tall in handwriting; 3/4 keeps
            # the 8x8 scan's strokes from looking stretched.
            width = max(4, int(round(height * 0.75)))
            self._cache[key] = np.clip(fit_image(self.small[index], (height, width)), 0, 1)
        return self._cache[key]

    def strip(self, indices, rng) -> np.ndarray:
        """One (HEIGHT, WIDTH) picture of the digits ``indices``, left to right."""
        glyphs = [self.digit(int(i), int(rng.integers(*_DIGIT_HEIGHTS, endpoint=True)))
                  for i in indices]
        gaps = rng.integers(*_GAPS, endpoint=True, size=len(glyphs))
        total = sum(g.shape[1] for g in glyphs) + int(gaps[:-1].sum())
        canvas = np.zeros((HEIGHT, max(total, 1) + 2), np.float32)
        x = 1
        for glyph, gap in zip(glyphs, gaps):
            h, w = glyph.shape
            top = (HEIGHT - h) // 2 + int(rng.integers(-_JITTER, _JITTER, endpoint=True))
            top = int(np.clip(top, 0, HEIGHT - h))
            region = canvas[top:top + h, x:x + w]
            np.maximum(region, glyph, out=region)  # touching strokes overlap, not erase
            x += w + int(gap)
        return _place(canvas, rng)


def _place(canvas: np.ndarray, rng) -> np.ndarray:
    """The strip at a random left margin of a WIDTH-wide picture (shrunk if wider)."""
    if canvas.shape[1] > WIDTH:
        from dlviz.core.data.pixels import fit_image

        height = max(8, int(HEIGHT * WIDTH / canvas.shape[1]))
        small = np.clip(fit_image(canvas, (height, WIDTH)), 0, 1)
        canvas = np.zeros((HEIGHT, WIDTH), np.float32)
        top = (HEIGHT - height) // 2
        canvas[top:top + height] = small
        return canvas
    out = np.zeros((HEIGHT, WIDTH), np.float32)
    left = int(rng.integers(0, WIDTH - canvas.shape[1], endpoint=True))
    out[:, left:left + canvas.shape[1]] = canvas
    return out


def render_strings(small: np.ndarray, labels: np.ndarray, sources: np.ndarray, n: int,
                   rng, max_digits: int = MAX_DIGITS):
    """``n`` pictures of random strings made of the digits ``sources``.

    Returns:
        (x (n, HEIGHT, WIDTH, 1) float32, texts): pictures and their strings.
    """
    renderer = _Renderer(small)
    x = np.zeros((n, HEIGHT, WIDTH, 1), np.float32)
    texts = []
    for k in range(n):
        count = int(rng.integers(1, max_digits, endpoint=True))
        chosen = rng.choice(sources, size=count)
        x[k, ..., 0] = renderer.strip(chosen, rng)
        texts.append("".join(str(int(labels[i])) for i in chosen))
    return x, tuple(texts)


def load_digit_strings(train: int = 6000, test: int = 1000, *, seed: int = 0,
                       test_fraction: float = 0.2,
                       max_digits: int = MAX_DIGITS) -> DigitStrings:
    """Digit-string pictures and CTC labels, the same for the same arguments.

    Args:
        train, test: how many pictures in each part.
        seed: picks the source split and every string.
        test_fraction: share of each digit's drawings kept for test strings.
        max_digits: longest string (1 to ``MAX_DIGITS``).

    Returns:
        A :class:`DigitStrings` (x in [0, 1], labels as :func:`encode_label`).
    """
    from dlviz.core.data.digits import load_digits_images

    if not 1 <= max_digits <= MAX_DIGITS:
        raise ValueError(f"max_digits must be 1 to {MAX_DIGITS}, not {max_digits}")
    small, labels = load_digits_images(size=8)
    small = small[..., 0]
    train_src, test_src = _split_sources(labels, test_fraction, seed)
    rng = np.random.default_rng(seed + 1)
    x_train, texts_train = render_strings(small, labels, train_src, train, rng, max_digits)
    x_test, texts_test = render_strings(small, labels, test_src, test, rng, max_digits)

    def rows(texts):
        return np.stack([encode_label(t) for t in texts]) if texts else \
            np.zeros((0, MAX_DIGITS), np.int64)

    return DigitStrings(x_train, rows(texts_train), x_test, rows(texts_test),
                        CTC_DIGIT_CLASSES, texts_train=texts_train, texts_test=texts_test)


def digit_string_image(text: str, seed: int = 0, *, unseen: bool = True) -> np.ndarray:
    """One (HEIGHT, WIDTH, 1) picture of ``text`` drawn with test-part digits.

    Args:
        text: 1 to ``MAX_DIGITS`` digits.
        seed: picks the drawings, sizes and gaps.
        unseen: draw with the digits kept out of training (seed 0's split).
    """
    from dlviz.core.data.digits import load_digits_images

    encode_label(text)  # refuses what is not a digit string
    small, labels = load_digits_images(size=8)
    train_src, test_src = _split_sources(labels, 0.2, 0)
    sources = test_src if unseen else train_src
    rng = np.random.default_rng(seed)
    chosen = [rng.choice(sources[labels[sources] == int(c)]) for c in text]
    return _Renderer(small[..., 0]).strip(chosen, rng)[..., np.newaxis]
