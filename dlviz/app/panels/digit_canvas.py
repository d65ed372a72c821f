"""A small board to write digits on with the mouse; "Read" sends the drawing.

Light ink on a dark board, as the CRNN's training strips are, four times the
model's 32x128 so a mouse can write comfortably. "Read" hands the drawing on
as PNG bytes, the road a dropped image takes (safe decoding, the CTC probe
fits the ink to the model); "Clear" wipes the board.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

#: The board in pixels (height, width), and the pen.
BOARD = (128, 512)
PEN_WIDTH = 11
BOARD_COLOUR, INK_COLOUR = QColor(0, 0, 0), QColor(255, 255, 255)


class DrawingBoard(QWidget):
    """The surface itself: press and drag to draw strokes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image = QImage(BOARD[1], BOARD[0], QImage.Format.Format_Grayscale8)
        self.image.fill(BOARD_COLOUR)
        self.setFixedSize(QSize(BOARD[1], BOARD[0]))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._last: QPointF | None = None
        self.strokes = 0

    def clear(self) -> None:
        self.image.fill(BOARD_COLOUR)
        self.strokes = 0
        self.update()

    def draw_line(self, start: QPointF, end: QPointF) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INK_COLOUR, PEN_WIDTH, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.drawLine(start, end)
        painter.end()
        self.update()

    def draw_stroke(self, points) -> None:
        """Draw a polyline through ``points`` ((x, y) board pixels): tests and demos."""
        points = [QPointF(*p) for p in points]
        for a, b in zip(points, points[1:] or points):
            self.draw_line(a, b)
        self.strokes += 1

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = event.position()
            self.draw_line(self._last, self._last)
            self.strokes += 1

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._last is not None:
            self.draw_line(self._last, event.position())
            self._last = event.position()

    def mouseReleaseEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        self._last = None

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.drawImage(QPoint(0, 0), self.image)
        painter.end()


class DigitCanvasPanel(QWidget):
    """The board with "Read" and "Clear".

    Signals:
        drawing_read(object, str): PNG bytes of the drawing and a name for it.
    """

    drawing_read = Signal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board = DrawingBoard()
        self.read_button = QPushButton(self.tr("Read"))
        self.read_button.setToolTip(self.tr("Send the drawing to the model, as if it were dropped"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.read_button.clicked.connect(self._on_read_clicked)
        self.clear_button.clicked.connect(self.board.clear)
        self.note = QLabel(self.tr("Write digits with the mouse (light ink on the dark board), "
                                   "then Read."))
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(220)
        buttons = QVBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.board, 0)
        row.addLayout(buttons)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self._count = 0

    def png_bytes(self) -> bytes:
        """The board as PNG bytes."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.board.image.save(buffer, "PNG")
        buffer.close()
        return bytes(data)

    def _on_read_clicked(self) -> None:
        if self.board.strokes == 0:
            self.note.setText(self.tr("The board is empty: write some digits first, then Read."))
            return
        self._count += 1
        self.note.setText(self.tr("Sent. Write more or Clear to start again."))
        self.drawing_read.emit(self.png_bytes(), self.tr("drawing {0}").format(self._count))
