"""The app's caption job: a dropped picture captioned by the current captioner.

Runs on the engine thread (the image controller submits it when the current
model writes captions) and returns a frozen ``Caption``.
"""

from __future__ import annotations

from pathlib import Path


def caption_picture(workspace, source, name: str | None = None):
    """The ``caption`` probe of the picture ``source`` (path or encoded bytes).

    Raises:
        ImageLoadError: the file is not a usable picture (says why).
        ProbeUnavailable: the current model writes no captions, or came
            without its words (says why).
    """
    from dataclasses import replace

    from dlviz.core.data import read_image
    from dlviz.core.probes.registry import PROBES

    model = workspace._require_model()
    loaded = read_image(source, name=name)
    label = name or (Path(source).name if isinstance(source, (str, Path)) else "image")
    found = PROBES["caption"].compute(model, loaded.array, vocabulary=workspace.vocabulary,
                                      source_name=label)
    workspace.probe_image, workspace.probe_name = loaded.array, label
    if loaded.notes:
        found = replace(found, notes=(*loaded.notes, *found.notes))
    return found
