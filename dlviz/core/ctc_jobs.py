"""The app's CTC job: a dropped or drawn picture read by the current CRNN.

Runs on the engine thread (the image controller submits it beside the
feature maps of the same picture) and returns a frozen ``CtcAlignment``.
"""

from __future__ import annotations

from pathlib import Path


def read_picture(workspace, source, name: str | None = None):
    """The ``ctc`` probe of the picture ``source`` (path or encoded bytes).

    Raises:
        ImageLoadError: the file is not a usable picture (says why).
        CtcInputError: the picture is blank (says what to do).
        ProbeUnavailable: the current model reads no strings (says why).
    """
    from dlviz.core.data import read_image
    from dlviz.core.probes.registry import PROBES

    model = workspace._require_model()
    loaded = read_image(source, name=name)
    label = name or (Path(source).name if isinstance(source, (str, Path)) else "image")
    from dlviz.core.probes.ctc import CtcInputError

    try:
        found = PROBES["ctc"].compute(model, loaded.array, class_names=workspace.class_names,
                                      source_name=label)
    except CtcInputError as exc:  # the banner names the picture, as for unreadable files
        raise CtcInputError(f"{label}: {exc}") from None
    if loaded.notes:
        from dataclasses import replace

        found = replace(found, notes=(*loaded.notes, *found.notes))
    return found
