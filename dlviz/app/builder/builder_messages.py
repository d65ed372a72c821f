"""The builder's row problems in the interface's language.

``dlviz.core.builder`` never imports Qt: a row that cannot be built carries
its problem as one of ``messages.TEMPLATES`` (English, with ``{name}``
fields) and the values that fill it. The window translates the template
(context ``CoreMessages``: ``scripts/make_translations.py`` lists the core's
templates in the catalogue), then fills in the values, each translated too
when it is a word the catalogue knows ("height", "kernel size") and kept as
it is otherwise (names, numbers, shapes).

Example:
    >>> row_error(row)      # with the Vietnamese catalogue installed
    'chiều cao (4) nhỏ hơn cửa sổ (9) khi padding 'valid': ...'
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dlviz.app.core_messages import CONTEXT


def _value(value) -> str:
    text = str(value)
    return QCoreApplication.translate(CONTEXT, text) if text else text


def row_error(row) -> str:
    """``row.error`` (an ``infer`` row) in the interface's language; "" when it has none."""
    if not row.error:
        return ""
    if not row.error_template:
        return row.error
    values = {key: _value(value) for key, value in row.error_values}
    try:
        return QCoreApplication.translate(CONTEXT, row.error_template).format(**values)
    except (KeyError, IndexError, ValueError):   # a translation with a broken field
        return row.error
