"""Collect the interface's strings and compile the Vietnamese catalogue.

Runs ``pyside6-lupdate`` over ``dlviz/app`` (every ``self.tr(...)`` and
``QCoreApplication.translate(context, ...)``) to update
``resources/translations/dlviz_vi.ts``, keeping the translations already
written there, then ``pyside6-lrelease`` to write ``dlviz_vi.qm``, which the
app installs at start-up (``dlviz/app/i18n.py``).

The output is deterministic: files are passed in sorted order, without line
numbers (``-locations none``), so a rerun over unchanged code changes nothing.
Strings that left the code are dropped (``-no-obsolete``). New ones appear as
``type="unfinished"``: translate them in the .ts (Qt Linguist, or any editor)
and run this again; ``tests/app/test_translation_vi.py`` fails while any is left.

Usage:
    .venv/bin/python scripts/make_translations.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "dlviz" / "app"
TS_FILE = ROOT / "resources" / "translations" / "dlviz_vi.ts"
CORE_LIST = SOURCES / "core_texts_catalogue.py"


def _tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (the venv's), else on PATH."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def source_files() -> list[str]:
    """Every Python file of the interface, in a stable order."""
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def _noop_lines(name: str, context: str, texts) -> list[str]:
    # JSON strings are Python string literals lupdate reads (double quotes, escapes).
    return ["", f"{name} = ("] + [
        f"    QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)}),"
        for text in texts] + [")"]


def write_core_list() -> None:
    """List what the window shows from the core where lupdate finds it: the labels
    (``core_texts``) and the sentence templates the core keeps as data
    (``core_messages.core_templates``: the builder's row problems, image refusals)."""
    sys.path.insert(0, str(ROOT))
    from dlviz.app import core_messages
    from dlviz.app.core_texts import CONTEXT, shown_core_texts

    lines = ['"""Written by scripts/make_translations.py: do not edit. The core\'s labels and',
             "sentence templates the window shows (see core_texts.py and core_messages.py),",
             'listed so that lupdate collects them."""',
             "", "from PySide6.QtCore import QT_TRANSLATE_NOOP"]
    lines += _noop_lines("CORE_TEXTS", CONTEXT, shown_core_texts())
    lines += _noop_lines("CORE_MESSAGES", core_messages.CONTEXT, core_messages.core_templates())
    CORE_LIST.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lupdate_command(ts: str) -> list[str]:
    """The ``pyside6-lupdate`` call that collects the interface's strings into ``ts``.

    Run it in ``ROOT`` (the source files are relative to it);
    ``tests/app/test_translation_vi_sources.py`` runs it into a scratch file.
    """
    return [_tool("pyside6-lupdate"), *source_files(), "-ts", ts, "-locations", "none",
            "-no-obsolete", "-source-language", "en", "-target-language", "vi_VN"]


def main() -> int:
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    write_core_list()
    ts = str(TS_FILE.relative_to(ROOT))
    subprocess.run(lupdate_command(ts), cwd=ROOT, check=True)
    subprocess.run([_tool("pyside6-lrelease"), ts, "-qm", ts[:-3] + ".qm"],
                   cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
