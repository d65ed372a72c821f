"""The Builder tab: change a network layer by layer and see at once what each choice costs.

The panel holds the architecture being edited (a frozen ``Architecture``) and
its undo history. Every edit makes a new architecture; ``infer`` (pure
Python, no Keras, fast enough for the GUI thread) then gives every row's
shape, parameters, operations and receptive field. Keras work ("From current
model", "Train this") is asked for through signals; ``BuilderController``
runs it on the engine thread.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.app.builder import builder_files
from dlviz.app.builder.builder_messages import row_error
from dlviz.app.builder.builder_table import BuilderTable
from dlviz.app.builder.builder_toolbar import BuilderToolbar
from dlviz.app.builder.builder_totals import BuilderTotals
from dlviz.app.builder.layer_form import LayerForm
from dlviz.app.builder.layer_palette import LayerPalette
from dlviz.app.views.message_banner import MessageBanner
from dlviz.core.builder.architecture import Architecture, EditError, LayerSpec
from dlviz.core.builder.history import History
from dlviz.core.builder.inference import infer


def layer_stem(class_name: str) -> str:
    """The name Keras would give a new layer: ``MaxPooling2D`` -> ``max_pooling2d``.

    Example:
        >>> layer_stem("SimpleRNN"), layer_stem("Conv2D")
        ('simple_rnn', 'conv2d')
    """
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", class_name).lower()


def starter_architecture() -> Architecture:
    """What "New" gives: one input layer of 28×28 grey images, to add layers after."""
    return Architecture((LayerSpec.new("InputLayer", "input", batch_shape=[None, 28, 28, 1]),),
                        "my_model")


class BuilderPanel(QWidget):
    """Toolbar, layer palette, the live layer table and the selected layer's form.

    Signals:
        from_model_requested(): the person wants to start from the current model.
        train_requested(object): "Train this" with the ``Architecture`` to build.
    """

    from_model_requested = Signal()
    train_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builder_panel")
        self.arch: Architecture = starter_architecture()
        self.history = History(self.arch)
        self.rows: tuple = ()
        self.banner = MessageBanner()
        self.toolbar = BuilderToolbar()
        self.summary = BuilderTotals()
        # Short names for what tests and the controller read.
        self.totals, self.problems = self.summary.totals, self.summary.problems
        self.undo_button, self.redo_button = self.toolbar.undo_button, self.toolbar.redo_button
        self.train_button = self.toolbar.train_button
        self.table = BuilderTable()
        self.form = LayerForm()
        self.palette = LayerPalette()
        self._build_layout()
        self._connect()
        self.set_architecture(self.arch, record=False)

    # -- layout -------------------------------------------------------------
    def _build_layout(self) -> None:
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.table)
        right.addWidget(form_scroll)
        right.setStretchFactor(0, 1)
        right.setSizes([400, 220])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.palette)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([190, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.table.layer_selected.connect(lambda _name: self._update_form())
        self.form.config_edited.connect(lambda name, config: self._edit(
            lambda arch: arch.replace(name, config)))
        self.form.inputs_edited.connect(lambda name, inputs: self._edit(
            lambda arch: arch.replace(name, inputs=inputs)))
        self.form.renamed.connect(self.rename_layer)
        self.palette.add_requested.connect(self.add_layer)
        self.palette.remove_requested.connect(lambda: self.remove_layer(self.table.selected_name()))
        self.palette.move_requested.connect(
            lambda step: self.move_layer(self.table.selected_name(), step))
        bar = self.toolbar
        for signal, slot in ((bar.new_requested, self.new),
                             (bar.from_model_requested, self.from_model_requested.emit),
                             (bar.open_requested, self._on_open_clicked),
                             (bar.save_requested, self._on_save_clicked),
                             (bar.export_requested, self._on_export_clicked),
                             (bar.undo_requested, self.undo), (bar.redo_requested, self.redo),
                             (bar.train_requested, self._on_train_clicked),
                             (bar.name_edited, self._on_name_edited)):
            signal.connect(slot)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)   # not while typing a value
        remove.activated.connect(lambda: self.remove_layer(self.table.selected_name()))
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo),
                           (QKeySequence("Ctrl+Shift+Z"), self.redo)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- the architecture ---------------------------------------------------------
    def set_architecture(self, arch: Architecture, record: bool = True) -> None:
        """Show ``arch`` (a new start: New, Open, From current model, or an edit)."""
        if record:
            self.history.push(arch)
        self.arch = arch
        self.toolbar.show_name(arch.name)
        self._refresh()

    def _edit(self, change) -> bool:
        """Apply ``change(arch) -> arch``; an edit Keras-free code refuses is said, not raised."""
        try:
            new = change(self.arch)
        except EditError as exc:
            self.banner.show_message(str(exc), "warning")
            return False
        if new == self.arch:
            return False
        self.set_architecture(new)
        return True

    def _refresh(self) -> None:
        self.rows = infer(self.arch)
        self.table.show_rows(self.rows)
        buildable = self.summary.show_rows(self.rows, self.arch.output_names())
        self.train_button.setEnabled(buildable and len(self.rows) > 1)
        self._update_form()
        self.undo_button.setEnabled(self.history.can_undo)
        self.redo_button.setEnabled(self.history.can_redo)

    def _update_form(self) -> None:
        name = self.table.selected_name()
        if not name or name not in self.arch.names():
            self.form.show_layer(None, [])
            return
        index = self.arch.index(name)
        spec = self.arch.layers[index]
        row = self.rows[index] if index < len(self.rows) else None
        self.form.show_layer(spec, self.arch.names()[:index], row_error(row) if row else None)

    # -- edits --------------------------------------------------------------------
    def add_layer(self, class_name: str) -> None:
        """Add a ``class_name`` layer after the selected one (at the end when none is)."""
        after = self.table.selected_name() or None
        spec = LayerSpec.new(class_name, self.arch.unique_name(layer_stem(class_name)))
        if self._edit(lambda arch: arch.add(spec, after=after)):
            self.table.select_name(spec.name)

    def remove_layer(self, name: str) -> None:
        """Remove layer ``name``; its readers read its input instead."""
        if not name:
            self.banner.show_message(self.tr("Select a layer in the table first."), "info")
            return
        index = self.arch.index(name)
        if self._edit(lambda arch: arch.remove(name)) and self.arch.layers:
            self.table.select_name(self.arch.layers[min(index, len(self.arch.layers) - 1)].name)

    def move_layer(self, name: str, step: int) -> None:
        """Move layer ``name`` one place up (``step=-1``) or down (``+1``)."""
        if not name:
            self.banner.show_message(self.tr("Select a layer in the table first."), "info")
            return
        target = self.arch.index(name) + step
        if not 0 <= target < len(self.arch.layers):
            return
        if self._edit(lambda arch: arch.move(name, target)):
            self.table.select_name(name)

    def rename_layer(self, old: str, new: str) -> None:
        """Call layer ``old`` ``new``; the layers reading it follow the new name."""
        if self._edit(lambda arch: arch.replace(old, new_name=new)):
            self.table.select_name(new)
        else:
            self.form.show_layer(None, [])   # a refused name: show the kept one again
            self._update_form()

    def undo(self) -> None:
        arch = self.history.undo()
        if arch is not None:
            self.set_architecture(arch, record=False)

    def redo(self) -> None:
        arch = self.history.redo()
        if arch is not None:
            self.set_architecture(arch, record=False)

    def new(self) -> None:
        self.set_architecture(starter_architecture())

    def _on_name_edited(self, name: str) -> None:
        if name and name != self.arch.name:
            self.set_architecture(replace(self.arch, name=name))

    # -- files and Keras ----------------------------------------------------------
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an architecture"), "",
            self.tr("Keras model config (*.json);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> bool:
        """Open a Keras model config JSON; a bad file is said in the banner."""
        try:
            arch = builder_files.read_architecture(path)
        except builder_files.ArchitectureFileError as exc:
            self.banner.show_message(str(exc))
            return False
        self.banner.hide()
        self.set_architecture(arch)
        return True

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the architecture"), f"{self.arch.name}.json",
            self.tr("Keras model config (*.json)"))
        if path:
            self.save_file(path)

    def save_file(self, path: str) -> bool:
        """Write the architecture as Keras model config JSON."""
        try:
            builder_files.write_architecture(self.arch, path)
        except builder_files.ArchitectureFileError as exc:
            self.banner.show_message(str(exc))
            return False
        self.banner.show_message(self.tr("Saved {0}.").format(path), "info")
        return True

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export as a Keras script"), f"{self.arch.name}.py",
            self.tr("Python script (*.py)"))
        if path:
            self.export_code(path)

    def export_code(self, path: str) -> bool:
        """Write a runnable Keras script that builds this network."""
        try:
            builder_files.write_code(self.arch, path)
        except builder_files.ArchitectureFileError as exc:
            self.banner.show_message(str(exc))
            return False
        self.banner.show_message(
            self.tr("Wrote {0}: run it with python to build the same model.").format(path),
            "info")
        return True

    def _on_train_clicked(self) -> None:
        self.train_requested.emit(self.arch)
