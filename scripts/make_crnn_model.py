"""Train the CRNN dlviz ships (resources/models/crnn-digit-strings.keras).

Run from the repository root (a few minutes on two CPU cores)::

    .venv/bin/python scripts/make_crnn_model.py

A CRNN (three conv blocks, a bidirectional LSTM, a softmax per column) is
trained with CTC loss from a fixed seed, with TensorFlow's deterministic ops,
on generated handwritten digit strings (``load_digit_strings``). It is then
scored on strings made of digit drawings it never saw: the share read exactly
and the character error rate, printed and written into the sidecar
``crnn-digit-strings.ctc.json``. The sample pictures
``resources/samples/1x_digits_*.png`` (unseen drawings, twice the model's
size, as a person would drop them) are written too: for each, the first
drawing (by seed) the model reads right.
It stops with an error, writing no model, below its accuracy floor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

COMMAND = ".venv/bin/python scripts/make_crnn_model.py"
NAME = "crnn-digit-strings"
SEED = 0
TRAIN, TEST = 8000, 1000
EPOCHS = 14
BATCH_SIZE = 32
LEARNING_RATE = 2e-3
UNITS, FILTERS = 64, (32, 64, 64)
FLOOR = 0.6          # exact strings; chance is about 0 for 1-6 digits
#: Sample pictures: file name -> the string drawn.
SAMPLES = {"11_digits_2024.png": "2024", "12_digits_531.png": "531",
           "13_digits_86907.png": "86907"}
#: Drawings tried per sample (seeds 0, 1, ...), for one the model reads right.
SAMPLE_TRIES = 20


def write_sample(path: Path, text: str, seed: int) -> None:
    """One strip of unseen drawings at 2x (64x256), light ink on black."""
    import numpy as np
    from PIL import Image

    from dlviz.core.data.digit_strings import digit_string_image

    strip = digit_string_image(text, seed)[..., 0]
    pixels = np.clip(np.rint(strip * 255), 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels).resize((pixels.shape[1] * 2, pixels.shape[0] * 2),
                                           Image.Resampling.BICUBIC)
    image.save(path, optimize=True)


def write_samples(model, out: Path) -> dict:
    """Each sample as the first drawing (by seed) the model reads right, as the app
    reads a dropped file; returns name -> {"text", "seed"}. Unseen strings are
    misread at the rate the sidecar reports, so some seeds are skipped."""
    from dlviz.core.data import read_image
    from dlviz.core.probes.ctc import ctc_alignment

    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, text in SAMPLES.items():
        for seed in range(SAMPLE_TRIES):
            write_sample(out / name, text, seed)
            found = ctc_alignment(model, read_image(out / name).array).text
            print(f"  {name} (drawing {seed}): read {found!r}", flush=True)
            if found == text:
                written[name] = {"text": text, "seed": seed}
                break
        else:
            raise SystemExit(f"no drawing of {text} in {SAMPLE_TRIES} was read right")
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    parser.add_argument("--samples", type=Path, default=ROOT / "resources" / "samples")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)

    import keras
    import tensorflow as tf

    from dlviz.core.data.digit_strings import load_digit_strings
    from dlviz.core.modelio import save_model
    from dlviz.core.zoo.crnn import CRNN
    from dlviz.core.zoo.trained import file_sha256

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    data = load_digit_strings(TRAIN, TEST, seed=SEED)
    net = CRNN(units=UNITS, filters=FILTERS)
    net.build()
    net.compile(learning_rate=LEARNING_RATE)
    net.train(data.x_train, data.y_train, epochs=args.epochs, batch_size=BATCH_SIZE,
              verbose=2)
    scores = net.test(data.x_test, data.y_test)
    print(f"{NAME}: {scores['string_accuracy']:.1%} of {TEST} unseen strings read exactly, "
          f"character error rate {scores['character_error_rate']:.2%}", flush=True)
    if scores["string_accuracy"] < FLOOR:
        raise SystemExit(f"{NAME} read only {scores['string_accuracy']:.3f} (< {FLOOR})")
    samples = write_samples(net.model, args.samples)

    plain = CRNN(units=UNITS, filters=FILTERS).build()  # no optimizer state in the file
    plain.set_weights(net.model.get_weights())
    args.out.mkdir(parents=True, exist_ok=True)
    path = save_model(plain, args.out / f"{NAME}.keras")
    sidecar = {
        "name": NAME, "title": "CRNN, trained on digit strings",
        "architecture": "crnn", "data": "digit-strings",
        "class_names": list(data.class_names), "input_shape": list(net.input_shape),
        "units": UNITS, "filters": list(FILTERS),
        "string_accuracy": round(scores["string_accuracy"], 4),
        "character_error_rate": round(scores["character_error_rate"], 4),
        "test_strings": TEST, "train_strings": TRAIN, "epochs": args.epochs,
        "batch_size": BATCH_SIZE, "optimizer": "adam", "learning_rate": LEARNING_RATE,
        "seed": SEED, "samples": samples, "command": COMMAND,
        "keras": keras.__version__, "tensorflow": tf.__version__,
        "sha256": file_sha256(path),
    }
    (args.out / f"{NAME}.ctc.json").write_text(json.dumps(sidecar, indent=2) + "\n",
                                              encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", flush=True)


if __name__ == "__main__":
    main()
