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
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "dlviz_vi.ts"


def make_translations():
    """``scripts/make_translations.py`` as a module (``scripts`` is not a package)."""
    path = ROOT / "scripts" / "make_translations.py"
    spec = importlib.util.spec_from_file_location("make_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file: Path) -> dict[tuple[str, str, str], str]:
    """{(context, source, disambiguation): finished translation or ""} of a .ts file.

    Args:
        ts_file: a Qt Linguist .ts file.

    Returns:
        Every message; an unfinished or empty translation maps to "".

    Example:
        >>> messages(CATALOGUE)[("Menus", "&File", "")]
        '&Tệp'
    """
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            found[key] = (translation.text or "") if done else ""
    return found


def offered_in_code(scratch: Path) -> dict[tuple[str, str, str], str]:
    """The messages ``make_translations.py`` would collect from ``dlviz/app`` today."""
    ts = scratch / "collected_vi.ts"
    script = make_translations()
    subprocess.run(script.lupdate_command(str(ts)), cwd=script.ROOT, check=True,
                   capture_output=True, text=True)
    return messages(ts)


def test_the_extraction_finds_the_windows_strings(tmp_path):
    offered = offered_in_code(tmp_path)
    # self.tr() in a class, translate(context, ...) in a module, QT_TRANSLATE_NOOP lists.
    assert ("MainWindow", "Open a Keras model", "") in offered
    assert ("MainWindow", "TensorFlow failed to load", "") in offered   # engine_controller.py
    assert ("Menus", "&File", "") in offered
    assert ("CompareController",
            "The engine is training a model: the cells are compared when training stops.",
            "") in offered
    assert len(offered) > 400


def test_every_string_the_code_offers_is_translated_in_the_catalogue(tmp_path):
    catalogue = messages(CATALOGUE)
    missing = [f"{context}: {source!r}" + (f" ({comment})" if comment else "")
               for (context, source, comment) in sorted(offered_in_code(tmp_path))
               if not catalogue.get((context, source, comment))]
    assert not missing, (
        f"{len(missing)} string(s) in dlviz/app without Vietnamese; run "
        "scripts/make_translations.py, translate them in resources/translations/dlviz_vi.ts "
        "and run it again:\n" + "\n".join(missing))
