"""A non-modal window showing augmented training samples before training."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from dlviz.app.views.canvas import fit, hint_label, image_canvas, show_picture, title_label
from dlviz.core.training.config import AugmentConfig

GAP = 2   # pixels between tiles


def tile_grid(tiles: np.ndarray, columns: int | None = None) -> np.ndarray:
    """(n, h, w[, c]) tiles in [0, 1] -> one row-major image, white gaps between.

    Example:
        tile_grid(np.zeros((9, 28, 28, 1))).shape  ->  (88, 88)
    """
    tiles = np.asarray(tiles, dtype=np.float32)
    if tiles.ndim == 4 and tiles.shape[3] == 1:
        tiles = tiles[..., 0]
    count, h, w = tiles.shape[:3]
    columns = columns or int(np.ceil(np.sqrt(count)))
    rows = int(np.ceil(count / columns))
    shape = (rows * (h + GAP) - GAP, columns * (w + GAP) - GAP, *tiles.shape[3:])
    grid = np.ones(shape, dtype=np.float32)
    for i, tile in enumerate(tiles):
        r, c = divmod(i, columns)
        grid[r * (h + GAP): r * (h + GAP) + h, c * (w + GAP): c * (w + GAP) + w] = tile
    return grid


def describe(config: AugmentConfig) -> str:
    """'scale 0.1 · rotation 0.05' — the transforms that are on."""
    on = [f"{name} {value:g}" for name, value in vars(config).items() if value]
    return " · ".join(on) if on else "no augmentation (every tile is the original)"


class AugmentPreviewDialog(QDialog):
    """Shows a grid of one sample augmented several times; the first is the original."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Augmentation preview"))
        self.setModal(False)
        self.resize(560, 620)
        self.title = title_label(self.tr("Augmented samples"))
        self.hint = hint_label(self.tr("Top-left: the original.  The others: the same image as the "
                               "model may see it in training."))
        self.canvas, self.box = image_canvas()
        self.image_item = pg.ImageItem()
        self.box.addItem(self.image_item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.canvas, 1)

    def show_preview(self, grid: np.ndarray, config: AugmentConfig) -> None:
        """Draw ``grid``: one (H, W[, 3]) image, or (n, h, w[, c]) tiles to arrange."""
        grid = np.asarray(grid, dtype=np.float32)
        if grid.ndim == 4 or (grid.ndim == 3 and grid.shape[2] not in (1, 3)):
            grid = tile_grid(grid)
        show_picture(self.image_item, np.clip(grid, 0.0, 1.0))
        self.title.setText(self.tr("Augmented samples: {0}").format(describe(config)))
        fit(self.box)
        self.show()
        self.raise_()
