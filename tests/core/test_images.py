"""Safe image loading: every bad file gets its own reason, every mode its
numerically correct conversion."""

from __future__ import annotations

import io
import os
import sys
import warnings

import numpy as np
import pytest
from PIL import Image, ImageFile

from dlviz.core.data import ImageLoadError, load_image, read_image


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def noise_image(width=60, height=40, seed=0) -> Image.Image:
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    return Image.fromarray(pixels)


def expect_error(source, reason: str, named: str | None = None, **options) -> ImageLoadError:
    """Loading fails with ``reason`` and a message that names the file."""
    with pytest.raises(ImageLoadError) as caught:
        load_image(source, **options)
    assert caught.value.reason == reason
    if named is not None:
        assert named in str(caught.value)
    return caught.value


# --- bad files -------------------------------------------------------------

def test_missing_file(tmp_path):
    expect_error(tmp_path / "nope.png", "missing", "nope.png")


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "holiday.png").mkdir()
    error = expect_error(tmp_path / "holiday.png", "is_directory", "holiday.png")
    assert "folder" in str(error)


def test_empty_file(tmp_path):
    expect_error(write(tmp_path, "empty.jpg", b""), "empty", "empty.jpg")
    expect_error(b"", "empty", "the file")


def test_file_over_byte_limit(tmp_path):
    path = write(tmp_path, "big.png", encode(noise_image(), "PNG"))
    error = expect_error(path, "too_large", "big.png", max_bytes=1000)
    assert "MB" in str(error)
    expect_error(path.read_bytes(), "too_large", max_bytes=1000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    expect_error(tmp_path / "pipe.png", "not_a_file", "pipe.png")


@pytest.mark.parametrize("fmt, name", [("ICO", "icon.png"), ("JPEG2000", "photo.jpg"),
                                       ("AVIF", "photo.avif"), ("TGA", "texture.tga")])
def test_format_outside_allowlist_by_content(tmp_path, fmt, name):
    path = write(tmp_path, name, encode(noise_image(32, 32), fmt))
    error = expect_error(path, "format_not_allowed", name)
    assert fmt in str(error) and "PNG" in str(error)


def test_pdf_is_named_as_pdf(tmp_path):
    path = write(tmp_path, "slides.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    assert "PDF" in str(expect_error(path, "format_not_allowed", "slides.pdf"))


def test_text_is_not_an_image(tmp_path):
    path = write(tmp_path, "notes.txt", b"remember to normalise the inputs\n" * 5)
    expect_error(path, "not_an_image", "notes.txt")
    expect_error(os.urandom(0) + b"\x00\x01\x02garbage" * 20, "not_an_image", "the file")


def test_content_wins_over_extension(tmp_path):
    loaded = read_image(write(tmp_path, "photo.txt", encode(noise_image(), "PNG")))
    assert loaded.format == "PNG" and loaded.array.shape == (40, 60, 3)
    renamed = read_image(write(tmp_path, "photo.png", encode(noise_image(), "JPEG")))
    assert renamed.format == "JPEG"
    assert any("named .png" in note for note in renamed.notes)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF"])
def test_truncated_file(tmp_path, fmt):
    data = encode(noise_image(), fmt)
    path = write(tmp_path, f"photo.{fmt.lower()}", data[: len(data) // 2])
    error = expect_error(path, "truncated", path.name)
    assert "ends early" in str(error)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # never switched on globally


def test_damaged_header_is_corrupt(tmp_path):
    data = bytearray(encode(noise_image(), "PNG"))
    data[16:24] = b"\xff" * 8  # width and height in the IHDR chunk
    expect_error(write(tmp_path, "broken.png", bytes(data)), "corrupt", "broken.png")
    expect_error(encode(noise_image(), "PNG")[:12], "corrupt")


def test_damaged_pixel_data_is_corrupt(tmp_path):
    data = bytearray(encode(noise_image(), "PNG"))
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # the IDAT checksum no longer matches
    error = expect_error(write(tmp_path, "bad.png", bytes(data)), "corrupt", "bad.png")
    assert "damaged" in str(error)


def test_pixel_limit_refuses_before_decoding(tmp_path):
    path = write(tmp_path, "huge.png", encode(noise_image(100, 100), "PNG"))
    error = expect_error(path, "decompression_bomb", "huge.png", max_pixels=5000)
    assert "10,000 pixels" in str(error) and "5,000" in str(error)
    assert load_image(path, max_pixels=10_000).shape == (100, 100, 3)


def test_pillow_bomb_warning_is_an_error_but_filters_stay(tmp_path, monkeypatch):
    # Pillow warns above MAX_IMAGE_PIXELS and raises only above twice that;
    # a 100x100 image with a limit of 6,000 gets the warning alone.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 6000)
    filters_before = list(warnings.filters)
    path = write(tmp_path, "bomb.gif", encode(noise_image(100, 100), "GIF"))
    error = expect_error(path, "decompression_bomb", "bomb.gif", max_pixels=10**9)
    assert "10,000 pixels" in str(error)
    assert warnings.filters == filters_before


def test_bad_mode_argument_is_a_programming_error():
    with pytest.raises(ValueError):
        load_image(encode(noise_image(), "PNG"), mode="RGBA")


# --- conversions -----------------------------------------------------------

RED, BLUE = (255, 0, 0), (0, 0, 255)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF"])
def test_exif_orientation_is_applied(fmt):
    # 20 wide, 10 tall: red left half, blue right half. Orientation 6 means
    # "turn 90 degrees clockwise to view", which moves the left edge to the top.
    image = Image.new("RGB", (20, 10), BLUE)
    image.paste(RED, (0, 0, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    loaded = read_image(encode(image, fmt, exif=exif))
    assert loaded.array.shape == (20, 10, 3)
    assert loaded.original_size == (20, 10)  # upright
    np.testing.assert_allclose(loaded.array[3, 5], [1, 0, 0], atol=0.1)
    np.testing.assert_allclose(loaded.array[16, 5], [0, 0, 1], atol=0.1)
    assert any("EXIF" in note for note in loaded.notes)


def test_damaged_or_odd_exif_does_not_cost_the_picture():
    image = Image.new("RGB", (4, 3), (0, 255, 0))
    odd = Image.Exif()
    odd[0x0112] = 9  # no such orientation
    assert load_image(encode(image, "JPEG", exif=odd)).shape == (3, 4, 3)
    damaged = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\x01\x12\x00\x03\xff\xff"
    loaded = read_image(encode(image, "JPEG", exif=damaged))
    assert loaded.array.shape == (3, 4, 3)
    assert any("Corrupt EXIF" in note for note in loaded.notes)


def test_no_exif_means_no_rotation_note():
    loaded = read_image(encode(noise_image(), "JPEG"))
    assert loaded.array.shape == (40, 60, 3) and loaded.notes == ()


def test_16_bit_png_is_scaled_not_clipped():
    values = np.array([[65535, 32768], [0, 1000]], dtype=np.uint16)
    loaded = read_image(encode(Image.fromarray(values), "PNG"), mode="L")
    assert loaded.original_mode.startswith("I;16")
    expected = values.astype(np.float64) / 65535.0
    np.testing.assert_allclose(loaded.array[..., 0], expected, atol=1e-6)
    assert loaded.array[0, 1, 0] == pytest.approx(0.5, abs=1e-4)
    assert any("16-bit" in note for note in loaded.notes)


def test_16_bit_big_endian_tiff_and_32_bit_integer():
    values = np.array([[65535, 32768, 0]], dtype=">u2")
    big_endian = Image.frombytes("I;16B", (3, 1), values.tobytes())
    rgb = load_image(encode(big_endian, "TIFF"))
    np.testing.assert_allclose(rgb[0, :, 0], [1.0, 32768 / 65535, 0.0], atol=1e-6)
    assert np.array_equal(rgb[..., 0], rgb[..., 2])  # grey spread to three channels
    wide = Image.fromarray(np.array([[0, 65535]], dtype=np.int32))
    np.testing.assert_allclose(load_image(encode(wide, "TIFF"), mode="L")[0, :, 0], [0, 1])


def test_float_images_keep_01_and_scale_other_ranges():
    unit = np.array([[0.0, 0.25, 1.0]], dtype=np.float32)
    np.testing.assert_allclose(load_image(encode(Image.fromarray(unit), "TIFF"),
                                          mode="L")[0, :, 0], unit[0])
    wide = np.array([[-10.0, 0.0, 30.0]], dtype=np.float32)
    loaded = read_image(encode(Image.fromarray(wide), "TIFF"), mode="L")
    np.testing.assert_allclose(loaded.array[0, :, 0], [0.0, 0.25, 1.0], atol=1e-6)
    assert any("-10..30" in note for note in loaded.notes)


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "WEBP"])
def test_alpha_is_composited_on_white(fmt):
    pixels = np.zeros((2, 2, 4), dtype=np.uint8)
    pixels[0, 0] = (255, 0, 0, 0)      # fully transparent red -> white
    pixels[0, 1] = (255, 0, 0, 255)    # opaque red stays red
    pixels[1, 0] = (0, 0, 0, 128)      # half-transparent black -> mid grey
    pixels[1, 1] = (0, 0, 255, 255)
    loaded = read_image(encode(Image.fromarray(pixels), fmt, lossless=True))
    out = loaded.array
    np.testing.assert_allclose(out[0, 0], [1, 1, 1], atol=1e-6)
    np.testing.assert_allclose(out[0, 1], [1, 0, 0], atol=1e-6)
    np.testing.assert_allclose(out[1, 0], [127 / 255] * 3, atol=1 / 255)
    np.testing.assert_allclose(out[1, 1], [0, 0, 1], atol=1e-6)
    assert "transparent parts composited on white" in loaded.notes


def test_grey_with_alpha():
    pixels = np.array([[[0, 0], [0, 255]]], dtype=np.uint8)
    out = load_image(encode(Image.fromarray(pixels), "PNG"), mode="L")
    np.testing.assert_allclose(out[0, :, 0], [1.0, 0.0])


@pytest.mark.parametrize("fmt", ["PNG", "GIF", "BMP", "TIFF"])
def test_palette_colours(fmt):
    image = Image.new("P", (3, 1))
    image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * (768 - 9))
    image.putdata([0, 1, 2])
    out = load_image(encode(image, fmt))
    np.testing.assert_allclose(out[0], np.eye(3), atol=1e-6)


@pytest.mark.parametrize("fmt", ["PNG", "GIF"])
def test_palette_transparency_becomes_white(fmt):
    image = Image.new("P", (2, 1))
    image.putpalette([0, 0, 255, 255, 0, 0] + [0] * (768 - 6))
    image.putdata([0, 1])
    loaded = read_image(encode(image, fmt, transparency=0))
    np.testing.assert_allclose(loaded.array[0], [[1, 1, 1], [1, 0, 0]], atol=1e-6)
    assert "transparent parts composited on white" in loaded.notes


def test_rgba_palette_is_composited_too():
    from dlviz.core.data.pixels import pil_to_float

    image = Image.new("P", (2, 1))
    image.putpalette([255, 0, 0, 0, 0, 0, 255, 255], "RGBA")
    image.putdata([0, 1])
    array, notes = pil_to_float(image)
    np.testing.assert_allclose(array[0], [[1, 1, 1], [0, 0, 1]])
    assert notes == ["transparent parts composited on white"]


@pytest.mark.parametrize("fmt, tolerance", [("TIFF", 1e-6), ("JPEG", 0.03)])
def test_cmyk_colours(fmt, tolerance):
    cmyk = {(0, 255, 255, 0): (1, 0, 0), (255, 0, 255, 0): (0, 1, 0),
            (0, 0, 0, 255): (0, 0, 0), (0, 0, 0, 0): (1, 1, 1),
            (0, 0, 0, 128): (127 / 255,) * 3}
    for ink, expected in cmyk.items():
        # Flat 16x16 blocks, so JPEG's compression has no edges to blur.
        loaded = read_image(encode(Image.new("CMYK", (16, 16), ink), fmt))
        np.testing.assert_allclose(loaded.array[8, 8], expected, atol=tolerance + 1 / 255)
        assert "converted from CMYK to RGB" in loaded.notes


def test_one_bit_image():
    image = Image.new("1", (4, 1))
    image.putdata([0, 255, 0, 255])
    out = load_image(encode(image, "PNG"), mode="L")
    np.testing.assert_array_equal(out[0, :, 0], [0, 1, 0, 1])


def test_grey_output_uses_luma():
    out = load_image(encode(Image.new("RGB", (2, 2), RED), "PNG"), mode="L")
    assert out.shape == (2, 2, 1) and out.dtype == np.float32
    assert out[0, 0, 0] == pytest.approx(0.299, abs=1e-6)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "TIFF", "PNG"])
def test_animation_gives_first_frame_and_counts_frames(fmt):
    frames = [Image.new("RGB", (8, 6), colour) for colour in (RED, (0, 255, 0), BLUE)]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], lossless=True)
    loaded = read_image(data)
    assert loaded.n_frames == 3 and "first of 3 frames" in loaded.notes
    np.testing.assert_allclose(loaded.array[3, 4], [1, 0, 0], atol=0.02)


