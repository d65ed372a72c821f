"""The core's most common sentences, translated for the window by their shape.

``dlviz.core`` never imports Qt, so why a view cannot draw ("'lenet5' has no
recurrent layer ...") and a filter bank's note arrive as English sentences with
names and numbers inside. The window passes them through ``core_message``:
each English template below, with ``{name}``-style fields, is matched whole
against the sentence, and the template's translation is filled with the same
fields. The refusals of files, images, text and training runs are in
``core_errors.py``; the builder's row problems and the image loader's messages
the core keeps as data (``core_templates``). A field's value is translated in
turn when it is itself a template or a catalogued phrase, and a count written
with English separators (1,234) is rewritten in the interface's (1.234). A
sentence that matches nothing is shown as it came (English).

Keep each template word for word as the core writes it (the tests check the
real messages of ``lenet5`` and a sequence model against them).

Example:
    >>> core_message("'lenet5' takes input of shape (None, 20), not images "
    ...              "(batch, height, width, channels), so it has no feature maps to show")
    "'lenet5' nhận đầu vào có kích thước (None, 20), ..."      # in Vietnamese
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dlviz.app.core_texts import core_text
from dlviz.app.i18n import catalogue_generation
from dlviz.app.numbers import count_text

CONTEXT = "CoreMessages"
TEMPLATES = (
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' has no recurrent layer (SimpleRNN, LSTM or GRU, alone or in a "
                      "Bidirectional wrapper): gates live only inside those. Pick an RNN "
                      "classifier or tagger in the model library, or open a .keras file that "
                      "has one."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' has no attention layer (keras.layers.Attention, "
                      "AdditiveAttention or MultiHeadAttention, or a dlviz encoder-decoder's "
                      "attention): there are no attention weights to show. Pick a "
                      "dates-attention model in the model library, or open a .keras file that "
                      "has one."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' writes no captions: a captioner reads two inputs, 'image' and "
                      "'target_in' (the words so far), and this one reads {inputs}. Pick "
                      "captions-shapes (or the shape captioner) in the model library"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' gives outputs of shape {shape}, not one (time steps, classes) "
                      "output with a CTC blank, so it reads no strings; pick a CRNN such as "
                      "crnn-digit-strings"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' takes input of shape {shape}, not images (batch, height, "
                      "width, channels), so it has no feature maps to show"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{count} filters of {size}, shown as colour patches (each scaled on its "
                      "own; grey = 0)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{count} filters of {size}: one row per filter, one column per input "
                      "channel; grey = 0, on the layer's common scale"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' takes {count} inputs; feature maps need a model that takes one image"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' has no class output to rank: its outputs have shapes {shapes}, not one "
                      "score per class"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' has {count} inputs; dlviz types a sentence into models with one "
                      "sequence input"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' reads inputs of shape {shape}, not a sequence of token ids (time,) or of "
                      "vectors (time, features)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "'{model}' is not built: it has no inputs to read a sentence into yet"),
    # How an image was fitted to the model (the status bar after a drop), most specific first.
    QT_TRANSLATE_NOOP("CoreMessages", "resized {source} -> {size} (aspect not kept)"),
    QT_TRANSLATE_NOOP("CoreMessages", "centre-cropped {source} and resized -> {size}"),
    QT_TRANSLATE_NOOP("CoreMessages", "resized {source} -> {size}"),
    QT_TRANSLATE_NOOP("CoreMessages", "converted RGB -> grey"),
    QT_TRANSLATE_NOOP("CoreMessages", "converted grey -> RGB"),
    QT_TRANSLATE_NOOP("CoreMessages", "transparent parts composited on white"),
    QT_TRANSLATE_NOOP("CoreMessages", "first of {count} frames"),
    # What the text box's views say about a sentence.
    QT_TRANSLATE_NOOP("CoreMessages",
                      "there is nothing to read: type a sentence (at least one word)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Backward direction: read from the last token to the first; columns are "
                      "in the original token order (column t is the state after reading token "
                      "t)."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Padded steps (mask False) carry the previous state, as Keras does; the "
                      "gates shown there were computed and then discarded."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Inference mode: the layer's dropout is off, as in predict()."),
    # What the gradient through time was taken against.
    QT_TRANSLATE_NOOP("CoreMessages", "predicted class"),
    QT_TRANSLATE_NOOP("CoreMessages", "labels"),
    # The layer table's notes on the model.
    QT_TRANSLATE_NOOP("CoreMessages", "input {shape}, {count} classes, weights from {file}"),
    QT_TRANSLATE_NOOP("CoreMessages", "input {shape}, {count} classes, random weights"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "input {shape}, {count} classes, ImageNet weights (with class names)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "input {shape}, {count} classes, ImageNet weights (class names not cached)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Some sizes are unknown (None): MACs there count one step or position."),
    # The shipped trained models' descriptions carry their measured scores.
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: {count} classes ({names}), {score} right on the held-out {data} images. "
                      "Made by `{command}`."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: {count} classes, {score} right on held-out {data} sentences; tokens are "
                      "syllables: words split at spaces and punctuation (Vietnamese 'học sinh' "
                      "is two tokens). Made by `{command}`."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: {count} tags, {score} right on held-out {data} sentences; tokens are "
                      "syllables: words split at spaces and punctuation (Vietnamese 'học sinh' "
                      "is two tokens). Made by `{command}`."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: reads 1-6 handwritten digits; {exact} of strings of unseen drawings read "
                      "exactly, {errors} character errors. Made by `{command}`."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: writes dates typed in English or Vietnamese as ISO (1987-03-10); {exact} "
                      "of held-out dates exactly right, {share} of day, month and year "
                      "characters look hardest at that part of the source. Made by `{command}`."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title}: drop a scene of two shapes and read its caption, and where each word "
                      "looked; {exact} of unseen scenes captioned exactly, {share} of shape "
                      "words look hardest at their shape. Made by `{command}`."),
)


def core_templates() -> tuple[str, ...]:
    """The templates and phrases the core keeps as data (the builder's row problems,
    the image loader's refusals), for the catalogue and for matching.

    Read by ``scripts/make_translations.py``, which lists them in
    ``core_texts_catalogue.py`` under ``CONTEXT`` so that lupdate collects them.
    """
    from dlviz.core.builder import messages as builder
    from dlviz.core.data import image_errors

    return tuple(dict.fromkeys((*builder.TEMPLATES, *builder.WORDS, *image_errors.TEMPLATES)))


def all_templates() -> tuple[str, ...]:
    """Every sentence shape ``core_message`` recognises, in matching order."""
    from dlviz.app.core_errors import ERROR_TEMPLATES

    return (*TEMPLATES, *ERROR_TEMPLATES, *core_templates())


@lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Each template with a field as a whole-sentence regex whose groups are its fields."""
    compiled = []
    for template in all_templates():
        parts = re.split(r"\{(\w+)\}", template)
        if len(parts) == 1:
            continue   # no field: a plain catalogue look-up finds it
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                        for i, part in enumerate(parts))
        compiled.append((re.compile(f"^{regex}$", re.DOTALL), template))
    return tuple(compiled)


