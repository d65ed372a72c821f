"""Users' CSV/TSV files: headers, encodings, and a clear message for every bad file."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlviz.core.data.text import TextError
from dlviz.core.data.text_files import TextFileError, load_text_file, read_text_file

ROWS = ["phim hay quá,pos", "phim dở tệ,neg", "không tệ chút nào,pos", "chán lắm,neg"] * 3


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese Windows bytes: vowels with their hat or horn, tones as marks."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def test_headerless_csv_first_column_text_second_label(tmp_path):
    data = load_text_file(write(tmp_path, "a.csv", "\n".join(ROWS)))
    assert data.class_names == ("neg", "pos") and data.task == "classify"
    assert len(data.y_train) + len(data.y_test) == 12
    assert data.x_train.dtype.kind == "i" and data.vocabulary is not None


def test_header_in_any_order_and_tsv(tmp_path):
    text = "label\tid\ttext\n" + "\n".join(f"{r.split(',')[1]}\t{i}\t{r.split(',')[0]}"
                                           for i, r in enumerate(ROWS))
    data = load_text_file(write(tmp_path, "a.tsv", text))
    assert data.class_names == ("neg", "pos")
    texts, labels, _ = read_text_file(tmp_path / "a.tsv")
    assert texts[0] == "phim hay quá" and labels[0] == "pos"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1258"])
def test_bom_and_vietnamese_windows_files(tmp_path, encoding):
    rows = "\n".join(["chào,pos", "tệ,neg", "hay,pos", "dở,neg"])
    path = write(tmp_path, "vn.csv", rows, encoding)
    texts, _, notes = read_text_file(path)
    data = load_text_file(path)
    assert "tệ" in data.vocabulary and texts[0] == "chào"
    assert ("Windows-1258" in " ".join(notes)) == (encoding == "cp1258")


def test_numeric_labels_sort_as_numbers(tmp_path):
    rows = "\n".join(f"sentence {i},{label}" for i, label in enumerate([10, 2, 10, 2, 1, 1]))
    assert load_text_file(write(tmp_path, "n.csv", rows)).class_names == ("1", "2", "10")


@pytest.mark.parametrize("content, why", [
    ("", "empty"),
    ("\n\n  \n", "empty"),
    ("only one column\nanother", "one column"),
    ("text,score\nhello,1", "no 'label' column"),
    ("a,pos\nb", "row 2: 1 column"),
    ("a,pos\nb,pos\nc,pos", "at least two labels"),
    ("a,pos", "1 usable row"),
    ("\"", "no rows with text"),
])
def test_bad_files_say_what_is_wrong(tmp_path, content, why):
    with pytest.raises(TextFileError, match=why):
        load_text_file(write(tmp_path, "bad.csv", content))


def test_binary_undecodable_missing_and_folder(tmp_path):
    with pytest.raises(TextFileError, match="binary"):
        load_text_file(write(tmp_path, "b.csv", "a,b", "utf-16"))
    (tmp_path / "x.csv").write_bytes(b"\x81\x8a\x8d,\x90\n")  # undefined in cp1258 too
    with pytest.raises(TextFileError, match="neither UTF-8"):
        load_text_file(tmp_path / "x.csv")
    with pytest.raises(TextFileError, match="cannot read"):
        load_text_file(tmp_path / "missing.csv")
    with pytest.raises(TextFileError, match="folder"):
        load_text_file(tmp_path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_data_or_a_text_error(tmp_path, blob):
    path = tmp_path / "any.csv"
    path.write_bytes(blob)
    try:
        data = load_text_file(path)
    except TextError:
        return
    assert data.num_classes >= 2


def test_a_models_vocabulary_encodes_the_file_and_says_how_much_is_unknown(tmp_path):
    from dlviz.core.data.text_vocabulary import Vocabulary

    vocabulary = Vocabulary.build(["phim hay", "phim dở"])
    data = load_text_file(write(tmp_path, "a.csv", "\n".join(ROWS)), vocabulary=vocabulary)
    assert data.vocabulary is vocabulary and int(data.x_train.max()) < len(vocabulary)
    assert "model's own vocabulary" in data.notes[-1] and "unknown" in data.notes[-1]
