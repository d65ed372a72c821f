"""Train the small models dlviz ships (resources/models/) on its bundled data.

Run from the repository root (a few minutes on two CPU cores)::

    .venv/bin/python scripts/make_trained_models.py

Each model is a library preset trained from a fixed seed, with TensorFlow's
deterministic ops, on a bundled dataset (the easy generated shapes, or
scikit-learn's handwritten digits) fitted to its input exactly as the app's
training does. The script writes ``<name>.keras`` (weights only, no optimizer
state) and ``<name>.json``: the architecture, dataset, class names, the
accuracy on the held-out test images, the samples in ``resources/samples``
that it recognises, and this command. It stops with an error, writing
nothing, if a model misses its accuracy floor or one of its samples.
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

COMMAND = ".venv/bin/python scripts/make_trained_models.py"

#: What to train. ``samples`` maps each matching sample file to its class.
MODELS = (
    # AlexNet mini rather than VGG-16 mini: its last convolution keeps 7x7
    # maps at 32x32 (VGG's has 2x2), so its Grad-CAM can sit on the shape.
    dict(name="alexnet-mini-shapes", title="AlexNet mini, trained on shapes",
         architecture="alexnet-mini", data="shapes", epochs=7, learning_rate=5e-4,
         floor=0.95, order=0,
         samples={"06_shape_star.jpg": "star", "07_shape_triangle.jpg": "triangle",
                  "08_shape_cross.jpg": "cross"}),
    dict(name="lenet5-digits", title="LeNet-5, trained on digits",
         architecture="lenet5", data="digits", epochs=12, learning_rate=1e-3,
         floor=0.95, order=1,
         samples={"09_digit_3.png": "3", "10_digit_7.png": "7"}),
)
SEED = 0
BATCH_SIZE = 32


def train(spec: dict, out: Path) -> dict:
    """Train one model, check it, write its two files; returns the sidecar."""
    import keras
    import numpy as np
    import tensorflow as tf

    from dlviz.core.modelio import save_model
    from dlviz.core.training.config import DataSpec
    from dlviz.core.training.data import load_training_data
    from dlviz.core.zoo import get_entry
    from dlviz.core.zoo.trained import file_sha256

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    entry = get_entry(spec["architecture"])
    shape = tuple(entry.create().input_shape)
    data = load_training_data(DataSpec(spec["data"], seed=SEED), shape, None)
    net = entry.create(classes=data.num_classes)
    net.build()
    net.compile(learning_rate=spec["learning_rate"])
    net.train(data.x_train, data.y_train, epochs=spec["epochs"], batch_size=BATCH_SIZE,
              verbose=2)
    accuracy = net.test(data.x_test, data.y_test)["accuracy"]
    print(f"{spec['name']}: test accuracy {accuracy:.4f} on {len(data.y_test)} images",
          flush=True)
    if accuracy < spec["floor"]:
        raise SystemExit(f"{spec['name']} reached only {accuracy:.3f} (< {spec['floor']})")
    recognised = check_samples(net.model, spec["samples"], data.class_names)

    # A fresh, uncompiled copy: the file holds the weights, not Adam's state.
    plain = entry.create(classes=data.num_classes).build()
    plain.set_weights(net.model.get_weights())
    path = save_model(plain, out / f"{spec['name']}.keras")
    sidecar = {
        "name": spec["name"], "title": spec["title"], "order": spec["order"],
        "architecture": spec["architecture"], "data": spec["data"],
        "class_names": list(data.class_names), "input_shape": list(shape),
        "test_accuracy": round(float(accuracy), 4), "test_images": int(len(data.y_test)),
        "train_images": int(len(data.y_train)), "epochs": spec["epochs"],
        "batch_size": BATCH_SIZE, "optimizer": "adam",
        "learning_rate": spec["learning_rate"], "seed": SEED,
        "samples": recognised, "sample": next(iter(spec["samples"])),
        "command": COMMAND, "keras": keras.__version__, "tensorflow": tf.__version__,
        "sha256": file_sha256(path),
    }
    (out / f"{spec['name']}.json").write_text(json.dumps(sidecar, indent=2) + "\n",
                                             encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", flush=True)
    return sidecar


def check_samples(model, samples: dict, class_names) -> dict:
    """Each sample as the app shows it (read, resized, scaled): its top class."""
    import numpy as np

    from dlviz.core.data import read_image
    from dlviz.core.probes.preprocess import prepare_input

    found = {}
    for file_name, expected in samples.items():
        loaded = read_image(ROOT / "resources" / "samples" / file_name)
        batch = prepare_input(model, loaded.array, fit="resize").batch
        probabilities = np.asarray(model(batch, training=False))[0]
        top = int(np.argmax(probabilities))
        found[file_name] = {"class": class_names[top],
                            "probability": round(float(probabilities[top]), 4)}
        print(f"  {file_name}: {class_names[top]} ({probabilities[top]:.1%})", flush=True)
        if class_names[top] != expected:
            raise SystemExit(f"{file_name} is a {expected}, but the model says "
                             f"{class_names[top]}")
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=[m["name"] for m in MODELS],
                        help="train only this model")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in MODELS:
        if args.only in (None, spec["name"]):
            train(spec, args.out)


if __name__ == "__main__":
    main()
