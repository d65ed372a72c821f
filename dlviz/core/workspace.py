"""What the engine thread holds for the app: the current model and its origin.

Every method here runs on the engine thread (the GUI submits them as jobs)
and returns only frozen dataclasses, never a Keras object.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlviz.core.summary import ModelSummary, summarize


@dataclass(frozen=True)
class ModelOpened:
    """A model is now current; ``source`` says where it came from."""

    title: str
    source: str  # registry name or file path
    summary: ModelSummary
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedsConsent:
    """A model file needs unsafe loading; ask the person before going on."""

    path: str
    report: object  # modelio.PrescanReport (frozen)


class Workspace:
    """The engine thread's state: one current model at a time."""

    def __init__(self):
        self.model = None     # keras.Model
        self.zoo_model = None  # ZooModel when the model came from the library

    def build_zoo_model(self, name: str, **overrides) -> ModelOpened:
        """Build a library model by registry name and make it current."""
        from dlviz.core.kerasenv import import_keras
        from dlviz.core.zoo.registry import get_entry

        entry = get_entry(name)
        # Free the previous graph first: VGG-16 alone holds 550 MB of weights.
        self.model = self.zoo_model = None
        import_keras().backend.clear_session()
        zoo_model = entry.create(**overrides)
        zoo_model.build()
        self.zoo_model, self.model = zoo_model, zoo_model.model
        shape = "x".join(str(d) for d in zoo_model.input_shape)
        notes = (f"input {shape}, {zoo_model.classes} classes, random weights",)
        return ModelOpened(entry.title, entry.name, zoo_model.summary(), notes)

    def open_model_file(self, path: str | Path, trust_sha256: str | None = None):
        """Load a model file safely; returns ``NeedsConsent`` if it must ask.

        Returns:
            ``ModelOpened`` when loaded, or ``NeedsConsent`` carrying the
            pre-scan report when the file needs unsafe loading and
            ``trust_sha256`` does not match it.
        """
        from dlviz.core import modelio

        report = modelio.prescan(path)
        if report.needs_unsafe and trust_sha256 != report.sha256:
            return NeedsConsent(str(path), report)
        model = modelio.load_model(path, trust_sha256=trust_sha256)
        self.model, self.zoo_model = model, None
        notes = [f"{report.format} file, SHA-256 {report.sha256[:12]}…"]
        if report.needs_unsafe:
            notes.append("loaded with safe mode OFF, as you agreed for this file")
        return ModelOpened(Path(path).name, str(path), summarize(model), tuple(notes))
