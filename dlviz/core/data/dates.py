"""Dates as people write them, in English and Vietnamese, paired with ISO dates.

The attention task of the course: read "Tuesday, 10 March 1987",
"10/03/87" or "ngày 10 tháng 3 năm 1987" and write ``1987-03-10``. The day,
month and year move around between formats, so a good alignment is easy to
check by eye: the year's digits look at the year, the month's at the month.

Every date lies between 1950-01-01 and 2049-12-31, so a two-digit year is
never ambiguous: 50-99 are 1950-1999, 00-49 are 2000-2049. Weekday names are
always the right ones for the date. Vietnamese text is NFC-normalised.

Vietnamese also names months as the lunar calendar does ("tháng Giêng" for
the first month, "tháng Chạp" for the twelfth; "mùng 5" for the fifth day).
dlviz does NOT convert lunar dates to solar ones: such a name is read as
that month number of the same calendar, so "mùng 5 tháng Giêng năm 1990" is
written ``1990-01-05``.

Example:
    >>> date_pairs(2, language="vi", seed=1)
    [('ngày 9.2.74', '1974-02-09'), ('ngày 27 tháng Hai năm 1971', '1971-02-27')]
"""

from __future__ import annotations

import datetime
import random
import unicodedata

LANGUAGES = ("both", "en", "vi")
FIRST, LAST = datetime.date(1950, 1, 1), datetime.date(2049, 12, 31)

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
#: Months written as words ("tháng Tư" is April). "Một" is only ever the
#: first month here: the eleventh is always "Mười Một".
MONTHS_VI = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười",
             "Mười Một", "Mười Hai")
#: The lunar calendar's names of the first and last months, read as months 1 and 12.
LUNAR_NAMES = {1: "Giêng", 12: "Chạp"}


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _english(d: datetime.date, pick: random.Random) -> str:
    month, wkd = MONTHS_EN[d.month - 1], WEEKDAYS_EN[d.weekday()]
    yy = f"{d.year % 100:02d}"
    forms = (
        f"{wkd}, {d.day} {month} {d.year}",
        f"{month} {d.day}, {d.year}",
        f"{d.day:02d}/{d.month:02d}/{yy}",
        f"{d.day}.{d.month}.{d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{wkd[:3]} {month[:3]} {d.day} {d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{month} {_ordinal(d.day)}, {d.year}",
        f"the {_ordinal(d.day)} of {month} {d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day} {month} {yy}",
        f"{wkd} {month} {d.day} {d.year}",
    )
    return pick.choice(forms)


def _vietnamese(d: datetime.date, pick: random.Random) -> str:
    wkd = WEEKDAYS_VI[d.weekday()]
    yy = f"{d.year % 100:02d}"
    spelled = MONTHS_VI[d.month - 1]
    lunar = LUNAR_NAMES.get(d.month, spelled)
    forms = [
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"{wkd}, ngày {d.day:02d}/{d.month:02d}/{d.year}",
        f"ngày {d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day} tháng {spelled} năm {d.year}",
        f"ngày {d.day}.{d.month}.{yy}",
        f"{wkd} {d.day}/{d.month}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"ngày {d.day} tháng {lunar} năm {d.year}",
        f"{d.day:02d}/{d.month:02d}/{yy}",
    ]
    if d.day <= 10:  # "mùng" (or "mồng") names only the first ten days of a month
        forms.append(f"{pick.choice(('mùng', 'mồng'))} {d.day} tháng {lunar} năm {d.year}")
    return unicodedata.normalize("NFC", pick.choice(forms))


def random_date(pick: random.Random) -> datetime.date:
    """A day drawn uniformly from 1950-01-01 to 2049-12-31."""
    return datetime.date.fromordinal(pick.randint(FIRST.toordinal(), LAST.toordinal()))


def write_date(d: datetime.date, language: str, pick: random.Random) -> str:
    """``d`` as a person might write it in ``language`` ("en" or "vi")."""
    return _english(d, pick) if language == "en" else _vietnamese(d, pick)


def date_pairs(n: int, *, language: str = "both", seed: int = 0) -> list[tuple[str, str]]:
    """``n`` pairs (date as people write it, the same date as ISO ``YYYY-MM-DD``).

    Args:
        n: how many pairs.
        language: "en", "vi" or "both" (each pair's language drawn at random).
        seed: the same seed always gives the same pairs.

    Returns:
        A list of ``(source text, "YYYY-MM-DD")``.

    Raises:
        ValueError: an unknown language or a negative ``n``.

    Example:
        >>> date_pairs(1, language="en", seed=3)
        [('12-09-1992', '1992-09-12')]
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    if int(n) < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    pick = random.Random(int(seed))
    pairs = []
    for _ in range(int(n)):
        d = random_date(pick)
        lang = language if language != "both" else pick.choice(("en", "vi"))
        pairs.append((write_date(d, lang, pick), d.isoformat()))
    return pairs


def date_token_roles(tokens, iso: str) -> list[str | None]:
    """Which part of the date each source token writes: "day", "month", "year" or None.

    For checking alignments: the year's digits should look at the "year"
    token, and so on. A token that could be two parts (the 10 of
    "10/10/87") gets None, as do words that carry no part (weekdays, "ngày").

    Args:
        tokens: the source's tokens (lower case, as ``tokenize`` gives them).
        iso: the date, ``YYYY-MM-DD``.

    Example:
        >>> date_token_roles(["ngày", "5", "tháng", "giêng", "năm", "1990"], "1990-01-05")
        [None, 'day', None, 'month', None, 'year']
    """
    d = datetime.date.fromisoformat(iso)
    month_words = {MONTHS_EN[d.month - 1].lower(), MONTHS_EN[d.month - 1][:3].lower()}
    vietnamese = {unicodedata.normalize("NFC", w.lower())
                  for w in (MONTHS_VI[d.month - 1], LUNAR_NAMES.get(d.month, ""))}
    values = {
        "day": {str(d.day), f"{d.day:02d}", _ordinal(d.day)},
        "month": {str(d.month), f"{d.month:02d}"} | month_words,
        "year": {str(d.year), f"{d.year % 100:02d}"},
    }
    roles: list[str | None] = []
    for i, token in enumerate(tokens):
        if len(roles) > i:
            continue   # the second word of a two-word month name
        found = [role for role, options in values.items() if token in options]
        if i and tokens[i - 1] == "tháng":
            if " ".join(tokens[i:i + 2]) in vietnamese:   # "tháng mười một"
                roles += ["month", "month"]
                continue
            if token in vietnamese:
                found = ["month"]
        roles.append(found[0] if len(found) == 1 else None)
    return roles[:len(tokens)]
