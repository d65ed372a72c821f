"""Every string the code offers for translation is in the Vietnamese catalogue.

``test_translation_vi.py`` checks the catalogue itself (every entry translated,
placeholders kept); a new ``self.tr("...")`` in ``dlviz/app`` was not in it,
and showed in English, until someone ran ``scripts/make_translations.py``.
Here the strings are collected exactly as that script collects them (its
``lupdate_command``, run into a scratch file, so the catalogue is not
touched) and each must be in ``resources/translations/dlviz_vi.ts`` under
the same context, with a translation. No Qt application or event loop: one
``pyside6-lupdate`` run (under a second) and two XML files.
"""

import importlib.util
import subprocess
from pathlib import Path

from test_translation_vi import TS_FILE, catalogue

ROOT = Path(__file__).resolve().parents[2]


def make_translations():
    """``scripts/make_translations.py`` as a module (``scripts`` is not a package)."""
    path = ROOT / "scripts" / "make_translations.py"
    spec = importlib.util.spec_from_file_location("make_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file: Path) -> dict[tuple[str, str], str]:
    """{(context, source): finished translation, or ""} of a .ts file.

    Args:
        ts_file: a Qt Linguist .ts file.

    Returns:
        Every message; an unfinished one maps to "".

    Example:
        >>> messages(TS_FILE)[("Menus", "&File")]
        '&Tệp'
    """
    return {(context, source): "" if kind == "unfinished" else translation
            for context, source, translation, kind in catalogue(ts_file)}


def offered_in_code(scratch: Path) -> dict[tuple[str, str], str]:
    """The messages ``make_translations.py`` would collect from ``dlviz/app`` today."""
    ts = scratch / "collected_vi.ts"
    script = make_translations()
    subprocess.run(script.lupdate_command(str(ts)), cwd=script.ROOT, check=True,
                   capture_output=True, text=True)
    return messages(ts)


def test_the_extraction_finds_the_windows_strings(tmp_path):
    offered = offered_in_code(tmp_path)
    # self.tr() in a class, translate(context, ...) in a module, QT_TRANSLATE_NOOP lists.
    assert ("MainWindow", "Open a Keras model") in offered
    assert ("MainWindow", "TensorFlow failed to load") in offered   # engine_controller.py
    assert ("Menus", "&File") in offered
    assert ("CompareController",
            "The engine is training a model: the cells are compared when training stops.") in offered
    assert len(offered) > 400


def test_every_string_the_code_offers_is_translated_in_the_catalogue(tmp_path):
    translated = messages(TS_FILE)
    missing = [f"{context}: {source!r}" for context, source in sorted(offered_in_code(tmp_path))
               if not translated.get((context, source))]
    assert not missing, (
        f"{len(missing)} string(s) in dlviz/app without Vietnamese; run "
        "scripts/make_translations.py, translate them in resources/translations/dlviz_vi.ts "
        "and run it again:\n" + "\n".join(missing))
