"""Numbers as people of the interface's language write them: 1,234,567 and 0.5 in
English, 1.234.567 and 0,5 in Vietnamese.

Counts and values meant for people (parameters, multiply-accumulates, ratios)
go through these helpers instead of ``f"{n:,}"``, which always writes the
English separators. The locale follows the installed catalogue
(``i18n.current_language``), so a window built in Vietnamese writes
Vietnamese numbers. Shapes, sizes such as 28×28 and names keep their digits
as they are.

Example:
    >>> count_text(1234567)        # with the Vietnamese catalogue installed
    '1.234.567'
    >>> percent_text(0.72)
    '72,0 %'
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from dlviz.app.i18n import current_language

_LOCALES = {"vi": (QLocale.Language.Vietnamese, QLocale.Country.Vietnam)}
_ENGLISH = (QLocale.Language.English, QLocale.Country.UnitedStates)


def ui_locale() -> QLocale:
    """The ``QLocale`` of the interface's language (English: en_US, with separators)."""
    locale = QLocale(*_LOCALES.get(current_language(), _ENGLISH))
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)  # keep group separators
    return locale


def count_text(value) -> str:
    """A whole count with the language's thousands separator; "—" when unknown.

    Example:
        >>> count_text(61706)     # English
        '61,706'
    """
    if value is None:
        return "—"
    return ui_locale().toString(int(value))


def decimal_text(value: float, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark."""
    return ui_locale().toString(float(value), "f", digits)


def general_text(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits (Python's ``:.3g``), the language's mark."""
    return ui_locale().toString(float(value), "g", digits)


def percent_text(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage: ``0.72`` -> ``72.0 %`` (``72,0 %`` in Vietnamese)."""
    return f"{decimal_text(100 * fraction, digits)} %"


def short_number(value: int) -> str:
    """1,234,567,890 -> 1.23 G (1,23 G in Vietnamese): how papers quote operations."""
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{decimal_text(value / size, 2)} {unit}"
    return count_text(value)
