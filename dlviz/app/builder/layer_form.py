"""The form that edits the selected layer: its settings and where its input comes from.

One editor per setting, chosen by ``config_fields.kind_of``; a number box
commits when its arrows are clicked or Enter is pressed (not at every key),
so each change is one undo step. A merge layer (Add, Concatenate) picks its
inputs with tick boxes of the earlier layers; any other layer picks its one
input from a list, which is how branches are built.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.app.builder.config_fields import (
    CHOICES,
    field_label,
    format_sizes,
    format_text,
    kind_of,
    parse_sizes,
    parse_text,
    shown_keys,
)
from dlviz.core.builder.layer_types import MERGE_TYPES

_BAD_FIELD = "QLineEdit { background: #fde2e1; color: #9b1c17; }"
_CELLS = ("LSTM", "GRU", "SimpleRNN")
#: Settings side by side in the form (it sits under the table, which is wide).
FIELDS_PER_LINE = 2


class LayerForm(QWidget):
    """Edits one ``LayerSpec`` at a time.

    Signals:
        config_edited(str, dict): layer name and its whole new config.
        inputs_edited(str, tuple): layer name and the names of its new inputs.
        renamed(str, str): old and new name of the layer.
    """

    config_edited = Signal(str, dict)
    inputs_edited = Signal(str, tuple)
    renamed = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builder_layer_form")
        self.title = QLabel(self._hint())
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.problem = QLabel("")
        self.problem.setObjectName("builder_form_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #9b1c17;")
        self.body = QWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.editors: dict[tuple, QWidget] = {}
        self.input_boxes: dict[str, QCheckBox] = {}
        self.input_choice: QComboBox | None = None
        self._shown = None   # (name, class, config, inputs, earlier) now in the editors

    def _hint(self) -> str:
        return self.tr("Pick a layer in the table to change its settings. Double-click a "
                       "type on the left to add it after the selected layer, or press "
                       "\"From current model\" to start from the model now open.")

    # -- showing --------------------------------------------------------------
    def show_layer(self, spec, earlier: list[str], problem: str | None = None) -> None:
        """Show ``spec``'s settings; ``earlier`` names the layers it may take input from."""
        self.problem.setText(problem or "")
        key = None if spec is None else (spec.name, spec.class_name, spec.config,
                                         tuple(spec.inputs), tuple(earlier))
        if key == self._shown:
            return   # what the editors show already (keeps the focus while typing)
        self._shown = key
        self._rebuild(spec, earlier)

    def _rebuild(self, spec, earlier: list[str]) -> None:
        old = self.body
        self.body = QWidget()
        self.layout().replaceWidget(old, self.body)
        old.hide()            # at once: a deferred delete waits for the event loop
        old.setParent(None)
        old.deleteLater()
        self.editors, self.input_boxes, self.input_choice = {}, {}, None
        if spec is None:
            self.title.setText(self._hint())
            return
        self.title.setText(self.tr("{0} · {1}").format(spec.name, spec.class_name))
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        row.addLayout(self._grid)
        self.name_edit = QLineEdit(spec.name)
        self.name_edit.setToolTip(self.tr("The layer's name (Keras, the saved file and "
                                          "the exported script use it)"))
        self.name_edit.editingFinished.connect(self._commit_name)
        self._place(self.tr("name"), self.name_edit)
        if not spec.editable:
            self._grid.addWidget(QLabel(self.tr(
                "Kept as Keras built it: the builder has no form for {0}.").format(
                spec.class_name)), 0, 0)
        else:
            for key in shown_keys(spec.config):
                self._add_field((key,), key, spec.config[key])
            if not shown_keys(spec.config):
                self._grid.addWidget(QLabel(self.tr("This layer has no settings to choose.")),
                                     0, 0)
        row.addStretch(1)
        if spec.class_name != "InputLayer":
            row.addWidget(self._inputs_group(spec, earlier), 0, Qt.AlignmentFlag.AlignTop)
        self.body.show()   # now: a layout shows new children only at the next event

    def _place(self, label: str, editor: QWidget) -> None:
        """Label and editor in the next cell of a grid two fields wide."""
        count = self._grid.count() // 2
        line, column = divmod(count, FIELDS_PER_LINE)
        self._grid.addWidget(QLabel(label), line, 2 * column)
        self._grid.addWidget(editor, line, 2 * column + 1)

    def _add_field(self, path: tuple, key: str, value) -> None:
        kind = kind_of(key, value)
        if kind == "layer":   # Bidirectional: the wrapped cell and its own settings
            cell = QComboBox()
            cell.addItems(_CELLS if value["class_name"] in _CELLS else (value["class_name"],))
            cell.setCurrentText(value["class_name"])
            cell.currentTextChanged.connect(lambda text, p=path: self._commit(
                p + ("class_name",), text))
            self._place(self.tr("wrapped layer"), cell)
            self.editors[path + ("class_name",)] = cell
            for inner in shown_keys(value["config"]):
                self._add_field(path + ("config", inner), inner, value["config"][inner])
            return
        editor = self._editor(path, key, kind, value)
        self.editors[path] = editor
        label = field_label(key)
        if key == "batch_shape" and isinstance(value, list) and value[:1] == [None]:
            label = self.tr("input shape")
        self._place(label, editor)

    def _editor(self, path: tuple, key: str, kind: str, value) -> QWidget:
        if kind == "bool":
            box = QCheckBox()
            box.setChecked(value)
            box.toggled.connect(lambda on: self._commit(path, bool(on)))
            return box
        if kind == "choice":
            combo = QComboBox()
            combo.addItems(CHOICES[key])
            if value not in CHOICES[key]:
                combo.addItem(str(value))
            combo.setCurrentText(str(value))
            combo.currentTextChanged.connect(lambda text: self._commit(path, text))
            return combo
        if kind in ("int", "float"):
            spin = QSpinBox() if kind == "int" else QDoubleSpinBox()
            if kind == "int":
                spin.setRange(-1_000_000, 1_000_000)
            else:
                spin.setDecimals(4)
                spin.setSingleStep(0.05 if 0 <= value <= 1 else 0.1)
                spin.setRange(-1e6, 1e6)
            spin.setValue(value)
            spin.setKeyboardTracking(False)   # one commit per change, not per key
            spin.valueChanged.connect(lambda number: self._commit(path, number))
            return spin
        if key == "batch_shape" and isinstance(value, list) and value[:1] == [None]:
            # People think of one sample's shape (28, 28, 1); Keras stores the batch too.
            line = QLineEdit(format_sizes(value[1:]))
            line.setToolTip(self.tr("One sample's shape, e.g. 28, 28, 1 for grey 28×28 "
                                    "images or 20 for sentences of 20 words"))
            line.editingFinished.connect(lambda: self._commit_sample_shape(path, line))
            return line
        line = QLineEdit(format_sizes(value) if kind == "sizes" else format_text(value))
        line.editingFinished.connect(lambda: self._commit_text(path, kind, line, value))
        return line

    def _inputs_group(self, spec, earlier: list[str]) -> QGroupBox:
        if spec.class_name in MERGE_TYPES:
            group = QGroupBox(self.tr("Inputs (tick two or more)"))
            column = QVBoxLayout(group)
            for name in earlier:
                box = QCheckBox(name)
                box.setChecked(name in spec.inputs)
                box.toggled.connect(lambda _on: self._commit_inputs())
                column.addWidget(box)
                self.input_boxes[name] = box
            return group
        group = QGroupBox(self.tr("Input from"))
        column = QVBoxLayout(group)
        self.input_choice = QComboBox()
        self.input_choice.addItems(earlier)
        if spec.inputs:
            self.input_choice.setCurrentText(spec.inputs[0])
        self.input_choice.currentTextChanged.connect(lambda _t: self._commit_inputs())
        column.addWidget(self.input_choice)
        return group

    # -- committing -----------------------------------------------------------
    def _commit_text(self, path: tuple, kind: str, line: QLineEdit, old) -> None:
        try:
            value = parse_sizes(line.text(), old) if kind == "sizes" else parse_text(line.text())
        except ValueError as exc:
            line.setStyleSheet(_BAD_FIELD)
            line.setToolTip(str(exc))
            self.problem.setText(str(exc))
            return
        line.setStyleSheet("")
        line.setToolTip("")
        if kind == "sizes":
            line.setText(format_sizes(value))   # "5" is shown as Keras reads it: 5, 5
        self._commit(path, value)

    def _commit_sample_shape(self, path: tuple, line: QLineEdit) -> None:
        try:
            sizes = parse_sizes(line.text(), None)
        except ValueError as exc:
            line.setStyleSheet(_BAD_FIELD)
            self.problem.setText(str(exc))
            return
        line.setStyleSheet("")
        self._commit(path, [None, *sizes])

    def _commit(self, path: tuple, value) -> None:
        name, class_name, config, inputs, earlier = self._shown
        new = copy.deepcopy(config)
        target = new
        for step in path[:-1]:
            target = target[step]
        if target.get(path[-1]) == value:
            return   # Enter on an unchanged field
        target[path[-1]] = value
        self._shown = (name, class_name, new, inputs, earlier)
        self.config_edited.emit(name, new)

    def _commit_name(self) -> None:
        new = self.name_edit.text().strip()
        old = self._shown[0]
        if not new:
            self.name_edit.setText(old)
            self.problem.setText(self.tr("A layer needs a name; the old one is kept."))
        elif new != old:
            self.renamed.emit(old, new)

    def _commit_inputs(self) -> None:
        name, class_name, config, _inputs, earlier = self._shown
        if self.input_choice is not None:
            chosen = (self.input_choice.currentText(),)
        else:
            chosen = tuple(n for n in earlier if self.input_boxes[n].isChecked())
        self._shown = (name, class_name, config, chosen, earlier)
        self.inputs_edited.emit(name, chosen)
