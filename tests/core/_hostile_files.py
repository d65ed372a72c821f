"""Builders of hostile model files for the pre-scan tests (no Keras needed)."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

KERAS_META = json.dumps({"keras_version": "3.15.1", "date_saved": "2026-01-01@00:00:00"})


def layer(class_name, name, module="keras.layers", **config):
    return {"module": module, "class_name": class_name, "registered_name": None,
            "config": {"name": name, **config}}


def sequential(*layers: dict, **extra) -> dict:
    return {"module": "keras", "class_name": "Sequential", "registered_name": None,
            "config": {"name": "handmade", "layers": list(layers), **extra}}


def lambda_calling(module: str, function: str, name="fetch", **arguments) -> dict:
    """A Keras 3 Lambda layer whose function field names ``module.function``."""
    fn = {"module": module, "class_name": "function", "config": function,
          "registered_name": function}
    return layer("Lambda", name, function=fn, arguments=arguments)


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def add_members(source: Path, target: Path, extra: dict[str, bytes | str]) -> Path:
    """Copy the zip ``source`` to ``target`` with ``extra`` members appended."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for name, data in extra.items():
            dst.writestr(zipfile.ZipInfo(name), data)  # ZipInfo keeps '../x' as is
    return target


def write_bomb(path: Path, member: str, size: int, config: bytes | None = None) -> Path:
    """A zip whose ``member`` is ``size`` bytes of valid JSON, mostly spaces.

    It compresses about 1,000 to 1, and is written in 1 MB pieces, so
    building it costs no memory. The other members make a valid model.
    """
    base = config or json.dumps(sequential(layer("InputLayer", "in", batch_shape=[None, 4])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if member != "metadata.json":
            archive.writestr("metadata.json", KERAS_META)
        if member != "config.json":
            archive.writestr("config.json", base)
        with archive.open(member, "w", force_zip64=size >= 1 << 31) as out:
            head = base[:-1] + ', "pad": "' if member == "config.json" else '{"pad": "'
            tail = '"}'
            out.write(head.encode())
            left = size - len(head) - len(tail)
            chunk = b" " * (1 << 20)
            while left > 0:
                out.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            out.write(tail.encode())
    return path


def understate_size(path: Path, member: str, claimed: int) -> Path:
    """Make the zip claim ``claimed`` uncompressed bytes for ``member`` (a lie)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    assert data[local: local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, claimed)
    name = member.encode()
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        assert at >= 0, "central directory entry not found"
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, claimed)
            break
        at += 4
    path.write_bytes(bytes(data))
    return path
