"""Labels that come from ``dlviz.core`` (which never imports Qt), translated for the window.

The data sets' names (``TEXT_SETS``, ``PAIR_SETS``, ...), the image sources
of the training panel and the model library's groups, titles and
descriptions are plain English strings in the core and the CLI. The window
shows them through ``core_text``; ``scripts/make_translations.py`` lists
their current values in ``core_texts_catalogue.py`` so that lupdate puts them
in the catalogue under the context ``CoreTexts`` (a label without a
translation is shown in English).

Example:
    >>> core_text("Digits (bundled)")      # with the Vietnamese catalogue
    'Chữ số (có sẵn)'
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "CoreTexts"


def core_text(text: str) -> str:
    """``text`` in the interface's language (unchanged when the catalogue lacks it)."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def shown_core_texts() -> list[str]:
    """Every core label the window can show, in a stable order, without repeats.

    Read by ``scripts/make_translations.py`` (to write the catalogue list) and
    by the tests (to check each one is translated).
    """
    from dlviz.app.panels.training_data_group import (IMAGE_CHOICES, PATH_KINDS, SAMPLES_TIPS,
                                                      _FILE_CHOICE)
    from dlviz.core.data.pair_dataset import PAIR_SETS
    from dlviz.core.probes.sequence_results import GATE_LABELS, GRU_CONVENTION
    from dlviz.core.data.text_sets import TEXT_SETS
    from dlviz.core.training.caption_session import CAPTION_DATA
    from dlviz.core.training.ctc_session import CTC_DATA
    from dlviz.core.zoo.registry import REGISTRY

    texts = [label for label, _ in IMAGE_CHOICES] + [_FILE_CHOICE[0]]
    texts += [part for pair in PATH_KINDS.values() for part in pair]
    texts += [*SAMPLES_TIPS.values(), GRU_CONVENTION, *GATE_LABELS.values()]
    for table in (TEXT_SETS, PAIR_SETS, CAPTION_DATA, CTC_DATA):
        texts += list(table.values())
    for entry in REGISTRY.values():
        texts.append(f"{entry.kind} models")
        texts.append(entry.title)
        # A shipped model's description carries its measured scores, which
        # change with each retraining: only the library's own are listed.
        if entry.kind != "Trained":
            texts.append(entry.description)
    return list(dict.fromkeys(texts))
