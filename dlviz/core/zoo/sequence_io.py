"""A text model's vocabulary, carried inside its ``.keras`` file.

A ``.keras`` file is a zip. Beside Keras's own members (``config.json``,
``metadata.json``, ``model.weights.h5``) dlviz writes one more,
``dlviz/vocabulary.json`` (:meth:`Vocabulary.to_json`), so the file alone is
enough to encode a sentence typed later. Keras's ``load_model`` (safe mode
too) reads only its own members and ignores this one, and dlviz's pre-scan
reads only ``config.json`` and ``metadata.json``; tests check both.

Saving is atomic: the model is written to a temporary file next to the
target, the member appended, the file flushed to disk and only then moved
over the target, so the previous file survives any failure.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from pathlib import Path

from dlviz.core.data.pair_vocabulary import PairVocabulary, vocabulary_from_json
from dlviz.core.data.text import TextError
from dlviz.core.data.text_vocabulary import MAX_JSON_BYTES, Vocabulary

MEMBER = "dlviz/vocabulary.json"


def save_with_vocabulary(model, vocabulary: Vocabulary | PairVocabulary | None,
                         path) -> Path:
    """Save ``model`` to the ``.keras`` file ``path`` with ``vocabulary`` inside.

    Raises:
        ModelFileError: as :func:`dlviz.core.modelio.save_model`; also
            ``save_failed`` when the member cannot be written.
    """
    from dlviz.core.modelio import save_model
    from dlviz.core.prescan_errors import ModelFileError

    path = Path(path)
    if vocabulary is None or path.suffix.lower() != ".keras":
        return save_model(model, path)
    tmp = path.with_name(f".{path.stem}.vocab-{secrets.token_hex(4)}.keras")
    try:
        save_model(model, tmp)
        with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MEMBER, vocabulary.to_json())
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except (ModelFileError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        kept = "the previous file is unchanged" if path.exists() else "nothing was written"
        why = str(exc).replace(tmp.name, path.name) if isinstance(exc, ModelFileError) \
            else str(exc)
        raise ModelFileError("save_failed", path,
                             f"could not save {path.name} ({why}); {kept}") from exc
    return path


def read_vocabulary(path) -> Vocabulary | PairVocabulary | None:
    """The vocabulary stored in the ``.keras`` file ``path``; None when it has none
    (a :class:`PairVocabulary` for an encoder-decoder model).

    Raises:
        TextError: the file has a vocabulary member that is damaged or
            too large (the message names the file).
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(MEMBER)
            except KeyError:
                return None
            if info.file_size > MAX_JSON_BYTES:
                raise TextError(f"{path.name}: its vocabulary is larger than "
                                f"{MAX_JSON_BYTES:,} bytes")
            with archive.open(info) as member:
                text = member.read(MAX_JSON_BYTES + 1)
    except (OSError, zipfile.BadZipFile, EOFError):
        return None  # not a zip (e.g. .h5) or unreadable: the model loader says why
    try:
        return vocabulary_from_json(text)
    except TextError as exc:
        raise TextError(f"{path.name}: {exc}") from None
