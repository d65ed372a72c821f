"""A dropped or drawn picture fitted to a CRNN's input, as its training strips look.

The CRNN learned light digits on a dark 32x128 strip, each digit 16-24 rows
tall. A photo of paper or a drawing is fitted the same way, step by step:

1. grey, contrast stretched to [0, 1]; a picture with no ink is refused;
2. dark ink on a light background (most of the picture light) is inverted;
3. a picture of exactly the model's size is kept as it is (the training data);
4. any other is cut to its ink (plus a margin), scaled so the ink is
   ``INK_ROWS`` tall (or the strip's width, when that is smaller), and centred.
"""

from __future__ import annotations

import numpy as np

from dlviz.core.data import fit_image, to_channels

#: Rows of ink after fitting (training digits are 16 to 24 rows tall).
INK_ROWS = 22
#: Contrast below which a picture counts as blank.
MIN_CONTRAST = 0.05


class CtcInputError(ValueError):
    """A picture the CRNN cannot read (blank, wrong shape); ``str()`` says what to do."""

    user_message = True


def _grey(image) -> np.ndarray:
    array = np.asarray(image, dtype=np.float32)
    if array.ndim == 3 and array.shape[-1] == 4:
        array = array[..., :3]  # read_image composites alpha already; arrays may not
    if array.ndim == 3 and array.shape[-1] in (1, 3):
        array = to_channels(array, 1)[..., 0]
    if array.ndim != 2 or min(array.shape) < 1:
        raise CtcInputError(f"expected a picture (height, width[, channels]), got an "
                            f"array of shape {np.shape(image)}")
    if not np.isfinite(array).all():
        raise CtcInputError("the picture has NaN or infinite pixels; save it again as "
                            "a PNG and drop that")
    return array


def prepare_ctc_image(model, image) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(batch (1, H, W, C), shown (H, W), notes)`` of ``image`` for ``model``."""
    from dlviz.core.probes.preprocess import image_input_shape

    height, width, channels = (int(d) for d in image_input_shape(model))
    grey = _grey(image)
    low, high = float(grey.min()), float(grey.max())
    if high - low < MIN_CONTRAST:
        raise CtcInputError("the picture is blank (one flat colour): there is nothing to "
                            "read; draw or drop a picture of handwritten digits")
    notes = []
    grey = (grey - low) / (high - low)
    if float(np.median(grey)) > 0.5:
        grey = 1.0 - grey
        notes.append("dark ink on a light background: inverted (the model learned light "
                     "ink on dark)")
    if grey.shape == (height, width):
        shown = grey
    else:
        shown = _fit_ink(grey, height, width)
        # Width x height, as the image loader's "resized 256x64 -> 128x32" says.
        notes.append(f"ink cut out of {grey.shape[1]}x{grey.shape[0]} and fitted to "
                     f"{width}x{height}")
    shown = np.ascontiguousarray(shown, dtype=np.float32)
    batch = to_channels(shown[..., np.newaxis], channels)[np.newaxis]
    return batch.astype(np.float32), shown, notes


def _fit_ink(grey: np.ndarray, height: int, width: int) -> np.ndarray:
    rows = np.flatnonzero((grey > 0.25).any(axis=1))
    cols = np.flatnonzero((grey > 0.25).any(axis=0))
    ink = grey[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    rows_wanted = min(height, INK_ROWS if height == 32 else int(round(height * 0.7)))
    scale = min(rows_wanted / ink.shape[0], (width - 4) / ink.shape[1])
    h = max(1, min(height, int(round(ink.shape[0] * scale))))
    w = max(1, min(width, int(round(ink.shape[1] * scale))))
    if ink.shape[0] > 8 * h or ink.shape[1] > 8 * w:
        # Pillow's filters widen with the factor: shrink a huge picture in two
        # steps so a 4000-pixel scan takes milliseconds, not seconds.
        ink = fit_image(ink, (h * 4, w * 4), resample="box")
    small = np.clip(fit_image(ink, (h, w), resample="bilinear"), 0, 1)
    out = np.zeros((height, width), np.float32)
    top, left = (height - h) // 2, (width - w) // 2
    out[top:top + h, left:left + w] = small
    return out
