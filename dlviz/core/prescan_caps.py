"""Limits on what the pre-scan reads from a model file before anyone agrees.

A model file is untrusted until a person decides otherwise, and even reading
its architecture costs memory: a 300 KB zip can hold a ``metadata.json`` that
inflates to 300 MB, and a few MB of ``[[[[`` or ``[{},{},...`` becomes
hundreds of MB of Python objects once parsed. So the pre-scan reads each JSON
text through these caps, in this order:

1. the size the archive *declares* for the member (refused before a byte is
   inflated);
2. the bytes actually inflated, counted while streaming (a declared size can
   lie);
3. the number of JSON items and the nesting depth, counted by a tokenizer
   that builds no objects, *before* ``json.loads`` builds any.

Every refusal names the cap and its limit. The caps sit far above real
models: the largest Keras application, NASNetLarge (1,041 layers), has a
config of 1.0 MB, 123,000 items and depth 11; each nested model adds a few
levels. Within the caps, the costliest shape measured (a million items of
``{"k1": [], "k2": [], ...}``) grows the process by 64 MB.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

METADATA_MAX_BYTES = 1 << 20  # Keras writes about 100 bytes
CONFIG_MAX_BYTES = 16 << 20
JSON_MAX_ITEMS = 1_000_000
JSON_MAX_DEPTH = 100
ZIP_MAX_MEMBERS = 10_000  # Keras writes three, plus any assets
ZIP_MAX_TABLE_BYTES = 4 << 20  # 10,000 entries with 300-character names

_READ_CHUNK = 1 << 16
# One JSON token of interest: a whole string (skipped, so brackets inside
# strings do not count), a bracket, or a comma (one more item). A quote that
# opens no whole string matches alone: the text is invalid, and the scan
# stops there, since trying again at every later quote would take time
# growing with the square of the length ('"\\"\\"\\"...').
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|["\[\]{},]', re.DOTALL)
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP_COMMENT_MAX = 0xFFFF


class CapExceeded(Exception):
    """A cap the pre-scan will not read past; ``str()`` says which and its limit.

    Attributes:
        what: the part of the file, e.g. ``config.json`` or ``model_config``.
    """

    def __init__(self, what: str, detail: str):
        super().__init__(detail)
        self.what = what


def read_member(archive, name: str, limit: int) -> bytes:
    """Read one zip member, refusing it past ``limit`` bytes, declared or inflated.

    Args:
        archive: an open ``zipfile.ZipFile``.
        name: the member to read.
        limit: the most uncompressed bytes allowed.

    Raises:
        CapExceeded: the declared size, or the bytes inflated so far, pass
            ``limit``; nothing beyond ``limit + 64 KiB`` is ever held.
    """
    declared = archive.getinfo(name).file_size
    if declared > limit:
        raise CapExceeded(name, f"its {name} unpacks to {mb(declared)}, over dlviz's "
                          f"{mb(limit)} limit")
    # Small reads: zipfile's read() with no size inflates everything it is
    # fed before cutting to the declared size (600 MB for a member that
    # claims 100 bytes); read(n) inflates at most n bytes at a time.
    parts, total = [], 0
    with archive.open(name) as member:
        while chunk := member.read(_READ_CHUNK):
            total += len(chunk)
            if total > limit:
                raise CapExceeded(name, f"its {name} unpacks to more than {mb(limit)} "
                                  f"(its zip entry claims {mb(declared)}), over dlviz's "
                                  f"{mb(limit)} limit")
            parts.append(chunk)
    return b"".join(parts)


def zip_directory(path: Path) -> tuple[int, int] | None:
    """``(members, table bytes)`` that a zip's end record declares.

    ``zipfile`` builds one object per entry of the archive's table of
    contents before anything can be checked, reading entries until the
    table's declared byte size is used up, so a crafted table of millions of
    entries would cost hundreds of MB. This reads the last 64 KiB only, from
    the same end record ``zipfile`` will use. None when there is no end
    record (``zipfile`` then reports the archive as corrupt).
    """
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - _EOCD_SIZE - _ZIP_COMMENT_MAX))
        tail = f.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    # Larger archives write 0xFFFF and 0xFFFFFFFF here, which are over the caps.
    count, table = struct.unpack("<HI", tail[at + 10: at + 16])
    return count, table


def check_zip_directory(directory: tuple[int, int] | None) -> None:
    """Refuse an archive whose table of contents is too long."""
    if directory is None:
        return
    count, table = directory
    check_member_count(count)
    if table > ZIP_MAX_TABLE_BYTES:
        raise CapExceeded("zip", f"its table of contents is {mb(table)}, over dlviz's "
                                 f"{mb(ZIP_MAX_TABLE_BYTES)} limit")


def check_member_count(count: int) -> None:
    """Refuse an archive of more than ``ZIP_MAX_MEMBERS`` files."""
    if count > ZIP_MAX_MEMBERS:
        raise CapExceeded("zip", f"it holds {count:,} files, over dlviz's limit of "
                                 f"{ZIP_MAX_MEMBERS:,}")


def check_json_shape(text: str, what: str, *, max_items: int = JSON_MAX_ITEMS,
                     max_depth: int = JSON_MAX_DEPTH) -> None:
    """Count JSON items and nesting depth without building any object.

    Stops at the first cap passed, so a hostile text costs at most
    ``max_items`` steps, and time linear in its length. Other invalid JSON is
    left for ``json.loads`` to report.

    Raises:
        CapExceeded: more than ``max_items`` items or deeper than ``max_depth``.
        ValueError: a string that never ends.
    """
    items, depth = 0, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == '"':
            raise ValueError(f"{what} has a string that never ends")
        char = token[0]
        if char in "[{":
            depth += 1
            if depth > max_depth:
                raise CapExceeded(what, f"its {what} is nested more than {max_depth} "
                                        f"levels deep, over dlviz's limit of {max_depth}")
        elif char in "]}":
            depth -= 1
            continue
        items += 1
        if items > max_items:
            raise CapExceeded(what, f"its {what} holds more than {max_items:,} JSON "
                                    f"items, over dlviz's limit of {max_items:,}")


def parse_json(data, what: str, *, max_bytes: int = CONFIG_MAX_BYTES):
    """Parse ``data`` (bytes or str) as JSON within every cap.

    Raises:
        CapExceeded: over the size, item or depth cap.
        ValueError: not UTF-8 or not valid JSON.
    """
    if len(data) > max_bytes:
        raise CapExceeded(what, f"its {what} is {mb(len(data))}, over dlviz's "
                                f"{mb(max_bytes)} limit")
    text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    check_json_shape(text, what)
    try:
        return json.loads(text)
    except RecursionError as e:  # below our depth cap this cannot happen
        raise ValueError(f"{what} is nested too deeply") from e


def mb(n: int) -> str:
    if n < 1 << 20:
        return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
    return f"{n / (1 << 20):,.0f} MB"
