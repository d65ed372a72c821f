"""Dates written by people, paired with ISO dates: valid, right weekdays, seeded."""

import datetime
import re
import unicodedata

import pytest

from dlviz.core.data.dates import (
    MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_VI, date_pairs, date_token_roles,
)
from dlviz.core.data.text import tokenize


def test_pairs_are_valid_iso_dates_in_range_and_seeded():
    pairs = date_pairs(3000, seed=5)
    assert pairs == date_pairs(3000, seed=5)
    assert pairs != date_pairs(3000, seed=6)
    days = [datetime.date.fromisoformat(iso) for _, iso in pairs]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) for _, iso in pairs)
    assert min(days) >= datetime.date(1950, 1, 1) and max(days) <= datetime.date(2049, 12, 31)
    assert len({d.year for d in days}) > 90                 # a spread of years
    assert len({s for s, _ in pairs}) > 2900                # many ways of writing


def test_weekday_names_are_right_for_the_date():
    checked = 0
    for source, iso in date_pairs(4000, seed=2):
        day = datetime.date.fromisoformat(iso)
        for k, (en, vi) in enumerate(zip(WEEKDAYS_EN, WEEKDAYS_VI)):
            named = (re.search(rf"\b{en}\b|\b{en[:3]}\b", source)
                     or re.search(rf"(^|\s){vi}\b", source))
            if named:
                assert k == day.weekday(), (source, iso)
                checked += 1
    assert checked > 300


def test_the_day_month_and_year_written_are_the_iso_date():
    for source, iso in date_pairs(2000, language="en", seed=3):
        day = datetime.date.fromisoformat(iso)
        numbers = re.findall(r"\d+", source)
        assert (str(day.year) in numbers or f"{day.year % 100:02d}" in numbers), source
        assert (str(day.day) in [n.lstrip("0") for n in numbers]), source
        month = MONTHS_EN[day.month - 1]
        assert (month in source or month[:3] in source
                or str(day.month) in [n.lstrip("0") for n in numbers]), source


def test_known_examples_and_languages():
    vi = date_pairs(2000, language="vi", seed=1)
    en = date_pairs(2000, language="en", seed=1)
    assert all(unicodedata.is_normalized("NFC", s) for s, _ in vi)
    assert any("tháng Giêng" in s for s, _ in vi) and any("tháng Chạp" in s for s, _ in vi)
    assert any(s.startswith(("mùng", "mồng")) for s, _ in vi)
    assert any(re.fullmatch(r"\d\d/\d\d/\d\d", s) for s, _ in en)
    assert not any("ngày" in s or "tháng" in s for s, _ in en)
    for source, iso in vi:
        if "Giêng" in source:
            assert iso[5:7] == "01"      # read as month 1, no lunar-to-solar conversion
        if "Chạp" in source:
            assert iso[5:7] == "12"
        if source.startswith(("mùng", "mồng")):
            assert int(iso[8:]) <= 10
    for source, iso in en:
        if re.fullmatch(r"\d\d/\d\d/\d\d", source):
            d, m, y = source.split("/")
            assert iso == f"{1900 + int(y) if int(y) >= 50 else 2000 + int(y)}-{m}-{d}"
    both = date_pairs(1000, seed=0)
    assert 300 < sum("ngày" in s or "tháng" in s for s, _ in both) < 700


def test_the_formats_the_course_names_appear():
    sources = {s for s, _ in date_pairs(6000, seed=0)}
    assert any(re.fullmatch(r"[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}", s) for s in sources)
    assert any(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", s) for s in sources)
    assert any(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", s) for s in sources)
    assert any(re.fullmatch(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", s) for s in sources)
    assert any(re.fullmatch(r"(thứ \w+|Chủ nhật), ngày \d\d/\d\d/\d{4}", s) for s in sources)


def test_bad_arguments_say_what_to_pass():
    with pytest.raises(ValueError, match="language must be one of"):
        date_pairs(3, language="fr")
    with pytest.raises(ValueError, match="0 or more"):
        date_pairs(-1)
    assert date_pairs(0) == []


def test_token_roles_name_day_month_and_year():
    def roles(text, iso):
        return date_token_roles(tokenize(text), iso)

    assert roles("Tuesday, 10 March 1987", "1987-03-10") == [
        None, None, "day", "month", "year"]
    assert roles("10/03/87", "1987-03-10") == ["day", None, "month", None, "year"]
    assert roles("ngày 3 tháng Mười Một năm 1990", "1990-11-03") == [
        None, "day", None, "month", "month", None, "year"]
    assert roles("mùng 5 tháng Giêng năm 1990", "1990-01-05") == [
        None, "day", None, "month", None, "year"]
    assert roles("10/10/10", "2010-10-10") == [None] * 5     # ambiguous: no role
