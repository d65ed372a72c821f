"""Pixel conversions: any Pillow mode to float [0, 1], channels, resizing.

Every model in dlviz takes float32 in [0, 1], so every picture is turned into
that once, here, with the conversion said out loud (the ``notes``) whenever it
changed what the person would see: 16-bit scaling, transparency, CMYK.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# ITU-R 601-2 luma, the weights Pillow's own "L" conversion uses, so a grey
# picture from dlviz matches one saved by any Pillow-based tool.
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)

_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N")
_WITH_ALPHA = {"LA": "LA", "La": "LA", "PA": "RGBA", "RGBA": "RGBA", "RGBa": "RGBA"}
_RESAMPLE = {"nearest": Image.Resampling.NEAREST, "box": Image.Resampling.BOX,
             "bilinear": Image.Resampling.BILINEAR, "bicubic": Image.Resampling.BICUBIC,
             "lanczos": Image.Resampling.LANCZOS}


class UnsupportedModeError(ValueError):
    """A Pillow pixel mode with no sensible conversion to RGB."""


def pil_to_float(im: Image.Image) -> tuple[np.ndarray, list[str]]:
    """Convert a decoded Pillow image to float32 (H, W, 1 or 3) in [0, 1].

    Args:
        im: a loaded image in any Pillow mode.

    Returns:
        The array (1 channel for grey modes, 3 for colour) and notes saying
        what was done that changes the picture's look.

    Raises:
        UnsupportedModeError: Pillow cannot turn the mode into RGB.
    """
    mode, notes = im.mode, []
    if mode == "P":
        # Palette transparency lives in info or in an RGBA palette, not in
        # the pixels themselves.
        palette_mode = getattr(im.palette, "mode", "RGB")
        mode = "PA" if "transparency" in im.info or palette_mode == "RGBA" else "RGB"
        im = im.convert("RGBA" if mode == "PA" else "RGB")
    if mode in _WITH_ALPHA:
        return _composite_on_white(np.asarray(im.convert(_WITH_ALPHA[mode])), notes), notes
    if mode in ("1", "L"):
        array = np.asarray(im.convert("L"), dtype=np.float32) / 255.0
    elif mode in _SIXTEEN_BIT:
        # Scale by the 16-bit range: dividing by 255 would clip nearly every
        # value of a scientific or medical image to white.
        array = np.asarray(im).astype(np.float32) / 65535.0
        notes.append("16-bit values scaled to 0..1")
    elif mode in ("I", "F"):
        array = _scale_wide(np.asarray(im), notes)
    else:
        if mode == "CMYK":
            notes.append("converted from CMYK to RGB")
        try:
            rgb = im if mode == "RGB" else im.convert("RGB")
        except (ValueError, OSError) as exc:
            raise UnsupportedModeError(mode) from exc
        return np.asarray(rgb, dtype=np.float32) / 255.0, notes
    return array[..., np.newaxis], notes


def _composite_on_white(pixels: np.ndarray, notes: list[str]) -> np.ndarray:
    # White, not black: transparent icons and logos are drawn for white pages,
    # and on black their dark strokes would vanish.
    colour = pixels[..., :-1].astype(np.float32) / 255.0
    alpha = pixels[..., -1:].astype(np.float32) / 255.0
    if alpha.min() < 1.0:
        notes.append("transparent parts composited on white")
    return colour * alpha + (1.0 - alpha)


def _scale_wide(values: np.ndarray, notes: list[str]) -> np.ndarray:
    """Scale 32-bit integer or float pixels into [0, 1] by their real range."""
    finite = np.isfinite(values)
    if not finite.all():
        # Replaced before any arithmetic: a signalling NaN would make even
        # the cast below raise NumPy's "invalid value" warning.
        notes.append("NaN or infinite pixels set to 0")
        values = np.where(finite, values, np.zeros((), values.dtype))
    wide = values.astype(np.float64)  # float64: hi - lo must not overflow
    lo, hi = float(wide.min()), float(wide.max())
    if values.dtype.kind == "f" and lo >= 0.0 and hi <= 1.0:
        return wide.astype(np.float32)  # already a [0, 1] float image
    if values.dtype.kind == "i" and lo >= 0 and hi <= 65535:
        # A 16-bit image that Pillow widened to 32 bits.
        notes.append("16-bit values scaled to 0..1")
        return (wide / 65535.0).astype(np.float32)
    notes.append(f"values scaled from their range {lo:g}..{hi:g} to 0..1")
    if hi == lo:
        return np.clip(wide, 0.0, 1.0).astype(np.float32)
    return ((wide - lo) / (hi - lo)).astype(np.float32)


def to_channels(array: np.ndarray, channels: int) -> np.ndarray:
    """Convert images between grey (1 channel) and RGB (3 channels).

    Works on the last axis, so a single image (H, W, C) and a batch
    (N, H, W, C) both work; a 2-D array counts as one grey channel. Four
    channels are taken as RGBA and composited on white.

    Args:
        array: float images, last axis 1, 3 or 4 (or a 2-D grey image).
        channels: 1 for grey or 3 for RGB.

    Returns:
        A float32 array with the last axis ``channels`` long.

    Example:
        >>> to_channels(np.ones((2, 2, 1)), 3).shape
        (2, 2, 3)
    """
    array = np.asarray(array, dtype=np.float32)
    if array.ndim == 2:
        array = array[..., np.newaxis]
    have = array.shape[-1]
    if have == 4:
        alpha = array[..., 3:]
        array, have = array[..., :3] * alpha + (1.0 - alpha), 3
    if have not in (1, 3) or channels not in (1, 3):
        raise ValueError(f"cannot convert {have} channels to {channels}")
    if have == channels:
        return array
    if channels == 3:
        return np.repeat(array, 3, axis=-1)
    return (array @ LUMA)[..., np.newaxis]


def fit_image(array: np.ndarray, size: tuple[int, int], *, mode: str = "resize",
              resample: str = "bicubic") -> np.ndarray:
    """Resize an image to (height, width), optionally centre-cropping first.

    Resampling runs in Pillow on each channel at full precision (mode "F" for
    float input, "L" for uint8), so nothing is quantised on the way. Pillow's
    filters widen with the scale factor, so shrinking is anti-aliased.

    Args:
        array: (H, W) or (H, W, C) image, float or uint8.
        size: target (height, width).
        mode: "resize" stretches to the target; "crop" first cuts the largest
            centred region (in whole pixels) with the target's aspect ratio,
            so nothing is distorted.
        resample: "nearest", "box", "bilinear", "bicubic" or "lanczos".

    Returns:
        float32 (or uint8 for uint8 input) with the input's rank. Float
        values are clipped to the input's range, because cubic and Lanczos
        filters overshoot at sharp edges.

    Example:
        >>> fit_image(np.zeros((10, 20, 3), np.float32), (8, 8), mode="crop").shape
        (8, 8, 3)
    """
    height, width = (int(s) for s in size)
    if height < 1 or width < 1:
        raise ValueError(f"size must be positive, got {size}")
    if mode not in ("resize", "crop"):
        raise ValueError(f"mode must be 'resize' or 'crop', got {mode!r}")
    if resample not in _RESAMPLE:
        raise ValueError(f"resample must be one of {sorted(_RESAMPLE)}, got {resample!r}")
    array = np.asarray(array)
    grey2d = array.ndim == 2
    if grey2d:
        array = array[..., np.newaxis]
    if array.ndim != 3 or 0 in array.shape:
        raise ValueError(f"expected an (H, W) or (H, W, C) image, got {array.shape}")
    dtype = np.uint8 if array.dtype == np.uint8 else np.float32
    array = array.astype(dtype, copy=False)
    if mode == "crop":
        # Cut first, then resize: resizing with a box would let the filter
        # reach past the box and blend the cropped-away border back in.
        top, left, crop_h, crop_w = _crop_box(array.shape[0], array.shape[1], height, width)
        array = array[top:top + crop_h, left:left + crop_w]
    planes = [Image.fromarray(np.ascontiguousarray(array[..., c]))
              .resize((width, height), _RESAMPLE[resample])
              for c in range(array.shape[-1])]
    out = np.stack([np.asarray(p, dtype=dtype) for p in planes], axis=-1)
    if dtype == np.float32 and out.size:
        out = np.clip(out, array.min(), array.max())
    return out[..., 0] if grey2d else out


def _crop_box(src_h: int, src_w: int, height: int, width: int):
    """(top, left, height, width) of the largest centred region with the
    target's aspect ratio, in whole pixels."""
    if src_w * height > src_h * width:  # source is wider: trim left and right
        crop_w = max(1, round(src_h * width / height))
        return 0, (src_w - crop_w) // 2, src_h, crop_w
    crop_h = max(1, round(src_w * height / width))
    return (src_h - crop_h) // 2, 0, crop_h, src_w