#: A count as the core writes it (English separators): 1,600,000,000.
_ENGLISH_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+")


def _field(value: str, depth: int) -> str:
    """A field's value: a count in the interface's separators, a known phrase or
    sentence translated, anything else (names, shapes, paths) as it came."""
    if _ENGLISH_COUNT.fullmatch(value):
        return count_text(int(value.replace(",", "")))
    if depth >= 2:
        return value
    shown = core_message(value, depth + 1)
    if shown == value and "; " in value:   # several reasons in one field
        shown = "; ".join(core_message(part, depth + 1) for part in value.split("; "))
    return shown


def core_message(text: str, depth: int = 0) -> str:
    """``text`` in the interface's language when it has the shape of a template (or is
    a phrase of the catalogue), else as is.

    Args:
        text: a sentence written by ``dlviz.core``.
        depth: how deep inside another sentence's field this one is (kept small).
    """
    if not text:
        return text
    # Live frames bring the same sentences several times a second, and matching
    # one against every template took ~0.1 ms of the GUI thread: remembered
    # per catalogue (a language installed or removed starts afresh).
    return _translated(text, depth, catalogue_generation())


@lru_cache(maxsize=1024)
def _translated(text: str, depth: int, _catalogue: int) -> str:
    whole = QCoreApplication.translate(CONTEXT, text)
    if whole != text:   # a phrase of the catalogue ("it contains plain text")
        return whole
    for pattern, template in _patterns():
        found = pattern.match(text)
        if found:
            fields = found.groupdict()
            if "title" in fields:   # a library title: in the catalogue (core_texts)
                fields["title"] = core_text(fields["title"])
            fields = {key: value if key == "title" else _field(value, depth)
                      for key, value in fields.items()}
            return QCoreApplication.translate(CONTEXT, template).format(**fields)
    return text


def core_notes(text: str) -> str:
    """A list of notes joined by "; " or ", " (how an image was loaded), each translated
    when it is one of ``TEMPLATES``; a note that is not stays as it came.

    Example:
        >>> core_notes("resized 224x224 -> 32x32, converted RGB -> grey")
        'đổi kích thước 224x224 -> 32x32, chuyển RGB -> ảnh xám'   # in Vietnamese
    """
    return "; ".join(", ".join(core_message(note) for note in part.split(", "))
                     for part in (text or "").split("; "))
