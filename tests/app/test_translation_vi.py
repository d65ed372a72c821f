"""The Vietnamese interface: the catalogue is complete and the window shows no English.

Scope, said plainly: every string written in ``dlviz/app`` (menus, tabs, docks,
panels, buttons, labels, hints, tooltips, combo items, table cells, status and
banner messages) and the core's labels the window shows (``core_texts``: data
sets, the model library's groups, titles and descriptions, gate names) are in
the catalogue and translated. ``dlviz.core`` never imports Qt and writes its
sentences in English; the window translates those it knows by their shape
(``core_messages``, ``core_errors``): why a view cannot draw, filter notes, how
an image was fitted, the builder's row problems, and the refusals of images,
model files, text and training data, and how a run ended (NaN loss);
``test_translation_vi_messages.py`` raises the real ones (broken images, hostile
model files, empty and unknown text, an absurd learning rate) and checks that
none reads as English, and that counts are written with the language's
separators (``numbers``). What is left
in English: text inside a field that the core copies from elsewhere (a Python
exception's words after "Keras could not load x:"), names, units and formulas.
``ENGLISH_FROM_CORE`` lists the kinds of those seen on the screens walked here,
so any other English that appears fails.
"""

import inspect
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDockWidget, QGroupBox,
                               QLabel, QLineEdit, QMenu, QTabBar, QTableWidget, QTreeWidget,
                               QWidget)

from dlviz.app.core_texts import shown_core_texts
from dlviz.app.i18n import (LANGUAGE_KEY, catalogue_path, install_translator, remove_translator,
                            saved_language, translations_dir)
from dlviz.app.language_menu import RESTART_NOTE
from dlviz.app.window_layout import layout_settings

TS_FILE = translations_dir() / "dlviz_vi.ts"
#: Written in English on purpose: names, units and formulas, the same in Vietnamese courses.
NAMES = {"dlviz", "LSTM", "GRU", "SimpleRNN", "Keras", "TensorFlow", "Adam", "RMSprop", "SGD",
         "Dropout", "Grad-CAM", "CTC", "ImageNet", "MNIST", "CIFAR-10", "Fashion-MNIST", "PNG",
         "SVG", "CNN", "CRNN", "ReLU", "softmax", "epoch", "viridis", "magma", "grey", "gray",
         "inferno", "plasma", "cividis", "turbo", "x", "h", "c"}
#: English common words: a visible text with two of them and no Vietnamese letter is English.
ENGLISH_WORDS = set("""the and of to a is in for on with from by this that it its be are was
not no or as at an each one open model image layer layers pick choose drop type click show
what where which see load loading select train training data file files set use your more
""".split())
#: English the window shows from ``dlviz.core`` (see the module docstring), as patterns.
ENGLISH_FROM_CORE: list[re.Pattern] = []   # none seen on the screens walked here
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]",
                        re.IGNORECASE)


