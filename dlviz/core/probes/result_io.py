"""Results to named arrays plus a small JSON header, and back, by their fields.

One generic writer and reader serve every result type: run-directory
snapshots, ``Result.save`` / ``load`` (``.npz`` files for notebooks and
``dlviz maps --npz``) and the tests. Walking a result's dataclass fields:

1. a NumPy array becomes an entry of the ``.npz`` named by its path in the
   result (``maps/layers/0/values``); the header keeps ``{"$array": name}``;
2. a nested dataclass becomes ``{"$type": class name, field: ...}``; only
   classes derived from ``Stored`` are read back (nothing in a file can
   name another class, and nothing is unpickled);
3. tuples, dicts (any JSON scalar keys, order kept) and non-finite floats
   get tags of their own, so they come back as they went in;
4. a class may store some fields differently (``__store__``) and rebuild
   them on reading (``__restore__``): feature maps go in as float16, and
   mosaics as their layout only, rebuilt from the maps.

Example:
    >>> arrays = to_arrays(heatmap)            # doctest: +SKIP
    >>> from_arrays(arrays) == heatmap         # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import os
from pathlib import Path

import numpy as np

#: Version of the layout ``to_arrays`` writes (run snapshots used 1 before).
FORMAT = 2
#: Name of the JSON header entry.
HEADER = "header"

_TYPES: dict[str, type] = {}


class Stored:
    """Base of everything ``to_arrays`` may write: registers the class by name."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _TYPES[cls.__name__] = cls

    def __store__(self) -> dict:
        """The values to write, by field name (default: every field as it is)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def __restore__(cls, values: dict) -> dict:
        """Field values from what ``__store__`` wrote (default: as read)."""
        return values


def stored_types() -> dict[str, type]:
    """Every class the reader accepts, by name (the dataclasses derived from ``Stored``)."""
    return {name: cls for name, cls in _TYPES.items() if dataclasses.is_dataclass(cls)}


def encode(value, arrays: dict, key: str):
    """The JSON tree of ``value``; its arrays go into ``arrays`` under ``key/...``."""
    if isinstance(value, Stored) and dataclasses.is_dataclass(value):
        node = {"$type": type(value).__name__}
        for name, item in value.__store__().items():
            node[name] = encode(item, arrays, f"{key}/{name}" if key else name)
        return node
    if isinstance(value, np.ndarray):
        arrays[key] = value
        return {"$array": key}
    if isinstance(value, np.generic):
        return encode(value.item(), arrays, key)
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, arrays, f"{key}/{i}") for i, v in enumerate(value)]}
    if isinstance(value, list):
        return [encode(v, arrays, f"{key}/{i}") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {"$dict": [[_key(k), encode(v, arrays, f"{key}/{i}")]
                          for i, (k, v) in enumerate(value.items())]}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot store {type(value).__name__} at {key or 'the top'}")


def _key(k):
    if isinstance(k, np.generic):
        k = k.item()
    if k is None or isinstance(k, (bool, int, float, str)):
        return k
    raise TypeError(f"cannot store a dict key of type {type(k).__name__}")


def decode(node, arrays):
    """The value ``encode`` wrote; ``arrays`` maps entry names to arrays."""
    if isinstance(node, list):
        return [decode(v, arrays) for v in node]
    if not isinstance(node, dict):
        return node
    if "$array" in node:
        return np.asarray(arrays[node["$array"]])
    if "$tuple" in node:
        return tuple(decode(v, arrays) for v in node["$tuple"])
    if "$dict" in node:
        return {k: decode(v, arrays) for k, v in node["$dict"]}
    if "$float" in node:
        return float(node["$float"])
    cls = _TYPES.get(node.get("$type"))
    if cls is None or not dataclasses.is_dataclass(cls):
        raise ValueError(f"unknown result type {node.get('$type')!r} in the header")
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: decode(v, arrays) for k, v in node.items() if k != "$type"}
    values = cls.__restore__(values)
    return cls(**{k: v for k, v in values.items() if k in names})


def to_arrays(result, extra: dict | None = None) -> dict[str, np.ndarray]:
    """``result``'s arrays by name, plus ``header``: JSON of everything else.

    Args:
        result: a ``Stored`` dataclass (or a dict or tuple of them).
        extra: more JSON-ready values to keep in the header.
    """
    arrays: dict[str, np.ndarray] = {}
    tree = encode(result, arrays, "")
    header = {"format": FORMAT, "result": tree, **(extra or {})}
    arrays[HEADER] = np.array(json.dumps(header, allow_nan=False))
    return arrays


def read_header(arrays) -> dict:
    """The JSON header of arrays written by ``to_arrays``."""
    return json.loads(str(arrays[HEADER][()]))


def from_arrays(arrays):
    """The result ``to_arrays`` stored (``arrays``: a dict or an open ``np.load``)."""
    return decode(read_header(arrays)["result"], arrays)


def save(result, path) -> Path:
    """Write ``result`` to ``path`` (``.npz``), atomically: temp file, then rename."""
    path = Path(path)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **to_arrays(result))
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        temporary.write_bytes(buffer.getvalue())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def load(path, expected: type | None = None):
    """The result stored in ``path`` (no pickle is ever read).

    Raises:
        TypeError: the file holds another type than ``expected``.
    """
    with np.load(path, allow_pickle=False) as npz:
        result = from_arrays(npz)
    if expected is not None and not isinstance(result, expected):
        raise TypeError(f"{Path(path).name} holds {type(result).__name__}, "
                        f"not {expected.__name__}")
    return result
