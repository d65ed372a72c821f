"""Read a ``.keras`` zip's architecture within the pre-scan's caps.

Reads only the end record, the member list, ``config.json`` and
``metadata.json``; extracts nothing, so no member name can write anywhere.
Names that would escape a folder on extraction (``../x``, ``/etc/x``,
``C:\\x``) and duplicated names are refused here, before Keras (which
extracts ``assets/``) ever sees the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dlviz.core import prescan_caps as caps
from dlviz.core.prescan_errors import RESAVE, ModelFileError, bad_json, hostile, over_cap

_DRIVE = re.compile(r"^[A-Za-z]:")


def read_zip(path: Path, copy: Path) -> tuple[object, str | None]:
    """Return ``(config, keras_version)`` of the zip at ``copy``, named ``path``.

    Raises:
        ModelFileError: ``corrupt``, ``not_keras`` or ``too_large``.
    """
    corrupt = ModelFileError(
        "corrupt", path,
        f"{path.name} is truncated or corrupt (not a valid zip archive); {RESAVE}",
    )
    try:
        caps.check_zip_directory(caps.zip_directory(copy))
        with zipfile.ZipFile(copy) as archive:
            names = archive.namelist()
            caps.check_member_count(len(names))
            _check_names(path, names)
            if "config.json" not in names:
                raise ModelFileError(
                    "not_keras", path, f"{path.name} is a zip archive but not a Keras "
                    "model (it has no config.json); save models with model.save('name.keras')"
                )
            config_text = caps.read_member(archive, "config.json", caps.CONFIG_MAX_BYTES)
            meta = (caps.read_member(archive, "metadata.json", caps.METADATA_MAX_BYTES)
                    if "metadata.json" in names else b"{}")
    except caps.CapExceeded as e:
        raise over_cap(path, e) from None
    except ModelFileError:
        raise
    except Exception as e:  # BadZipFile, EOFError, zlib.error, odd compression ...
        raise corrupt from e
    config = parse(path, config_text, "config.json")
    try:
        version = caps.parse_json(meta, "metadata.json",
                                  max_bytes=caps.METADATA_MAX_BYTES).get("keras_version")
    except caps.CapExceeded as e:
        raise over_cap(path, e) from None
    except (ValueError, AttributeError):
        version = None
    return config, (str(version) if version is not None else None)


def parse(path: Path, text, where: str):
    """Parse the architecture JSON within the caps, or refuse the file."""
    try:
        return caps.parse_json(text, where)
    except caps.CapExceeded as e:
        raise over_cap(path, e) from None
    except (ValueError, TypeError) as e:  # also UnicodeDecodeError
        raise bad_json(path, where) from e


def _check_names(path: Path, names: list[str]) -> None:
    seen = set()
    for name in names:
        parts = re.split(r"[\\/]", name)
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\0" in name:
            raise hostile(path, f"it holds a file named {name!r} that points outside the "
                                "folder it would be unpacked into")
        if name in seen:
            raise hostile(path, f"it holds two files named {name!r}")
        seen.add(name)
