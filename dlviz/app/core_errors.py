"""The core's refusals and notes, as templates the window translates by their shape.

Why a model file, an image or a sentence could not be read, and how a
training run ended, are written in English by ``dlviz.core`` (which never
imports Qt), with names and numbers inside. ``core_messages.core_message``
matches each sentence against these templates (and against the ones the core
keeps as data: the builder's ``messages.TEMPLATES``, the image loader's
messages) and shows the translation, filled with the same fields; a field that
is itself a template or a listed phrase ("it contains plain text") is
translated too.

Keep each template word for word as the core writes it: the tests raise the
real errors (hostile files, broken images, empty and unknown text) and check
that none stays in English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

ERROR_TEMPLATES = (
    # Model files (core/prescan*.py, core/modelio.py), most specific first.
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is not a Keras model file ({looks}); was another file renamed?"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} was not found; check the path: {path}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} cannot be read: permission denied"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be read: {detail}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is empty (0 bytes); the save probably failed, so save the model "
                      "again"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is not a regular file; dlviz opens Keras models saved as .keras "
                      "(or legacy .h5)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is {what}; dlviz opens Keras models saved as .keras (or legacy "
                      ".h5)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} holds no Keras model architecture (its model config has no "
                      "class_name); re-save it from Keras"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} has an absurdly deeply nested config; re-save it from Keras"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} uses classes that are not installed here: {classes}; it opens "
                      "only where the code defining them is imported and registered with "
                      "keras.saving.register_keras_serializable"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} needs unsafe loading, which runs code stored in the file: "
                      "{reasons}. Load it only if you trust where it came from"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} needs unsafe loading (Keras refused in safe mode: {detail})"),
    QT_TRANSLATE_NOOP("CoreMessages", "Keras could not load {name}: {detail}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} was refused before loading: {detail}, which Keras never writes. "
                      "The file is damaged or was made to attack; do not open it, and get the "
                      "model again from where it came from"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} was refused before loading: {detail}. Real Keras models stay "
                      "far below it, so the file is damaged or was made to attack; do not "
                      "open it, and get the model again from where it came from"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is corrupt (its {where} is not valid JSON); re-save it from "
                      "Keras"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is truncated or corrupt (not a valid zip archive); re-save it "
                      "from Keras"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is truncated or corrupt (not a readable HDF5 file); re-save it "
                      "from Keras"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} is a zip archive but not a Keras model (it has no config.json); "
                      "save models with model.save('name.keras')"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{name} holds only weights, not a model (there is no model_config "
                      "inside); dlviz needs a whole model saved with model.save('name.keras')"),
    # Why a file needs unsafe loading (core/modelscan.py), inside {reasons} above.
    QT_TRANSLATE_NOOP("CoreMessages", "{where} stores a Python lambda, which runs arbitrary code"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "TFSMLayer {name} loads the external SavedModel {path}, which can run "
                      "arbitrary code"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "TorchModuleWrapper {name} unpickles a PyTorch module, which can run "
                      "arbitrary code"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{kind} layer {name} reads the file {file} from outside the model file"),
    QT_TRANSLATE_NOOP("CoreMessages", "Lambda layer {name} calls code chosen by the file"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Lambda layer {name} runs arbitrary Python code stored in the file"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Lambda layer {name} calls the function {target}, chosen by the file (any "
                      "Lambda can run code, so dlviz asks first)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{where} calls {target}, which is not a modelling function (it can fetch, "
                      "write or change settings)"),
    # What the pre-scan found (PrescanReport.describe), one line at a time.
    QT_TRANSLATE_NOOP("CoreMessages", "File: {name} — {kind}, saved by Keras {version}"),
    QT_TRANSLATE_NOOP("CoreMessages", "File: {name} — {kind}"),
    QT_TRANSLATE_NOOP("CoreMessages", "Model: {name} ({cls}), {total} layers"),
    QT_TRANSLATE_NOOP("CoreMessages", "Classes from outside Keras: {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "Not installed here (cannot load): {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "  - {reason}"),
    # What a pre-scan cap refused (the {detail} above).
    QT_TRANSLATE_NOOP("CoreMessages",
                      "its {member} unpacks to more than {limit} (its zip entry claims "
                      "{claimed}), over dlviz's {cap} limit"),
    QT_TRANSLATE_NOOP("CoreMessages", "its {member} unpacks to {size}, over dlviz's {limit} limit"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "its table of contents is {size}, over dlviz's {limit} limit"),
    QT_TRANSLATE_NOOP("CoreMessages", "it holds {count} files, over dlviz's limit of {limit}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "its {member} is nested more than {depth} levels deep, over dlviz's "
                      "limit of {limit}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "its {member} holds more than {count} JSON items, over dlviz's limit of "
                      "{limit}"),
    QT_TRANSLATE_NOOP("CoreMessages", "its {member} is {size}, over dlviz's {limit} limit"),
    QT_TRANSLATE_NOOP("CoreMessages", "a {suffix} file"),
    # Sizes inside the image loader's messages.
    QT_TRANSLATE_NOOP("CoreMessages", "{size} = {count} pixels"),
    QT_TRANSLATE_NOOP("CoreMessages", "{count} pixels"),
    # A sentence typed into the text box (core/data/text.py, core/probes/text_encoding.py).
    QT_TRANSLATE_NOOP("CoreMessages",
                      "the text has {count} characters; dlviz reads at most {limit} at a "
                      "time, so split it into shorter pieces"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "none of these tokens is in the model's vocabulary ({count} ids): every "
                      "one reads as <unk>, so this shows what the model does with unknown "
                      "words"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{unknown} of {count} tokens are not in the model's vocabulary and read "
                      "as <unk>"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "no vocabulary travels with this model: the text is read as token ids"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "this model reads exactly {count} steps: the text was cut to them"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "this model reads exactly {count} source tokens: the text was cut to "
                      "them"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "the first {limit} of {count} tokens are read; a longer text is cut, so "
                      "split it"),
    # How a training run ended (core/training/session.py), and refused data.
    QT_TRANSLATE_NOOP("CoreMessages",
                      "The loss became NaN or infinite at epoch {epoch}, batch {batch}; "
                      "training stopped and the last good weights were restored. Try a lower "
                      "learning rate (now {rate})."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Out of memory ({error}) with batches of {size}; try a smaller batch "
                      "size or input size."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Out of memory: {detail}. Try a smaller batch, input size or model."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "the inputs contain {count} NaN or infinite values (in {bad} of {total} "
                      "images); training on them would make the loss NaN"),
    # What training did to the data and the model before starting (its notes).
    QT_TRANSLATE_NOOP("CoreMessages", "using {count} of {total} training images"),
    QT_TRANSLATE_NOOP("CoreMessages", "images resized from {source} to {size}"),
    QT_TRANSLATE_NOOP("CoreMessages", "skipped {count} file(s) that could not be used: {files}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "froze the first {count} layers (the model has only {total}, so all of "
                      "them): {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "froze the first {count} layers: {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "froze the backbone: {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "kept the model's own frozen layers: {names}"),
    QT_TRANSLATE_NOOP("CoreMessages", "trainable parameters: {count} of {total}"),
    QT_TRANSLATE_NOOP("CoreMessages", "dropout {rate} in {count} layer(s)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{title} rebuilt with {count} outputs for this data (was {total})"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "each batch is split across {count} devices and their gradients averaged"),
    QT_TRANSLATE_NOOP("CoreMessages", "live {name} off: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{train} generated strings of 1-{digits} digits, {test} for testing (made "
                      "of unseen drawings)"),
    # What a text training set is (core/data: sentiment.py, text_sets.py, text_files.py,
    # pair_dataset.py, tagging.py, long_dependency.py), in the training header.
    QT_TRANSLATE_NOOP("CoreMessages", "{count} generated English sentences (seeded); tokens are "
                      "words and punctuation"),
    QT_TRANSLATE_NOOP("CoreMessages", "{count} generated Vietnamese sentences (seeded); tokens "
                      "are syllables ('học sinh' is two)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "{count} generated English sentences with a tag per word (seeded)"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "encoded with the model's own vocabulary ({count} tokens); {share} of "
                      "this data's tokens are unknown to it"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "encoded with the model's own vocabulary ({count} source and {total} "
                      "target tokens); {share} of the source tokens are unknown to it"),
    QT_TRANSLATE_NOOP("CoreMessages", "{count} sentence(s) cut after {length} tokens"),
    QT_TRANSLATE_NOOP("CoreMessages", "skipped {count} row(s) with an empty text or label"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "long-dependency task: the first of {count} tokens sets the class"),
    # How a drawing was prepared for the CRNN (core/probes/ctc_prepare.py).
    QT_TRANSLATE_NOOP("CoreMessages", "ink cut out of {source} and fitted to {size}"),
    # An edit the builder refuses (core/builder/architecture.py, keras_io.py).
    QT_TRANSLATE_NOOP("CoreMessages",
                      "a layer named {name} already exists; choose another name"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "there is no layer named {name}; pick one of the table's names"),
    QT_TRANSLATE_NOOP("CoreMessages", "the network has no Input layer yet; add one first"),
    QT_TRANSLATE_NOOP("CoreMessages", "layer {name}: {problem}"),
    # Catch-alls last: they would match the longer sentences above.
    QT_TRANSLATE_NOOP("CoreMessages", "layer {name}"),
)

#: Phrases the core puts inside the sentences above, translated where they appear.
PHRASES = (
    QT_TRANSLATE_NOOP("CoreMessages", "it contains plain text"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is neither a zip archive nor an HDF5 file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a folder, not a model file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a TensorFlow SavedModel folder, not a model file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a file without an extension"),
    QT_TRANSLATE_NOOP("CoreMessages", "a PyTorch file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a checkpoint"),
    QT_TRANSLATE_NOOP("CoreMessages", "an ONNX file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a TensorFlow graph file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a TensorFlow Lite file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a pickle file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a safetensors weights file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a NumPy archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "very large"),
    QT_TRANSLATE_NOOP("CoreMessages", "the model config"),
    QT_TRANSLATE_NOOP("CoreMessages", "Keras v3 (.keras zip)"),
    QT_TRANSLATE_NOOP("CoreMessages", "legacy HDF5 (.h5)"),
    QT_TRANSLATE_NOOP("CoreMessages", "Installed classes: not checked yet"),
    QT_TRANSLATE_NOOP("CoreMessages", "Needs unsafe loading, which runs code from the file:"),
    QT_TRANSLATE_NOOP("CoreMessages", "Safety: loads in safe mode (no code from the file runs)"),
    QT_TRANSLATE_NOOP("CoreMessages", "grey images repeated into RGB"),
    QT_TRANSLATE_NOOP("CoreMessages", "colour images converted to grey"),
    QT_TRANSLATE_NOOP("CoreMessages", "no backbone (nested model) to freeze"),
    QT_TRANSLATE_NOOP("CoreMessages", "every layer is trainable"),
    QT_TRANSLATE_NOOP("CoreMessages", "this model has no dropout layer"),
    QT_TRANSLATE_NOOP("CoreMessages", "only one device: training without MirroredStrategy"),
    QT_TRANSLATE_NOOP("CoreMessages", "mixed precision needs a GPU; training in float32"),
    QT_TRANSLATE_NOOP("CoreMessages", "mixed precision: float16 maths, float32 weights"),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "dark ink on a light background: inverted (the model learned light ink "
                      "on dark)"),
    QT_TRANSLATE_NOOP("CoreMessages", "HEIC (iPhone photo)"),
    QT_TRANSLATE_NOOP("CoreMessages", "SVG (vector drawing)"),
)