def test_multi_picture_jpeg_from_a_phone_counts_as_jpeg():
    frames = [Image.new("RGB", (8, 6), colour) for colour in (RED, BLUE)]
    loaded = read_image(encode(frames[0], "MPO", save_all=True, append_images=frames[1:]))
    assert (loaded.format, loaded.n_frames) == ("JPEG", 2)
    np.testing.assert_allclose(loaded.array[3, 4], [1, 0, 0], atol=0.02)


def test_bytes_can_be_given_a_name_for_messages():
    expect_error(b"plain text", "not_an_image", "clipboard.png", name="clipboard.png")


def test_loaded_image_reports_format_and_size():
    loaded = read_image(encode(noise_image(60, 40), "BMP"))
    assert (loaded.format, loaded.original_size, loaded.original_mode) == ("BMP", (40, 60), "RGB")
    assert loaded.n_frames == 1
    expected = np.asarray(noise_image(60, 40), dtype=np.float32) / 255
    np.testing.assert_array_equal(loaded.array, expected)


def test_path_and_bytes_give_the_same_pixels(tmp_path):
    data = encode(noise_image(), "WEBP")
    from_path = load_image(write(tmp_path, "x.webp", data))
    from_str = load_image(str(tmp_path / "x.webp"))
    np.testing.assert_array_equal(from_path, load_image(data))
    np.testing.assert_array_equal(from_path, from_str)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root (and Windows) can read files without permission")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.png", encode(noise_image(), "PNG"))
    path.chmod(0)
    try:
        expect_error(path, "unreadable", "secret.png")
    finally:
        path.chmod(0o600)
