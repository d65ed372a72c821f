"""What a captioner writes for a dropped picture, and where each word looked.

Left: the picture, large; while a word is pointed at (or pinned by a click)
its attention lies over the picture: bright where the word looked, dim
elsewhere. Right: the caption in large type, one button per word. Below: one
small copy of the picture per word with that word's attention, so the whole
sentence's looking can be read at a glance. The same view serves a still
picture, a live training frame (``step``) and a replayed snapshot.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dlviz.app.core_messages import core_message
from dlviz.app.numbers import count_text, percent_text
from dlviz.app.views.canvas import hint_label, title_label
from dlviz.app.views.caption_tiles import WordButton, WordTile, pixmap
from dlviz.app.views.export import ExportMixin
from dlviz.core.probes.caption_pictures import attention_overlay

TITLE = QT_TRANSLATE_NOOP("CaptionView", "What the captioner writes, and where each word looked")
HINT = QT_TRANSLATE_NOOP("CaptionView", "Point at a word (or its small picture) to see where the model "
                         "looked while writing it; click to keep it. Bright = more attention, "
                         "over the image's {rows}x{cols} regions.")
BIG, SMALL = 320, 120
#: Caption words per row: English captions (8 words) fit on one.
WORDS_PER_ROW = 8


def word_summary(result, index: int) -> str:
    """One line about word ``index``: how sure, and its strongest region."""
    weights = result.weights[index]
    row, col = np.unravel_index(int(np.argmax(weights)), weights.shape)
    return QCoreApplication.translate(
        "CaptionView", "'{0}' (word {1} of {2}, {3} sure) looked most at the region in row {4}, "
        "column {5}: {6} of its attention").format(
            result.words[index], index + 1, len(result.words),
            percent_text(float(result.probabilities[index]), 0), row + 1, col + 1,
            percent_text(float(weights[row, col]), 0))


class CaptionView(ExportMixin, QWidget):
    """A ``Caption`` drawn: the picture, the caption, a picture per word."""

    #: The registry's probe kind this view draws (``core/probes/registry.py``).
    probe_kind = "caption"
    export_name = "caption.png"
    unavailable_title = QT_TRANSLATE_NOOP("CaptionView", "This model writes no captions")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = None
        self.pinned: int | None = None   # the clicked word, kept when the pointer leaves
        self.shown_word: int | None = None
        self.buttons: list[WordButton] = []
        self.tiles: list[WordTile] = []
        self.title = title_label(self.tr(TITLE))
        self.hint = hint_label(self.tr("Pick captions-shapes in the model library, then drop a "
                                       "scene (e.g. “scene captions a” from the Images list)."))
        self.picture = QLabel()
        self.picture.setObjectName("caption_picture")
        self.picture.setFixedSize(BIG, BIG)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A grid, not a row: a long caption (15 Vietnamese syllables, or an
        # untrained model's 20 words) wraps instead of widening the window.
        self.words_row = QGridLayout()
        self.words_row.setSpacing(2)
        self.words_row.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.about = hint_label("")
        self.about.setObjectName("caption_about")
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Caption:")))
        # Its words wrap to the width it gets (``_place_words``), so it asks for none:
        # a long caption never widens the window.
        words = QWidget()
        words.setLayout(self.words_row)
        words.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right.addWidget(words)
        right.addWidget(self.about)
        right.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(right, 1)
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(6)
        self.tile_grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        holder.setLayout(self.tile_grid)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addWidget(scroll, 1)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self._export_button(), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)

    # -- drawing ----------------------------------------------------------------------
    def show_result(self, result, step: int | None = None) -> None:
        """Draw ``result``; ``step``: the training step of a live frame (None when still)."""
        self.result = result
        self._show_body()
        self.title.setText(self.tr(TITLE) + (self.tr(" · live, step {0}").format(count_text(step))
                                             if step is not None else ""))
        notes = "; ".join(core_message(note) for note in result.notes)
        rows, cols = result.grid
        self.hint.setText((result.source_name or self.tr("Picture")) + ": "
                          + self.tr(HINT).format(rows=rows, cols=cols)
                          + (f" ({notes})" if notes else ""))
        if self.pinned is not None and self.pinned >= len(result.words):
            self.pinned = None
        self._update_words()
        self._update_tiles()
        self.show_word(self.pinned)

    def _update_words(self) -> None:
        for button in self.buttons:
            self.words_row.removeWidget(button)
            button.deleteLater()
        words = self.result.words
        size = self.font().pointSizeF() * (2.2 if len(words) <= WORDS_PER_ROW else 1.6)
        self.buttons = [WordButton(i, w, size) for i, w in enumerate(words)]
        for button in self.buttons:
            button.hovered.connect(self.show_word)
            button.left.connect(self._on_left)
            button.clicked.connect(lambda _checked, i=button.index: self.pin(i))
        if not self.buttons:
            empty = WordButton(-1, self.tr("(no words: the model wrote <end> first)"), 14)
            empty.setEnabled(False)
            self.buttons = [empty]
        self._place_words()

    def _place_words(self) -> None:
        """At most ``WORDS_PER_ROW`` words a row, and no more than the width beside the
        picture holds: seven large words once made the window 1309 px wide, wider
        than a 1280 px laptop screen, even with another tab on screen."""
        room = self.width() - BIG - 48      # the picture, margins and spacing
        row = column = used = 0
        for button in self.buttons:
            self.words_row.removeWidget(button)
            width = button.sizeHint().width() + self.words_row.horizontalSpacing()
            if column and (column == WORDS_PER_ROW or used + width > room):
                row, column, used = row + 1, 0, 0
            self.words_row.addWidget(button, row, column)
            column, used = column + 1, used + width
            button.show()   # at once: a layout shows a new child only at the next event

    def _update_tiles(self) -> None:
        for tile in self.tiles:
            self.tile_grid.removeWidget(tile)
            tile.deleteLater()
        result = self.result
        self.tiles = []
        for i, word in enumerate(result.words):
            tile = WordTile(i, word, attention_overlay(result.image, result.overlay(i)),
                            SMALL, float(result.probabilities[i]))
            tile.hovered.connect(self.show_word)
            tile.left.connect(self._on_left)
            tile.clicked.connect(self.pin)
            self.tiles.append(tile)
        self._place_tiles()

    def _place_tiles(self) -> None:
        """As many word pictures to a row as the view's width holds (no sideways scrolling)."""
        per_row = max(1, (self.scroll.viewport().width() - 12) // (SMALL + 16))
        for i, tile in enumerate(self.tiles):
            self.tile_grid.removeWidget(tile)
            self.tile_grid.addWidget(tile, i // per_row, i % per_row)
            tile.show()   # at once: a layout shows a new child only at the next event

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.result is not None:
            self._place_words()
        self._place_tiles()

    def show_word(self, index: int | None) -> None:
        """Lay word ``index``'s attention over the large picture (None: the plain picture)."""
        result = self.result
        if result is None:
            return
        if index is None or not 0 <= index < len(result.words):
            self.shown_word = None
            rgb = np.clip(result.image * 255, 0, 255).astype(np.uint8)
            self.about.setText(self.tr("Point at a word to see where it looked.") if result.words
                               else "")
        else:
            self.shown_word = index
            rgb = attention_overlay(result.image, result.overlay(index))
            self.about.setText(word_summary(result, index))
        self.picture.setPixmap(pixmap(rgb, BIG))
        for button in self.buttons:
            button.setChecked(button.index == self.pinned)
        for tile in self.tiles:
            tile.set_selected(tile.index == self.shown_word)

    def pin(self, index: int) -> None:
        """Keep word ``index`` on the large picture (a second click lets it go)."""
        self.pinned = None if self.pinned == index else index
        self.show_word(self.pinned if self.pinned is not None else index)

    def _on_left(self) -> None:
        self.show_word(self.pinned)