def catalogue(ts_file=TS_FILE) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) of every message in the .ts file."""
    rows = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            rows.append((name, message.findtext("source"), translation.text or "",
                         translation.get("type")))
    return rows


def plain(text: str) -> str:
    """A shown text without its mnemonic ampersand and surrounding space."""
    return re.sub(r"&(?!&)", "", text).replace("&&", "&").strip()


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see or hover in ``window`` and its menus."""
    found = []

    def add(where, text):
        if text and text.strip():
            found.append((where, text))

    for widget in window.findChildren(QWidget):
        name = f"{type(widget).__name__}({widget.objectName()})"
        add(name + ".toolTip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(name, widget.text())
        elif isinstance(widget, QAbstractButton):
            add(name, widget.text())
        elif isinstance(widget, QGroupBox):
            add(name, widget.title())
        elif isinstance(widget, QLineEdit):
            add(name + ".placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{name}[{i}]", widget.itemText(i))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{name}.tab[{i}]", widget.tabText(i))
        elif isinstance(widget, QDockWidget):
            add(name + ".title", widget.windowTitle())
        elif isinstance(widget, QTableWidget):   # the builder's rows, the cost tables
            for col in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(col)
                add(f"{name}.header[{col}]", header.text() if header else "")
                add(f"{name}.header[{col}].toolTip", header.toolTip() if header else "")
                for row in range(widget.rowCount()):
                    item = widget.item(row, col)
                    if item is not None:
                        add(f"{name}[{row},{col}]", item.text())
                        add(f"{name}[{row},{col}].toolTip", item.toolTip())
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for col in range(widget.columnCount()):
                add(f"{name}.header[{col}]", header.text(col))
            for i in range(widget.topLevelItemCount()):
                group = widget.topLevelItem(i)
                add(f"{name}.item", group.text(0))
                for j in range(group.childCount()):
                    add(f"{name}.item", group.child(j).text(0))
    add("window.title", window.windowTitle())

    def walk_menu(menu, path):
        for action in menu.actions():
            add(f"{path}>{action.text()}", action.text())
            add(f"{path}>{action.text()}.toolTip", action.toolTip()
                if action.toolTip() != plain(action.text()) else "")
            if action.menu() is not None:
                walk_menu(action.menu(), f"{path}>{action.text()}")

    if hasattr(window, "menuBar"):
        walk_menu(window.menuBar(), "menu")
    for menu in window.findChildren(QMenu):
        walk_menu(menu, "menu")
    return found


def untranslated(window) -> list[str]:
    """Texts shown in English although the catalogue has their Vietnamese."""
    translated = {plain(src): plain(tr) for _ctx, src, tr, _t in catalogue() if tr and src != tr}
    left = []
    for where, text in visible_texts(window):
        for part in [text, *text.split("\n")]:
            if plain(part) in translated:
                left.append(f"{where}: {part!r}")
    return sorted(set(left))


def english_left(window) -> list[str]:
    """Visible texts that read as English (two common English words, no Vietnamese letter)."""
    left = []
    for where, text in visible_texts(window):
        text = re.sub(r"<[^>]+>", " ", text)
        words = re.findall(r"[A-Za-z]+", text)
        common = [w for w in words if w.lower() in ENGLISH_WORDS and w not in NAMES]
        if len(common) >= 2 and not VIETNAMESE.search(text) \
                and not any(pattern.search(text) for pattern in ENGLISH_FROM_CORE):
            left.append(f"{where}: {text!r}")
    return sorted(set(left))


@pytest.fixture
def vietnamese(qtbot):
    """The Vietnamese catalogue installed for the test, English again after it."""
    app = QApplication.instance()
    assert install_translator(app, "vi") == "vi"
    yield
    remove_translator(app)


@pytest.fixture
def vi_window(qtbot, vietnamese):
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_the_catalogue_has_a_translation_for_every_string_and_keeps_placeholders():
    rows = catalogue()
    assert len(rows) > 400 and catalogue_path("vi").stat().st_size > 20_000
    unfinished = [(ctx, src) for ctx, src, tr, kind in rows if kind == "unfinished" or not tr]
    assert not unfinished, f"{len(unfinished)} strings without Vietnamese: {unfinished[:20]}"
    for ctx, src, tr, _kind in rows:
        # .format() fields and HTML tags must survive translation unchanged.
        assert sorted(re.findall(r"\{[^}]*\}", src)) == sorted(re.findall(r"\{[^}]*\}", tr)), \
            (ctx, src, tr)
        assert sorted(re.findall(r"</?\w+", src)) == sorted(re.findall(r"</?\w+", tr)), (ctx, src)


def test_the_core_labels_the_window_shows_are_in_the_catalogue():
    core = {src for ctx, src, _tr, _kind in catalogue() if ctx == "CoreTexts"}
    missing = [text for text in shown_core_texts() if text not in core]
    assert not missing, f"run scripts/make_translations.py: {missing}"


def test_the_courses_terms_are_used():
    vi = {src: tr for _ctx, src, tr, _kind in catalogue()}
    assert vi["forget gate f"] == "cổng quên f"
    assert vi["update gate z"] == "cổng cập nhật z"
    assert vi["reset gate r"] == "cổng xóa r"
    assert vi["cell state c"] == "trạng thái ô c"
    assert vi["Feature maps"] == "Bản đồ đặc trưng"
    assert vi["Learning rate"] == "Tốc độ học"


def test_the_vietnamese_window_shows_no_english_from_the_catalogue(vi_window):
    window = vi_window
    texts = dict(visible_texts(window))
    assert window.tabs.tabText(window.tabs.indexOf(window.gates_tab)) == "Các cổng"
    assert window.menuBar().actions()[0].text() == "&Tệp"
    assert window.training_panel.start_button.text() == "Bắt đầu"
    assert len(texts) > 100   # the walk reached the panels, not only the menus
    for tab in range(window.tabs.count()):   # every tab's own widgets shown once
        window.tabs.setCurrentIndex(tab)
    window.window_layout.show_training_controls()
    assert untranslated(window) == []
    assert english_left(window) == []


def test_the_explain_window_in_vietnamese(vi_window):
    from dlviz.app.explainers.explain_menu import open_explainer
    from dlviz.app.explainers.explainer_window import PAGES

    for page in PAGES:
        explainer = open_explainer(vi_window, page)
    assert explainer.windowTitle() == "dlviz — giải thích các phép toán"
    assert len(visible_texts(explainer)) > 30   # all four pages' controls, not only the title
    assert untranslated(explainer) == []
    assert english_left(explainer) == []
    shown = " ".join(text for _where, text in visible_texts(explainer))
    assert "tổng = 1,000" in shown and "Leaky ReLU α = 0,10" in shown   # Vietnamese decimals
    assert "Kích thước đầu ra = ⌊(n + 2p − k) / s⌋ + 1" in shown
    from PySide6.QtWidgets import QDoubleSpinBox

    kernel = explainer.findChildren(QDoubleSpinBox)
    assert kernel and all("," in box.text() and "." not in box.text() for box in kernel)
    explainer.close()


@pytest.mark.slow
def test_a_model_and_an_image_shown_in_vietnamese(qtbot, vietnamese, tmp_path):
    """The texts that appear only with a model and an image: titles, stats, predictions."""
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    try:
        with qtbot.waitSignal(win.bridge.engine_ready, timeout=120_000):
            win.start_engine()
        digit = next(p for p in win.gallery.paths() if "digit" in str(p))
        win.library.choose("lenet5-digits")
        with qtbot.waitSignal(win.images.analysis_shown, timeout=120_000):
            win.open_image(str(digit))
        win.tabs.setCurrentWidget(win.maps_view)
        assert "kênh" in win.maps_view.title.text()            # "c1_conv · 28×28 × 6 kênh · ..."
        assert win.prediction_view.title.text().startswith("Dự đoán:")
        for tab in range(win.tabs.count()):   # every view says why it has nothing, in Vietnamese
            win.tabs.setCurrentIndex(tab)
        assert win.gate_view.hint.text().startswith("'lenet5' không có tầng hồi tiếp")
        assert "đổi kích thước" in win.statusBar().currentMessage()   # how the image was fitted
        assert win.library.description.text().startswith("LeNet-5, đã huấn luyện trên chữ số: 10 lớp")
        assert win.layer_table.notes.text().startswith("đầu vào 32x32x1, 10 lớp, trọng số từ")
        assert untranslated(win) == []
        assert english_left(win) == []
        # Bad inputs: the core's refusals reach the banner in Vietnamese.
        from test_image_workflow import drop

        (tmp_path / "notes.png").write_text("hello, I am text")
        with qtbot.waitSignal(win.images.problem_reported, timeout=60_000):
            drop(win, tmp_path / "notes.png")
        assert win.banner.text().startswith("notes.png không phải ảnh")
        assert english_left(win) == []
        for name, start in (("notes.keras", "notes.keras không phải tệp mô hình Keras"),
                            ("gone.keras", "Không tìm thấy gone.keras")):
            if name == "notes.keras":
                (tmp_path / name).write_text("not a zip")
            with qtbot.waitSignal(win.bridge.job_failed, timeout=60_000):
                win.open_model_file(str(tmp_path / name))
            assert win.banner.text().startswith(start), win.banner.text()
            assert english_left(win) == []
    finally:
        win.close()


def test_the_cores_sentences_are_translated_by_their_shape(vietnamese):
    from dlviz.app.core_messages import TEMPLATES, core_message, core_notes

    vi = {src: tr for ctx, src, tr, _kind in catalogue() if ctx == "CoreMessages"}
    assert set(TEMPLATES) <= set(vi)
    from dlviz.app.core_errors import PHRASES
    from dlviz.app.core_messages import all_templates

    # The builder's row problems and the image loader's messages are data in the core:
    # a new one fails here until scripts/make_translations.py lists it and it is translated.
    missing = [t for t in (*all_templates(), *PHRASES) if not vi.get(t)]
    assert not missing, f"run scripts/make_translations.py and translate: {missing}"
    said = ("'lenet5' takes input of shape (None, 20), not images (batch, height, width, "
            "channels), so it has no feature maps to show")
    assert core_message(said) == ("'lenet5' nhận đầu vào có kích thước (None, 20), không phải "
                                  "ảnh (lô, cao, rộng, kênh), nên nó không có bản đồ đặc trưng "
                                  "nào để hiển thị")
    assert core_message("Something new the core says.") == "Something new the core says."
    from dlviz.core.zoo.registry import REGISTRY

    from dlviz.core.probes.sequence_results import BACKWARD_NOTE, MASK_NOTE

    assert {BACKWARD_NOTE, MASK_NOTE} <= set(TEMPLATES)   # word for word as the core writes them
    trained = [e for e in REGISTRY.values() if e.kind == "Trained"]
    assert trained and all(core_message(e.description) != e.description for e in trained)
    assert core_notes("resized 640x480 -> 32x32 (aspect not kept), converted RGB -> grey; "
                      "Pillow warned: odd") == ("đổi kích thước 640x480 -> 32x32 (không giữ tỉ "
                                                "lệ), chuyển RGB -> ảnh xám; Pillow warned: odd")


def test_a_sentence_seen_in_english_is_translated_once_vietnamese_is_installed(qtbot):
    # core_message remembers its answers; a new catalogue must not get the old ones.
    from PySide6.QtWidgets import QApplication

    from dlviz.app.core_messages import core_message
    from dlviz.app.i18n import install_translator, remove_translator

    said = "Something new the core says."
    phrase = ("'lenet5' takes input of shape (None, 20), not images (batch, height, width, "
              "channels), so it has no feature maps to show")
    app = QApplication.instance()
    remove_translator(app)
    assert core_message(phrase) == phrase and core_message(said) == said
    try:
        install_translator(app, "vi")
        assert core_message(phrase).startswith("'lenet5' nhận đầu vào")
        assert core_message(said) == said
    finally:
        remove_translator(app)
    assert core_message(phrase) == phrase


def test_choosing_a_language_is_remembered_for_the_next_launch(qtbot):
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    assert saved_language() == "en"
    actions = {a.data(): a for a in win.language_actions.actions()}
    assert [a.text() for a in win.language_actions.actions()] == ["English", "Tiếng Việt"]
    assert actions["en"].isChecked()
    actions["vi"].trigger()
    assert layout_settings().value(LANGUAGE_KEY) == "vi" and saved_language() == "vi"
    assert "Tiếng Việt" not in win.statusBar().currentMessage()   # says restart, in both
    assert "mở lại dlviz" in win.statusBar().currentMessage()
    assert not win.banner.isHidden() and win.banner.text() == RESTART_NOTE   # not only 15 s
    assert "starts again" in RESTART_NOTE and "mở lại dlviz" in RESTART_NOTE
    menu = win.findChild(QMenu, "language_menu")
    note = [a for a in menu.actions() if not a.isSeparator()][-1]
    assert note.text() == "Applies when dlviz starts again" and not note.isEnabled()
    actions["en"].trigger()                               # changed back: nothing to restart
    assert saved_language() == "en" and "stays in English" in win.banner.text()
    actions["vi"].trigger()
    win.close()
    from PySide6.QtCore import QSettings

    fresh = QSettings(layout_settings().fileName(), QSettings.Format.IniFormat)
    assert fresh.value(LANGUAGE_KEY) == "vi"              # on disk, for the next launch
    again = MainWindow(ask_unsafe=lambda *_: False)       # a new window ticks the saved one
    qtbot.addWidget(again)
    assert {a.data(): a.isChecked() for a in again.language_actions.actions()} == \
        {"en": False, "vi": True}
    again.close()
    app = QApplication.instance()
    try:
        assert install_translator(app) == "vi"           # the next launch starts in it
        assert QApplication.translate("TrainingPanel", "Start") == "Bắt đầu"
    finally:
        remove_translator(app)
    assert QApplication.translate("TrainingPanel", "Start") == "Start"


def test_an_unknown_saved_language_falls_back_to_english(monkeypatch):
    layout_settings().setValue(LANGUAGE_KEY, "klingon")
    assert saved_language() == "en"
    monkeypatch.setenv("DLVIZ_LANGUAGE", "vi")
    assert saved_language() == "vi"


def test_the_banner_offers_a_restart_that_starts_dlviz_again_and_closes(qtbot, monkeypatch):
    import os
    import sys

    from dlviz.app.language_menu import RESTART_NOW, restart
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    win.show()
    {a.data(): a for a in win.language_actions.actions()}["vi"].trigger()
    assert [b.text() for b in win.banner.buttons] == [RESTART_NOW]
    monkeypatch.setenv("DLVIZ_LANGUAGE", "en")   # a launch override must not survive it
    started = []
    assert restart(win, start=lambda *args: (started.append(args), (True, 4242))[1])
    assert started == [(sys.executable, sys.argv, os.getcwd())]
    assert "DLVIZ_LANGUAGE" not in os.environ and not win.isVisible()
    win.close()


def test_no_restart_is_offered_while_a_model_trains(qtbot, monkeypatch):
    from dlviz.app.main_window import MainWindow

    win = MainWindow(ask_unsafe=lambda *_: False)
    qtbot.addWidget(win)
    monkeypatch.setattr(type(win.training), "training", property(lambda self: True))
    {a.data(): a for a in win.language_actions.actions()}["vi"].trigger()
    assert win.banner.buttons == [] and "mở lại dlviz" in win.banner.text()
    win.close()


def test_the_views_write_their_numbers_as_vietnamese_does(vietnamese, qtbot):
    # Found in the Vietnamese window: "trung bình 0.0929", "star (100.0 %)".
    from dlviz.app.numbers import general_text
    from dlviz.app.views.class_bars_view import percent

    assert percent(0.7234) == "72,3 %" and percent(0.0004) == "< 0,1 %"
    assert general_text(0.0929) == "0,0929" and general_text(2.58) == "2,58"


def test_english_numbers_keep_their_points(qtbot):
    from dlviz.app.views.class_bars_view import percent

    assert percent(0.7234) == "72.3 %" and percent(0.0004) == "< 0.1 %"


def test_the_training_progress_bar_holds_its_vietnamese_text(vietnamese, qtbot):
    from dlviz.app.views.training_view import TrainingView, eta_text

    view = TrainingView()
    qtbot.addWidget(view)
    text = f"100 %  ·  {eta_text(59 * 60 + 59)}"
    assert text.endswith("giây")
    assert view.progress.minimumWidth() > view.progress.fontMetrics().horizontalAdvance(text)
