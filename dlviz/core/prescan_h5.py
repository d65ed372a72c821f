"""Read a legacy ``.h5`` model's architecture within the pre-scan's caps.

The architecture is the JSON text in the root attribute ``model_config``.
Before reading it, its shape and type are checked: a single string, as Keras
writes, never an array (an array of variable-length strings can point every
element at the same stored text and multiply it in memory). Then the text
goes through the same size, item and depth caps as a ``.keras`` config.
"""

from __future__ import annotations

from pathlib import Path

from dlviz.core import prescan_caps as caps
from dlviz.core.prescan_errors import RESAVE, ModelFileError, hostile, over_cap
from dlviz.core.prescan_zip import parse

_VERSION_MAX_BYTES = 256


def read_h5(path: Path, copy: Path) -> tuple[object, str | None]:
    """Return ``(config, keras_version)`` of the HDF5 file at ``copy``.

    Raises:
        ModelFileError: ``corrupt``, ``not_keras`` or ``too_large``.
    """
    import h5py  # noqa: PLC0415  (only .h5 files need it)

    try:
        with h5py.File(copy, "r") as f:
            model_config = _read_text(path, f, "model_config", caps.CONFIG_MAX_BYTES)
            try:
                version = _read_text(path, f, "keras_version", _VERSION_MAX_BYTES)
            except (ModelFileError, caps.CapExceeded):
                version = None  # only shown to the person; never needed
    except caps.CapExceeded as e:
        raise over_cap(path, e) from None
    except ModelFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelFileError(
            "corrupt", path, f"{path.name} is truncated or corrupt (not a readable "
            f"HDF5 file); {RESAVE}"
        ) from e
    if model_config is None:
        raise ModelFileError(
            "not_keras", path, f"{path.name} holds only weights, not a model (there is "
            "no model_config inside); dlviz needs a whole model saved with "
            "model.save('name.keras')"
        )
    if isinstance(version, bytes):
        version = version.decode("utf-8", "replace")
    return parse(path, model_config, "model_config"), version


def _read_text(path: Path, f, name: str, limit: int) -> str | bytes | None:
    """One string attribute of ``f``'s root, checked before it is read."""
    import h5py  # noqa: PLC0415

    if name not in f.attrs:
        return None
    attr = h5py.h5a.open(f.id, name.encode())
    count = 1
    for n in attr.shape or ():
        count *= n
    info = h5py.check_string_dtype(attr.dtype)
    if info is None or count != 1:
        raise hostile(path, f"its {name} is not one piece of text (it is "
                            f"{attr.dtype} of shape {attr.shape})")
    if info.length is not None and info.length > limit:  # fixed-length text
        raise caps.CapExceeded(name, f"its {name} is {caps.mb(info.length)}, over dlviz's "
                                     f"{caps.mb(limit)} limit")
    value = f.attrs[name]
    if not isinstance(value, (str, bytes)):  # a one-element array
        value = value.reshape(-1)[0]
    if isinstance(value, bytes) and info.length is not None:
        value = value.rstrip(b"\0")
    if len(value) > limit:
        raise caps.CapExceeded(name, f"its {name} is {caps.mb(len(value))}, over dlviz's "
                                     f"{caps.mb(limit)} limit")
    return value
