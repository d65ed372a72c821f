"""The "Costs" tab: what a choice of layer or network costs, measured on real layers.

Top left, one 5×5 convolution against two stacked 3×3; top right, a standard
convolution against a depthwise separable one, both for the convolution
picked in the list (or in the layer table); below, whole networks side by
side. The numbers come from ``dlviz.core.costs.compare`` (engine jobs, sent
by ``CostController``); this view only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from dlviz.app.numbers import count_text, percent_text
from dlviz.app.views.cost_networks import NetworkTable
from dlviz.core.costs.compare import ConvChoices, StackCost

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def percent(value: float) -> str:
    """72.0 % (72,0 % in Vietnamese)."""
    return percent_text(value)


class CostView(QWidget):
    """Two comparisons for one convolution, and the whole-network table."""

    layer_chosen = Signal(str)   # a convolution picked in the list
    shown = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choices: ConvChoices | None = None
        self.picker = QComboBox()
        self.picker.setObjectName("cost_layer_picker")
        self.picker.setMinimumContentsLength(24)
        self.picker.activated.connect(
            lambda index: self.layer_chosen.emit(self.picker.itemText(index)))
        self.about = QLabel(self.tr("Pick a model: its convolutions are compared here."))
        self.about.setWordWrap(True)
        self.kernel_table, self.kernel_verdict = _table(), _verdict("kernel_verdict")
        self.kernel_detail = QLabel("")
        self.kernel_detail.setWordWrap(True)
        self.separable_table, self.separable_verdict = _table(), _verdict("separable_verdict")
        self.networks = NetworkTable()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Convolution:")))
        top.addWidget(self.picker)
        top.addWidget(self.about, 1)
        grid = QGridLayout()
        grid.addWidget(_group(self.tr("One 5×5 convolution or two stacked 3×3"),
                              self.kernel_verdict, self.kernel_table, self.kernel_detail), 0, 0)
        grid.addWidget(_group(self.tr("Standard or depthwise separable convolution"),
                              self.separable_verdict, self.separable_table), 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.networks)
        layout.addStretch(1)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.shown.emit()
        QTimer.singleShot(0, self._fit_labels)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self, passes: int = 0) -> None:
        """Give each wrapped sentence the height its lines need at its width.

        A tab page does not pass height-for-width up, so a wrapped QLabel is
        otherwise given the height of a guessed width and its last lines cut.
        """
        changed = False
        for label in (self.about, self.kernel_verdict, self.kernel_detail,
                      self.separable_verdict, self.networks.status):
            need = label.heightForWidth(label.width()) if label.width() > 0 else -1
            if need > 0 and need != label.minimumHeight():
                label.setMinimumHeight(need)
                changed = True
        if changed and passes < 3:  # a new height can change a width: look again
            QTimer.singleShot(0, lambda: self._fit_labels(passes + 1))

    def choose(self, name: str) -> bool:
        """Select ``name`` in the list; False when it is not a convolution here."""
        index = self.picker.findText(name)
        if index < 0:
            return False
        self.picker.setCurrentIndex(index)
        return True

    def show_busy(self, text: str) -> None:
        self.about.setText(text)

    def show_choices(self, choices: ConvChoices) -> None:
        """Fill both comparisons from the measured layers."""
        self.choices = choices
        s = choices.settings
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItems(list(choices.conv_layers) or [s.layer_name])
        self.picker.setCurrentText(s.layer_name)
        self.picker.blockSignals(False)
        self.picker.setEnabled(bool(choices.conv_layers))
        setting = self.tr("{0} → {1} channels, {2}×{3} kernel, output {4}×{5}").format(
            s.channels_in, s.channels_out, *s.kernel, *s.size)
        if s.is_example:
            self.about.setText(self.tr("This model has no 2-D convolution; an example "
                                       "layer stands in: {0}.").format(setting))
        else:
            self.about.setText(self.tr("{0}: {1}. Layers built for these channels and "
                                       "counted by Keras.").format(s.layer_name, setting))
        self._update_kernels(choices)
        self._update_separable(choices)
        QTimer.singleShot(0, self._fit_labels)

    def _update_kernels(self, c: ConvChoices) -> None:
        self.kernel_verdict.setText(self.tr(
            "Two 3×3 hold {0} of the weights of one 5×5 per channel pair (2×9/25) "
            "and see the same {1}×{1} pixels.").format(
                percent(c.pair_ratio), c.two_threes.receptive_field))
        s = c.settings
        if s.channels_in != s.channels_out:
            # The second 3x3 maps out -> out channels, so the totals differ from 72 %.
            self.kernel_detail.setText(self.tr(
                "Here the first 3×3 maps {0} → {1} channels and the second {1} → {1}, "
                "so all weights together come to {2}.").format(
                    s.channels_in, s.channels_out, percent(c.weight_ratio)))
        else:
            self.kernel_detail.setText(self.tr(
                "The stack also has a nonlinearity between its two layers."))
        rows = [
            (self.tr("Weights per channel pair"), "weights_per_pair"),
            (self.tr("Weights"), "weights"),
            (self.tr("Parameters (with biases)"), "params"),
            (self.tr("Multiply-accumulates"), "macs"),
            (self.tr("Receptive field (pixels)"), "receptive_field"),
        ]
        _fill(self.kernel_table, [self.tr("one 5×5"), self.tr("two 3×3"), self.tr("ratio")],
              rows, c.five, c.two_threes)

    def _update_separable(self, c: ConvChoices) -> None:
        n, (kh, kw) = c.settings.channels_out, c.settings.kernel
        self.separable_verdict.setText(self.tr(
            "Depthwise separable needs {0} of the operations; MobileNet's estimate "
            "1/N + 1/Dk² = 1/{1} + 1/{2} = {3}.").format(
                percent(c.separable_ratio), n, kh * kw, percent(c.separable_formula)))
        rows = [
            (self.tr("Parameters (with biases)"), "params"),
            (self.tr("Multiply-accumulates"), "macs"),
            (self.tr("Receptive field (pixels)"), "receptive_field"),
        ]
        _fill(self.separable_table,
              [self.tr("standard"), self.tr("separable"), self.tr("ratio")],
              rows, c.standard, c.separable)


def _fill(table: QTableWidget, columns: list[str], rows, left: StackCost,
          right: StackCost) -> None:
    table.clear()
    table.setColumnCount(len(columns))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(columns)
    table.setVerticalHeaderLabels([label for label, _ in rows])
    for r, (_label, field) in enumerate(rows):
        a, b = getattr(left, field), getattr(right, field)
        ratio = percent(b / a) if a and b is not None else ""
        for col, text in enumerate([_number(a), _number(b), ratio]):
            item = QTableWidgetItem(text)
            item.setTextAlignment(RIGHT)
            table.setItem(r, col, item)
    table.setFixedHeight(table.horizontalHeader().height()
                         + sum(table.rowHeight(r) for r in range(len(rows))) + 4)


def _number(value) -> str:
    return "" if value is None else count_text(value)


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _verdict(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _group(title: str, verdict: QLabel, table: QTableWidget, *more: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(verdict)
    layout.addWidget(table)
    for widget in more:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box
