"""A person's own labelled sentences: a CSV or TSV file of (text, label) rows.

The file may have a header naming ``text`` and ``label`` columns (in any
order, other columns ignored); without one, the first column is the text
and the second the label. ``.tsv`` files are split at tabs, ``.csv`` at
commas, anything else at whichever of the two the first line uses. The
bytes are read as UTF-8 (with or without a byte-order mark), else as
Windows-1258, the code page of Vietnamese Windows; text is NFC-normalised
by the tokeniser either way. Every problem is a :class:`TextFileError` that
names the file, the line when there is one, and what to do.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from dlviz.core.data.text import TextError
from dlviz.core.data.text_dataset import TextDataset, split_text_dataset
from dlviz.core.data.text_vocabulary import Vocabulary

MAX_BYTES = 64 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "cp1258")
#: Sequences longer than this many tokens are cut (a note says how many).
MAX_LENGTH = 200
MAX_CLASSES = 100


class TextFileError(TextError):
    """A text file that cannot be read as (text, label) rows; ``str()`` says why."""


def read_text_file(path) -> tuple[list[str], list[str], list[str]]:
    """``(texts, labels, notes)`` of the rows of a CSV/TSV file (see module doc)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise TextFileError(f"{name} is a folder; choose a .csv or .tsv file")
        if size > MAX_BYTES:
            raise TextFileError(f"{name} is {size / 2**20:.0f} MB; dlviz reads text files of "
                                f"at most {MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise TextFileError(f"cannot read {name}: {exc.strerror or exc}") from None
    text, encoding = _decode(data, name)
    notes = [] if encoding == "utf-8-sig" else [f"{name} read as Windows-1258 (not UTF-8)"]
    if not text.strip():
        raise TextFileError(f"{name} is empty; it needs one (text, label) row per line")
    delimiter = _delimiter(path, text)
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise TextFileError(f"{name} is not a valid {_kind(delimiter)} file: {exc}") from None
    if not rows:  # e.g. a lone quote: text, but no cell with anything in it
        raise TextFileError(f"{name} has no rows with text; it needs one (text, label) "
                            "row per line")
    text_col, label_col, start = _columns(rows[0], name, delimiter)
    texts, labels, skipped = [], [], 0
    for number, row in enumerate(rows[start:], start=start + 1):
        if len(row) <= max(text_col, label_col):
            raise TextFileError(
                f"{name}, row {number}: {len(row)} column(s) where text and label need "
                f"{max(text_col, label_col) + 1}; is it a {_kind(delimiter)} file "
                "with one (text, label) row per line?")
        sentence, label = row[text_col].strip(), row[label_col].strip()
        if not sentence or not label:
            skipped += 1
            continue
        texts.append(sentence)
        labels.append(label)
    if skipped:
        notes.append(f"skipped {skipped} row(s) with an empty text or label")
    if len(texts) < 2:
        raise TextFileError(f"{name} has {len(texts)} usable row(s); training needs "
                            "several sentences of at least two labels")
    return texts, labels, notes


def load_text_file(path, *, vocabulary: Vocabulary | None = None, level: str = "word",
                   max_length: int = MAX_LENGTH, seed: int = 0,
                   test_fraction: float = 0.2) -> TextDataset:
    """The file as a :class:`TextDataset` (labels sorted; numbers numerically).

    Args:
        vocabulary: encode with this one (a model's own); None builds one
            from the file.
        max_length: cut sequences after this many tokens.
    """
    name = Path(path).name
    texts, labels, notes = read_text_file(path)
    names = sorted(set(labels), key=_label_order)
    if len(names) < 2:
        raise TextFileError(f"every row of {name} has the label {names[0]!r}; a classifier "
                            "needs at least two labels to tell apart")
    if len(names) > MAX_CLASSES:
        raise TextFileError(f"{name} has {len(names):,} different labels; is the label "
                            "column really the second one (or named 'label')?")
    own = vocabulary is None
    if own:
        vocabulary = Vocabulary.build(texts, level=level)
    lengths = [len(vocabulary.tokenize(t)) for t in texts]
    length = max(1, min(max(lengths), int(max_length)))
    cut = sum(n > length for n in lengths)
    if cut:
        notes.append(f"{cut} sentence(s) cut after {length} tokens")
    if not own:
        unknown = np.mean([vocabulary.unknown_share(t) for t in texts])
        notes.append(f"encoded with the model's own vocabulary ({len(vocabulary):,} tokens); "
                     f"{unknown:.0%} of this data's tokens are unknown to it")
    index = {label: i for i, label in enumerate(names)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    return split_text_dataset(vocabulary.encode_batch(texts, length), y, names, vocabulary,
                              texts=texts, seed=seed, test_fraction=test_fraction,
                              name=name, notes=notes)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise TextFileError(f"{name} holds binary data (or UTF-16); save it as UTF-8 "
                            "text, e.g. 'CSV UTF-8' in a spreadsheet")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TextFileError(f"{name} is neither UTF-8 nor Windows-1258 text; save it as UTF-8")


def _delimiter(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    first = text.lstrip().splitlines()[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def _kind(delimiter: str) -> str:
    return "TSV (tab-separated)" if delimiter == "\t" else "CSV (comma-separated)"


def _columns(header: list[str], name: str, delimiter: str) -> tuple[int, int, int]:
    """``(text column, label column, first data row)``."""
    names = [cell.strip().lower() for cell in header]
    if "text" in names and "label" in names:
        return names.index("text"), names.index("label"), 1
    if "text" in names or "label" in names:
        missing = "label" if "text" in names else "text"
        raise TextFileError(f"{name}: the header names no '{missing}' column; it has "
                            f"{', '.join(repr(c) for c in header[:6])}")
    if len(header) < 2:
        raise TextFileError(f"{name}: the first row has one column; a {_kind(delimiter)} "
                            "file needs a text column and a label column")
    return 0, 1, 0


def _label_order(label: str):
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
