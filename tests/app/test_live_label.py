"""LiveLabel: new text each live frame without laying the window out again."""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dlviz.app.views.live_label import LiveLabel


class LayoutRequests(QObject):
    """Counts the layout requests a window receives (one per relayout asked)."""

    def __init__(self, window):
        super().__init__()
        self.count = 0
        window.installEventFilter(self)

    def eventFilter(self, _watched, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def window_with(qtbot, label):
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("a heading"))
    layout.addWidget(label)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(10)
    return window


def relayouts_after(qtbot, window, change) -> int:
    requests = LayoutRequests(window)
    change()
    qtbot.wait(20)
    return requests.count


def test_a_qlabel_asks_the_window_for_a_layout_at_every_new_text(qtbot):
    # What LiveLabel is for (and that the counter sees it): a QLabel's new
    # numbers lay the window out again.
    label = QLabel("min 0.1 · max 2.5")
    label.setWordWrap(True)
    window = window_with(qtbot, label)
    assert relayouts_after(qtbot, window, lambda: label.setText("min 0.2 · max 2.7")) >= 1


def test_new_numbers_of_the_same_height_only_repaint(qtbot):
    label = LiveLabel("<b>Conv2D</b> · min 0.1 · max 2.5")
    window = window_with(qtbot, label)
    for value in ("2.7", "3.1", "0.04"):
        assert relayouts_after(qtbot, window, lambda: label.setText(
            f"<b>Conv2D</b> · min 0.1 · max {value}")) == 0
        assert label.text() == f"<b>Conv2D</b> · min 0.1 · max {value}"


def test_a_text_that_needs_more_lines_gets_them(qtbot):
    label = LiveLabel("one line")
    window = window_with(qtbot, label)
    one_line = label.height()
    long = " ".join(["a long sentence that wraps"] * 12)
    assert relayouts_after(qtbot, window, lambda: label.setText(long)) >= 1
    assert label.height() > 2 * one_line
    assert label.heightForWidth(label.width()) == label.height()


def test_a_line_keeps_its_place_until_it_needs_more_width(qtbot):
    label = LiveLabel(wrap=False, alignment=Qt.AlignmentFlag.AlignRight)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("training step 9,999,999"))
    window = window_with(qtbot, label)
    label.setText("training step 10")
    qtbot.wait(20)
    assert relayouts_after(qtbot, window, lambda: label.setText("training step 1,234")) == 0
    wide = "training step 1,234 " + "x" * 80
    assert relayouts_after(qtbot, window, lambda: label.setText(wide)) >= 1
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(wide) - 2


def test_rich_and_plain_text_and_a_larger_font(qtbot):
    label = LiveLabel("<b>bold</b> & plain")
    window = window_with(qtbot, label)  # noqa: F841 (kept: the label lives in it)
    assert label.text() == "<b>bold</b> & plain"
    assert label.accessibleName() == "bold & plain"   # read aloud without the markup
    plain = LiveLabel("1 < 2 & 3 > 2")   # not markup: shown as typed
    assert plain._doc.toPlainText() == "1 < 2 & 3 > 2"
    before = label.heightForWidth(300)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(300) > before


def test_the_text_is_painted_in_the_labels_colour(qtbot):
    label = LiveLabel("Channel 11 of 16 · from 0.0957 to 3.26")
    window = window_with(qtbot, label)  # noqa: F841 (kept: the label lives in it)
    picture = label.grab().toImage()
    text = label.palette().color(label.foregroundRole())
    dark = sum(1 for x in range(picture.width()) for y in range(picture.height())
               if QColor(picture.pixel(x, y)).lightness() < 100)
    assert text.lightness() < 100 and dark > 30   # drawn, dark on light


@pytest.mark.parametrize("text", ["", "Tiếng Việt: học sinh, mạng nơ-ron"])
def test_empty_and_vietnamese_text(qtbot, text):
    label = LiveLabel(text)
    window = window_with(qtbot, label)  # noqa: F841 (kept: the label lives in it)
    assert label.text() == text
    assert (label.heightForWidth(200) == 0) == (text == "")
