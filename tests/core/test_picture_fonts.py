"""Pictures write Vietnamese with a font that has its letters (Pillow's default draws boxes)."""

import numpy as np
import pytest
from PIL import ImageFont

from dlviz.core.probes.picture_fonts import fitted, text_font
from dlviz.core.probes.pictures import label


def test_the_label_font_draws_the_marks_above_and_below_a_vietnamese_letter():
    font = text_font()
    if not isinstance(font, ImageFont.FreeTypeFont):
        pytest.skip("no font with Vietnamese letters on this machine (DejaVu, Noto, Arial)")
    _, top_o, _, bottom_o = font.getbbox("o")
    _, top, _, bottom = font.getbbox("ộ")          # circumflex above, dot below
    assert top < top_o and bottom > bottom_o


def test_a_label_of_a_vietnamese_word_differs_from_its_letters_without_marks():
    assert not np.array_equal(label("không tệ chút nào"), label("khong te chut nao"))


def test_fitted_cuts_a_long_token_to_the_room_it_has():
    font = text_font()
    short = fitted("nghiêng nghiêng nghiêng", 40, font)
    assert short.endswith("…") and font.getlength(short) <= 40
    assert fitted("ba", 40, font) == "ba"
