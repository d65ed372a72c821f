"""Property tests: any allowed image loads cleanly; any damaged one either
loads or raises ImageLoadError, never anything else."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from dlviz.core.data import ImageLoadError, read_image

# Modes each format can write (checked against Pillow); pixel data is random
# bytes, so float and 32-bit images include NaN, infinities and huge values.
WRITABLE = {
    "PNG": ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"],
    "JPEG": ["L", "RGB", "CMYK"],
    "GIF": ["L", "P", "RGB"],
    "BMP": ["1", "L", "P", "RGB", "RGBA"],
    "TIFF": ["1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "I;16", "I;16B", "I", "F",
             "YCbCr", "LAB"],
    "WEBP": ["L", "RGB", "RGBA"],
}
PAIRS = [(fmt, mode) for fmt, modes in WRITABLE.items() for mode in modes]

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def random_image(mode: str, width: int, height: int, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    n_bytes = len(Image.new(mode, (width, height)).tobytes())
    image = Image.frombytes(mode, (width, height), rng.bytes(n_bytes))
    if mode == "P":
        image.putpalette(rng.bytes(768))
        if rng.random() < 0.5:
            image.info["transparency"] = int(rng.integers(256))
    return image


def encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    options = {"transparency": image.info["transparency"]} if "transparency" in image.info \
        and fmt in ("PNG", "GIF") else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def assert_valid(loaded, mode: str):
    array = loaded.array
    assert array.dtype == np.float32
    assert array.ndim == 3 and array.shape[-1] == (3 if mode == "RGB" else 1)
    assert np.isfinite(array).all()
    assert array.min() >= 0.0 and array.max() <= 1.0


@SETTINGS
@given(pair=st.sampled_from(PAIRS), width=st.integers(1, 40), height=st.integers(1, 40),
       seed=st.integers(0, 2**32 - 1), mode=st.sampled_from(["RGB", "L"]))
def test_any_allowed_image_loads_to_float01(pair, width, height, seed, mode):
    fmt, pil_mode = pair
    loaded = read_image(encode(random_image(pil_mode, width, height, seed), fmt), mode=mode)
    assert_valid(loaded, mode)
    assert loaded.array.shape[:2] == (height, width)
    assert loaded.format == fmt


MUTATIONS = ["truncate", "flip_bits", "overwrite", "insert", "zero_tail"]


def mutate(data: bytes, how: str, rng: np.random.Generator) -> bytes:
    buffer = bytearray(data)
    at = int(rng.integers(len(buffer)))
    if how == "truncate":
        return bytes(buffer[:at])
    if how == "flip_bits":
        for position in rng.integers(len(buffer), size=int(rng.integers(1, 9))):
            buffer[position] ^= 1 << int(rng.integers(8))
    elif how == "overwrite":
        span = int(rng.integers(1, 33))
        buffer[at:at + span] = rng.bytes(min(span, len(buffer) - at))
    elif how == "insert":
        buffer[at:at] = rng.bytes(int(rng.integers(1, 33)))
    else:
        buffer[at:] = bytes(len(buffer) - at)
    return bytes(buffer)


@SETTINGS
@given(pair=st.sampled_from(PAIRS), width=st.integers(1, 24), height=st.integers(1, 24),
       seed=st.integers(0, 2**32 - 1), how=st.sampled_from(MUTATIONS))
def test_damaged_bytes_load_or_raise_image_load_error(pair, width, height, seed, how):
    fmt, pil_mode = pair
    data = encode(random_image(pil_mode, width, height, seed), fmt)
    damaged = mutate(data, how, np.random.default_rng(seed))
    # A small pixel limit: a flipped bit in a header can claim a huge picture,
    # which must be refused quickly rather than decoded.
    try:
        loaded = read_image(damaged, max_pixels=200_000)
    except ImageLoadError as error:
        assert error.reason and str(error)
    else:
        assert_valid(loaded, "RGB")
