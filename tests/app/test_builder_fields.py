"""How the builder's form reads what a student types into a setting."""

import pytest

from dlviz.app.builder.config_fields import (
    field_label,
    kind_of,
    parse_sizes,
    parse_text,
    shown_keys,
)
from dlviz.core.builder.layer_types import LAYER_TYPES


@pytest.mark.parametrize("text, like, expected", [
    ("3, 3", [1, 1], [3, 3]),
    ("5", [3, 3], [5, 5]),          # one number: both sides, as Keras reads kernel_size=5
    ("3x3", [1, 1], [3, 3]),
    ("None, 28, 28, 1", [None, 32, 32, 3], [None, 28, 28, 1]),
    (" 7 ,2 ", [1, 1], [7, 2]),
])
def test_sizes_are_read_as_people_write_them(text, like, expected):
    assert parse_sizes(text, like) == expected


@pytest.mark.parametrize("text, words", [("", "separated by commas"),
                                         ("3, ba", "'ba' is not a whole number"),
                                         ("2.5, 2", "'2.5' is not a whole number")])
def test_a_size_that_is_not_whole_numbers_says_what_to_type(text, words):
    with pytest.raises(ValueError, match=words):
        parse_sizes(text, [3, 3])


def test_other_settings_read_json_none_or_text():
    assert parse_text("[[1, 1], [2, 2]]") == [[1, 1], [2, 2]]
    assert parse_text("none") is None
    assert parse_text("0.25") == 0.25
    assert parse_text("xin chào") == "xin chào"


def test_every_default_setting_gets_an_editor_and_a_label():
    kinds = {(name, key): kind_of(key, config[key])
             for name, config in LAYER_TYPES.items() for key in shown_keys(config)}
    assert kinds[("Conv2D", "filters")] == "int"
    assert kinds[("Conv2D", "kernel_size")] == "sizes"
    assert kinds[("Conv2D", "padding")] == "choice"
    assert kinds[("Dropout", "rate")] == "float"
    assert kinds[("LSTM", "return_sequences")] == "bool"
    assert kinds[("Bidirectional", "layer")] == "layer"
    assert kinds[("InputLayer", "batch_shape")] == "sizes"
    assert ("InputLayer", "dtype") not in kinds          # not a choice a student makes
    assert shown_keys(LAYER_TYPES["Conv2D"])[:2] == ["filters", "kernel_size"]
    assert field_label("kernel_size") == "kernel size"
