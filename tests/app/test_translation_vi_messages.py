"""The Vietnamese interface, part two: what the core says and how numbers are written.

``dlviz.core`` writes its sentences in English; the window shows them in
Vietnamese by their shape (``core_messages``, ``core_errors``, the builder's
``builder_messages``). These tests raise the real ones (a broken builder row,
broken images, hostile model files, empty and unknown text, an absurd learning
rate) and check that none reads as English, and that counts and values are
written 1.234.567 and 0,5 (``numbers``). Part one (the catalogue, the window,
the explainers, the language menu) is ``test_translation_vi.py``.
"""

import re

import pytest
from PySide6.QtWidgets import QApplication

from dlviz.app.i18n import remove_translator
from test_translation_vi import (ENGLISH_WORDS, NAMES, VIETNAMESE, english_left,  # noqa: F401
                                 untranslated, vi_window, vietnamese)

def reads_english(text: str) -> bool:
    """Two common English words (names aside) and no Vietnamese letter."""
    words = re.findall(r"[A-Za-z]+", re.sub(r"<[^>]+>", " ", text))
    common = [w for w in words if w.lower() in ENGLISH_WORDS and w not in NAMES]
    return len(common) >= 2 and not VIETNAMESE.search(text)


def shots_dir(tmp_path):
    import os
    from pathlib import Path

    folder = Path(os.environ.get("DLVIZ_SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_builder_error_row_in_vietnamese(qtbot, vietnamese, tmp_path):
    """Spatial size below 1 and mismatched Add shapes, marked on their rows in Vietnamese,
    the totals written with Vietnamese separators."""
    from dlviz.app.builder.builder_panel import BuilderPanel
    from dlviz.core.builder.architecture import Architecture, LayerSpec
    from dlviz.core.builder.inference import infer

    new = LayerSpec.new
    arch = Architecture((
        new("InputLayer", "image", batch_shape=[None, 8, 8, 3]),
        new("Conv2D", "wide", ("image",), filters=64, kernel_size=[3, 3], padding="same"),
        new("Conv2D", "too_big", ("wide",), filters=8, kernel_size=[9, 9], padding="valid"),
        new("Conv2D", "a", ("wide",), filters=4),
        new("Conv2D", "b", ("wide",), filters=4, strides=[2, 2]),
        new("Add", "sum", ("a", "b")),
        new("Flatten", "flat", ("sum",)),
    ), "sai")
    panel = BuilderPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 650)
    panel.show()
    panel.set_architecture(arch)
    panel.table.select_name("too_big")
    rows = {r.name: r for r in infer(arch)}
    problem = {name: panel.table.item(i, 7).text() for i, name in enumerate(panel.table.names)}
    assert problem["too_big"] == ("chiều cao (8) nhỏ hơn cửa sổ (9) với padding 'valid': đầu ra "
                                  "sẽ là 0. Hãy dùng padding 'same', hạt nhân nhỏ hơn, hoặc bỏ "
                                  "bớt một tầng gộp phía trước")
    assert problem["sum"].startswith("Add cần các đầu vào cùng kích thước, nhưng nhận "
                                     "(8, 8, 4), (4, 4, 4)")
    assert problem["flat"] == "phụ thuộc vào 'sum', tầng đang có lỗi (xem dòng đó)"
    assert rows["too_big"].error != problem["too_big"]   # the core stays English
    assert panel.form.problem.text() == problem["too_big"]
    assert panel.problems.text().startswith("⚠ 3 ")
    params = 3 * 3 * 3 * 64 + 64 + 2 * (3 * 3 * 64 * 4 + 4)
    assert f"{params:,}".replace(",", ".") in panel.totals.text()   # 1.792 + ..., not 1,792
    assert english_left(panel) == [] and untranslated(panel) == []
    QApplication.processEvents()   # the wrapped lines take their heights
    panel.grab().save(str(shots_dir(tmp_path) / "builder_error_row_vi.png"))


def test_numbers_follow_the_interface_language(qtbot, vietnamese):
    from dlviz.app.numbers import count_text, decimal_text, percent_text, short_number
    from dlviz.app.views.cost_view import percent
    from dlviz.app.views.layer_table import LayerTableView
    from dlviz.core.summary import LayerRow, ModelSummary

    assert count_text(1234567) == "1.234.567" and decimal_text(0.5) == "0,5"
    assert percent_text(0.72) == percent(0.72) == "72,0 %" and short_number(15_470_000_000) == "15,47 G"
    rows = (LayerRow("dense", "Dense", "(None, 1000)", 1_234_567, True, 2_345_678, None),)
    table = LayerTableView()
    qtbot.addWidget(table)
    table.show_summary("big", ModelSummary("big", rows, 1_234_567, 1_234_567, 2_345_678))
    assert "1.234.567" in table.totals.text() and "2.345.678 (2,35 M)" in table.totals.text()
    assert table.tree.topLevelItem(0).text(3) == "1.234.567"
    assert table.footer.topLevelItem(0).text(4) == "2.345.678"
    remove_translator(QApplication.instance())    # English again: English separators
    assert count_text(1234567) == "1,234,567" and percent(0.72) == "72.0 %"
    assert short_number(15_470_000_000) == "15.47 G"


def _bad_images(folder):
    from PIL import Image

    (folder / "notes.png").write_text("hello, I am text")
    Image.new("RGB", (200, 150), "red").save(folder / "full.jpg")
    (folder / "cut.jpg").write_bytes((folder / "full.jpg").read_bytes()[:600])
    (folder / "empty.png").write_bytes(b"")
    (folder / "doc.pdf").write_bytes(b"%PDF-1.4 hello")
    return ["notes.png", "cut.jpg", "empty.png", "doc.pdf", "missing.png", "."]


def _bad_model_files(folder):
    import json
    import zipfile

    (folder / "notes.keras").write_text("not a zip")
    (folder / "zeros.h5").write_bytes(b"\0" * 100)
    (folder / "m.onnx").write_bytes(b"\0" * 100)
    with zipfile.ZipFile(folder / "noconfig.keras", "w") as archive:
        archive.writestr("metadata.json", "{}")
    with zipfile.ZipFile(folder / "badjson.keras", "w") as archive:
        archive.writestr("config.json", "{not json")
    with zipfile.ZipFile(folder / "bomb.keras", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", json.dumps({"pad": " " * (17 << 20)}))
    return ["notes.keras", "zeros.h5", "m.onnx", "noconfig.keras", "badjson.keras",
            "bomb.keras", "missing.keras", "."]


def _hostile_model_files(folder):
    """(file name, unsafe reasons) of a file whose Lambdas call os.system and one that
    needs a class not installed here; both are refused before anything runs."""
    import json
    import zipfile

    from dlviz.core.prescan import prescan

    def layer(cls, name, module="keras.layers", **config):
        return {"module": module, "class_name": cls, "registered_name": None,
                "config": {"name": name, **config}}

    call = {"module": "os", "class_name": "function", "config": "system",
            "registered_name": "system"}
    made = []
    for name, layers in (
            ("lambda.keras", [layer("Lambda", "fetch", function=call),
                              layer("Lambda", "again", function=call)]),
            ("unknown.keras", [layer("Wobble", "w", module="evil.mod")])):
        config = {"module": "keras", "class_name": "Sequential", "registered_name": None,
                  "config": {"name": "handmade", "layers": [
                      layer("InputLayer", "in", batch_shape=[None, 4]), *layers]}}
        with zipfile.ZipFile(folder / name, "w") as archive:
            archive.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
            archive.writestr("config.json", json.dumps(config))
        made.append((name, list(prescan(folder / name).unsafe_reasons)))
    return made


def test_the_cores_refusals_of_images_model_files_and_text_in_vietnamese(vietnamese, tmp_path):
    """Real errors raised by the core (it stays English) show no English in the window."""
    from test_text_gate_view import VOCAB, model_of

    from dlviz.app.core_messages import core_message
    from dlviz.core.data.image_errors import ImageLoadError
    from dlviz.core.data.images import read_image
    from dlviz.core.data.text import TextError
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.prescan import prescan
    from dlviz.core.prescan_errors import ModelFileError
    from dlviz.core.probes.text_encoding import encode_text

    said = []
    for name in _bad_images(tmp_path):
        with pytest.raises(ImageLoadError) as caught:
            read_image(tmp_path / name)
        said.append(str(caught.value))
    bomb = tmp_path / "huge.png"
    from PIL import Image
    Image.new("L", (3000, 3000)).save(bomb)
    with pytest.raises(ImageLoadError) as caught:
        read_image(bomb, max_pixels=1_000_000)
    said.append(str(caught.value))
    for name in _bad_model_files(tmp_path):
        with pytest.raises(ModelFileError) as caught:
            prescan(tmp_path / name)
        said.append(str(caught.value))
    from dlviz.core.modelio import load_model

    for name, reasons in _hostile_model_files(tmp_path):
        with pytest.raises(ModelFileError) as caught:
            load_model(tmp_path / name)
        said.append(str(caught.value))
        said += reasons
    # What the consent dialog's details say of the hostile file, line by line.
    details = [line for line in prescan(tmp_path / "lambda.keras").describe().split("\n")
               if not line.startswith(("SHA-256", "  InputLayer", "  Lambda"))]
    assert len(details) == 7
    said += details
    model = model_of(import_keras().layers.LSTM)
    for text in ("", "   ", "x" * 1_000_001):
        with pytest.raises(TextError) as caught:
            encode_text(model, text, VOCAB)
        said.append(str(caught.value))
    said += list(encode_text(model, "zebra quokka", VOCAB).notes)     # no known word
    said += list(encode_text(model, "the zebra film", VOCAB).notes)   # one unknown
    assert len(said) == 6 + 1 + 8 + 2 + 2 + 7 + 3 + 2   # two Lambdas: a reason each
    for english in said:
        shown = core_message(english)
        assert shown != english and VIETNAMESE.search(shown), english
        assert not reads_english(shown), (english, shown)
    assert "9.000.000 điểm ảnh" in core_message(said[6])   # counts in Vietnamese separators


def test_a_nan_loss_and_bad_data_are_said_in_vietnamese(vietnamese):
    import numpy as np

    from dlviz.app.views.training_messages import stop_message
    from dlviz.core.data import Dataset
    from dlviz.core.kerasenv import import_keras
    from dlviz.core.training.config import TrainingConfig
    from dlviz.core.training.data import DataRejected
    from dlviz.core.training.session import TrainingSession
    from dlviz.app.core_messages import core_message

    keras = import_keras()   # as tests/core/test_training_session.py: overflows to NaN
    rng = np.random.default_rng(0)
    y = np.arange(192) % 2
    x = (rng.random((192, 8, 8, 1), dtype=np.float32) * 0.5 + 0.5 * y[:, None, None, None])
    x = (x * 1e3).astype(np.float32)
    data = Dataset(x, y.astype(np.int64), x[:32].copy(), y[:32].astype(np.int64),
                   ("dark", "bright"))
    inputs = keras.Input((8, 8, 1))
    hidden = keras.layers.Dense(8)(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(hidden))
    cfg = TrainingConfig(epochs=2, batch_size=16, validation_split=0.25, optimizer="sgd",
                         learning_rate=1e6)
    result = TrainingSession(model, data, cfg, emit=lambda e: None).run()
    assert result.reason == "nan"
    text, level = stop_message(result, 3)
    assert level == "warning" and "Hàm mất mát thành NaN hoặc vô cùng ở epoch 1" in text
    assert not reads_english(text) and "learning rate" not in text
    broken = x.copy()
    broken[0, 0, 0, 0] = np.nan
    with pytest.raises(DataRejected) as caught:
        TrainingSession(model, Dataset(broken, data.y_train, x[:8], data.y_train[:8],
                                       ("a", "b")), cfg, emit=lambda e: None).run()
    assert core_message(str(caught.value)).startswith("dữ liệu đầu vào chứa 1 giá trị NaN")


def test_the_window_banner_shows_the_cores_refusals_in_vietnamese(vi_window, tmp_path):
    from dlviz.core.prescan import prescan
    from dlviz.core.prescan_errors import ModelFileError

    (tmp_path / "notes.keras").write_text("not a zip")
    with pytest.raises(ModelFileError) as caught:
        prescan(tmp_path / "notes.keras")
    vi_window.banner.show_message(str(caught.value))
    assert vi_window.banner.text() == ("notes.keras không phải tệp mô hình Keras (nó chứa văn "
                                       "bản thuần); có phải một tệp khác đã bị đổi tên?")
    assert english_left(vi_window) == []


def test_training_notes_and_sentences_inside_sentences_are_translated(vietnamese):
    """A field that is itself a template is translated in turn; counts get Vietnamese
    separators; a field the core copies from elsewhere (an exception) stays as it came."""
    from dlviz.app.core_messages import core_message

    assert core_message("trainable parameters: 61,706 of 1,234,567") == \
        "tham số huấn luyện được: 61.706 trên 1.234.567"
    assert core_message("froze the first 3 layers: c1, c2, c3") == "đóng băng 3 tầng đầu: c1, c2, c3"
    assert core_message("y.bin is a .bin file; dlviz opens Keras models saved as .keras (or "
                        "legacy .h5)").startswith("y.bin là một tệp .bin; dlviz mở")
    nested = core_message("layer 'conv': the height (4) is smaller than the window (9) with "
                          "'valid' padding: the output would be 0. Use 'same' padding, a smaller "
                          "kernel, or remove a pooling layer before it")
    assert nested.startswith("tầng 'conv': chiều cao (4) nhỏ hơn cửa sổ (9)")
    assert core_message("Keras could not load m.keras: ValueError: bad") == \
        "Keras không nạp được m.keras: ValueError: bad"
    # A listed phrase wins over a template that would also match it ("a {suffix} file").
    assert core_message("a safetensors weights file") == "một tệp trọng số safetensors"


def test_the_costs_tab_in_vietnamese_numbers(qtbot, vietnamese, tmp_path):
    from dlviz.app.views.cost_view import CostView
    from dlviz.core.costs.compare import compare_networks, conv_choices

    view = CostView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    choices = conv_choices(None)
    view.show_choices(choices)
    (lenet,) = compare_networks(("lenet5",))
    view.networks.show_rows((lenet,))
    view.show()
    QApplication.processEvents()
    assert "72,0 %" in view.kernel_verdict.text()          # 2×9/25, with a decimal comma
    table = view.networks.table
    assert table.item(0, 2).text() == "61.706" == f"{lenet.params:,}".replace(",", ".")
    assert table.item(0, 3).text() == "416.520  (416,52 k)"
    assert english_left(view) == [] and untranslated(view) == []
    view.grab().save(str(shots_dir(tmp_path) / "costs_vi.png"))


def test_the_training_tab_says_how_a_run_starts_in_vietnamese(qtbot, vietnamese):
    """The start line's counts and the core's notes (a head rebuilt), as the engine sends them."""
    from dlviz.app.views.training_view import TrainingView
    from dlviz.core.training.events import TrainingStarted

    view = TrainingView()
    qtbot.addWidget(view)
    view.on_training_started(TrainingStarted(
        epochs=5, steps_per_epoch=45, samples=1440, device="CPU", trainable_params=1020885,
        notes=("LeNet-5 rebuilt with 2 outputs for this data (was 10)",)))
    text = view.hint.text()
    assert "1.440" in text and "1.020.885" in text
    assert "LeNet-5" in text and not reads_english(text), text
    assert "rebuilt" not in text


def test_a_text_training_sets_notes_are_translated(vietnamese):
    # Found in the Vietnamese window: the training header said "3,000 generated
    # Vietnamese sentences (seeded); tokens are syllables ..." in English.
    from dlviz.app.core_messages import core_message
    from dlviz.core.data.sentiment import load_sentiment
    from dlviz.core.data.text_sets import reencode
    from dlviz.core.data.text_vocabulary import Vocabulary

    data = load_sentiment("vi", n=3000)
    assert core_message(data.notes[0]) == ("3.000 câu tiếng Việt được sinh tự động (cố định "
                                           "theo seed); token là âm tiết ('học sinh' là hai token)")
    other = reencode(data, Vocabulary.build(["không tệ chút nào"] * 2 + ["hay"]))
    said = core_message(other.notes[-1])
    assert said.startswith("mã hoá bằng từ vựng riêng của mô hình (") and "từ lạ" in said
