"""Epoch checkpoints copied on the engine thread and written on the run writer's disk thread.

Keras's ``save_model`` spends 100-250 ms of mostly Python work per epoch on
vgg16-mini (walking every attribute of every layer, building reference layers
to know which attributes to skip, h5py calls, zip writes). Any thread running
Python that long stalls the GUI thread, which waits up to a switch interval
for the GIL at each of its many Qt calls. So a checkpoint is split in two:

1. On the engine thread, right after the epoch (``CheckpointCopier.copy``):
   the model's config as JSON, and a NumPy copy of every value Keras would
   store, taken by calling each saveable's own ``save_own_variables``. Where
   the saveables sit in the file is found once by Keras's own walk
   (``saving_lib._save_state``) and kept while the model and its optimizer
   keep the same variables.
2. On the disk thread (``CheckpointCopy.save``): the same ``.keras`` zip Keras
   writes (``metadata.json``, ``config.json``, ``model.weights.h5`` written
   through Keras's ``H5IOStore``), into a temporary file swapped in with
   ``os.replace`` (``modelio.save_atomically``). It lets go of the GIL
   between layers, so the GUI never waits long for it.

``copy`` returns None where this path does not apply (a model with assets,
such as a ``TextVectorization``, a Keras without these internals, or state
too large to copy): the caller then saves with ``modelio.save_model``.

Example:
    >>> copier = CheckpointCopier()                                    # doctest: +SKIP
    >>> copy = copier.copy(model)          # engine thread              # doctest: +SKIP
    >>> copy.save("run/checkpoints/epoch_0001.keras")   # any thread     # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import json
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: State larger than this (weights and optimizer slots, bytes) is saved on the
#: engine thread as before: a copy would double the memory a save takes.
MAX_COPY_BYTES = 512 * 2**20
#: Seconds the disk thread sleeps after writing each layer's values, so the
#: GUI thread gets the GIL at once instead of after a switch interval.
YIELD_SECONDS = 0.0005


@dataclass(frozen=True)
class Entry:
    """One saveable's values: its group in the weights file and (key, array) pairs."""

    path: str
    metadata: dict | None
    values: tuple[tuple[str, np.ndarray], ...]


@dataclass(frozen=True)
class CheckpointCopy:
    """A model's file contents at one moment, ready to be written on any thread."""

    config_json: str
    entries: tuple[Entry, ...]

    @property
    def nbytes(self) -> int:
        return sum(array.nbytes for entry in self.entries for _, array in entry.values)

    def save(self, path) -> Path:
        """Write the ``.keras`` file atomically (see ``modelio.save_atomically``)."""
        from dlviz.core.modelio import save_atomically

        return save_atomically(path, self._write)

    def _write(self, tmp: Path) -> None:
        from keras.src.saving import saving_lib
        from keras.src.version import __version__ as keras_version

        metadata = json.dumps({"keras_version": keras_version, "date_saved":
                               datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
        # The members, their order and the weights' layout are those of
        # saving_lib._save_model_to_fileobj, so Keras loads it as its own.
        with open(tmp, "wb") as f, zipfile.ZipFile(f, "w") as zf:
            with zf.open(saving_lib._METADATA_FILENAME, "w") as member:
                member.write(metadata.encode())
            with zf.open(saving_lib._CONFIG_FILENAME, "w") as member:
                member.write(self.config_json.encode())
            store = saving_lib.H5IOStore(saving_lib._VARS_FNAME_H5, archive=zf, mode="w")
            try:
                for entry in self.entries:
                    group = store.make(entry.path, metadata=entry.metadata)
                    for key, array in entry.values:
                        group[key] = array
                    time.sleep(YIELD_SECONDS)
            finally:
                store.close()


class CheckpointCopier:
    """Copies a model's checkpoint contents; remembers the file's layout per model."""

    def __init__(self):
        self._key = None
        self._layout: list[tuple[str, dict | None, object]] | None = None

    def prepare(self) -> None:
        """Do the walk's one-off work now, before training (on the thread that
        will call ``copy``: Keras keeps it per thread), not in the first epoch."""
        try:
            from keras.src.saving import saving_lib

            _remember_skipsets(saving_lib)
        except Exception:  # noqa: BLE001 - only a speed-up; copy() finds its own way
            pass

    def copy(self, model) -> CheckpointCopy | None:
        """The model's config and values now (engine thread), or None to save
        it the usual way (see the module's docstring)."""
        try:
            from keras.src.saving import saving_lib
        except ImportError:
            return None
        optimizer = getattr(model, "optimizer", None)
        variables = [*model.weights, *(getattr(optimizer, "variables", None) or ())]
        if sum(int(np.prod(v.shape)) * np.dtype(v.dtype).itemsize for v in variables) > MAX_COPY_BYTES:
            return None
        key = (id(model), id(optimizer), len(variables))
        if key != self._key:
            self._layout, self._key = _layout(model, saving_lib), key
        if self._layout is None:
            return None
        entries = []
        for path, metadata, saveable in self._layout:
            store = _Values()
            saveable.save_own_variables(store)
            entries.append(Entry(path, metadata, tuple(store.items())))
        config_json, _ = saving_lib._serialize_model_as_json(model)
        return CheckpointCopy(config_json, tuple(entries))


class _Values(dict):
    """The store a saveable's ``save_own_variables`` fills: keys to NumPy copies."""

    def __setitem__(self, key, value):
        from keras import ops

        # A copy: the engine goes on training while the disk thread writes it.
        super().__setitem__(key, np.array(ops.convert_to_numpy(value), copy=True))


def _layout(model, saving_lib):
    """(group path, metadata, saveable) in the order Keras's own walk saves them,
    or None where the walk finds assets or cannot be followed."""
    # _save_state accepts only its own store types: a subclass made on the fly.
    recorder = type("LayoutRecorder", (saving_lib.H5IOStore,), {
        "__init__": lambda self: None, "__bool__": lambda self: True,
        "make": _make, "close": lambda self: None})()
    recorder.layout, recorder.lost = [], False
    try:
        _remember_skipsets(saving_lib)
        saving_lib._save_state(model, weights_store=recorder, assets_store=None,
                               inner_path="", visited_saveables=set())
    except Exception:  # noqa: BLE001 - a Keras unlike 3.15: save the usual way
        return None
    if recorder.lost or any(hasattr(s, "save_assets") for _, _, s in recorder.layout):
        return None
    return recorder.layout


def _make(self, path, metadata=None):
    # Keras calls ``saveable.save_own_variables(store.make(path, metadata))`` in
    # _save_state, whose local ``saveable`` is the object being saved.
    saveable = sys._getframe(1).f_locals.get("saveable")
    if not hasattr(saveable, "save_own_variables"):
        self.lost = True
    self.layout.append((path, dict(metadata) if metadata else None, saveable))
    return _Discard()


class _Discard(dict):
    """The walk only learns where values go; ``copy`` takes them."""

    def __setitem__(self, key, value):
        pass


def _remember_skipsets(saving_lib) -> None:
    """Make Keras's walk reuse its lists of attributes to skip.

    Keras 3.15's ``get_attr_skipset`` stores each list under another key than
    the one it looks up, so every walk builds reference layers and optimizers
    again (two thirds of the walk's time). Storing the same lists under the
    key it reads changes nothing but the time.
    """
    from keras.src.backend.common import global_state

    for kind in ("Operation", "Layer", "Functional", "Sequential", "Metric", "Optimizer", "Loss"):
        key = f"saving_attr_skiplist_{kind}"
        if global_state.get_global_attribute(key, None) is None:
            global_state.set_global_attribute(key, saving_lib.get_attr_skipset(kind))
