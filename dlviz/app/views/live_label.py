"""A label for text that changes with every live frame, without relaying out the window.

A ``QLabel`` asks its layout again whenever its text changes
(``updateGeometry``); the window then lays out every widget anew, and each
word-wrapped label measures its text again. While a model trains, the lines
that follow the frames (a training step, a layer's min and max, the loss)
change a few times a second, and those relayouts cost more GUI time than the
pictures: 3-4 ms a label a frame on two cores (``benchmarks/draw_cost.py``),
taken from training. ``LiveLabel`` paints its text itself and asks for a new
layout only when the text needs another height at its width (or, unwrapped,
more width than it has); otherwise a new text is one repaint.

It reads plain or rich text (``Qt.mightBeRichText``), as a QLabel does.

Example:
    >>> label = LiveLabel(wrap=True)   # doctest: +SKIP
    >>> label.setText("<b>Conv2D</b> · min 0 · max 3.2")   # doctest: +SKIP
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import Qt as GuiQt   # mightBeRichText lives in QtGui's Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

#: A wrapped label's width hint: the layout gives it its column's width anyway.
WRAPPED_WIDTH_HINT = 240


class LiveLabel(QWidget):
    """Text painted with a ``QTextDocument``; ``text()`` and ``setText()`` as a QLabel's.

    Args:
        text: the first text.
        wrap: wrap at the label's width (its height follows); else one line.
        alignment: ``Qt.AlignLeft`` (default) or ``Qt.AlignRight``.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, wrap: bool = True,
                 alignment=Qt.AlignmentFlag.AlignLeft):
        super().__init__(parent)
        self._wrap = wrap
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(self.font())
        option = QTextOption()
        option.setAlignment(alignment)
        option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap else QTextOption.WrapMode.NoWrap)
        self._doc.setDefaultTextOption(option)
        self._text = ""
        self._measured: tuple = ()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(wrap)
        self.setSizePolicy(policy)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (the QLabel name)
        """Show ``text``; a new layout only when it needs another size than it has."""
        text = str(text)
        if text == self._text and self._measured:
            return
        self._text = text
        if GuiQt.mightBeRichText(text):
            self._doc.setHtml(text)
        else:
            self._doc.setPlainText(text)
        self.setAccessibleName(self._doc.toPlainText())   # what a screen reader says, as a QLabel's
        measured = self._measure()
        if measured != self._measured:
            self._measured = measured
            self.updateGeometry()
        self.update()

    def _measure(self) -> tuple:
        """What the layout must know: the height at this width (wrapped), or
        the width and height the text needs (one line)."""
        if self._wrap:
            return ("wrapped", self.heightForWidth(max(self.width(), 1)))
        ideal = self._ideal()
        # A line that fits the width it has needs no layout (a step number's digits).
        return ("line", ideal.height(), ideal.width() if ideal.width() > self.width() else 0)

    def _ideal(self) -> QSize:
        self._doc.setTextWidth(-1)
        size = self._doc.size()
        return QSize(int(size.width() + 0.999), int(size.height() + 0.999))

    # -- what the layout asks ------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return self._wrap

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        if not self._text:
            return 0
        self._doc.setTextWidth(max(width, 1))
        return int(self._doc.size().height() + 0.999)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if self._wrap:
            return QSize(WRAPPED_WIDTH_HINT, self.heightForWidth(WRAPPED_WIDTH_HINT))
        return self._ideal()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if self._wrap:
            return QSize(0, 0)
        return self._ideal()

    # -- events ---------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._measured = self._measure()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:   # View > Larger text, a bold title
            self._doc.setDefaultFont(self.font())
            self._measured = self._measure()
            self.updateGeometry()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        self._doc.setTextWidth(self.width() if self._wrap else -1)
        if not self._wrap and self._doc.defaultTextOption().alignment() & Qt.AlignmentFlag.AlignRight:
            painter.translate(self.width() - self._doc.idealWidth(), 0)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.WindowText))
        context.palette = palette
        self._doc.documentLayout().draw(painter, context)
        painter.end()
