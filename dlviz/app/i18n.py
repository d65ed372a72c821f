"""The interface language: English or Vietnamese, through Qt's translation system.

Every string a person sees is written in English in the code and wrapped in
``self.tr(...)`` (inside Qt classes) or ``QCoreApplication.translate(context,
...)`` (elsewhere). ``scripts/make_translations.py`` collects them into
``resources/translations/dlviz_vi.ts`` (reviewable XML, where the Vietnamese
is written) and compiles that to ``dlviz_vi.qm``, which this module installs
before the first widget is built.

The choice is kept in the app's settings file (see ``window_layout``), so it
is remembered; ``$DLVIZ_LANGUAGE`` (``en`` or ``vi``) overrides it for one
launch (screenshots, a lecturer's demo). Widgets read their texts once, when
built, so a new choice applies at the next launch; the menu says so.

Example:
    >>> app = QApplication([])
    >>> install_translator(app, "vi")   # before MainWindow()
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from dlviz.app.window_layout import layout_settings

LANGUAGE_KEY = "ui/language"
LANGUAGE_ENV = "DLVIZ_LANGUAGE"
#: The languages offered, in the menu's order, each named in its own language.
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"


def translations_dir() -> Path:
    """``resources/translations`` at the repository root (as ``resources/samples``)."""
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def catalogue_path(language: str) -> Path:
    """The compiled catalogue for ``language`` (it may not exist, e.g. for English)."""
    return translations_dir() / f"dlviz_{language}.qm"


def saved_language() -> str:
    """The language to start in: ``$DLVIZ_LANGUAGE``, else the saved choice, else English."""
    chosen = os.environ.get(LANGUAGE_ENV) or layout_settings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    chosen = str(chosen).strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    """Remember ``language`` for the next launch.

    Args:
        language: a key of ``LANGUAGES``.

    Raises:
        ValueError: for a language dlviz does not offer.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; dlviz offers {', '.join(LANGUAGES)}")
    settings = layout_settings()
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


_installed: list[QTranslator] = []
_default_locales: list[QLocale] = []   # the locale before each install, to restore
_generation = [0]   # counts installs and removals: what a cached translation was made under


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the catalogue for ``language`` (default: ``saved_language()``).

    Call before any widget is built. A missing or unreadable catalogue leaves
    the interface in English rather than failing to start.

    Args:
        app: the running ``QApplication``.
        language: ``"en"`` or ``"vi"``; None for the remembered choice.

    Returns:
        The language in effect (``"en"`` when the catalogue could not be loaded).
    """
    remove_translator(app)
    language = language or saved_language()
    if language == DEFAULT_LANGUAGE:
        return language
    translator = QTranslator(app)
    if not translator.load(str(catalogue_path(language))):
        return DEFAULT_LANGUAGE
    app.installTranslator(translator)
    _installed.append(translator)  # Qt does not own it: keep it alive
    _generation[0] += 1
    # Spin boxes and other number fields built from now on read and write numbers
    # as the language does (0,5 in Vietnamese); see also ``numbers``.
    _default_locales.append(QLocale())
    QLocale.setDefault(QLocale(translator.language()))
    return language


def remove_translator(app: QCoreApplication) -> None:
    """Back to English (the tests switch languages within one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())
        _generation[0] += 1
    while _default_locales:
        QLocale.setDefault(_default_locales.pop())


def catalogue_generation() -> int:
    """A number that changes whenever the installed catalogue does: a key for
    caching translated text (``core_messages``)."""
    return _generation[0]


def current_language() -> str:
    """The language the interface was built in (``"en"`` when none is installed)."""
    if not _installed:
        return DEFAULT_LANGUAGE
    return _installed[-1].language().split("_")[0] or DEFAULT_LANGUAGE
